#include "SimSession.h"

#include "auth/BasicCredentials.h"

namespace accessdesk {

std::unique_ptr<ServerConnection> connectAs(QNetworkAccessManager *network, const QString &baseUrl,
                                            const QString &user, ConnectionSettings settings)
{
    return connectWith(network, baseUrl, std::make_shared<BasicCredentials>(user, user),
                       std::move(settings));
}

std::unique_ptr<ServerConnection> connectWith(QNetworkAccessManager *network,
                                              const QString &baseUrl,
                                              std::shared_ptr<const Credentials> credentials,
                                              ConnectionSettings settings)
{
    settings.baseUrl = QUrl(baseUrl);
    return std::make_unique<ServerConnection>(network, std::move(settings), std::move(credentials));
}

SimSession::SimSession(QStringList simArguments)
    : m_sim(std::move(simArguments))
{}

SimSession::~SimSession()
{
    stop();
}

bool SimSession::start(const QString &user, ConnectionSettings settings)
{
    if (!m_sim.start())
        return false;
    m_server.emplace(&m_network, m_sim.url());
    m_user = user;
    m_connection = connectAs(user, std::move(settings));
    return true;
}

void SimSession::stop()
{
    m_connection.reset();
    m_sim.stop();
}

ActivityContext SimSession::who(const QString &profile) const
{
    return {profile, m_sim.url(), m_user};
}

std::unique_ptr<ServerConnection> SimSession::connectAs(const QString &user,
                                                        ConnectionSettings settings)
{
    return accessdesk::connectAs(&m_network, m_sim.url(), user, std::move(settings));
}

std::unique_ptr<ServerConnection>
SimSession::connectWith(std::shared_ptr<const Credentials> credentials, ConnectionSettings settings)
{
    return accessdesk::connectWith(&m_network, m_sim.url(), std::move(credentials),
                                   std::move(settings));
}

} // namespace accessdesk
