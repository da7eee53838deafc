#pragma once

#include "PersonalToken.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace accessdesk {

class AdminTokenController;
struct AdminTokenQuery;
class PersonalTokenFilterModel;
class PersonalTokenModel;
class TokenSearchForm;

// Administration → Personal tokens: every user's personal access tokens. The search form asks
// the server; rows appear page by page as they arrive ("Loaded 12,000 of ~100,000…", Stop), the
// filter field narrows what has loaded, every column sorts. "Revoke selected…" asks first, then
// revokes and verifies in a TokenSweepDialog; "Sweep stale tokens…" opens one for a rule. The tab
// renders what the controller holds and forwards intent; it sends nothing itself.
class AdminTokensTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminTokensTab)

public:
    explicit AdminTokensTab(AdminTokenController *tokens, QWidget *parent = nullptr);

    // The first search of a server, once the tab is in view.
    void loadIfNeeded();
    // Asks for confirmation, then revokes the selected tokens.
    void revokeSelected();
    void openSweep();

    PersonalTokenModel *model() const { return m_model; }
    PersonalTokenFilterModel *proxy() const { return m_proxy; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    QLayout *buildToolbar();
    void search(const AdminTokenQuery &query);
    void render();
    void renderButtons();
    void updateDetails();
    QString statusText() const;
    QList<PersonalToken> selectedTokens() const;

    AdminTokenController *m_tokens;
    PersonalTokenModel *m_model;
    PersonalTokenFilterModel *m_proxy;
    TokenSearchForm *m_form;
    QLineEdit *m_filter;
    QPushButton *m_refresh;
    QPushButton *m_export;
    QPushButton *m_revoke;
    QPushButton *m_sweep;
    QLabel *m_problem;
    QTableView *m_table;
    QTextBrowser *m_details;
    QLabel *m_status;
    QPushButton *m_stop;
    bool m_sized = false; // columns fitted to the first page of this search
};

} // namespace accessdesk
