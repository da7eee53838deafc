#include "services/ProfileProbe.h"

#include "api/CoreJobs.h"
#include "api/ServerConnection.h"
#include "services/ConnectionResolver.h"

#include <QNetworkAccessManager>

namespace accessdesk {

ProfileProbe::ProfileProbe(SecretStore *secrets, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_network(network)
{
    Q_ASSERT(m_secrets && m_network);
}

ProfileProbe::~ProfileProbe()
{
    // No signals from here: the owner may be half destroyed already.
    drop();
}

void ProfileProbe::drop()
{
    ++m_run;
    delete m_job.data();
    delete m_resolver.data();
    m_connection.reset();
}

void ProfileProbe::cancel()
{
    drop();
    m_busy = false;
}

void ProfileProbe::start(const ConnectionProfile &profile, const SecretWriter::Secrets &given,
                         Depth depth, bool useStoredSecrets)
{
    drop();
    m_busy = true;
    m_depth = depth;
    m_setupError = ConnectionError::None;
    m_setupErrorString.clear();
    m_keychainError.clear();
    m_apiError = ApiError();
    m_report = ProbeReport();

    if (m_lastPin != profile.pinnedCertificateSha256) {
        m_network->clearConnectionCache();
        m_lastPin = profile.pinnedCertificateSha256;
    }
    auto *resolver = new ConnectionResolver(profile, m_secrets, m_network, this);
    resolver->setPurpose(depth == Depth::SignIn ? ConnectionResolver::Purpose::SignIn
                                                : ConnectionResolver::Purpose::ServerOnly);
    resolver->setKeychainFallback(useStoredSecrets);
    for (const auto &[kind, value] : given)
        resolver->setGivenSecret(kind, value);
    m_resolver = resolver;
    connect(resolver, &ConnectionResolver::finished, this,
            [this, resolver, run = m_run] { resolved(resolver, run); });
    resolver->start();
}

void ProfileProbe::resolved(ConnectionResolver *resolver, quint64 run)
{
    resolver->deleteLater();
    if (run != m_run)
        return;
    m_resolver.clear();
    if (!resolver->succeeded()) {
        m_setupError = resolver->error();
        m_setupErrorString = resolver->errorString();
        m_keychainError = resolver->keychainError();
        m_apiError = resolver->apiError();
        finish();
        return;
    }
    m_connection = resolver->takeConnection();
    if (resolver->authKind() != AuthKind::Session) {
        // A cookie an earlier probe left for this server (Jira answers any request with a
        // session cookie) would make the server see that probe's user instead of this one. A
        // session connection has just logged in: its cookie is the one to keep.
        m_connection->forgetServerCookies();
    }
    if (m_depth == Depth::SignIn)
        probeSignedIn(run);
    else
        probeServerOnly(run);
}

void ProfileProbe::probeSignedIn(quint64 run)
{
    auto *job = new ProbeJob(m_connection.get(), this);
    m_job = job;
    connect(job, &ProbeJob::finished, this, [this, job, run] {
        job->deleteLater();
        if (run != m_run)
            return;
        m_apiError = job->error();
        m_report = job->report();
        finish();
    });
    job->start();
}

void ProfileProbe::probeServerOnly(quint64 run)
{
    auto *job = new GetServerInfo(m_connection.get(), this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job, run] {
        job->deleteLater();
        if (run != m_run)
            return;
        m_apiError = job->error();
        if (job->succeeded())
            m_report.server = job->result();
        finish();
    });
    job->start();
}

void ProfileProbe::finish()
{
    m_busy = false;
    // The connection was only for this probe; jobs still unwinding may hold it a moment longer.
    if (m_connection)
        m_connection.release()->deleteLater();
    emit finished();
}

} // namespace accessdesk
