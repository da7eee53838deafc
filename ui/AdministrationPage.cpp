#include "AdministrationPage.h"

#include "AdminListTab.h"
#include "AdminRows.h"
#include "ConfirmationDialog.h"
#include "services/AdminTokenController.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

namespace accessdesk {

AdministrationPage::AdministrationPage(AdminController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_tabs(new QTabWidget(this))
    , m_links(new AdminListTab(tr("Application links"), AdminRows::linkHeaders(),
                               QStringLiteral("application-links.csv"), this))
    , m_consumers(new AdminListTab(tr("OAuth consumers"), AdminRows::consumerHeaders(),
                                   QStringLiteral("oauth-consumers.csv"), this))
    , m_clients(new AdminListTab(tr("OAuth 2.0 clients"), AdminRows::clientHeaders(),
                                 QStringLiteral("oauth2-clients.csv"), this))
    , m_tokens(new AdminListTab(tr("Personal tokens"), AdminRows::tokenHeaders(),
                                QStringLiteral("personal-tokens.csv"), this))
    , m_tokenUser(new QLineEdit(this))
    , m_tokenName(new QLineEdit(this))
    , m_search(new QPushButton(tr("Search"), this))
    , m_revoke(new QPushButton(tr("Revoke…"), this))
    , m_previous(new QPushButton(tr("Previous page"), this))
    , m_next(new QPushButton(tr("Next page"), this))
    , m_pageLabel(new QLabel(this))
{
    setAccessibleName(tr("Administration"));
    m_tabs->setAccessibleName(tr("Administration lists"));
    m_tabs->addTab(m_links, tr("Application links"));
    m_tabs->addTab(m_consumers, tr("OAuth consumers"));
    m_tabs->addTab(m_clients, tr("OAuth 2.0 clients"));
    m_tabs->addTab(m_tokens, tr("Personal tokens"));

    m_links->setEmptyText(tr("This server has no application links. Links connect Jira with "
                             "Confluence, Bamboo, Bitbucket or other applications."));
    m_consumers->setEmptyText(tr("No application link has an incoming OAuth consumer, so no "
                                 "application can ask users for access through OAuth 1.0a."));
    m_clients->setEmptyText(tr("No OAuth 2.0 clients are registered on this server."));
    m_tokens->setEmptyText(tr("No personal access token matches the search."));

    using Section = AdminController::Section;
    connect(m_links, &AdminListTab::refreshRequested, m_controller,
            [this] { m_controller->refresh(Section::AppLinks); });
    connect(m_consumers, &AdminListTab::refreshRequested, m_controller,
            [this] { m_controller->refresh(Section::Consumers); });
    connect(m_clients, &AdminListTab::refreshRequested, m_controller,
            [this] { m_controller->refresh(Section::OAuth2Clients); });
    connect(m_controller, &AdminController::sectionChanged, this, [this](Section section) {
        render(section);
        if (section == Section::OAuth2Clients) // links that are OAuth 2.0 clients say so
            render(Section::AppLinks);
        if (isVisible()) // after a profile switch, the new server's lists
            loadIfNeeded();
    });
    buildTokenControls();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    for (const Section section : {Section::AppLinks, Section::Consumers, Section::OAuth2Clients})
        render(section);
    renderTokens();
}

AdminListTab *AdministrationPage::tab(Tab tab) const
{
    switch (tab) {
    case AppLinksTab:
        return m_links;
    case ConsumersTab:
        return m_consumers;
    case OAuth2ClientsTab:
        return m_clients;
    case TokensTab:
        return m_tokens;
    }
    return nullptr;
}

void AdministrationPage::buildTokenControls()
{
    AdminTokenController *tokens = m_controller->tokens();
    m_tokenUser->setPlaceholderText(tr("any user"));
    m_tokenUser->setAccessibleName(tr("Token owner's user name"));
    m_tokenUser->setClearButtonEnabled(true);
    m_tokenName->setPlaceholderText(tr("any name"));
    m_tokenName->setAccessibleName(tr("Token name contains"));
    m_tokenName->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search personal tokens"));
    auto *userLabel = new QLabel(tr("&User:"), this);
    userLabel->setBuddy(m_tokenUser);
    auto *nameLabel = new QLabel(tr("Token &name:"), this);
    nameLabel->setBuddy(m_tokenName);
    connect(m_search, &QPushButton::clicked, this, &AdministrationPage::searchTokens);
    connect(m_tokenUser, &QLineEdit::returnPressed, this, &AdministrationPage::searchTokens);
    connect(m_tokenName, &QLineEdit::returnPressed, this, &AdministrationPage::searchTokens);

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(new QLabel(tr("Find tokens on the server —"), this));
    searchRow->addWidget(userLabel);
    searchRow->addWidget(m_tokenUser, 1);
    searchRow->addWidget(nameLabel);
    searchRow->addWidget(m_tokenName, 1);
    searchRow->addWidget(m_search);
    m_tokens->addRowAbove(searchRow);

    m_previous->setAccessibleName(tr("Previous page of tokens"));
    m_next->setAccessibleName(tr("Next page of tokens"));
    m_pageLabel->setAccessibleName(tr("Token page"));
    m_revoke->setAccessibleName(tr("Revoke selected tokens"));
    m_revoke->setToolTip(tr("Revoke the selected tokens for their owners (asks first)"));
    connect(m_previous, &QPushButton::clicked, this,
            [this, tokens] { showPage(tokens->query().page - 1); });
    connect(m_next, &QPushButton::clicked, this,
            [this, tokens] { showPage(tokens->query().page + 1); });
    connect(m_revoke, &QPushButton::clicked, this, &AdministrationPage::revokeSelectedTokens);
    auto *revokeKey = new QAction(tr("Revoke"), this);
    revokeKey->setShortcut(QKeySequence::Delete);
    revokeKey->setShortcutContext(Qt::WidgetShortcut);
    connect(revokeKey, &QAction::triggered, this, &AdministrationPage::revokeSelectedTokens);
    m_tokens->table()->addAction(revokeKey);
    m_tokens->table()->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_tokens->toolbar()->insertWidget(1, m_revoke);
    m_tokens->toolbar()->addWidget(m_previous);
    m_tokens->toolbar()->addWidget(m_pageLabel);
    m_tokens->toolbar()->addWidget(m_next);

    connect(m_tokens, &AdminListTab::refreshRequested, tokens, &AdminTokenController::refresh);
    connect(m_tokens, &AdminListTab::selectionChanged, this,
            &AdministrationPage::renderTokenButtons);
    connect(tokens, &AdminTokenController::changed, this, [this] {
        renderTokens();
        if (isVisible())
            loadIfNeeded();
    });
    connect(tokens, &AdminTokenController::revokeFinished, this,
            [this](bool succeeded, const QString &message) {
                m_revokeNote = succeeded ? message : QString();
                m_revokeError = succeeded ? QString() : message;
                renderTokens();
            });
}

void AdministrationPage::render(AdminController::Section section)
{
    using Section = AdminController::Section;
    const AdminListState &state = m_controller->state(section);
    AdminListTab *tab = nullptr;
    QString what;
    qsizetype count = 0;
    switch (section) {
    case Section::AppLinks: {
        tab = m_links;
        tab->setLoaded(state.loaded);
        QSet<QString> clientIds;
        for (const OAuth2Client &client : m_controller->oauth2Clients())
            clientIds.insert(client.id);
        tab->setRows(
            AdminRows::links(m_controller->appLinks(),
                             {m_controller->linkStatuses(), m_controller->linkStatusErrors(),
                              m_controller->checkingLinkStatus()},
                             clientIds));
        count = m_controller->appLinks().size();
        what = count == 1 ? tr("1 application link") : tr("%1 application links").arg(count);
        break;
    }
    case Section::Consumers:
        tab = m_consumers;
        tab->setLoaded(state.loaded);
        tab->setRows(AdminRows::consumers(m_controller->consumers()));
        count = m_controller->consumers().size();
        what = count == 1 ? tr("1 OAuth consumer") : tr("%1 OAuth consumers").arg(count);
        break;
    case Section::OAuth2Clients:
        tab = m_clients;
        tab->setLoaded(state.loaded);
        tab->setRows(AdminRows::clients(m_controller->oauth2Clients()));
        count = m_controller->oauth2Clients().size();
        what = count == 1 ? tr("1 OAuth 2.0 client") : tr("%1 OAuth 2.0 clients").arg(count);
        break;
    }
    tab->setBusy(state.loading);
    tab->setError(m_controller->errorText(section));
    if (state.loading)
        tab->setStatus(tr("Loading from the server…"));
    else if (state.loaded)
        tab->setStatus(tr("%1, loaded at %2").arg(what, state.loadedAtText()));
    else
        tab->setStatus(QString());
}

void AdministrationPage::renderTokens()
{
    const AdminTokenController *tokens = m_controller->tokens();
    const AdminListState &state = tokens->state();
    const TokenSearchPage &page = tokens->page();
    m_tokens->setLoaded(state.loaded);
    m_tokens->setRows(AdminRows::tokens(page.values));
    m_tokens->setBusy(state.loading);
    m_search->setEnabled(!state.loading);

    QStringList errors;
    if (!m_revokeError.isEmpty())
        errors << m_revokeError;
    if (state.error.isError())
        errors << tokens->errorText();
    m_tokens->setError(errors.join(QLatin1Char('\n')));

    QString status;
    if (tokens->isRevoking())
        status = tr("Revoking…");
    else if (state.loading)
        status = tr("Searching…");
    else if (tokens->noSuchUser())
        status = tr("No user matches “%1”.").arg(tokens->query().userName.trimmed());
    else if (state.loaded)
        status = (page.values.size() == 1 ? tr("1 token on this page")
                                          : tr("%1 tokens on this page").arg(page.values.size())) +
                 tr(", loaded at %1").arg(state.loadedAtText());
    if (!m_revokeNote.isEmpty())
        status = status.isEmpty() ? m_revokeNote
                                  : QString(status + QStringLiteral(" — ") + m_revokeNote);
    m_tokens->setStatus(status);
    renderTokenButtons();
}

void AdministrationPage::renderTokenButtons()
{
    const AdminTokenController *tokens = m_controller->tokens();
    const TokenSearchPage &page = tokens->page();
    const bool idle = !tokens->state().loading && !tokens->isRevoking();
    const bool loaded = tokens->state().loaded && !tokens->noSuchUser();
    m_revoke->setEnabled(idle && !selectedTokens().isEmpty());
    m_previous->setEnabled(idle && loaded && tokens->query().page > 0);
    m_next->setEnabled(idle && loaded && !page.isLastPage);
    const int pages = qMax(1, page.totalPages);
    m_pageLabel->setText(loaded ? tr("Page %1 of %2").arg(tokens->query().page + 1).arg(pages)
                                : QString());
}

void AdministrationPage::searchTokens()
{
    m_revokeNote.clear();
    m_revokeError.clear();
    m_controller->tokens()->search(
        AdminTokenQuery{m_tokenUser->text().trimmed(), m_tokenName->text().trimmed(), 0});
}

void AdministrationPage::showPage(int page)
{
    AdminTokenQuery query = m_controller->tokens()->query();
    query.page = qMax(0, page);
    m_controller->tokens()->search(query);
}

QList<PersonalToken> AdministrationPage::selectedTokens() const
{
    QList<PersonalToken> selected;
    const QList<AdminRow> rows = m_tokens->selectedRows();
    for (const PersonalToken &token : m_controller->tokens()->page().values) {
        for (const AdminRow &row : rows) {
            if (row.key == QString::number(token.id))
                selected << token;
        }
    }
    return selected;
}

void AdministrationPage::revokeSelectedTokens()
{
    const QList<PersonalToken> tokens = selectedTokens();
    if (tokens.isEmpty() || m_controller->tokens()->isRevoking())
        return;
    QStringList lines;
    lines << (tokens.size() == 1 ? tr("Revoke this personal access token?")
                                 : tr("Revoke these %1 personal access tokens?").arg(tokens.size()))
          << QString();
    for (const PersonalToken &token : tokens) {
        const QString owner = token.owner
                                  ? tr("%1 (%2)").arg(token.owner->fullName, token.owner->username)
                                  : tr("unknown user");
        lines << tr("• “%1” of %2").arg(token.name, owner);
    }
    lines << QString()
          << tr("Whatever uses it — scripts, integrations, other applications — stops working at "
                "once. This cannot be undone: the owner would have to create a new token.");
    const QString accept =
        tokens.size() == 1 ? tr("Revoke token") : tr("Revoke %1 tokens").arg(tokens.size());
    auto *dialog = new ConfirmationDialog(tr("Revoke personal tokens"),
                                          lines.join(QLatin1Char('\n')), accept, this);
    connect(dialog, &ConfirmationDialog::answered, this, [this, tokens](bool accepted) {
        if (accepted)
            m_controller->tokens()->revoke(tokens);
    });
    dialog->open();
}

void AdministrationPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    loadIfNeeded();
}

void AdministrationPage::loadIfNeeded()
{
    // A list that failed waits for Refresh: trying again by itself would only repeat the error.
    using Section = AdminController::Section;
    for (const Section section : {Section::AppLinks, Section::Consumers, Section::OAuth2Clients}) {
        const AdminListState &state = m_controller->state(section);
        if (!state.loaded && !state.loading && !state.error.isError())
            m_controller->refresh(section);
    }
    const AdminListState &tokens = m_controller->tokens()->state();
    if (!tokens.loaded && !tokens.loading && !tokens.error.isError())
        m_controller->tokens()->refresh();
}

} // namespace accessdesk
