#include "services/OAuth2ClientList.h"

namespace accessdesk {

OAuth2ClientList::OAuth2ClientList(ServerConnection *connection, QObject *parent)
    : OAuth2ClientJob(connection, nullptr, {}, parent)
{}

QString OAuth2ClientList::notDone() const
{
    return tr("The OAuth 2.0 clients could not be listed.");
}

void OAuth2ClientList::start()
{
    listThen([this](const QList<OAuth2Client> &clients) {
        m_clients = clients;
        for (OAuth2Client &client : m_clients)
            client.clientSecret.clear();
        finish(AdminOutcome::success(
            tr("The server has %n OAuth 2.0 client(s).", nullptr, int(m_clients.size()))));
    });
}

} // namespace accessdesk
