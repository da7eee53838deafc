#include "services/OAuth1Authorizer.h"

#include "api/OAuthFlowJobs.h"
#include "auth/OAuth1Credentials.h"

#include <QTimer>

namespace accessdesk {

OAuth1Authorizer::OAuth1Authorizer(QNetworkAccessManager *network, ConnectionSettings settings,
                                   OAuth1Signer signer, QObject *parent)
    : QObject(parent)
    , m_connection(new ServerConnection(network, std::move(settings), nullptr, this))
    , m_signer(std::move(signer))
{}

OAuth1Authorizer::~OAuth1Authorizer() = default;

void OAuth1Authorizer::start()
{
    if (m_stage != Stage::Idle)
        return;
    m_stage = Stage::RequestingToken;
    m_connection->setCredentials(std::make_shared<OAuth1Credentials>(
        m_signer, OAuth1TokenParameters::requestToken(m_callback)));
    auto *job = new RequestOAuth1Token(m_connection, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] { onRequestToken(job); });
    job->start();
}

void OAuth1Authorizer::onRequestToken(RequestOAuth1Token *job)
{
    job->deleteLater();
    if (m_stage != Stage::RequestingToken)
        return;
    m_job = nullptr;
    if (!job->succeeded()) {
        finish(job->error());
        return;
    }
    m_requestToken = job->result().token;
    m_requestTokenSecret = job->result().tokenSecret;
    m_callbackConfirmed = job->result().callbackConfirmed;
    m_authorizeUrl = OAuth1Dance::authorizeUrl(m_connection->settings().baseUrl, m_requestToken);
    m_stage = Stage::WaitingForUser;
    emit authorizeUrlReady(m_authorizeUrl);
}

void OAuth1Authorizer::submitVerifier(const QString &verifier)
{
    if (m_stage != Stage::WaitingForUser)
        return;
    const QString code = verifier.trimmed();
    if (code.isEmpty() && m_callbackConfirmed) {
        m_stage = Stage::Exchanging; // finish() must see a running job's stage
        QTimer::singleShot(0, this, [this] {
            finish(ApiError(ApiError::Kind::Validation, 0,
                            tr("No verification code was given: the server shows it after you "
                               "allow access.")));
        });
        return;
    }
    m_stage = Stage::Exchanging;
    m_connection->setCredentials(std::make_shared<OAuth1Credentials>(
        m_signer, OAuth1TokenParameters::exchange(m_requestToken, m_requestTokenSecret,
                                                  m_callbackConfirmed ? code : QString())));
    auto *job = new ExchangeOAuth1Token(m_connection, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] { onAccessToken(job); });
    job->start();
}

void OAuth1Authorizer::onAccessToken(ExchangeOAuth1Token *job)
{
    job->deleteLater();
    if (m_stage != Stage::Exchanging)
        return;
    m_job = nullptr;
    if (!job->succeeded()) {
        finish(job->error());
        return;
    }
    const OAuth1TokenReply &reply = job->result();
    m_result = OAuth1AccessGrant{reply.token, reply.tokenSecret, reply.sessionHandle,
                                 reply.expiresIn, reply.authorizationExpiresIn};
    finish({});
}

void OAuth1Authorizer::cancel()
{
    if (m_stage == Stage::Done)
        return;
    if (m_job) {
        // The job reports Cancelled from the event loop; its handler finishes this job.
        m_job->cancel();
        return;
    }
    const bool started = m_stage != Stage::Idle;
    m_stage = Stage::Exchanging;
    // Like the jobs it runs, this never reports from inside the call.
    QTimer::singleShot(0, this, [this, started] {
        finish(ApiError(ApiError::Kind::Cancelled, 0,
                        started ? QString() : tr("The authorisation was never started.")));
    });
}

void OAuth1Authorizer::finish(const ApiError &error)
{
    if (m_stage == Stage::Done)
        return;
    m_stage = Stage::Done;
    m_error = error;
    // The request token and its secret are of no use any more.
    m_requestTokenSecret.clear();
    m_connection->setCredentials(nullptr);
    emit finished();
}

} // namespace accessdesk
