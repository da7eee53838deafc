#pragma once

#include "services/ActivityRecord.h"

#include <QObject>

namespace accessdesk {

class ActivityLog;
class AdminTokenController;
class AppLinksController;
class ConsumersController;
class OAuth2ClientsController;
class ServerConnection;

// The use cases behind the Administration page, one controller per list: application links,
// OAuth consumers, OAuth 2.0 clients and every user's personal tokens. This keeps them on the
// same server and activity log; the page's tabs talk to each controller directly. Widgets call
// the controllers and render what their signals say; they never send a request themselves.
class AdminController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminController)

public:
    // log may be null (nothing recorded); connection must outlive the controllers (or be
    // replaced with setConnection first).
    AdminController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                    QObject *parent = nullptr);
    ~AdminController() override;

    // A profile switch: every list is dropped and waits for its refresh.
    void setConnection(ServerConnection *connection, const ActivityContext &who);
    void setActivityLog(ActivityLog *log);
    void refreshAll(); // the three lists and the last token search

    AppLinksController *links() const { return m_links; }
    ConsumersController *consumers() const { return m_consumers; }
    OAuth2ClientsController *clients() const { return m_clients; }
    AdminTokenController *tokens() const { return m_tokens; }

private:
    AppLinksController *m_links;
    ConsumersController *m_consumers;
    OAuth2ClientsController *m_clients;
    AdminTokenController *m_tokens;
};

} // namespace accessdesk
