#include "services/MyAccessController.h"

#include "api/ApiRequest.h"
#include "api/ServerConnection.h"
#include "services/GrantList.h"
#include "services/GrantListCache.h"
#include "services/ProbeJob.h"

#include <algorithm>
#include <iterator>

namespace accessdesk {

int RevokeRun::revokedCount() const
{
    return int(std::count_if(outcomes.cbegin(), outcomes.cend(),
                             [](const RevokeGrantsJob::Outcome &o) { return o.isRevoked(); }));
}

namespace {

using Outcome = RevokeGrantsJob::Outcome;
using Status = RevokeGrantsJob::Status;

template<typename Keep> QList<Outcome> outcomesWhere(const QList<Outcome> &outcomes, Keep keep)
{
    QList<Outcome> kept;
    std::copy_if(outcomes.cbegin(), outcomes.cend(), std::back_inserter(kept), keep);
    return kept;
}

} // namespace

QList<RevokeGrantsJob::Outcome> RevokeRun::failures() const
{
    return outcomesWhere(outcomes, [](const Outcome &o) { return !o.isRevoked(); });
}

QList<RevokeGrantsJob::Outcome> RevokeRun::notRevoked() const
{
    return outcomesWhere(outcomes, [](const Outcome &o) {
        return o.status == Status::NotRevoked || o.status == Status::Failed;
    });
}

QList<RevokeGrantsJob::Outcome> RevokeRun::unconfirmed() const
{
    return outcomesWhere(outcomes, [](const Outcome &o) {
        return o.status == Status::Unknown || o.status == Status::Pending;
    });
}

QList<AccessGrant> RevokeRun::failedGrants() const
{
    QList<AccessGrant> failed;
    for (const RevokeGrantsJob::Outcome &outcome : failures())
        failed << outcome.grant;
    return failed;
}

QList<AccessGrant> RevokeRun::notAttempted() const
{
    return finished ? grants.mid(outcomes.size()) : QList<AccessGrant>();
}

MyAccessController::MyAccessController(ServerConnection *connection, ActivityLog *log,
                                       ActivityContext who, QObject *parent)
    : ConnectionBoundController(connection, log, std::move(who), parent)
    , m_cacheKey(GrantListCache::keyFor(m_who))
{}

void MyAccessController::updateState()
{
    if (m_revokeJob)
        m_state = State::Revoking;
    else if (m_listJob)
        m_state = State::Loading;
    else
        m_state = m_lastError.isEmpty() ? State::Idle : State::Failed;
    emit stateChanged();
}

void MyAccessController::setConnection(ServerConnection *connection, ActivityContext who)
{
    // Deleting a job aborts its replies; nothing it would have reported is about the new server.
    delete m_probeJob.data();
    delete m_listJob.data();
    if (m_revokeJob) {
        // Whoever shows the run learns that the rest was left out.
        m_revokeJob->cancel();
        m_run.outcomes = m_revokeJob->outcomes();
        m_run.cancelled = true;
        m_run.finished = true;
        delete m_revokeJob.data();
        emit revokeFinished(m_run.revokedCount(), int(m_run.failures().size()));
    }
    rebind(connection, std::move(who));
    m_cacheKey = GrantListCache::keyFor(m_who);
    m_grants.clear();
    m_unreadable.clear();
    m_pageUrl.clear();
    m_run = RevokeRun();
    m_lastRefresh = QDateTime();
    m_listAsOf = QDateTime();
    m_fromCache = false;
    m_lastError.clear();
    m_lastErrorKind = ApiError::Kind::None;
    m_admin = false;
    m_probeReport.reset();
    showCachedList();
    emit grantsChanged();
    emit probed();
    updateState();
}

void MyAccessController::setOfflineCache(OfflineCache *cache)
{
    m_cache = cache;
    if (m_lastRefresh.isValid())
        return; // the server's list is already shown
    showCachedList();
    emit grantsChanged();
    updateState();
}

void MyAccessController::showCachedList()
{
    const auto cached = GrantListCache(m_cache).load(m_cacheKey);
    m_fromCache = cached.has_value();
    m_grants = cached ? cached->grants : QList<AccessGrant>();
    // Entries the cache could not read are missing from the list: the page says how many.
    m_unreadable = cached ? cached->unreadable : QList<UnreadableGrantRow>();
    // Where they can be seen until the server's list comes: the page that list is read from.
    if (!m_unreadable.isEmpty() && m_pageUrl.isEmpty() && m_connection)
        m_pageUrl = m_connection->urlFor(ApiRequest::get(accessTokensPagePath()));
    m_listAsOf = cached ? cached->fetchedAt : QDateTime();
}

void MyAccessController::refresh()
{
    if (m_listJob || !m_connection)
        return; // one listing at a time; the running one brings the news
    auto *job = new ListGrantsJob(m_connection, this);
    m_listJob = job;
    connect(job, &ListGrantsJob::finished, this, [this, job] { listed(job); });
    updateState();
    job->start();
}

void MyAccessController::listed(ListGrantsJob *job)
{
    job->deleteLater();
    m_listJob.clear(); // it has reported; the state no longer waits for it
    if (job->error().isError()) {
        // The list shown (cached or older) stays: a failed refresh is no reason to show less.
        m_lastError = job->error().userMessage();
        m_lastErrorKind = job->error().kind();
        updateState();
        return;
    }
    m_lastError.clear();
    m_lastErrorKind = ApiError::Kind::None;
    m_grants = job->grants();
    m_unreadable = job->unreadableRows();
    m_pageUrl = job->accessTokensPageUrl();
    m_lastRefresh = QDateTime::currentDateTime();
    m_listAsOf = m_lastRefresh.toUTC();
    m_fromCache = false;
    GrantListCache(m_cache).store(m_cacheKey, m_grants, m_listAsOf);
    emit grantsChanged();
    updateState();
}

void MyAccessController::probe()
{
    if (!m_connection)
        return;
    delete m_probeJob.data();
    auto *job = new ProbeJob(m_connection, this);
    m_probeJob = job;
    connect(job, &ProbeJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->error().isError()) {
            m_probeReport = job->report();
            m_admin = job->report().admin || job->report().sysadmin;
            if (m_who.user.isEmpty())
                m_who.user = job->report().user.name;
        }
        emit probed();
    });
    job->start();
}

