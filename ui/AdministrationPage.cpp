#include "AdministrationPage.h"

#include "AdminClientsTab.h"
#include "AdminConsumersTab.h"
#include "AdminLinksTab.h"
#include "AdminTokensTab.h"
#include "services/AdminController.h"
#include "services/AdminTokenController.h"
#include "services/AppLinksController.h"
#include "services/ConsumersController.h"
#include "services/OAuth2ClientsController.h"

#include <QHBoxLayout>
#include <QTabWidget>

namespace accessdesk {

AdministrationPage::AdministrationPage(AdminController *controller, QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_links(new AdminLinksTab(controller->links(), controller->clients(), this))
    , m_consumers(new AdminConsumersTab(controller->consumers(), this))
    , m_clients(new AdminClientsTab(controller->clients(), this))
    , m_tokens(new AdminTokensTab(controller->tokens(), this))
{
    setObjectName(QStringLiteral("administrationPage"));
    setAccessibleName(tr("Administration"));
    m_tabs->setObjectName(QStringLiteral("administrationTabs"));
    m_tabs->setAccessibleName(tr("Administration lists"));
    m_tabs->addTab(m_links, tr("Application links"));
    m_tabs->addTab(m_consumers, tr("OAuth consumers"));
    m_tabs->addTab(m_clients, tr("OAuth 2.0 clients"));
    m_tabs->addTab(m_tokens, tr("Personal tokens"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    // After a profile switch the lists are empty again: while the page is in view, the new
    // server's lists load at once; otherwise when it is shown.
    const auto loadWhenShown = [this] {
        if (isVisible())
            loadIfNeeded();
    };
    connect(controller->links(), &AppLinksController::changed, this, loadWhenShown);
    connect(controller->consumers(), &ConsumersController::changed, this, loadWhenShown);
    connect(controller->clients(), &OAuth2ClientsController::changed, this, loadWhenShown);
    connect(controller->tokens(), &AdminTokenController::changed, this, loadWhenShown);
}

void AdministrationPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void AdministrationPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    loadIfNeeded();
}

void AdministrationPage::loadIfNeeded()
{
    m_links->loadIfNeeded();
    m_consumers->loadIfNeeded();
    m_clients->loadIfNeeded();
    m_tokens->loadIfNeeded();
}

} // namespace accessdesk
