#pragma once

#include "AuthKind.h"
#include "services/BrowserSignIn.h"
#include "storage/ConnectionProfile.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace accessdesk {

class SecretStore;

// The connection dialog's rows for the sign-ins that happen in the browser: OAuth 1.0a (consumer
// key, private key file; the verification code the authorize page shows is pasted back) and
// OAuth 2.0 (client ID and secret, the redirect port the client was registered with). "Sign in
// in browser…" runs the dance in BrowserSignIn and opens the authorize page with
// QDesktopServices; this widget only renders it and forwards what the user does. The tokens
// obtained are handed to the dialog's draft (secrets()), so Save stores them in the keychain.
class BrowserSignInPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserSignInPanel)

public:
    // secrets and network must outlive the panel.
    BrowserSignInPanel(SecretStore *secrets, QNetworkAccessManager *network,
                       QWidget *parent = nullptr);

    // The profile as typed so far (address, TLS settings), asked for when a sign-in starts.
    void setDraftSource(std::function<ConnectionProfile()> source) { m_source = std::move(source); }
    // Which rows to show: OAuth 1.0a's or OAuth 2.0's.
    void setKind(AuthKind kind);
    void setProfile(const ConnectionProfile &profile);
    // Writes what was typed here (consumer key, key file, client ID) into profile.
    void applyTo(ConnectionProfile &profile) const;
    // The tokens the last sign-in obtained; empty before one succeeded.
    const SecretWriter::Secrets &secrets() const { return m_secrets; }
    // Tokens obtained for another address or method are of no use: forget them (and stop a
    // sign-in under way).
    void forgetSignIn();

    BrowserSignIn *signIn() const { return m_signIn; }
    QString statusText() const;

signals:
    // A sign-in ended (read signIn() for how) or was forgotten.
    void signInChanged();
    // The user started a sign-in.
    void started();
    // The line under the buttons changed (it may need more room).
    void statusChanged();

private:
    void start();
    void onAuthorizeUrl(const QUrl &url);
    void onFinished();
    void choosePrivateKey();
    void setStatus(const QString &text, bool problem = false);
    void updateRows();

    BrowserSignIn *m_signIn;
    std::function<ConnectionProfile()> m_source;
    AuthKind m_kind = AuthKind::OAuth1;
    SecretWriter::Secrets m_secrets;
    QFormLayout *m_form;
    QLineEdit *m_consumerKey;
    QLineEdit *m_privateKey;
    QPushButton *m_choosePrivateKey;
    QWidget *m_privateKeyRow;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QSpinBox *m_redirectPort;
    QComboBox *m_scope;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QWidget *m_buttonsRow;
    QLineEdit *m_verifier;
    QPushButton *m_finish;
    QWidget *m_verifierRow;
    QLabel *m_status;
};

} // namespace accessdesk
