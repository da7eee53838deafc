#pragma once

#include "api/ApiError.h"
#include "api/ServerConnection.h"
#include "secrets/SecretKey.h"
#include "services/ConnectionError.h"
#include "services/OAuth2Refresher.h"
#include "services/OAuth2Tokens.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace accessdesk {

class SecretStore;

// What one renewal of a stored OAuth 2.0 sign-in needs.
struct OAuth2RenewalRequest
{
    ConnectionSettings settings;
    QString profileName; // its keychain entry holds the refresh token and gets the new pair
    QString clientId;
    // The client secret: from this environment variable when named (accessdesk-cli's
    // --client-secret-env), else from the profile's keychain entry; absent is allowed (a public
    // client).
    QString clientSecretEnv;
    QString accessToken; // the one in use; empty forces a refresh
    OAuth2Refresher::Policy policy = OAuth2Refresher::Policy::WhenExpiredOrRefused;
    QDateTime expiresAt; // of accessToken when known (an earlier renewal said), else invalid
};

// Keeps a stored OAuth 2.0 sign-in alive, the one way accessdesk-cli and the desktop app both do
// it: read the refresh token (and client secret) from the profile's keychain entry, let
// OAuth2Refresher trade it for a new pair when the access token is due or refused (or always),
// and store BOTH new tokens in the keychain at once (Jira rotates refresh tokens: the old one is
// dead after the first use).
//
// A job: start(), then exactly one finished(), always after start() returned; cancel() or
// deleting it abandons the run. Then read outcome() and the details that go with it.
class OAuth2Renewal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2Renewal)

public:
    enum class Outcome {
        NotNeeded,        // the access token works and is not due: nothing changed
        Refreshed,        // tokens() is the new pair; storeProblem() says if it was not stored
        NoRefreshToken,   // the keychain holds none: only a new sign-in helps
        SecretUnreadable, // secretError(), secretErrorString(): the keychain or environment failed
        Failed,           // error(): refused (Unauthenticated: sign in again), or unreachable
    };

    // secrets and network must outlive the job.
    OAuth2Renewal(SecretStore *secrets, QNetworkAccessManager *network,
                  OAuth2RenewalRequest request, QObject *parent = nullptr);
    ~OAuth2Renewal() override;

    void setClock(UtcClock clock) { m_clock = std::move(clock); }
    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    Outcome outcome() const { return m_outcome; }
    bool refreshed() const { return m_outcome == Outcome::Refreshed; }
    // Refused by the server: the user must sign in again.
    bool needsNewSignIn() const;
    const ApiError &error() const { return m_error; }
    ConnectionError secretError() const { return m_secretError; }
    const QString &secretErrorString() const { return m_secretErrorString; }
    const OAuth2Tokens &tokens() const { return m_tokens; }
    // Refreshed, but the keychain did not take the new pair (the caller warns: next time the old,
    // now dead, refresh token would be read).
    const QString &storeProblem() const { return m_storeProblem; }

signals:
    void finished();

private:
    void readSecret(SecretKind kind, const QString &what, const QString &envVar,
                    std::function<void(const QString &)> then);
    void refreshWith(const QString &refreshToken, const QString &clientSecret);
    void store();
    void finish(Outcome outcome);

    SecretStore *m_secrets;
    QNetworkAccessManager *m_network;
    OAuth2RenewalRequest m_request;
    UtcClock m_clock;
    QPointer<QObject> m_step; // the reader, refresher or writer running now
    OAuth2Tokens m_tokens;
    Outcome m_outcome = Outcome::NotNeeded;
    ApiError m_error;
    ConnectionError m_secretError = ConnectionError::None;
    QString m_secretErrorString;
    QString m_storeProblem;
    quint64 m_run = 0;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace accessdesk
