#pragma once

#include "api/ApiError.h"
#include "api/ServerConnection.h"
#include "auth/LoopbackRedirectListener.h"
#include "services/OAuth2Tokens.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;

namespace accessdesk {

class ApiJob;
class ExchangeOAuth2Code;

// Signs a user in with Jira's OAuth 2.0 provider (spec 6.2, 6.3): authorization code with PKCE
// (S256) and a state value, received on a loopback redirect (RFC 8252).
//
// start() listens on 127.0.0.1 and emits authorizeUrlReady(url); the caller opens it in the
// system browser (or shows it). When the browser comes back with the code, it is exchanged at the
// token endpoint. A job: finished() is emitted exactly once, also on error, denial, timeout or
// cancel(); then read error() and result().
class OAuth2Authorizer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2Authorizer)

public:
    struct Options
    {
        OAuth2ClientKeys client;
        QString scope; // READ, WRITE, ADMIN or SYSTEM_ADMIN; empty: the server's default
        // Jira compares redirect URIs exactly, so the client is usually registered with
        // http://127.0.0.1:<port>/callback and this port must match; 0 picks a free one.
        quint16 redirectPort = 0;
        std::chrono::milliseconds timeout = LoopbackRedirectListener::kDefaultTimeout;
    };

    OAuth2Authorizer(QNetworkAccessManager *network, ConnectionSettings settings, Options options,
                     QObject *parent = nullptr);
    ~OAuth2Authorizer() override;

    void setClock(UtcClock clock) { m_clock = std::move(clock); }

    void start();
    // Safe at any time and more than once; reports Cancelled unless already finished.
    void cancel();

    bool isFinished() const { return m_finished; }
    const ApiError &error() const { return m_error; }
    const OAuth2Tokens &result() const { return m_result; }
    QUrl authorizeUrl() const { return m_authorizeUrl; }
    QString redirectUri() const { return m_redirectUri; }

signals:
    void authorizeUrlReady(const QUrl &url);
    void finished();

private:
    void onRedirect();
    void onToken(ExchangeOAuth2Code *job);
    void finish(const ApiError &error);
    static ApiError errorOf(const LoopbackRedirectListener &listener);

    ServerConnection *m_connection;
    Options m_options;
    UtcClock m_clock;
    LoopbackRedirectListener *m_listener = nullptr;
    QPointer<ApiJob> m_job;
    QByteArray m_verifier; // PKCE code verifier: secret until the token request
    QString m_redirectUri;
    QUrl m_authorizeUrl;
    bool m_started = false;
    bool m_finished = false;
    ApiError m_error;
    OAuth2Tokens m_result;
};

} // namespace accessdesk
