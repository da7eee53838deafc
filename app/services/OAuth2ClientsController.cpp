#include "services/OAuth2ClientsController.h"

#include "api/OAuth2ClientJobs.h"

namespace accessdesk {

OAuth2ClientsController::OAuth2ClientsController(ServerConnection *connection, ActivityLog *log,
                                                 ActivityContext who, QObject *parent)
    : AdminListController(AdminListState::Feature::OAuth2Clients, connection, log, std::move(who),
                          parent)
{}

void OAuth2ClientsController::clear()
{
    m_clients.clear();
}

void OAuth2ClientsController::load()
{
    read(new ListOAuth2Clients(m_connection, this), [this](const QList<OAuth2Client> &clients) {
        m_clients = clients;
        for (OAuth2Client &client : m_clients)
            client.clientSecret.clear();
        succeed();
    });
}

} // namespace accessdesk
