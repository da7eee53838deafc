#pragma once

#include <QWidget>

namespace accessdesk {

class AdminListTab;
class AppLinksController;
class OAuth2ClientsController;

// Administration → Application links: the server's links with their status. Renders what the
// controller holds and forwards the user's intent; sends nothing itself.
class AdminLinksTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminLinksTab)

public:
    // clients: the OAuth 2.0 clients, which the server also lists among its links.
    AdminLinksTab(AppLinksController *links, OAuth2ClientsController *clients,
                  QWidget *parent = nullptr);

    void loadIfNeeded();

private:
    void render();

    AppLinksController *m_links;
    OAuth2ClientsController *m_clients;
    AdminListTab *m_list;
};

} // namespace accessdesk
