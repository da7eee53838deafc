#include "services/AdminController.h"

#include "services/AdminTokenController.h"
#include "services/AppLinksController.h"
#include "services/ConsumersController.h"
#include "services/OAuth2ClientsController.h"

namespace accessdesk {

AdminController::AdminController(ServerConnection *connection, ActivityLog *log,
                                 ActivityContext who, QObject *parent)
    : QObject(parent)
    , m_links(new AppLinksController(connection, log, who, this))
    , m_consumers(new ConsumersController(connection, log, who, this))
    , m_clients(new OAuth2ClientsController(connection, log, who, this))
    , m_tokens(new AdminTokenController(connection, log, who, this))
{}

AdminController::~AdminController() = default;

void AdminController::setConnection(ServerConnection *connection, const ActivityContext &who)
{
    m_links->setConnection(connection, who);
    m_consumers->setConnection(connection, who);
    m_clients->setConnection(connection, who);
    m_tokens->setConnection(connection, who);
}

void AdminController::setActivityLog(ActivityLog *log)
{
    m_links->setActivityLog(log);
    m_consumers->setActivityLog(log);
    m_clients->setActivityLog(log);
    m_tokens->setActivityLog(log);
}

void AdminController::refreshAll()
{
    m_links->refresh();
    m_consumers->refresh();
    m_clients->refresh();
    m_tokens->refresh();
}

} // namespace accessdesk
