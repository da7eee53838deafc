#pragma once

#include <QDialog>

#include <chrono>

class QLabel;
class QLineEdit;
class QPushButton;

namespace accessdesk {

struct OAuth2Client;

// An OAuth 2.0 client's id and secret, shown this once (after Create or Reset secret), with Copy
// for each. The copied secret is wiped from the clipboard after a minute if it is still there,
// as for new personal tokens; closing the dialog forgets the secret. Opens without blocking
// (open(); deleted on close).
class ClientSecretDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientSecretDialog)

public:
    enum class Occasion { Created, SecretReset };

    // note: a sentence to add under the title (say, that reading the client back failed); may be
    // empty.
    ClientSecretDialog(Occasion occasion, const OAuth2Client &client, const QString &secret,
                       const QString &note, QWidget *parent = nullptr);
    ~ClientSecretDialog() override;

    // Tests shorten the wait; the wording next to Copy still speaks of a minute.
    void setClipboardClearDelay(std::chrono::milliseconds delay) { m_clearDelay = delay; }
    // Whether anything in the dialog still holds the secret (false once it is closed).
    bool holdsSecret() const;

    void done(int result) override;

private:
    void forgetSecret();

    std::chrono::milliseconds m_clearDelay;
    QLineEdit *m_clientId;
    QLineEdit *m_secret;
    QPushButton *m_copyId;
    QPushButton *m_copySecret;
    QPushButton *m_done;
};

} // namespace accessdesk
