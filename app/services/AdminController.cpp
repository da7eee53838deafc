#include "services/AdminController.h"

#include "api/AppLinkJobs.h"
#include "api/ConsumerJobs.h"
#include "api/OAuth2ClientJobs.h"
#include "services/AdminTokenController.h"

namespace accessdesk {

namespace {

int indexOf(AdminController::Section section)
{
    return int(section);
}

} // namespace

AdminController::AdminController(ServerConnection *connection, ActivityLog *log,
                                 ActivityContext who, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_tokens(new AdminTokenController(connection, log, std::move(who), this))
{}

void AdminController::setConnection(ServerConnection *connection, ActivityContext who)
{
    // Deleting a job aborts its replies; nothing it would have reported is about the new server.
    for (const Section section : {Section::AppLinks, Section::Consumers, Section::OAuth2Clients})
        dropJobs(section);
    for (const QPointer<ApiJob> &job : std::as_const(m_statusJobs))
        delete job.data();
    m_statusJobs.clear();
    m_connection = connection;
    m_tokens->setConnection(connection, std::move(who));
    for (AdminListState &state : m_states)
        state = AdminListState();
    m_links.clear();
    m_statuses.clear();
    m_statusErrors.clear();
    m_pendingStatuses = 0;
    m_consumers.clear();
    m_consumersLoading.clear();
    m_pendingConsumers = 0;
    m_clients.clear();
    for (const Section section : {Section::AppLinks, Section::Consumers, Section::OAuth2Clients})
        emit sectionChanged(section);
}

void AdminController::setActivityLog(ActivityLog *log)
{
    m_tokens->setActivityLog(log);
}

const AdminListState &AdminController::state(Section section) const
{
    return m_states[indexOf(section)];
}

AdminListState &AdminController::stateOf(Section section)
{
    return m_states[indexOf(section)];
}

QString AdminController::errorText(Section section) const
{
    static const AdminListState::Feature features[] = {AdminListState::Feature::AppLinks,
                                                       AdminListState::Feature::Consumers,
                                                       AdminListState::Feature::OAuth2Clients};
    return state(section).errorText(features[indexOf(section)]);
}

void AdminController::refresh(Section section)
{
    if (state(section).loading)
        return; // one load at a time; the running one brings the news
    switch (section) {
    case Section::AppLinks:
        refreshLinks();
        break;
    case Section::Consumers:
        refreshConsumers();
        break;
    case Section::OAuth2Clients:
        refreshClients();
        break;
    }
}

void AdminController::refreshAll()
{
    refresh(Section::AppLinks);
    refresh(Section::Consumers);
    refresh(Section::OAuth2Clients);
    m_tokens->refresh();
}

void AdminController::track(Section section, ApiJob *job)
{
    m_jobs[indexOf(section)].append(job);
    connect(job, &ApiJob::finished, this, [this, section, job] {
        job->deleteLater();
        m_jobs[indexOf(section)].removeAll(job);
    });
}

void AdminController::dropJobs(Section section)
{
    for (const QPointer<ApiJob> &job : std::as_const(m_jobs[indexOf(section)]))
        delete job.data();
    m_jobs[indexOf(section)].clear();
}

void AdminController::setLoading(Section section)
{
    stateOf(section).loading = true;
    emit sectionChanged(section);
}

void AdminController::fail(Section section, const ApiError &error)
{
    AdminListState &state = stateOf(section);
    state.loading = false;
    state.error = error;
    emit sectionChanged(section);
}

void AdminController::succeed(Section section)
{
    AdminListState &state = stateOf(section);
    state.loading = false;
    state.loaded = true;
    state.loadedAt = QDateTime::currentDateTime();
    state.error = ApiError();
    emit sectionChanged(section);
}

void AdminController::refreshLinks()
{
    setLoading(Section::AppLinks);
    auto *job = new ListAppLinks(m_connection, {}, this);
    track(Section::AppLinks, job);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->error().isError()) {
            fail(Section::AppLinks, job->error());
            return;
        }
        m_links = job->result();
        checkStatuses();
        succeed(Section::AppLinks);
    });
    job->start();
}

// A link's status asks the remote end, so it can be slow: the list is shown first and each
// status fills in when it arrives.
void AdminController::checkStatuses()
{
    for (const QPointer<ApiJob> &job : std::as_const(m_statusJobs))
        delete job.data();
    m_statusJobs.clear();
    m_statuses.clear();
    m_statusErrors.clear();
    m_pendingStatuses = int(m_links.size());
    for (const AppLink &link : std::as_const(m_links)) {
        auto *job = new GetAppLinkStatus(m_connection, link.id, {}, this);
        m_statusJobs.append(job);
        connect(job, &ApiJob::finished, this, [this, job, id = link.id] {
            job->deleteLater();
            m_statusJobs.removeAll(job);
            if (job->error().isError())
                m_statusErrors.insert(id, job->error());
            else
                m_statuses.insert(id, job->result());
            --m_pendingStatuses;
            emit sectionChanged(Section::AppLinks);
        });
        job->start();
    }
}

void AdminController::refreshConsumers()
{
    // Consumers hang off the links, so the links are read afresh first.
    setLoading(Section::Consumers);
    auto *job = new ListAppLinks(m_connection, {}, this);
    track(Section::Consumers, job);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->error().isError()) {
            fail(Section::Consumers, job->error());
            return;
        }
        fetchConsumers(job->result());
    });
    job->start();
}

void AdminController::fetchConsumers(const QList<AppLink> &links)
{
    m_consumersLoading.clear();
    m_consumerError = ApiError();
    m_pendingConsumers = int(links.size());
    if (links.isEmpty()) {
        m_consumers.clear();
        succeed(Section::Consumers);
        return;
    }
    for (const AppLink &link : links) {
        auto *job = new GetIncomingConsumer(m_connection, link.id, this);
        track(Section::Consumers, job);
        connect(job, &ApiJob::finished, this, [this, job, link] {
            const ApiError &error = job->error();
            if (!error.isError()) {
                for (const OAuthConsumer &consumer : job->result())
                    m_consumersLoading.append(AdminConsumer{consumer, link.id, link.name});
            } else if (error.kind() != ApiError::Kind::NotFound && !m_consumerError.isError()) {
                m_consumerError = error; // NotFound only says this link has no consumer
            }
            if (--m_pendingConsumers > 0)
                return;
            // Half a list would read as "the others are gone": keep the last whole one instead.
            if (m_consumerError.isError()) {
                fail(Section::Consumers, m_consumerError);
                return;
            }
            m_consumers = m_consumersLoading;
            succeed(Section::Consumers);
        });
        job->start();
    }
}

void AdminController::refreshClients()
{
    setLoading(Section::OAuth2Clients);
    auto *job = new ListOAuth2Clients(m_connection, this);
    track(Section::OAuth2Clients, job);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->error().isError()) {
            fail(Section::OAuth2Clients, job->error());
            return;
        }
        m_clients = job->result();
        for (OAuth2Client &client : m_clients)
            client.clientSecret.clear();
        succeed(Section::OAuth2Clients);
    });
    job->start();
}

} // namespace accessdesk