bool MyAccessController::isOffline() const
{
    return m_lastErrorKind == ApiError::Kind::Network ||
           m_lastErrorKind == ApiError::Kind::Timeout || m_lastErrorKind == ApiError::Kind::Tls;
}

bool MyAccessController::credentialsRefused() const
{
    return m_lastErrorKind == ApiError::Kind::Unauthenticated;
}

bool MyAccessController::certificateRefused() const
{
    return m_lastErrorKind == ApiError::Kind::Tls;
}

bool MyAccessController::canChange() const
{
    return readOnlyReason().isEmpty();
}

QString MyAccessController::readOnlyReason() const
{
    // Before "offline": a certificate that changed under a pin is no network trouble, and
    // retrying will not help until the user looks at the new certificate.
    if (certificateRefused())
        return tr("The server's certificate is not the one trusted for this connection, so "
                  "nothing was sent. If it was replaced on purpose, check it and trust it again "
                  "on the Connection page.");
    if (isOffline())
        return tr("Offline: the server cannot be reached, so nothing can be changed until it "
                  "answers again.");
    if (credentialsRefused())
        return tr("The server refused your credentials, so nothing can be changed. Check the "
                  "connection settings.");
    // A cached grant carries no revoke key (GrantListCache keeps no credentials).
    if (m_fromCache)
        return tr("Wait until the list has been loaded from the server.");
    return {};
}

void MyAccessController::revoke(const QList<AccessGrant> &grants)
{
    if (grants.isEmpty() || m_revokeJob || !m_connection || !canChange())
        return;
    auto *job = new RevokeGrantsJob(m_connection, grants, m_log, m_who, this);
    m_revokeJob = job;
    m_run = RevokeRun();
    m_run.grants = grants;
    connect(job, &RevokeGrantsJob::progress, this, [this, job](int done, int total) {
        m_run.outcomes = job->outcomes();
        emit revokeProgress(done, total);
    });
    connect(job, &RevokeGrantsJob::finished, this, [this, job] { finishRun(job); });
    updateState();
    emit revokeStarted();
    job->start();
}

void MyAccessController::finishRun(RevokeGrantsJob *job)
{
    job->deleteLater();
    m_revokeJob.clear();
    m_run.outcomes = job->outcomes();
    m_run.cancelled = job->wasCancelled() && m_run.outcomes.size() < m_run.grants.size();
    m_run.finished = true;
    // What is shown must be what the server holds, so list again whatever happened; a listing
    // that started before the revoke ended would show grants already gone.
    delete m_listJob.data();
    emit revokeFinished(m_run.revokedCount(), int(m_run.failures().size()));
    refresh();
}

void MyAccessController::cancelRevoke()
{
    if (m_revokeJob)
        m_revokeJob->cancel();
}

void MyAccessController::retryFailed()
{
    if (m_run.finished)
        revoke(m_run.failedGrants());
}

} // namespace accessdesk
