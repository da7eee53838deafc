#include "services/AppLinksController.h"

#include "api/AppLinkJobs.h"

namespace accessdesk {

AppLinksController::AppLinksController(ServerConnection *connection, ActivityLog *log,
                                       ActivityContext who, QObject *parent)
    : AdminListController(AdminListState::Feature::AppLinks, connection, log, std::move(who),
                          parent)
{}

void AppLinksController::clear()
{
    m_links.clear();
    m_statuses.clear();
    m_statusErrors.clear();
    m_pendingStatuses = 0;
}

void AppLinksController::load()
{
    read(new ListAppLinks(m_connection, {}, this), [this](const QList<AppLink> &links) {
        m_links = links;
        checkStatuses();
        succeed();
    });
}

void AppLinksController::checkStatuses()
{
    m_statuses.clear();
    m_statusErrors.clear();
    m_pendingStatuses = int(m_links.size());
    for (const AppLink &link : std::as_const(m_links)) {
        auto *job = new GetAppLinkStatus(m_connection, link.id, {}, this);
        track(job);
        connect(job, &ApiJob::finished, this, [this, job, id = link.id] {
            if (job->error().isError())
                m_statusErrors.insert(id, job->error());
            else
                m_statuses.insert(id, job->result());
            --m_pendingStatuses;
            emit changed();
        });
        job->start();
    }
}

} // namespace accessdesk
