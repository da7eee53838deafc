#include "AdminLinksTab.h"

#include "AdminListTab.h"
#include "AdminRows.h"
#include "services/AppLinksController.h"
#include "services/OAuth2ClientsController.h"

#include <QVBoxLayout>

namespace accessdesk {

AdminLinksTab::AdminLinksTab(AppLinksController *links, OAuth2ClientsController *clients,
                             QWidget *parent)
    : QWidget(parent)
    , m_links(links)
    , m_clients(clients)
    , m_list(new AdminListTab(tr("Application links"), AdminRows::linkHeaders(),
                              QStringLiteral("application-links.csv"), this))
{
    setObjectName(QStringLiteral("applicationLinksTab"));
    setAccessibleName(tr("Application links"));
    m_list->setObjectName(QStringLiteral("applicationLinks"));
    m_list->setEmptyText(tr("This server has no application links. Links connect Jira with "
                            "Confluence, Bamboo, Bitbucket or other applications."));
    connect(m_list, &AdminListTab::refreshRequested, m_links, &AppLinksController::refresh);
    connect(m_links, &AppLinksController::changed, this, &AdminLinksTab::render);
    // Links that are OAuth 2.0 clients say so.
    connect(m_clients, &OAuth2ClientsController::changed, this, &AdminLinksTab::render);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    render();
}

void AdminLinksTab::loadIfNeeded()
{
    if (AdminListTab::needsLoading(m_links->state()))
        m_links->refresh();
    // Which links are OAuth 2.0 clients comes from the clients' list.
    if (AdminListTab::needsLoading(m_clients->state()))
        m_clients->refresh();
}

void AdminLinksTab::render()
{
    QSet<QString> clientIds;
    for (const OAuth2Client &client : m_clients->clients())
        clientIds.insert(client.id);
    m_list->setRows(AdminRows::links(
        m_links->links(), {m_links->statuses(), m_links->statusErrors(), m_links->checkingStatus()},
        clientIds));
    const int count = int(m_links->links().size());
    m_list->showState(m_links->state(), m_links->errorText(),
                      count == 1 ? tr("1 application link")
                                 : tr("%1 application links").arg(count));
}

} // namespace accessdesk
