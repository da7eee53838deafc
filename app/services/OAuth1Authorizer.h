#pragma once

#include "api/ApiError.h"
#include "api/ServerConnection.h"
#include "auth/OAuth1Signer.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

namespace accessdesk {

class ApiJob;
class ExchangeOAuth1Token;
class RequestOAuth1Token;

// What the dance leaves the consumer with. token and tokenSecret are secrets (keychain:
// SecretKind::OAuth1Token, OAuth1TokenSecret); so is the session handle that renews them.
struct OAuth1AccessGrant
{
    QString token;
    QString tokenSecret;
    QString sessionHandle;
    std::optional<qint64> expiresIn;              // seconds, of the access token
    std::optional<qint64> authorizationExpiresIn; // seconds, of the session (renewal window)
};

// Runs the OAuth 1.0a dance as a consumer (spec 4.5): request token → authorizeUrlReady(url),
// which the caller opens in a browser or shows → the user allows it there → the caller passes the
// verifier the provider showed (or sent to the callback) to submitVerifier() → access token.
//
// A job: finished() is emitted exactly once, also on error or cancel(); then read error() and
// result(). It talks to the server on a connection of its own (same settings, the dance's
// credentials), so the caller's connection is never re-signed.
class OAuth1Authorizer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth1Authorizer)

public:
    OAuth1Authorizer(QNetworkAccessManager *network, ConnectionSettings settings,
                     OAuth1Signer signer, QObject *parent = nullptr);
    ~OAuth1Authorizer() override;

    // oauth_callback for step 1; "oob" (the default) makes the provider show the verifier.
    // Set it before start().
    void setCallback(const QString &callback) { m_callback = callback; }

    void start();
    // The verification code the user got after allowing access (surrounding spaces ignored).
    // Only meaningful after authorizeUrlReady(); ignored otherwise.
    void submitVerifier(const QString &verifier);
    // Safe at any time and more than once; reports Cancelled unless already finished.
    void cancel();

    bool isFinished() const { return m_stage == Stage::Done; }
    bool isWaitingForVerifier() const { return m_stage == Stage::WaitingForUser; }
    const ApiError &error() const { return m_error; }
    const OAuth1AccessGrant &result() const { return m_result; }
    QUrl authorizeUrl() const { return m_authorizeUrl; }
    // False for an OAuth 1.0 request token (the provider did not confirm the callback): then the
    // user's approval is enough and submitVerifier() may be given an empty string.
    bool needsVerifier() const { return m_callbackConfirmed; }

signals:
    void authorizeUrlReady(const QUrl &url);
    void finished();

private:
    enum class Stage { Idle, RequestingToken, WaitingForUser, Exchanging, Done };

    void onRequestToken(RequestOAuth1Token *job);
    void onAccessToken(ExchangeOAuth1Token *job);
    void finish(const ApiError &error);

    ServerConnection *m_connection;
    OAuth1Signer m_signer;
    QString m_callback = QStringLiteral("oob");
    Stage m_stage = Stage::Idle;
    QPointer<ApiJob> m_job;
    QString m_requestToken;
    QString m_requestTokenSecret;
    bool m_callbackConfirmed = false;
    QUrl m_authorizeUrl;
    ApiError m_error;
    OAuth1AccessGrant m_result;
};

} // namespace accessdesk
