#pragma once

#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

class QLabel;
class QVBoxLayout;
class QWidget;

namespace accessdesk {

struct AdminOutcome;

// The sentences of a form's field errors, each under the field it concerns. Fields are keyed like
// the services' fieldErrors (AdminOutcome, ConsumerDraftVerdict, OAuth2ClientProblems), so local
// checks and the server's refusals land in the same place. The field's accessible description
// carries the sentence too, for screen readers.
class FieldErrors final
{
public:
    FieldErrors() = default;
    Q_DISABLE_COPY_MOVE(FieldErrors)

    // The field with its (hidden) error label below it, for a form row. Register fields in the
    // order they appear, so the first at fault is the first on screen.
    QVBoxLayout *wrap(const QString &key, QWidget *field);
    // Shows these errors and hides the others. Keys without a field are ignored (see unplaced()).
    void show(const QMap<QString, QString> &errors);
    void clear() { show({}); }

    QLabel *label(const QString &key) const { return m_labels.value(key); }
    QString text(const QString &key) const;
    // The first field (in registration order) with an error shown; nullptr when none.
    QWidget *firstAtFault() const;
    // Puts the focus on the first field at fault, if any.
    void focusFirstAtFault() const;
    // The sentences of errors whose key has no field here (shown elsewhere by the form).
    QStringList unplaced(const QMap<QString, QString> &errors) const;
    // What a form says above its buttons when the server refused: the outcome's message, the
    // errors no field here shows, and what to do next.
    QString refusal(const AdminOutcome &outcome) const;

private:
    QStringList m_order;
    QHash<QString, QLabel *> m_labels;
    QHash<QString, QWidget *> m_fields;
};

} // namespace accessdesk
