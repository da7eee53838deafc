#include "services/OAuth2Refresher.h"

#include "api/CoreJobs.h"
#include "api/OAuthFlowJobs.h"
#include "auth/BearerCredentials.h"

#include <QTimer>

namespace accessdesk {

OAuth2Refresher::OAuth2Refresher(QNetworkAccessManager *network, ConnectionSettings settings,
                                 OAuth2ClientKeys client, OAuth2Tokens current, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_settings(std::move(settings))
    , m_client(std::move(client))
    , m_tokens(std::move(current))
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{}

OAuth2Refresher::~OAuth2Refresher() = default;

bool OAuth2Refresher::isDue(const OAuth2Tokens &tokens, const QDateTime &now,
                            std::chrono::seconds margin)
{
    return tokens.expiresAt.isValid() && now.addSecs(margin.count()) >= tokens.expiresAt;
}

void OAuth2Refresher::start()
{
    if (m_started)
        return;
    m_started = true;
    // Every path reports from the event loop, never from inside start().
    QTimer::singleShot(0, this, [this] {
        if (m_finished)
            return;
        if (m_policy == Policy::Always || m_tokens.accessToken.isEmpty() ||
            isDue(m_tokens, m_clock()))
            refresh();
        else
            checkAccessToken();
    });
}

void OAuth2Refresher::checkAccessToken()
{
    delete m_connection;
    m_connection = new ServerConnection(
        m_network, m_settings,
        std::make_shared<BearerCredentials>(m_tokens.accessToken, AuthKind::OAuth2), this);
    auto *job = new GetMyself(m_connection, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, &OAuth2Refresher::onChecked);
    job->start();
}

void OAuth2Refresher::onChecked()
{
    ApiJob *job = m_job;
    if (!job || m_finished)
        return;
    job->deleteLater();
    m_job = nullptr;
    if (job->succeeded()) {
        finish({});
        return;
    }
    if (job->error().kind() == ApiError::Kind::Unauthenticated) {
        refresh();
        return;
    }
    finish(job->error());
}

void OAuth2Refresher::refresh()
{
    if (m_tokens.refreshToken.isEmpty()) {
        finish(ApiError(ApiError::Kind::Unauthenticated, 0,
                        tr("The OAuth 2.0 access token no longer works and there is no refresh "
                           "token: sign in again.")));
        return;
    }
    delete m_connection;
    // The token endpoint is anonymous; the refused bearer token must not travel along.
    m_connection = new ServerConnection(m_network, m_settings, nullptr, this);
    auto *job = new RefreshOAuth2Token(m_connection, m_tokens.refreshToken, m_client.clientId,
                                       m_client.clientSecret, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] { onRefreshed(job); });
    job->start();
}

void OAuth2Refresher::onRefreshed(RefreshOAuth2Token *job)
{
    job->deleteLater();
    if (m_finished)
        return;
    m_job = nullptr;
    if (!job->succeeded()) {
        ApiError error = job->error();
        // invalid_grant (400) or invalid_client (401): only a new sign-in helps.
        if (error.httpStatus() == 400 || error.httpStatus() == 401)
            error = ApiError(ApiError::Kind::Unauthenticated, error.httpStatus(),
                             tr("The server refused the OAuth 2.0 refresh token (%1): sign in "
                                "again.")
                                 .arg(error.serverMessage()));
        finish(error);
        return;
    }
    m_tokens = OAuth2Tokens::fromResponse(job->result(), m_clock(), m_tokens.refreshToken);
    m_refreshed = true;
    finish({});
}

void OAuth2Refresher::cancel()
{
    if (m_finished)
        return;
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
        m_job->deleteLater();
        m_job = nullptr;
    }
    QTimer::singleShot(0, this, [this] { finish(ApiError(ApiError::Kind::Cancelled, 0, {})); });
}

void OAuth2Refresher::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    emit finished();
}

} // namespace accessdesk
