#include "AdminTokensTab.h"

#include "DateCellDelegate.h"
#include "PersonalTokenFilterModel.h"
#include "PersonalTokenModel.h"
#include "TableExport.h"
#include "TableViews.h"
#include "TokenSearchForm.h"
#include "TokenSweepDialog.h"
#include "services/AdminListState.h"
#include "services/AdminTokenController.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace accessdesk {

static_assert(PersonalTokenModel::ExportRole == TableExport::ExportRole,
              "PersonalTokenModel must answer the role TableExport asks");

namespace {

QString number(qint64 value)
{
    return QLocale().toString(value);
}

QString loadedAt(const QDateTime &when)
{
    AdminListState state;
    state.loadedAt = when;
    return state.loadedAtText();
}

} // namespace

AdminTokensTab::AdminTokensTab(AdminTokenController *tokens, QWidget *parent)
    : QWidget(parent)
    , m_tokens(tokens)
    , m_model(new PersonalTokenModel({}, this))
    , m_proxy(new PersonalTokenFilterModel(this))
    , m_form(new TokenSearchForm(this))
    , m_filter(new QLineEdit(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_revoke(new QPushButton(tr("Revoke selected…"), this))
    , m_sweep(new QPushButton(tr("Sweep stale tokens…"), this))
    , m_problem(new QLabel(this))
    , m_table(new QTableView(this))
    , m_details(new QTextBrowser(this))
    , m_status(new QLabel(this))
    , m_stop(new QPushButton(tr("Stop"), this))
{
    setObjectName(QStringLiteral("personalTokensTab"));
    setAccessibleName(tr("Personal tokens"));
    m_proxy->setSourceModel(m_model);

    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setAccessibleName(tr("Problem with the token search"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    // Palette roles, not fixed colours, so the notice reads as well with a dark palette.
    m_problem->setFrameShape(QFrame::StyledPanel);
    m_problem->setMargin(6);
    m_problem->setAutoFillBackground(true);
    m_problem->setBackgroundRole(QPalette::ToolTipBase);
    m_problem->setForegroundRole(QPalette::ToolTipText);
    m_problem->hide();

    m_table->setObjectName(QStringLiteral("table"));
    m_table->setAccessibleName(tr("Personal tokens"));
    TableViews::setUpSortableTable(m_table, m_proxy, PersonalTokenModel::Created,
                                   Qt::AscendingOrder, QAbstractItemView::ExtendedSelection);
    auto *dates = new DateCellDelegate(PersonalTokenModel::RawValueRole, {}, m_table);
    dates->setExpiryColumns({PersonalTokenModel::Expires});
    m_table->setItemDelegate(dates);
    auto *revokeKey = new QAction(tr("Revoke selected…"), this);
    revokeKey->setShortcut(QKeySequence::Delete);
    revokeKey->setShortcutContext(Qt::WidgetShortcut);
    connect(revokeKey, &QAction::triggered, this, &AdminTokensTab::revokeSelected);
    m_table->addAction(revokeKey);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_details->setObjectName(QStringLiteral("details"));
    m_details->setAccessibleName(tr("Details of the selected token"));
    m_details->setOpenLinks(false);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setAccessibleName(tr("Token search progress"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_stop->setObjectName(QStringLiteral("stopSearch"));
    m_stop->setAccessibleName(tr("Stop the token search"));
    m_stop->setToolTip(tr("Stop loading; the tokens loaded so far stay in the list."));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto *progress = new QHBoxLayout;
    progress->addWidget(m_status, 1);
    progress->addWidget(m_stop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addLayout(buildToolbar());
    layout->addWidget(m_problem);
    layout->addWidget(splitter, 1);
    layout->addLayout(progress);

    connect(m_form, &TokenSearchForm::searchRequested, this, &AdminTokensTab::search);
    connect(m_stop, &QPushButton::clicked, m_tokens, &AdminTokenController::stop);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetails();
        renderButtons();
    });
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &AdminTokensTab::render);
    connect(m_tokens, &AdminTokenController::searchStarted, this, [this] {
        m_model->clear();
        m_sized = false;
    });
    connect(m_tokens, &AdminTokenController::tokensFound, this,
            [this](const QList<PersonalToken> &tokens) {
                m_model->appendTokens(tokens);
                if (!m_sized) {
                    m_sized = true;
                    m_table->resizeColumnsToContents();
                }
            });
    // What a revoke verified as gone leaves the list; the rest stays as the server has it.
    connect(m_tokens, &AdminTokenController::tokensRevoked, this, [this](const QSet<qint64> &ids) {
        m_model->removeTokens(ids);
        render();
    });
    connect(m_tokens, &AdminTokenController::changed, this, &AdminTokensTab::render);
    render();
}

QLayout *AdminTokensTab::buildToolbar()
{
    m_filter->setObjectName(QStringLiteral("filter"));
    TableViews::setUpFilterField(m_filter, this, tr("Filter the tokens loaded"), m_table);
    m_filter->setToolTip(tr("Narrows the tokens loaded by name or owner; does not ask the "
                            "server."));
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setTextFilter(text);
        render();
    });
    m_refresh->setObjectName(QStringLiteral("refresh"));
    m_refresh->setAccessibleName(tr("Refresh the token search"));
    m_refresh->setToolTip(tr("Run the last search again"));
    connect(m_refresh, &QPushButton::clicked, m_tokens, &AdminTokenController::refresh);
    m_export->setObjectName(QStringLiteral("exportCsv"));
    m_export->setAccessibleName(tr("Export the tokens shown as CSV"));
    m_export->setToolTip(tr("Save the rows shown (after filtering) as a CSV file"));
    connect(m_export, &QPushButton::clicked, this, [this] {
        TableExport::exportWithDialog(*m_proxy, QStringLiteral("personal-tokens.csv"), this);
    });
    m_revoke->setObjectName(QStringLiteral("revokeTokens"));
    m_revoke->setAccessibleName(tr("Revoke the selected tokens"));
    connect(m_revoke, &QPushButton::clicked, this, &AdminTokensTab::revokeSelected);
    m_sweep->setObjectName(QStringLiteral("sweepTokens"));
    m_sweep->setAccessibleName(tr("Sweep stale tokens"));
    connect(m_sweep, &QPushButton::clicked, this, &AdminTokensTab::openSweep);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_filter, 1);
    toolbar->addWidget(m_refresh);
    toolbar->addWidget(m_export);
    toolbar->addWidget(m_revoke);
    toolbar->addWidget(m_sweep);
    return toolbar;
}

void AdminTokensTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    loadIfNeeded();
}

