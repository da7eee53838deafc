#include "services/AppLinkListing.h"

#include "api/AppLinkJobs.h"
#include "services/ParallelJobs.h"

#include <QSet>

namespace accessdesk {

namespace {

// OAuth levels are read anonymously and locally: a handful at once is no burden to the server.
constexpr int kOAuthReadsInFlight = 4;

} // namespace

AppLinkListing::AppLinkListing(ServerConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{}

AppLinkListing::~AppLinkListing() = default;

QList<AppLink> AppLinkListing::linksOf(const QList<AppLinkEntry> &entries)
{
    QList<AppLink> links;
    for (const AppLinkEntry &entry : entries) {
        if (!entry.oauth2Client)
            links.append(entry.link);
    }
    return links;
}

void AppLinkListing::start()
{
    if (m_started)
        return;
    m_started = true;
    auto *list = new ListAppLinks(m_connection, {}, this);
    auto *realLinks = new ListAppLinksWithAuth(m_connection, this);
    m_list = list;
    m_realLinks = realLinks;
    m_pendingLists = 2;
    for (ApiJob *job : {static_cast<ApiJob *>(list), static_cast<ApiJob *>(realLinks)}) {
        connect(job, &ApiJob::finished, this, [this] {
            if (--m_pendingLists == 0)
                listed();
        });
        job->start();
    }
}

void AppLinkListing::cancel()
{
    if (m_finished)
        return;
    if (m_oauthJobs) {
        m_oauthJobs->cancel();
        return;
    }
    for (const QPointer<ApiJob> &job : {m_list, m_realLinks}) {
        if (job)
            job->cancel();
    }
}

void AppLinkListing::listed()
{
    auto *list = static_cast<ListAppLinks *>(m_list.data());
    auto *realLinks = static_cast<ListAppLinksWithAuth *>(m_realLinks.data());
    list->deleteLater();
    realLinks->deleteLater();
    if (!list->succeeded()) {
        finish(list->error());
        return;
    }
    // Without the admin UI's list (an older or newer Jira may lack it), every entry counts as a
    // link: showing an OAuth 2.0 client too is better than hiding a link.
    QSet<QString> realIds;
    if (realLinks->succeeded()) {
        for (const AppLinkWithAuth &entry : realLinks->result())
            realIds.insert(entry.link.id);
    }
    for (const AppLink &link : list->result()) {
        AppLinkEntry entry;
        entry.link = link;
        entry.oauth2Client = realLinks->succeeded() && !realIds.contains(link.id);
        m_entries.append(entry);
    }
    if (m_readOAuth)
        readOAuth();
    else
        finish();
}

void AppLinkListing::readOAuth()
{
    QList<int> rows;
    for (int i = 0; i < m_entries.size(); ++i) {
        if (!m_entries.at(i).oauth2Client)
            rows.append(i);
    }
    auto *jobs = new ParallelJobs(
        int(rows.size()), kOAuthReadsInFlight,
        [this, rows](int index) -> ApiJob * {
            return new GetAppLinkOAuthStatus(m_connection, m_entries.at(rows.at(index)).link.id,
                                             m_oauthJobs);
        },
        [this, rows](int index, ApiJob *job) {
            AppLinkEntry &entry = m_entries[rows.at(index)];
            entry.oauthError = job->error();
            if (job->succeeded())
                entry.oauth = static_cast<GetAppLinkOAuthStatus *>(job)->result();
        },
        this);
    m_oauthJobs = jobs;
    connect(jobs, &ParallelJobs::finished, this, [this, jobs] {
        jobs->deleteLater();
        finish();
    });
    jobs->start();
}

void AppLinkListing::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    emit finished();
}

} // namespace accessdesk
