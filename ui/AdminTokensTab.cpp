#include "AdminTokensTab.h"

#include "AdminListTab.h"
#include "AdminRows.h"
#include "ConfirmationDialog.h"
#include "services/AdminTokenController.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace accessdesk {

AdminTokensTab::AdminTokensTab(AdminTokenController *tokens, QWidget *parent)
    : QWidget(parent)
    , m_tokens(tokens)
    , m_list(new AdminListTab(tr("Personal tokens"), AdminRows::tokenHeaders(),
                              QStringLiteral("personal-tokens.csv"), this))
    , m_user(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_search(new QPushButton(tr("Search"), this))
    , m_revoke(new QPushButton(tr("Revoke…"), this))
    , m_previous(new QPushButton(tr("Previous page"), this))
    , m_next(new QPushButton(tr("Next page"), this))
    , m_pageLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("personalTokensTab"));
    setAccessibleName(tr("Personal tokens"));
    m_list->setObjectName(QStringLiteral("personalTokens"));
    m_list->setEmptyText(tr("No personal access token matches the search."));
    buildSearchRow();
    buildPaging();

    connect(m_list, &AdminListTab::refreshRequested, m_tokens, &AdminTokenController::refresh);
    connect(m_list, &AdminListTab::selectionChanged, this, &AdminTokensTab::renderButtons);
    connect(m_tokens, &AdminTokenController::changed, this, &AdminTokensTab::render);
    connect(m_tokens, &AdminTokenController::revokeFinished, this,
            [this](bool succeeded, const QString &message) {
                m_revokeNote = succeeded ? message : QString();
                m_revokeError = succeeded ? QString() : message;
                render();
            });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    render();
}

void AdminTokensTab::buildSearchRow()
{
    m_user->setObjectName(QStringLiteral("tokenOwner"));
    m_user->setPlaceholderText(tr("any user"));
    m_user->setAccessibleName(tr("Token owner's user name"));
    m_user->setClearButtonEnabled(true);
    m_name->setObjectName(QStringLiteral("tokenName"));
    m_name->setPlaceholderText(tr("any name"));
    m_name->setAccessibleName(tr("Token name contains"));
    m_name->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("searchTokens"));
    m_search->setAccessibleName(tr("Search personal tokens"));
    auto *userLabel = new QLabel(tr("&User:"), this);
    userLabel->setBuddy(m_user);
    auto *nameLabel = new QLabel(tr("Token &name:"), this);
    nameLabel->setBuddy(m_name);
    connect(m_search, &QPushButton::clicked, this, &AdminTokensTab::search);
    connect(m_user, &QLineEdit::returnPressed, this, &AdminTokensTab::search);
    connect(m_name, &QLineEdit::returnPressed, this, &AdminTokensTab::search);

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Find tokens on the server —"), this));
    row->addWidget(userLabel);
    row->addWidget(m_user, 1);
    row->addWidget(nameLabel);
    row->addWidget(m_name, 1);
    row->addWidget(m_search);
    m_list->addRowAbove(row);
}

