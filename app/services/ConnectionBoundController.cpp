#include "services/ConnectionBoundController.h"

namespace accessdesk {

ConnectionBoundController::ConnectionBoundController(ServerConnection *connection, ActivityLog *log,
                                                     ActivityContext who, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_log(log)
    , m_who(std::move(who))
{}

void ConnectionBoundController::rebind(ServerConnection *connection, ActivityContext who)
{
    m_connection = connection;
    m_who = std::move(who);
}

} // namespace accessdesk
