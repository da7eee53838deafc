#pragma once

#include "AdminChangeNote.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace accessdesk {

class AdminListTab;
class OAuth2ClientsController;
struct OAuth2Client;
struct OAuth2ClientChange;

// Administration → OAuth 2.0 clients (Jira 8.22+, system administrators): the list with Create…,
// Edit…, Reset secret… and Delete… (both asked first); a new secret is shown once
// (ClientSecretDialog). A server without an OAuth 2.0 provider gets the explanation instead of an
// empty table. Renders what the controller holds and forwards the user's intent.
class AdminClientsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminClientsTab)

public:
    explicit AdminClientsTab(OAuth2ClientsController *clients, QWidget *parent = nullptr);

    void loadIfNeeded();

    QPushButton *createButton() const { return m_create; }
    // Whether the explanation stands where the table would be.
    bool showsUnavailable() const;

private:
    QWidget *buildUnavailablePage();
    void render();
    void renderButtons();
    std::optional<OAuth2Client> selectedClient() const;
    void openCreateDialog();
    void openEditDialog();
    void resetSelected();
    void deleteSelected();
    // Asks about the selected client (question, then consequences), then calls change(id).
    void confirmThen(const QString &title, const QString &question, const QString &consequences,
                     const QString &acceptText,
                     void (OAuth2ClientsController::*change)(const QString &));
    void onChanged(const OAuth2ClientChange &change);

    OAuth2ClientsController *m_clients;
    QStackedWidget *m_pages;
    AdminListTab *m_list;
    QLabel *m_unavailable;
    QPushButton *m_create;
    QPushButton *m_edit;
    QPushButton *m_reset;
    QPushButton *m_delete;
    AdminChangeNote m_change;
};

} // namespace accessdesk
