#pragma once

#include "api/ApiError.h"
#include "services/ConnectionTester.h"
#include "services/OAuth1Authorizer.h"
#include "services/OAuth2Tokens.h"
#include "services/SecretWriter.h"
#include "storage/ConnectionProfile.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;

namespace accessdesk {

class ConnectionResolver;
class OAuth2Authorizer;
class SecretStore;

// What the browser sign-in of one profile needs besides the profile itself (its address, TLS
// settings, and consumer key + private key file, or OAuth 2.0 client id).
struct BrowserSignInRequest
{
    ConnectionProfile profile; // authKind OAuth1 or OAuth2
    QString clientSecret;      // OAuth 2.0, a secret; empty for a public client
    QString scope;             // OAuth 2.0; empty: the server's default
    // OAuth 2.0: Jira compares redirect URIs exactly, so this must be the port of the
    // http://127.0.0.1:<port>/callback the client was registered with; 0 picks a free one.
    quint16 redirectPort = 0;
};

// The sign-ins that happen in the user's browser, for the desktop app's connection dialog: the
// OAuth 1.0a dance (OAuth1Authorizer: the authorize page shows a verification code the user
// pastes back) and the OAuth 2.0 authorization code + PKCE login (OAuth2Authorizer: the browser
// comes back to a loopback redirect). accessdesk-cli runs the same authorizers; both keep what
// they obtained with secretsOf() — the keychain entries a profile of that kind signs in with.
//
// start() emits authorizeUrlReady(url) for the caller to open in the browser; OAuth 1.0a then
// waits for submitVerifier(). A job: exactly one finished() per start(), also on failure or
// cancel(); then succeeded(), secrets() or the problem in plain words.
class BrowserSignIn final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserSignIn)

public:
    using Field = ConnectionCheck::Field;

    // secrets and network must outlive the job.
    BrowserSignIn(SecretStore *secrets, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~BrowserSignIn() override;

    // Starts a new sign-in; one still running is cancelled and never reports.
    void start(BrowserSignInRequest request);
    // OAuth 1.0a: the code the authorize page showed (or the whole address it sent the browser
    // to). Ignored unless isWaitingForVerifier().
    void submitVerifier(const QString &text);
    // Stops the sign-in under way; it reports finished() with isCancelled(). Safe at any time.
    void cancel();

    bool isRunning() const { return m_running; }
    bool isWaitingForVerifier() const;
    AuthKind kind() const { return m_request.profile.authKind; }
    QUrl authorizeUrl() const { return m_authorizeUrl; }

    bool succeeded() const { return !m_running && m_succeeded; }
    bool isCancelled() const { return m_error.kind() == ApiError::Kind::Cancelled; }
    // What went wrong, as a sentence, and the field it concerns; empty on success or cancel.
    const QString &problem() const { return m_problem; }
    Field problemField() const { return m_problemField; }
    const ApiError &error() const { return m_error; }
    // On success: the tokens to store with the profile (secretsOf()).
    const SecretWriter::Secrets &secrets() const { return m_secrets; }

    // The keychain entries a profile signs in with after the dance.
    static SecretWriter::Secrets secretsOf(const OAuth1AccessGrant &grant);
    // The client secret is kept too when there is one: refreshing needs it (OAuth2Renewal).
    static SecretWriter::Secrets secretsOf(const OAuth2Tokens &tokens, const QString &clientSecret);
    // The user may paste the whole callback address instead of the code alone.
    static QString verifierFrom(const QString &text);

signals:
    void authorizeUrlReady(const QUrl &url);
    void finished();

private:
    void onResolved(ConnectionResolver *resolver, quint64 run);
    void startOAuth1(const ConnectionSettings &settings);
    void startOAuth2(const ConnectionSettings &settings);
    void onOAuth1Finished();
    void onOAuth2Finished();
    void drop();
    void fail(Field field, const QString &problem, const ApiError &error = {});
    void finishLater(quint64 run, Field field, const QString &problem);
    void succeed(SecretWriter::Secrets secrets);
    QString explain(const ApiError &error) const;

    SecretStore *m_secretStore;
    QNetworkAccessManager *m_network;
    BrowserSignInRequest m_request;
    QPointer<ConnectionResolver> m_resolver;
    QPointer<OAuth1Authorizer> m_oauth1;
    QPointer<OAuth2Authorizer> m_oauth2;
    QUrl m_authorizeUrl;
    bool m_running = false;
    bool m_succeeded = false;
    QString m_problem;
    Field m_problemField = Field::None;
    ApiError m_error;
    SecretWriter::Secrets m_secrets;
    quint64 m_run = 0; // bumped by every start() and cancel(): late reports are ignored
};

} // namespace accessdesk
