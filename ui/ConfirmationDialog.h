#pragma once

#include "AccessGrant.h"

#include <QDialog>
#include <QList>
#include <QString>

#include <optional>

class QLabel;
class QPushButton;

namespace accessdesk {

// The one place the app asks "are you sure?". It opens without blocking (open(), deleted on
// close) and reports through answered(). Tests pre-set the next answer with setNextAnswer(): the
// dialog is still built and shown, then answers itself on the next event-loop turn, so a test can
// read its text before it goes.
class ConfirmationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfirmationDialog)

public:
    enum class Answer { Cancel, Accept };

    ConfirmationDialog(const QString &title, const QString &message, const QString &acceptText,
                       QWidget *parent);

    // For revoking grants: names each application and what follows for it.
    static ConfirmationDialog *askRevoke(const QList<AccessGrant> &grants, QWidget *parent);
    static QString revokeMessage(const QList<AccessGrant> &grants);

    // Test hook: the next dialog answers this by itself.
    static void setNextAnswer(Answer answer);

    void open() override;
    QString message() const;
    // A line below the message on what the question leaves out (e.g. grants a filter hides);
    // empty hides it.
    void setNote(const QString &note);
    QString note() const;

signals:
    void answered(bool accepted);

private:
    static std::optional<Answer> s_nextAnswer;

    QLabel *m_message;
    QLabel *m_note;
    QPushButton *m_accept;
    QPushButton *m_cancel;
};

} // namespace accessdesk
