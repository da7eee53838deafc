#include "MyAccessPage.h"

#include "AccessGrantFilterModel.h"
#include "AccessGrantModel.h"
#include "ConfirmationDialog.h"
#include "DateCellDelegate.h"
#include "DisplayText.h"
#include "RevokeProgressDialog.h"
#include "TableExport.h"
#include "TableViews.h"
#include "ViewState.h"
#include "services/MyAccessController.h"
#include "services/RevokeWording.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QFrame>
#include <QGuiApplication>
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

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace accessdesk {

// models/ cannot see ui/, so the model defines the export role's number itself.
static_assert(AccessGrantModel::ExportRole == TableExport::ExportRole,
              "AccessGrantModel must answer the role TableExport asks");

namespace {

// What a blank cell of a grant means: the server did not say, or there is nothing to say.
EmptyCellDelegate::Placeholder grantPlaceholder(const QModelIndex &index)
{
    const auto kind = GrantKind(index.data(AccessGrantModel::KindRole).toInt());
    switch (index.column()) {
    case AccessGrantModel::Description:
        return {MyAccessPage::tr("—"), MyAccessPage::tr("No description was given.")};
    case AccessGrantModel::Expires:
        return {MyAccessPage::tr("not reported"),
                MyAccessPage::tr("The server does not report when OAuth grants expire.")};
    case AccessGrantModel::LastUsed:
        return {MyAccessPage::tr("not reported"),
                MyAccessPage::tr("The server reports when personal tokens were last used, but "
                                 "not OAuth grants.")};
    case AccessGrantModel::Scopes:
        if (kind == GrantKind::OAuth2)
            return {MyAccessPage::tr("—"), MyAccessPage::tr("The server reported no scopes.")};
        return {MyAccessPage::tr("everything you can do"),
                MyAccessPage::tr("Personal tokens and OAuth 1.0a grants have no scopes: they can "
                                 "do everything you can do on the server.")};
    default:
        return {};
    }
}

} // namespace

MyAccessPage::MyAccessPage(MyAccessController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_model(new AccessGrantModel({}, this))
    , m_proxy(new AccessGrantFilterModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_details(new QTextBrowser(this))
    , m_revoke(new QPushButton(tr("Revoke…"), this))
    , m_revokeAll(new QPushButton(tr("Revoke all…"), this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_newToken(new QPushButton(tr("New token…"), this))
    , m_answerRequest(new QPushButton(tr("Answer a request for access…"), this))
    , m_notice(new QLabel(this))
    , m_unreadableBanner(new QFrame(this))
    , m_unreadableText(new QLabel(m_unreadableBanner))
    , m_openPage(new QPushButton(tr("Open in browser"), m_unreadableBanner))
    , m_status(new QLabel(this))
{
    setAccessibleName(tr("My access"));
    m_proxy->setSourceModel(m_model);
    // Tests and accessibility tools find the controls by these names.
    for (const auto &[widget, name] : {std::pair<QWidget *, const char *>{m_filter, "grantFilter"},
                                       {m_table, "grantTable"},
                                       {m_details, "grantDetails"},
                                       {m_revoke, "revokeGrants"},
                                       {m_revokeAll, "revokeAllGrants"},
                                       {m_refresh, "refreshGrants"},
                                       {m_export, "exportGrants"},
                                       {m_newToken, "newToken"},
                                       {m_answerRequest, "answerRequest"},
                                       {m_notice, "grantNotice"},
                                       {m_status, "grantStatus"}})
        widget->setObjectName(QLatin1String(name));

    TableViews::setUpFilterField(m_filter, this, tr("Filter grants"), m_table);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &AccessGrantFilterModel::setTextFilter);
    // The count and Revoke all follow what the filter shows.
    connect(m_filter, &QLineEdit::textChanged, this, &MyAccessPage::render);

    TableViews::setUpSortableTable(m_table, m_proxy, AccessGrantModel::Application,
                                   Qt::AscendingOrder, QAbstractItemView::ExtendedSelection);
    m_table->setAccessibleName(tr("Grants"));
    auto *cells = new DateCellDelegate(AccessGrantModel::RawValueRole, grantPlaceholder, m_table);
    cells->setExpiryColumns({AccessGrantModel::Expires});
    m_table->setItemDelegate(cells);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MyAccessPage::updateDetails);

    m_revokeAction = new QAction(tr("Revoke…"), this);
    m_revokeAction->setShortcut(QKeySequence::Delete);
    m_revokeAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_revokeAction, &QAction::triggered, this, &MyAccessPage::revokeSelected);
    m_table->addAction(m_revokeAction);
    // Reading comes before taking away in the context menu, as on the toolbar above.
    m_copyAction = new QAction(tr("&Copy"), this);
    m_copyAction->setObjectName(QStringLiteral("copyGrants"));
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_copyAction->setToolTip(tr("Copy the selected rows as plain text."));
    connect(m_copyAction, &QAction::triggered, this, &MyAccessPage::copySelected);
    m_detailsAction = new QAction(tr("&Details…"), this);
    m_detailsAction->setObjectName(QStringLiteral("showGrantDetails"));
    m_detailsAction->setToolTip(tr("Show the details of the selected grant."));
    connect(m_detailsAction, &QAction::triggered, this, &MyAccessPage::showDetails);
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_table->insertActions(m_revokeAction, {m_copyAction, m_detailsAction, separator});
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_details->setAccessibleName(tr("Grant details"));
    m_details->setOpenExternalLinks(false);
    m_revoke->setAccessibleName(tr("Revoke selected grants"));
    m_revokeAll->setAccessibleName(tr("Revoke all grants"));
    m_refresh->setAccessibleName(tr("Refresh the list"));
    m_export->setAccessibleName(tr("Export the list as CSV"));
    m_export->setToolTip(tr("Save the rows shown (after filtering) as a CSV file."));
    m_newToken->setAccessibleName(tr("Create a personal access token"));
    m_answerRequest->setAccessibleName(tr("Answer a request for access"));
    m_status->setAccessibleName(tr("List status"));
    m_status->setTextFormat(Qt::PlainText);
    m_notice->setAccessibleName(tr("List notice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setMargin(6);
    m_notice->setAutoFillBackground(true);
    m_notice->setBackgroundRole(QPalette::ToolTipBase);
    m_notice->setForegroundRole(QPalette::ToolTipText);
    m_notice->hide();

    // Grants the page reader could not read are not in the table: say so, and where to see them.
    QFrame *bannerFrame = m_unreadableBanner;
    bannerFrame->setObjectName(QStringLiteral("unreadableGrantsBanner"));
    bannerFrame->setFrameShape(QFrame::StyledPanel);
    bannerFrame->setAutoFillBackground(true);
    bannerFrame->setBackgroundRole(QPalette::ToolTipBase);
    m_unreadableText->setObjectName(QStringLiteral("unreadableGrantsText"));
    m_unreadableText->setAccessibleName(tr("Grants that could not be read"));
    m_unreadableText->setTextFormat(Qt::PlainText);
    m_unreadableText->setWordWrap(true);
    m_unreadableText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_unreadableText->setForegroundRole(QPalette::ToolTipText);
    m_openPage->setObjectName(QStringLiteral("openAccessTokensPage"));
    m_openPage->setAccessibleName(tr("Open the access tokens page in the browser"));
    auto *bannerLayout = new QHBoxLayout(bannerFrame);
    bannerLayout->setContentsMargins(6, 6, 6, 6);
    bannerLayout->addWidget(m_unreadableText, 1);
    bannerLayout->addWidget(m_openPage);
    m_unreadableBanner->hide();
    connect(m_openPage, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(m_controller->accessTokensPageUrl()); });

    connect(m_revoke, &QPushButton::clicked, this, &MyAccessPage::revokeSelected);
    connect(m_revokeAll, &QPushButton::clicked, this, &MyAccessPage::revokeAll);
    connect(m_refresh, &QPushButton::clicked, m_controller, &MyAccessController::refresh);
    connect(m_export, &QPushButton::clicked, this, &MyAccessPage::exportCsv);
    connect(m_newToken, &QPushButton::clicked, this, &MyAccessPage::createTokenRequested);
    connect(m_answerRequest, &QPushButton::clicked, this, &MyAccessPage::answerRequestRequested);

    // Reading on the first line; adding on the left of the second, taking away on its right.
    // Two lines, so the page fits an 800×600 window (and longer translations) without clipping.
    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_refresh);
    top->addWidget(m_export);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_newToken);
    actions->addWidget(m_answerRequest);
    actions->addStretch(1);
    actions->addWidget(m_revoke);
    actions->addWidget(m_revokeAll);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    // Tab goes as the eye reads: the top row left to right, then the list and its details.
    QWidget *previous = m_filter;
    for (QWidget *next :
         std::initializer_list<QWidget *>{m_refresh, m_export, m_newToken, m_answerRequest,
                                          m_revoke, m_revokeAll, m_openPage, m_table, m_details}) {
        setTabOrder(previous, next);
        previous = next;
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0); // the window's margins frame the page
    layout->addLayout(top);
    layout->addLayout(actions);
    layout->addWidget(m_notice);
    layout->addWidget(m_unreadableBanner);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_controller, &MyAccessController::grantsChanged, this, [this] {
        m_model->setGrants(m_controller->grants());
        fitColumns();
        updateDetails();
        renderUnreadable();
    });
    connect(m_controller, &MyAccessController::stateChanged, this, &MyAccessPage::render);
    connect(m_controller, &MyAccessController::revokeFinished, this,
            &MyAccessPage::renderRevokeResult);
    m_model->setGrants(m_controller->grants());
    render();
    updateDetails();
    renderUnreadable();
}