void AdminTokensTab::buildPaging()
{
    m_previous->setObjectName(QStringLiteral("previousPage"));
    m_previous->setAccessibleName(tr("Previous page of tokens"));
    m_next->setObjectName(QStringLiteral("nextPage"));
    m_next->setAccessibleName(tr("Next page of tokens"));
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    m_pageLabel->setAccessibleName(tr("Token page"));
    m_revoke->setObjectName(QStringLiteral("revokeTokens"));
    m_revoke->setAccessibleName(tr("Revoke selected tokens"));
    m_revoke->setToolTip(tr("Revoke the selected tokens for their owners (asks first)"));
    connect(m_previous, &QPushButton::clicked, this,
            [this] { showPage(m_tokens->query().page - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { showPage(m_tokens->query().page + 1); });
    connect(m_revoke, &QPushButton::clicked, this, &AdminTokensTab::revokeSelected);
    auto *revokeKey = new QAction(tr("Revoke"), this);
    revokeKey->setShortcut(QKeySequence::Delete);
    revokeKey->setShortcutContext(Qt::WidgetShortcut);
    connect(revokeKey, &QAction::triggered, this, &AdminTokensTab::revokeSelected);
    m_list->table()->addAction(revokeKey);
    m_list->table()->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_list->toolbar()->insertWidget(1, m_revoke);
    m_list->toolbar()->addWidget(m_previous);
    m_list->toolbar()->addWidget(m_pageLabel);
    m_list->toolbar()->addWidget(m_next);
}

void AdminTokensTab::loadIfNeeded()
{
    if (AdminListTab::needsLoading(m_tokens->state()))
        m_tokens->refresh();
}

void AdminTokensTab::render()
{
    const AdminListState &state = m_tokens->state();
    const TokenSearchPage &page = m_tokens->page();
    m_list->setLoaded(state.loaded);
    m_list->setRows(AdminRows::tokens(page.values));
    m_list->setBusy(state.loading);
    m_search->setEnabled(!state.loading);

    QStringList errors;
    if (!m_revokeError.isEmpty())
        errors << m_revokeError;
    if (state.error.isError())
        errors << m_tokens->errorText();
    m_list->setError(errors.join(QLatin1Char('\n')));

    QString status;
    if (m_tokens->isRevoking())
        status = tr("Revoking…");
    else if (state.loading)
        status = tr("Searching…");
    else if (m_tokens->noSuchUser())
        status = tr("No user matches “%1”.").arg(m_tokens->query().userName.trimmed());
    else if (state.loaded)
        status = (page.values.size() == 1 ? tr("1 token on this page")
                                          : tr("%1 tokens on this page").arg(page.values.size())) +
                 tr(", loaded at %1").arg(state.loadedAtText());
    if (!m_revokeNote.isEmpty())
        status = status.isEmpty() ? m_revokeNote
                                  : QString(status + QStringLiteral(" — ") + m_revokeNote);
    m_list->setStatus(status);
    renderButtons();
}

void AdminTokensTab::renderButtons()
{
    const TokenSearchPage &page = m_tokens->page();
    const bool idle = !m_tokens->state().loading && !m_tokens->isRevoking();
    const bool loaded = m_tokens->state().loaded && !m_tokens->noSuchUser();
    m_revoke->setEnabled(idle && !selectedTokens().isEmpty());
    m_previous->setEnabled(idle && loaded && m_tokens->query().page > 0);
    m_next->setEnabled(idle && loaded && !page.isLastPage);
    const int pages = qMax(1, page.totalPages);
    m_pageLabel->setText(loaded ? tr("Page %1 of %2").arg(m_tokens->query().page + 1).arg(pages)
                                : QString());
}

void AdminTokensTab::search()
{
    m_revokeNote.clear();
    m_revokeError.clear();
    m_tokens->search(AdminTokenQuery{m_user->text().trimmed(), m_name->text().trimmed(), 0});
}

void AdminTokensTab::showPage(int page)
{
    AdminTokenQuery query = m_tokens->query();
    query.page = qMax(0, page);
    m_tokens->search(query);
}

QList<PersonalToken> AdminTokensTab::selectedTokens() const
{
    QList<PersonalToken> selected;
    const QList<AdminRow> rows = m_list->selectedRows();
    for (const PersonalToken &token : m_tokens->page().values) {
        for (const AdminRow &row : rows) {
            if (row.key == QString::number(token.id))
                selected << token;
        }
    }
    return selected;
}

void AdminTokensTab::revokeSelected()
{
    const QList<PersonalToken> tokens = selectedTokens();
    if (tokens.isEmpty() || m_tokens->isRevoking())
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
            m_tokens->revoke(tokens);
    });
    dialog->open();
}

} // namespace accessdesk
