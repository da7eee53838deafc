#pragma once

#include "SimClient.h"
#include "SimProcess.h"

#include "api/ServerConnection.h"
#include "services/GrantRevoker.h"

#include <QNetworkAccessManager>

#include <memory>
#include <optional>

namespace accessdesk {

// A connection to a trackersim as one of its seeded users (password = user name). The base URL
// in settings is replaced by baseUrl; the rest (attempts, timeouts) is the test's to choose.
std::unique_ptr<ServerConnection> connectAs(QNetworkAccessManager *network, const QString &baseUrl,
                                            const QString &user, ConnectionSettings settings = {});
std::unique_ptr<ServerConnection> connectWith(QNetworkAccessManager *network,
                                              const QString &baseUrl,
                                              std::shared_ptr<const Credentials> credentials,
                                              ConnectionSettings settings = {});

// What a trackersim-backed test starts from: a trackersim of its own, the network manager its
// clients share, a connection as one user, and the server's side of things (server()).
class SimSession final
{
public:
    explicit SimSession(QStringList simArguments = {});
    ~SimSession();
    Q_DISABLE_COPY_MOVE(SimSession)

    // Starts the sim and connects as user; false (see errorText()) when the sim did not start.
    bool start(const QString &user, ConnectionSettings settings = {});
    // Drops the connection and stops the sim: whatever uses the connection must be gone first.
    void stop();
    QString errorText() const { return m_sim.errorText(); }

    QString url() const { return m_sim.url(); }
    QNetworkAccessManager *network() { return &m_network; }
    ServerConnection *connection() const { return m_connection.get(); }
    const SimClient &server() const { return *m_server; }
    // The user of connection() as the activity log records them, under that profile name.
    ActivityContext who(const QString &profile = {}) const;

    std::unique_ptr<ServerConnection> connectAs(const QString &user,
                                                ConnectionSettings settings = {});
    std::unique_ptr<ServerConnection> connectWith(std::shared_ptr<const Credentials> credentials,
                                                  ConnectionSettings settings = {});

private:
    SimProcess m_sim;
    QNetworkAccessManager m_network;
    std::optional<SimClient> m_server;
    std::unique_ptr<ServerConnection> m_connection;
    QString m_user;
};

} // namespace accessdesk
