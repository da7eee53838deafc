#include "AdminClientsTab.h"

#include "AdminListTab.h"
#include "AdminRows.h"
#include "services/OAuth2ClientsController.h"

#include <QVBoxLayout>

namespace accessdesk {

AdminClientsTab::AdminClientsTab(OAuth2ClientsController *clients, QWidget *parent)
    : QWidget(parent)
    , m_clients(clients)
    , m_list(new AdminListTab(tr("OAuth 2.0 clients"), AdminRows::clientHeaders(),
                              QStringLiteral("oauth2-clients.csv"), this))
{
    setObjectName(QStringLiteral("oauth2ClientsTab"));
    setAccessibleName(tr("OAuth 2.0 clients"));
    m_list->setObjectName(QStringLiteral("oauth2Clients"));
    m_list->setEmptyText(tr("No OAuth 2.0 clients are registered on this server."));
    connect(m_list, &AdminListTab::refreshRequested, m_clients, &OAuth2ClientsController::refresh);
    connect(m_clients, &OAuth2ClientsController::changed, this, &AdminClientsTab::render);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    render();
}

void AdminClientsTab::loadIfNeeded()
{
    if (AdminListTab::needsLoading(m_clients->state()))
        m_clients->refresh();
}

void AdminClientsTab::render()
{
    m_list->setRows(AdminRows::clients(m_clients->clients()));
    const int count = int(m_clients->clients().size());
    m_list->showState(m_clients->state(), m_clients->errorText(),
                      count == 1 ? tr("1 OAuth 2.0 client")
                                 : tr("%1 OAuth 2.0 clients").arg(count));
}

} // namespace accessdesk
