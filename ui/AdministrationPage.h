#pragma once

#include "PersonalToken.h"
#include "services/AdminController.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace accessdesk {

class AdminListTab;

// "Administration" (shown to administrators only): the server's application links, OAuth
// consumers, OAuth 2.0 clients and every user's personal tokens, one tab each. Renders the
// controller's lists and forwards the user's intent; revoking a token asks first.
class AdministrationPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdministrationPage)

public:
    enum Tab { AppLinksTab, ConsumersTab, OAuth2ClientsTab, TokensTab };
    Q_ENUM(Tab)

    explicit AdministrationPage(AdminController *controller, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    AdminListTab *tab(Tab tab) const;
    QLineEdit *tokenUserEdit() const { return m_tokenUser; }
    QLineEdit *tokenNameEdit() const { return m_tokenName; }
    QPushButton *searchButton() const { return m_search; }
    QPushButton *revokeButton() const { return m_revoke; }
    QPushButton *previousPageButton() const { return m_previous; }
    QPushButton *nextPageButton() const { return m_next; }

    QList<PersonalToken> selectedTokens() const;
    // Searches with what the token fields hold, from the first page.
    void searchTokens();
    // Asks for confirmation, then revokes the selected tokens.
    void revokeSelectedTokens();

protected:
    // The first time the page is shown for a server (or shown after a profile switch), its lists
    // are loaded.
    void showEvent(QShowEvent *event) override;

private:
    void buildTokenControls();
    void loadIfNeeded();
    void render(AdminController::Section section);
    void renderTokens();
    void renderTokenButtons();
    void showPage(int page);

    AdminController *m_controller;
    QTabWidget *m_tabs;
    AdminListTab *m_links;
    AdminListTab *m_consumers;
    AdminListTab *m_clients;
    AdminListTab *m_tokens;
    QLineEdit *m_tokenUser;
    QLineEdit *m_tokenName;
    QPushButton *m_search;
    QPushButton *m_revoke;
    QPushButton *m_previous;
    QPushButton *m_next;
    QLabel *m_pageLabel;
    QString m_revokeNote;
    QString m_revokeError;
};

} // namespace accessdesk
