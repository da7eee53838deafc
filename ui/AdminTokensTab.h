#pragma once

#include "PersonalToken.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace accessdesk {

class AdminListTab;
class AdminTokenController;

// Administration → Personal tokens: search every user's personal access tokens by owner and
// name, a page at a time, and revoke the selected ones after asking. Renders what the controller
// holds and forwards the user's intent; sends nothing itself.
class AdminTokensTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminTokensTab)

public:
    explicit AdminTokensTab(AdminTokenController *tokens, QWidget *parent = nullptr);

    void loadIfNeeded();
    // Searches with what the fields hold, from the first page.
    void search();
    // Asks for confirmation, then revokes the selected tokens.
    void revokeSelected();

private:
    void buildSearchRow();
    void buildPaging();
    void render();
    void renderButtons();
    void showPage(int page);
    QList<PersonalToken> selectedTokens() const;

    AdminTokenController *m_tokens;
    AdminListTab *m_list;
    QLineEdit *m_user;
    QLineEdit *m_name;
    QPushButton *m_search;
    QPushButton *m_revoke;
    QPushButton *m_previous;
    QPushButton *m_next;
    QLabel *m_pageLabel;
    QString m_revokeNote;
    QString m_revokeError;
};

} // namespace accessdesk
