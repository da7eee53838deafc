#pragma once

#include "AppLink.h"
#include "api/ApiError.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

namespace accessdesk {

class ApiJob;
class ParallelJobs;
class ServerConnection;

// One row of the application-link list.
struct AppLinkEntry
{
    AppLink link;
    // Jira's v3 list also shows OAuth 2.0 integrations as generic pseudo-links (spec 3.1); they
    // are managed as OAuth 2.0 clients, not as application links.
    bool oauth2Client = false;
    std::optional<OAuthStatus> oauth; // this end's incoming/outgoing OAuth; empty: not read
    ApiError oauthError;              // why oauth is empty, when it was asked for
};

// Lists the application links (GET /rest/applinks/3.0/applinks), tells the real links from the
// OAuth 2.0 pseudo-links by the admin UI's own list (GET /rest/applinks/1.0/listApplicationlinks,
// which has only real links), and, unless switched off, reads each link's incoming and outgoing
// OAuth levels (GET /rest/applinks/3.0/status/{id}/oauth, a few at a time). Health is
// AppLinkHealthCheck's job: it is slow, since each check reaches out to the remote.
//
// A job: start(), then exactly one finished() (never from inside start()); then error() (the
// list's own failure) and entries(). A failed OAuth read only empties that row's oauth.
class AppLinkListing final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkListing)

public:
    explicit AppLinkListing(ServerConnection *connection, QObject *parent = nullptr);
    ~AppLinkListing() override;

    void setReadOAuth(bool readOAuth) { m_readOAuth = readOAuth; }
    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    const ApiError &error() const { return m_error; }
    const QList<AppLinkEntry> &entries() const { return m_entries; }
    // The real application links, in the server's order.
    QList<AppLink> links() const { return linksOf(m_entries); }
    static QList<AppLink> linksOf(const QList<AppLinkEntry> &entries);

signals:
    void finished();

private:
    void listed();
    void readOAuth();
    void finish(const ApiError &error = {});

    ServerConnection *m_connection;
    QPointer<ApiJob> m_list;
    QPointer<ApiJob> m_realLinks;
    QPointer<ParallelJobs> m_oauthJobs;
    QList<AppLinkEntry> m_entries;
    ApiError m_error;
    int m_pendingLists = 0;
    bool m_readOAuth = true;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace accessdesk
