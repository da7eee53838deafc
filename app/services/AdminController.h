#pragma once

#include "AppLink.h"
#include "OAuth2Client.h"
#include "OAuthConsumer.h"
#include "api/ApiJob.h"
#include "services/AdminListState.h"
#include "services/GrantRevoker.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

namespace accessdesk {

class ActivityLog;
class AdminTokenController;
class ServerConnection;

// An application link's incoming OAuth 1.0a consumer, with the link it belongs to.
struct AdminConsumer
{
    OAuthConsumer consumer;
    QString linkId;
    QString linkName;
};

// The use cases behind the Administration page: read the server's application links (with
// their status), the links' incoming OAuth consumers and the OAuth 2.0 clients; the personal
// tokens of every user are tokens(). Widgets call these methods and render what the signals
// say; they never send a request themselves. A failed refresh keeps the last list.
class AdminController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminController)

public:
    enum class Section { AppLinks, Consumers, OAuth2Clients };
    Q_ENUM(Section)

    // log may be null (nothing recorded); connection must outlive the controller (or be replaced
    // with setConnection first).
    AdminController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                    QObject *parent = nullptr);

    // Points the controller at another server (a profile switch): drops the jobs still running
    // against the old one and every list, then waits for refresh().
    void setConnection(ServerConnection *connection, ActivityContext who);
    void setActivityLog(ActivityLog *log);

    void refresh(Section section);
    void refreshAll(); // the three lists and the last token search

    const AdminListState &state(Section section) const;
    QString errorText(Section section) const;

    const QList<AppLink> &appLinks() const { return m_links; }
    // By link id; a link without an entry in either is still being checked (or not yet).
    const QHash<QString, AppLinkStatus> &linkStatuses() const { return m_statuses; }
    const QHash<QString, ApiError> &linkStatusErrors() const { return m_statusErrors; }
    bool checkingLinkStatus() const { return m_pendingStatuses > 0; }
    const QList<AdminConsumer> &consumers() const { return m_consumers; }
    // Without their secrets: the page never shows them, so they are not kept.
    const QList<OAuth2Client> &oauth2Clients() const { return m_clients; }

    AdminTokenController *tokens() const { return m_tokens; }

signals:
    void sectionChanged(accessdesk::AdminController::Section section); // list or state changed

private:
    AdminListState &stateOf(Section section);
    void setLoading(Section section);
    void fail(Section section, const ApiError &error);
    void succeed(Section section);
    void refreshLinks();
    void checkStatuses();
    void refreshConsumers();
    void fetchConsumers(const QList<AppLink> &links);
    void refreshClients();
    void dropJobs(Section section);
    void track(Section section, ApiJob *job);

    ServerConnection *m_connection;
    AdminTokenController *m_tokens;
    AdminListState m_states[3];
    QList<QPointer<ApiJob>> m_jobs[3];
    QList<QPointer<ApiJob>> m_statusJobs;
    QList<AppLink> m_links;
    QHash<QString, AppLinkStatus> m_statuses;
    QHash<QString, ApiError> m_statusErrors;
    int m_pendingStatuses = 0;
    QList<AdminConsumer> m_consumers;
    QList<AdminConsumer> m_consumersLoading;
    ApiError m_consumerError; // the first real failure among the links' consumer requests
    int m_pendingConsumers = 0;
    QList<OAuth2Client> m_clients;
};

} // namespace accessdesk