void AdminTokensTab::loadIfNeeded()
{
    // Not before the tab is in view: the first search lists every token on the server.
    if (isVisible())
        m_tokens->loadIfNeeded();
}

void AdminTokensTab::search(const AdminTokenQuery &query)
{
    m_tokens->search(query);
}

void AdminTokensTab::render()
{
    const QString problem = m_tokens->problemText();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_status->setText(statusText());
    m_stop->setVisible(m_tokens->isSearching());
    updateDetails();
    renderButtons();
}

QString AdminTokensTab::statusText() const
{
    using State = AdminTokenController::SearchState;
    const qint64 rows = m_model->rowCount();
    const qint64 found = m_tokens->foundCount();
    const qint64 checked = m_tokens->checkedCount();
    const qint64 total = m_tokens->estimatedTotal();
    QString text;
    switch (m_tokens->searchState()) {
    case State::NotSearched:
        return {};
    case State::Searching:
        if (total == 0)
            text = tr("Searching…");
        else if (found == checked)
            text = total == 1 ? tr("Loaded %1 of ~1 token…").arg(number(checked))
                              : tr("Loaded %1 of ~%2 tokens…").arg(number(checked), number(total));
        else
            text = total == 1
                       ? tr("%1 found; checked %2 of ~1 token…").arg(number(found), number(checked))
                       : tr("%1 found; checked %2 of ~%3 tokens…")
                             .arg(number(found), number(checked), number(total));
        break;
    case State::Stopped:
        text = total == 1 ? tr("Stopped: %1 of ~1 token loaded. Search again to load them all.")
                                .arg(number(checked))
                          : tr("Stopped: %1 of ~%2 tokens loaded. Search again to load them all.")
                                .arg(number(checked), number(total));
        break;
    case State::Completed:
        if (rows == 0)
            text = tr("No token matches the search (searched at %1).")
                       .arg(loadedAt(m_tokens->finishedAt()));
        else
            text = rows == 1 ? tr("1 token, loaded at %1.").arg(loadedAt(m_tokens->finishedAt()))
                             : tr("%1 tokens, loaded at %2.")
                                   .arg(number(rows), loadedAt(m_tokens->finishedAt()));
        break;
    case State::Failed:
    case State::NoSuchOwner:
    case State::TooManyOwners:
        if (rows > 0)
            text = rows == 1 ? tr("1 token loaded.") : tr("%1 tokens loaded.").arg(number(rows));
        break;
    }
    if (!m_proxy->textFilter().isEmpty())
        text +=
            QLatin1Char(' ') + tr("The filter shows %1 of them.").arg(number(m_proxy->rowCount()));
    return text;
}

void AdminTokensTab::renderButtons()
{
    const bool mayRevoke = m_tokens->mayAdminister();
    const QString why = tr("Only Jira system administrators can revoke other users' personal "
                           "access tokens, and only on Jira Data Center.");
    m_revoke->setEnabled(mayRevoke && m_table->selectionModel()->hasSelection());
    m_revoke->setToolTip(mayRevoke ? tr("Revoke the selected tokens for their owners (asks first)")
                                   : why);
    m_sweep->setEnabled(mayRevoke);
    m_sweep->setToolTip(mayRevoke ? tr("Find tokens never used, unused for a while, expired or "
                                       "expiring soon, and revoke them in one go")
                                  : why);
    m_export->setEnabled(m_proxy->rowCount() > 0);
}

void AdminTokensTab::updateDetails()
{
    const QList<PersonalToken> selected = selectedTokens();
    if (selected.size() == 1)
        m_details->setPlainText(PersonalTokenModel::details(selected.first()));
    else if (selected.size() > 1)
        m_details->setPlainText(tr("%1 tokens selected.").arg(number(selected.size())));
    else if (m_model->rowCount() > 0)
        m_details->setPlainText(tr("Select a token to see its details."));
    else if (m_tokens->searchState() == AdminTokenController::SearchState::Completed)
        m_details->setPlainText(tr("No personal access token matches the search."));
    else
        m_details->setPlainText(tr("Nothing to show yet."));
}

QList<PersonalToken> AdminTokensTab::selectedTokens() const
{
    QList<PersonalToken> tokens;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    tokens.reserve(rows.size());
    for (const QModelIndex &index : rows)
        tokens.append(m_model->tokenAt(m_proxy->mapToSource(index).row()));
    return tokens;
}

void AdminTokensTab::revokeSelected()
{
    const QList<PersonalToken> tokens = selectedTokens();
    if (tokens.isEmpty() || !m_revoke->isEnabled())
        return;
    TokenSweepDialog::askAndRevoke(m_tokens, tokens, this);
}

void AdminTokensTab::openSweep()
{
    if (m_sweep->isEnabled())
        TokenSweepDialog::openForRule(m_tokens, this);
}

} // namespace accessdesk
