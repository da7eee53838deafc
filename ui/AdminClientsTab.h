#pragma once

#include <QWidget>

namespace accessdesk {

class AdminListTab;
class OAuth2ClientsController;

// Administration → OAuth 2.0 clients (Jira 8.22+, system administrators). Renders what the
// controller holds and forwards the user's intent; sends nothing itself.
class AdminClientsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminClientsTab)

public:
    explicit AdminClientsTab(OAuth2ClientsController *clients, QWidget *parent = nullptr);

    void loadIfNeeded();

private:
    void render();

    OAuth2ClientsController *m_clients;
    AdminListTab *m_list;
};

} // namespace accessdesk
