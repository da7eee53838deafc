#pragma once

#include <QHash>
#include <QString>

class QFormLayout;
class QLabel;
class QWidget;

namespace accessdesk {

struct AppLinkOutcome;

// The messages a form shows under its fields, found by a key (AppLinkOutcome's field keys: "url",
// "name", "remoteUser", …), so a failure reported for a field is said right beneath it. Each
// message row stays hidden until it has something to say; nothing typed is touched.
class FieldMessages final
{
public:
    FieldMessages() = default;
    Q_DISABLE_COPY_MOVE(FieldMessages)

    // Adds a hidden message row under field's row in form (field already added to it).
    QLabel *addRow(QFormLayout *form, const QString &key, QWidget *field,
                   const QString &accessibleName);
    // Shows text under key's field and puts the cursor there; false when no row has that key.
    bool show(const QString &key, const QString &text);
    // Says the outcome (message, then advice) under the field it names, or in elsewhere when it
    // names none of these fields. Returns the key it was shown at (empty: elsewhere).
    QString showOutcome(const AppLinkOutcome &outcome, QLabel *elsewhere);
    static QString describe(const AppLinkOutcome &outcome);
    void clear();
    QString text(const QString &key) const;
    QLabel *label(const QString &key) const;

private:
    struct Row
    {
        QFormLayout *form;
        QLabel *label;
        QWidget *field;
    };
    QHash<QString, Row> m_rows;
};

} // namespace accessdesk