void MyAccessPage::renderUnreadable()
{
    const int count = m_controller->unreadableGrantCount();
    const QUrl page = m_controller->accessTokensPageUrl();
    // The entries of a list shown from the offline cache are unreadable in the copy on this
    // computer, not on the server's page; the server's next answer replaces the copy.
    const QString text =
        m_controller->showsCachedList()
            ? tr("%n grant(s) in the copy of this list saved on this computer could not be read. "
                 "The server's list replaces the copy when it answers; to see them now, open "
                 "the page in the browser: %1",
                 nullptr, count)
            : tr("%n grant(s) on this page could not be read — open it in the browser: %1", nullptr,
                 count);
    m_unreadableText->setText(text.arg(page.toDisplayString()));
    m_openPage->setEnabled(page.isValid());
    m_unreadableBanner->setVisible(count > 0);
}

void MyAccessPage::addBanner(QWidget *banner)
{
    auto *column = static_cast<QVBoxLayout *>(layout());
    column->insertWidget(column->indexOf(m_unreadableBanner) + 1, banner);
}

void MyAccessPage::fitColumns()
{
    // Fitted once, to the first list with rows; after that (or when the last run's widths were
    // restored) the widths are the user's and stay put across refreshes.
    if (m_columnsFitted || ViewState::hasRestoredColumns(m_table) || m_model->rowCount() == 0)
        return;
    m_columnsFitted = true;
    // Long names and descriptions would push the dates and scopes out of sight; they are elided
    // and shown whole in the tooltip and the details pane.
    m_table->resizeColumnsToContents();
    const int em = m_table->fontMetrics().averageCharWidth();
    for (const auto &[column, chars] : {std::pair{int(AccessGrantModel::Application), 28},
                                        std::pair{int(AccessGrantModel::Description), 40}}) {
        if (m_table->columnWidth(column) > chars * em)
            m_table->setColumnWidth(column, chars * em);
    }
}

