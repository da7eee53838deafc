#pragma once

#include "OAuth2Client.h"
#include "services/AdminListController.h"

namespace accessdesk {

// The server's OAuth 2.0 clients (Jira 8.22+, system administrators), for the Administration
// page. The server sends each client's secret with the list; it is dropped here at once, because
// the page never shows it.
class OAuth2ClientsController final : public AdminListController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2ClientsController)

public:
    OAuth2ClientsController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                            QObject *parent = nullptr);

    const QList<OAuth2Client> &clients() const { return m_clients; }

protected:
    void load() override;
    void clear() override;

private:
    QList<OAuth2Client> m_clients;
};

} // namespace accessdesk
