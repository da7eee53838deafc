#include "services/ConsumersController.h"

#include "api/AppLinkJobs.h"
#include "api/ConsumerJobs.h"

namespace accessdesk {

ConsumersController::ConsumersController(ServerConnection *connection, ActivityLog *log,
                                         ActivityContext who, QObject *parent)
    : AdminListController(AdminListState::Feature::Consumers, connection, log, std::move(who),
                          parent)
{}

void ConsumersController::clear()
{
    m_consumers.clear();
    m_loading.clear();
    m_pending = 0;
}

void ConsumersController::load()
{
    // Consumers hang off the links, so the links are read afresh first.
    read(new ListAppLinks(m_connection, {}, this),
         [this](const QList<AppLink> &links) { fetchConsumers(links); });
}

void ConsumersController::fetchConsumers(const QList<AppLink> &links)
{
    m_loading.clear();
    m_firstError = ApiError();
    m_pending = int(links.size());
    if (links.isEmpty()) {
        m_consumers.clear();
        succeed();
        return;
    }
    for (const AppLink &link : links) {
        auto *job = new GetIncomingConsumer(m_connection, link.id, this);
        track(job);
        connect(job, &ApiJob::finished, this, [this, job, link] {
            const ApiError &error = job->error();
            if (!error.isError()) {
                for (const OAuthConsumer &consumer : job->result())
                    m_loading.append(AdminConsumer{consumer, link.id, link.name});
            } else if (error.kind() != ApiError::Kind::NotFound && !m_firstError.isError()) {
                m_firstError = error; // NotFound only says this link has no consumer
            }
            if (--m_pending > 0)
                return;
            if (m_firstError.isError()) {
                fail(m_firstError);
                return;
            }
            m_consumers = m_loading;
            succeed();
        });
        job->start();
    }
}

} // namespace accessdesk
