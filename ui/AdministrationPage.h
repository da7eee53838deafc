#pragma once

#include <QWidget>

class QTabWidget;

namespace accessdesk {

class AdminClientsTab;
class AdminConsumersTab;
class AdminController;
class AdminLinksTab;
class AdminTokensTab;

// "Administration" (shown to administrators only): the server's application links, OAuth
// consumers, OAuth 2.0 clients and every user's personal tokens, one tab each. Each list loads
// the first time the page is shown for a server (or shown again after a profile switch).
class AdministrationPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdministrationPage)

public:
    enum Tab { AppLinksTab, ConsumersTab, OAuth2ClientsTab, TokensTab };
    Q_ENUM(Tab)

    explicit AdministrationPage(AdminController *controller, QWidget *parent = nullptr);

    void showTab(Tab tab);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void loadIfNeeded();

    QTabWidget *m_tabs;
    AdminLinksTab *m_links;
    AdminConsumersTab *m_consumers;
    AdminClientsTab *m_clients;
    AdminTokensTab *m_tokens;
};

} // namespace accessdesk
