#pragma once

#include "api/ApiError.h"
#include "api/ServerConnection.h"
#include "services/OAuth2Tokens.h"

#include <QObject>
#include <QPointer>

#include <chrono>

class QNetworkAccessManager;

namespace accessdesk {

class ApiJob;
class RefreshOAuth2Token;

// Keeps an OAuth 2.0 sign-in usable: trades the refresh token for a new pair at the token
// endpoint (spec 6.3) — always, or only when the access token is due or the server refuses it.
//
// Jira treats an expired or revoked bearer token as no credentials at all (spec 1.2, 6.7), so
// "refused" means: GET /rest/api/2/myself with it answers 401. Jira rotates refresh tokens, so
// after a refresh the caller must store both new tokens at once.
//
// A job: finished() is emitted exactly once; then read error(), refreshed() and tokens() (the new
// tokens, or the given ones when no refresh was needed). A refused refresh token is an
// Unauthenticated error: the user must sign in again.
class OAuth2Refresher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2Refresher)

public:
    enum class Policy {
        Always,               // refresh now (e.g. "oauth2 refresh", or after the caller got a 401)
        WhenExpiredOrRefused, // refresh only when due or refused; otherwise report the same tokens
    };

    // Refresh this long before the access token expires, so a request does not race the expiry.
    static constexpr std::chrono::seconds kDefaultMargin{60};

    OAuth2Refresher(QNetworkAccessManager *network, ConnectionSettings settings,
                    OAuth2ClientKeys client, OAuth2Tokens current, QObject *parent = nullptr);
    ~OAuth2Refresher() override;

    void setPolicy(Policy policy) { m_policy = policy; }
    void setClock(UtcClock clock) { m_clock = std::move(clock); }

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    const ApiError &error() const { return m_error; }
    bool refreshed() const { return m_refreshed; }
    const OAuth2Tokens &tokens() const { return m_tokens; }

    // True when tokens.expiresAt is known and lies within margin of now (or before it).
    static bool isDue(const OAuth2Tokens &tokens, const QDateTime &now,
                      std::chrono::seconds margin = kDefaultMargin);

signals:
    void finished();

private:
    void checkAccessToken();
    void onChecked();
    void refresh();
    void onRefreshed(RefreshOAuth2Token *job);
    void finish(const ApiError &error);

    QNetworkAccessManager *m_network;
    ConnectionSettings m_settings;
    OAuth2ClientKeys m_client;
    OAuth2Tokens m_tokens;
    Policy m_policy = Policy::WhenExpiredOrRefused;
    UtcClock m_clock;
    ServerConnection *m_connection = nullptr;
    QPointer<ApiJob> m_job;
    bool m_started = false;
    bool m_finished = false;
    bool m_refreshed = false;
    ApiError m_error;
};

} // namespace accessdesk