QList<AccessGrant> MyAccessPage::selectedGrants() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<AccessGrant> grants;
    for (const QModelIndex &row : rows)
        grants << m_model->grantAt(m_proxy->mapToSource(row).row());
    return grants;
}

QString MyAccessPage::selectedRowsText() const
{
    // Each row as the table shows it, blanks as their placeholder ("not reported"), cells
    // tab-separated, so it pastes into a mail as well as into a spreadsheet.
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    for (const QModelIndex &row : rows) {
        QStringList cells;
        for (int column = 0; column < m_proxy->columnCount(); ++column) {
            if (m_table->isColumnHidden(column))
                continue;
            const QModelIndex cell = m_proxy->index(row.row(), column);
            const QString text = cell.data(Qt::DisplayRole).toString();
            cells << (text.isEmpty() ? grantPlaceholder(cell).text : text);
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

void MyAccessPage::copySelected()
{
    const QString text = selectedRowsText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void MyAccessPage::showDetails()
{
    // The pane may have been dragged shut: open it again before handing it the focus.
    if (auto *splitter = qobject_cast<QSplitter *>(m_details->parentWidget())) {
        QList<int> sizes = splitter->sizes();
        if (sizes.size() == 2 && sizes.at(1) == 0) {
            const int total = sizes.at(0);
            sizes = {total * 3 / 4, total - total * 3 / 4};
            splitter->setSizes(sizes);
        }
    }
    m_details->setFocus(Qt::OtherFocusReason);
}

void MyAccessPage::revokeSelected()
{
    confirmAndRevoke(selectedGrants());
}

QList<AccessGrant> MyAccessPage::shownGrants() const
{
    QList<AccessGrant> grants;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        grants << m_model->grantAt(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    return grants;
}

void MyAccessPage::revokeAll()
{
    // What the filter hides stays: "all" is all the user can see, and the question says so.
    const QList<AccessGrant> shown = shownGrants();
    const auto hidden = m_controller->grants().size() - shown.size();
    confirmAndRevoke(shown, hidden > 0 ? tr("%n grant(s) hidden by the filter will be kept.",
                                            nullptr, int(hidden))
                                       : QString());
}

void MyAccessPage::confirmAndRevoke(const QList<AccessGrant> &grants, const QString &note)
{
    if (grants.isEmpty() || m_controller->isRevoking() || !m_controller->canChange())
        return;
    auto *dialog = ConfirmationDialog::askRevoke(grants, this);
    dialog->setNote(note);
    connect(dialog, &ConfirmationDialog::answered, this, [this, grants](bool accepted) {
        if (!accepted)
            return;
        auto *progress = new RevokeProgressDialog(m_controller, this);
        progress->start(grants);
    });
    dialog->open();
}

void MyAccessPage::exportCsv()
{
    TableExport::exportWithDialog(*m_proxy, QStringLiteral("my-access.csv"), this);
}

void MyAccessPage::render()
{
    using State = MyAccessController::State;
    const State state = m_controller->state();
    const bool canChange = m_controller->canChange();
    const bool revoking = m_controller->isRevoking();
    const QString reason = m_controller->readOnlyReason();
    m_revoke->setEnabled(canChange && !revoking && m_table->selectionModel()->hasSelection());
    m_revoke->setToolTip(canChange ? tr("Revoke the selected grants (Delete).") : reason);
    m_revokeAction->setEnabled(m_revoke->isEnabled()); // the context menu and Delete
    const bool selected = m_table->selectionModel()->hasSelection();
    m_copyAction->setEnabled(selected);
    m_detailsAction->setEnabled(selected);
    const auto total = m_controller->grants().size();
    const int shown = m_proxy->rowCount();
    const bool filtering = !m_filter->text().isEmpty() || shown != total;
    m_revokeAll->setEnabled(canChange && !revoking && shown > 0);
    m_revokeAll->setText(filtering ? tr("Revoke all shown…") : tr("Revoke all…"));
    m_revokeAll->setAccessibleName(filtering ? tr("Revoke all grants shown")
                                             : tr("Revoke all grants"));
    m_revokeAll->setToolTip(
        !canChange  ? reason
        : filtering ? tr("Revoke the %n grant(s) the filter shows; the hidden ones are kept.",
                         nullptr, shown)
                    : tr("Revoke every grant in the list, for a clean slate."));
    m_newToken->setEnabled(canChange);
    m_newToken->setToolTip(canChange ? tr("Create a personal access token for a script or tool.")
                                     : reason);
    m_answerRequest->setEnabled(canChange);
    m_answerRequest->setToolTip(
        canChange ? tr("Paste the link an application gave you and allow or deny its request.")
                  : reason);
    m_export->setEnabled(m_model->rowCount() > 0);
    m_refresh->setEnabled(state == State::Idle || state == State::Failed);
    renderNotice();

    switch (state) {
    case State::Loading:
        m_status->setText(tr("Loading grants…"));
        break;
    case State::Revoking:
        m_status->setText(tr("Revoking…"));
        break;
    case State::Failed:
        // Offline and refused credentials are explained in the notice above the table.
        if (!m_controller->isOffline() && !m_controller->credentialsRefused()) {
            m_status->setText(tr("Could not load the grants: %1").arg(m_controller->lastError()));
            break;
        }
        [[fallthrough]];
    case State::Idle: {
        // The note is about the server it was made on: after a switch it would mislead.
        const ActivityContext &who = m_controller->who();
        if (who.profile != m_revokeNoteFor.profile || who.serverUrl != m_revokeNoteFor.serverUrl ||
            who.user != m_revokeNoteFor.user)
            m_revokeNote.clear();
        // While filtering, "2 of 5 grants": the plural follows the whole list.
        const QString count =
            filtering
                ? tr("%1 of %n grant(s)", "shown by the filter, of all", int(total)).arg(shown)
                : tr("%n grant(s)", nullptr, int(total));
        m_status->setText(
            m_revokeNote.isEmpty() ? count : QString(count + QStringLiteral(" — ") + m_revokeNote));
        break;
    }
    }
}

void MyAccessPage::renderNotice()
{
    const QDateTime asOf = m_controller->listAsOf();
    const bool haveList = asOf.isValid();
    const QString when = AccessGrantModel::shortDateTime(asOf);
    QString text;
    if (m_controller->certificateRefused()) {
        text = m_controller->readOnlyReason();
        if (haveList)
            text += QLatin1Char(' ') + tr("Showing the list as of %1.").arg(when);
    } else if (m_controller->isOffline()) {
        // The details of the failure are in the tooltip: the notice says what it means.
        text = haveList ? tr("Offline — showing the list as of %1. The server cannot be reached; "
                             "you can still filter and export. Refresh tries again.")
                              .arg(when)
                        : tr("Offline — the server cannot be reached. Refresh tries again.");
    } else if (m_controller->credentialsRefused()) {
        text = tr("Credentials refused: %1").arg(m_controller->lastError());
        if (haveList)
            text += QLatin1Char(' ') + tr("Showing the list as of %1.").arg(when);
    } else if (m_controller->showsCachedList()) {
        text = m_controller->state() == MyAccessController::State::Loading
                   ? tr("Showing the list as of %1 while the server is asked for the current "
                        "one…")
                         .arg(when)
                   : tr("Showing the list as of %1. Refresh asks the server for the current one.")
                         .arg(when);
    }
    m_notice->setText(text);
    m_notice->setToolTip(displaytext::plainToolTip(m_controller->lastError()));
    m_notice->setVisible(!text.isEmpty());
}

void MyAccessPage::renderRevokeResult()
{
    // Kept next to the count until the next revoke, so the summary survives the refresh.
    const RevokeRun &run = m_controller->revokeRun();
    m_revokeNoteFor = m_controller->who();
    const int revoked = run.revokedCount();
    const auto failed = run.failures().size();
    if (failed == 0)
        m_revokeNote =
            revoked == 1 ? tr("revoked 1 grant.") : tr("revoked %1 grants.").arg(revoked);
    else
        m_revokeNote = tr("revoked %1, %2 failed.").arg(revoked).arg(failed);
    render();
}

void MyAccessPage::updateDetails()
{
    const QList<AccessGrant> grants = selectedGrants();
    render();
    if (grants.size() != 1) {
        m_details->setPlainText(grants.isEmpty() ? tr("Select a grant to see its details.")
                                                 : tr("%1 grants selected.").arg(grants.size()));
        return;
    }
    const AccessGrant &grant = grants.first();
    const QLocale locale;
    const auto date = [&locale](const std::optional<QDateTime> &value, const QString &none) {
        return value && value->isValid()
                   ? locale.toString(value->toLocalTime(), QLocale::LongFormat)
                   : none;
    };
    QStringList lines;
    lines << grant.application;
    lines << tr("Kind: %1").arg(AccessGrantModel::kindLabel(grant.kind));
    if (!grant.description.isEmpty())
        lines << tr("Description: %1").arg(grant.description);
    if (!grant.applicationUrl.isEmpty())
        lines << tr("Link: %1").arg(grant.applicationUrl);
    lines << tr("Issued: %1").arg(date(grant.issuedAt, tr("unknown")));
    // The access-tokens page does not say when OAuth grants end; only a PAT's "none" is "never".
    lines << tr("Expires: %1")
                 .arg(date(grant.expiresAt, grant.kind == GrantKind::PersonalToken
                                                ? tr("never")
                                                : tr("not reported by the server")));
    lines << tr("Last used: %1")
                 .arg(date(grant.lastUsedAt, grant.kind == GrantKind::PersonalToken
                                                 ? tr("never")
                                                 : tr("not reported by the server")));
    if (!grant.scopes.isEmpty())
        lines << tr("Scopes: %1").arg(grant.scopes.join(QStringLiteral(", ")));
    const QStringList badges = AccessGrantModel::badgesFor(grant, QDateTime::currentDateTimeUtc(),
                                                           m_model->expiresSoonDays());
    if (!badges.isEmpty())
        lines << tr("Note: %1").arg(badges.join(QStringLiteral(", ")));
    lines << QString() << RevokeWording::ifRevoked(grant);
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
}

void MyAccessPage::setExpiryWarningDays(int days)
{
    m_model->setExpiresSoonDays(days);
}

} // namespace accessdesk
