#include "MyAccessController.h"

#include "services/GrantList.h"
#include "services/ProbeJob.h"

namespace accessdesk {

MyAccessController::MyAccessController(ServerConnection *connection, ActivityLog *log,
                                       ActivityContext who, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_log(log)
    , m_who(std::move(who))
{}

void MyAccessController::setState(State state)
{
    m_state = state;
    emit stateChanged();
}

void MyAccessController::setConnection(ServerConnection *connection, ActivityContext who)
{
    // Deleting a job aborts its replies; nothing it would have reported is about the new server.
    delete m_probeJob.data();
    delete m_listJob.data();
    delete m_revokeJob.data();
    m_connection = connection;
    m_who = std::move(who);
    m_grants.clear();
    m_revokeFailures.clear();
    m_lastRefresh = QDateTime();
    m_lastError.clear();
    m_admin = false;
    emit grantsChanged();
    emit probed();
    setState(State::Idle);
}

void MyAccessController::refresh()
{
    if (m_listJob)
        return; // one listing at a time; the running one brings the news
    auto *job = new ListGrantsJob(m_connection, this);
    m_listJob = job;
    connect(job, &ListGrantsJob::finished, this, [this, job] {
        job->deleteLater();
        if (job->error().isError()) {
            m_lastError = job->error().userMessage();
            setState(State::Failed);
            return;
        }
        m_lastError.clear();
        m_grants = job->grants();
        m_lastRefresh = QDateTime::currentDateTime();
        emit grantsChanged();
        setState(State::Idle);
    });
    setState(State::Loading);
    job->start();
}

void MyAccessController::probe()
{
    delete m_probeJob.data();
    auto *job = new ProbeJob(m_connection, this);
    m_probeJob = job;
    connect(job, &ProbeJob::finished, this, [this, job] {
        job->deleteLater();
        if (!job->error().isError()) {
            m_admin = job->report().admin || job->report().sysadmin;
            if (m_who.user.isEmpty())
                m_who.user = job->report().user.name;
        }
        emit probed();
    });
    job->start();
}

void MyAccessController::revoke(const QList<AccessGrant> &grants)
{
    if (grants.isEmpty() || m_revokeJob)
        return;
    auto *job = new RevokeGrantsJob(m_connection, grants, m_log, m_who, this);
    m_revokeJob = job;
    connect(job, &RevokeGrantsJob::finished, this, [this, job] {
        job->deleteLater();
        m_revokeFailures.clear();
        int revoked = 0;
        for (const RevokeGrantsJob::Outcome &outcome : job->outcomes()) {
            if (outcome.error.isError())
                m_revokeFailures << QString(outcome.grant.application + QStringLiteral(": ") +
                                            outcome.error.userMessage());
            else
                ++revoked;
        }
        emit revokeFinished(revoked, job->failureCount());
        setState(State::Idle);
        // What is shown must be what the server holds, so list again whatever happened.
        refresh();
    });
    setState(State::Revoking);
    job->start();
}

} // namespace accessdesk
