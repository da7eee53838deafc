#include "services/AdminListController.h"

namespace accessdesk {

AdminListController::AdminListController(AdminListState::Feature feature,
                                         ServerConnection *connection, ActivityLog *log,
                                         ActivityContext who, QObject *parent)
    : ConnectionBoundController(connection, log, std::move(who), parent)
    , m_feature(feature)
{}

AdminListController::~AdminListController() = default;

void AdminListController::setConnection(ServerConnection *connection, ActivityContext who)
{
    // Deleting a job aborts its replies; nothing it would have reported is about the new server.
    dropJobs();
    rebind(connection, std::move(who));
    m_state = AdminListState();
    clear();
    emit changed();
}

void AdminListController::refresh()
{
    if (m_state.loading || !m_connection)
        return;
    m_state.loading = true;
    emit changed();
    load();
}

void AdminListController::track(ApiJob *job)
{
    m_jobs.append(job);
    connect(job, &ApiJob::finished, this, [this, job] {
        job->deleteLater();
        m_jobs.removeAll(job);
    });
}

void AdminListController::dropJobs()
{
    const QList<QPointer<ApiJob>> jobs = std::exchange(m_jobs, {});
    for (const QPointer<ApiJob> &job : jobs)
        delete job.data();
}

void AdminListController::succeed()
{
    m_state.loading = false;
    m_state.loaded = true;
    m_state.loadedAt = QDateTime::currentDateTime();
    m_state.error = ApiError();
    emit changed();
}

void AdminListController::fail(const ApiError &error)
{
    m_state.loading = false;
    m_state.error = error;
    emit changed();
}

} // namespace accessdesk
