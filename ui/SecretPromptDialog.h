#pragma once

#include "services/AppSession.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace accessdesk {

// Asks for a profile's password or token when no keychain can give it (AppSession::secretNeeded):
// says in plain words why it asks (the keychain's own words are in the tooltip), takes the secret
// and hands it on with secretGiven(); it is not stored. Cancel (or closing) emits declined().
// Opens with open(), deletes itself when closed; the typed text is wiped then.
class SecretPromptDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretPromptDialog)

public:
    explicit SecretPromptDialog(const AppSession::SecretRequest &request,
                                QWidget *parent = nullptr);
    ~SecretPromptDialog() override;

    void done(int result) override;

signals:
    void secretGiven(const QString &secret);
    void declined();

private:
    QLabel *m_notice;
    QLineEdit *m_secret;
    QPushButton *m_connect;
    QPushButton *m_cancel;
    bool m_answered = false;
};

} // namespace accessdesk
