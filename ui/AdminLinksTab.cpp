#include "AdminLinksTab.h"

#include "AdminListTab.h"
#include "AdminRows.h"
#include "AppLinkChangeDialogs.h"
#include "AppLinkWizard.h"
#include "ConfirmationDialog.h"
#include "DisplayText.h"
#include "services/AppLinksController.h"
#include "services/OAuth2ClientsController.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

QPushButton *actionButton(const QString &text, const char *objectName,
                          const QString &accessibleName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(QLatin1String(objectName));
    button->setAccessibleName(accessibleName);
    return button;
}

// Enables the control, or disables it with the reason as its tooltip. A tooltip that looks like
// markup is shown as rich text, and the reasons quote link names from the server: escaped, they
// read as typed.
template<class Control>
void enableUnless(Control *control, const QString &reason, const QString &tip)
{
    control->setEnabled(reason.isEmpty());
    const QString text = reason.isEmpty() ? tip : reason;
    control->setToolTip(displaytext::plainToolTip(text));
}
} // namespace

AdminLinksTab::AdminLinksTab(AppLinksController *links, OAuth2ClientsController *clients,
                             QWidget *parent)
    : QWidget(parent)
    , m_links(links)
    , m_clients(clients)
    , m_list(new AdminListTab(tr("Application links"), AdminRows::linkHeaders(),
                              QStringLiteral("application-links.csv"), this))
{
    setObjectName(QStringLiteral("applicationLinksTab"));
    setAccessibleName(tr("Application links"));
    m_list->setObjectName(QStringLiteral("applicationLinks"));
    // Its notes quote link names as the server has them.
    m_list->statusLabel()->setTextFormat(Qt::PlainText);
    m_list->setEmptyText(tr("This server has no application links. Links connect Jira with "
                            "Confluence, Bamboo, Bitbucket or other applications: press "
                            "“New link…” to create one."));
    buildActions();
    connect(m_list, &AdminListTab::refreshRequested, m_links, &AppLinksController::refresh);
    connect(m_list, &AdminListTab::selectionChanged, this, &AdminLinksTab::renderActions);
    connect(m_links, &AppLinksController::changed, this, &AdminLinksTab::render);
    connect(m_links, &AppLinksController::checkProgress, this, &AdminLinksTab::renderActions);
    // Links that are OAuth 2.0 clients are left out.
    connect(m_clients, &OAuth2ClientsController::changed, this, &AdminLinksTab::render);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    render();
}

void AdminLinksTab::buildActions()
{
    m_create = actionButton(tr("&New link…"), "createLink", tr("Create an application link"), this);
    m_edit = actionButton(tr("&Edit…"), "editLink", tr("Edit the selected application link"), this);
    m_relocate = actionButton(tr("Re&locate…"), "relocateLink",
                              tr("Relocate the selected application link"), this);
    m_primary = actionButton(tr("Make &primary"), "makePrimary",
                             tr("Make the selected application link primary"), this);
    m_delete = actionButton(tr("&Delete…"), "deleteLink",
                            tr("Delete the selected application link"), this);
    m_check = actionButton(tr("C&heck"), "checkLink",
                           tr("Check the health of the selected application links"), this);
    m_checkAll = actionButton(tr("Check &all"), "checkAllLinks",
                              tr("Check the health of every application link"), this);
    m_cancelCheck =
        actionButton(tr("Cancel check"), "cancelCheck", tr("Cancel the health check"), this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("checkProgress"));
    m_progress->setAccessibleName(tr("Progress of the health check"));

    auto *deleteMenu = new QMenu(m_delete);
    m_deleteThisEnd = deleteMenu->addAction(tr("Delete on this Jira only…"));
    m_deleteThisEnd->setObjectName(QStringLiteral("deleteThisEnd"));
    m_deleteBothEnds = deleteMenu->addAction(tr("Delete on both ends…"));
    m_deleteBothEnds->setObjectName(QStringLiteral("deleteBothEnds"));
    m_delete->setMenu(deleteMenu);

    connect(m_create, &QPushButton::clicked, this, &AdminLinksTab::openCreateWizard);
    connect(m_edit, &QPushButton::clicked, this, &AdminLinksTab::editSelected);
    connect(m_relocate, &QPushButton::clicked, this, &AdminLinksTab::relocateSelected);
    connect(m_primary, &QPushButton::clicked, this, &AdminLinksTab::makeSelectedPrimary);
    connect(m_deleteThisEnd, &QAction::triggered, this,
            [this] { deleteSelected(AppLinkDeletion::ThisEndOnly); });
    connect(m_deleteBothEnds, &QAction::triggered, this,
            [this] { deleteSelected(AppLinkDeletion::BothEnds); });
    connect(m_check, &QPushButton::clicked, this, &AdminLinksTab::checkSelected);
    connect(m_checkAll, &QPushButton::clicked, m_links, &AppLinksController::checkAll);
    connect(m_cancelCheck, &QPushButton::clicked, m_links, &AppLinksController::cancelCheck);
    connect(m_list->table(), &QTableView::doubleClicked, this, &AdminLinksTab::editSelected);

    auto *row = new QHBoxLayout;
    for (QPushButton *button : {m_create, m_edit, m_relocate, m_primary, m_delete})
        row->addWidget(button);
    row->addSpacing(16);
    row->addWidget(m_check);
    row->addWidget(m_checkAll);
    row->addWidget(m_progress, 1);
    row->addWidget(m_cancelCheck);
    row->addStretch();
    m_list->addRowAbove(row);
}

void AdminLinksTab::loadIfNeeded()
{
    if (AdminListTab::needsLoading(m_links->state()))
        m_links->refresh();
    // Which links are OAuth 2.0 clients comes from the clients' list too.
    if (AdminListTab::needsLoading(m_clients->state()))
        m_clients->refresh();
}

void AdminLinksTab::render()
{
    // Another server (or none yet): what was said about the last one's links no longer holds.
    if (!m_links->state().loaded && !m_links->state().loading) {
        m_note.clear();
        m_changeError.clear();
    }
    QSet<QString> clientIds;
    for (const OAuth2Client &client : m_clients->clients())
        clientIds.insert(client.id);
    const QList<AdminRow> rows = AdminRows::links(*m_links, clientIds);
    m_list->setRows(rows);
    fitColumns();
    const int count = int(rows.size());
    QString what = count == 1 ? tr("1 application link") : tr("%1 application links").arg(count);
    const int pseudo = m_links->oauth2ClientCount();
    if (pseudo == 1)
        what = tr("%1 (and 1 OAuth 2.0 integration, on the OAuth 2.0 clients tab)").arg(what);
    else if (pseudo > 1)
        what = tr("%1 (and %2 OAuth 2.0 integrations, on the OAuth 2.0 clients tab)")
                   .arg(what)
                   .arg(pseudo);
    m_list->showState(m_links->state(), m_links->errorText(), what);
    QStringList errors;
    if (!m_changeError.isEmpty())
        errors << m_changeError;
    if (!m_links->errorText().isEmpty())
        errors << m_links->errorText();
    m_list->setError(errors.join(QLatin1Char('\n')));
    if (!m_note.isEmpty() && !m_links->state().loading)
        m_list->setStatus(tr("%1 — %2").arg(m_list->statusLabel()->text(), m_note));
    renderActions();
}

void AdminLinksTab::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

void AdminLinksTab::fitColumns()
{
    constexpr int kNarrowestUrl = 110;
    QTableView *table = m_list->table();
    QHeaderView *header = table->horizontalHeader();
    // The application URL is the last column, which takes whatever width is left; the display
    // URL gives way so that both share what the other columns leave.
    table->resizeColumnToContents(AdminRows::LinkUrl);
    const int display = header->sectionSize(AdminRows::LinkUrl);
    const QAbstractItemView *view = table; // QTableView hides its (public) sizeHintForColumn
    const int application = qMax(view->sizeHintForColumn(AdminRows::LinkRpcUrl),
                                 header->sectionSizeHint(AdminRows::LinkRpcUrl));
    const int room = table->viewport()->width() -
                     (header->length() - display - header->sectionSize(AdminRows::LinkRpcUrl));
    if (display + application > room)
        header->resizeSection(AdminRows::LinkUrl,
                              qMax(kNarrowestUrl, qMax(room - application, room / 2)));
}

void AdminLinksTab::renderActions()
{
    const bool loaded = m_links->state().loaded;
    const QString notLoaded =
        loaded ? QString() : tr("Available once the list of application links has loaded.");
    enableUnless(m_create, notLoaded, tr("Create a link to another application"));
    enableUnless(m_edit, whyNoChange(), tr("Change the link's name and addresses"));
    enableUnless(m_relocate, whyNoChange(),
                 tr("Point the link at the application's new address after a server move"));
    QString noPrimary = whyNoChange();
    if (const auto link = selectedLink(); noPrimary.isEmpty() && link && link->primary)
        noPrimary = tr("“%1” is the primary link to %2 already.")
                        .arg(link->name, AdminRows::typeLabel(link->typeId));
    enableUnless(m_primary, noPrimary,
                 tr("Make the link the one Jira uses first for its type of application"));
    enableUnless(m_delete, whyNoChange(), tr("Delete the link here, or on both ends"));

    const bool checking = m_links->isChecking();
    QString noCheck = notLoaded;
    if (noCheck.isEmpty() && checking)
        noCheck = tr("A check is under way.");
    QString noCheckSelected = noCheck;
    if (noCheckSelected.isEmpty() && selectedLinks().isEmpty())
        noCheckSelected = tr("Select the links to check first.");
    enableUnless(m_check, noCheckSelected, tr("Ask Jira whether the selected links work"));
    QString noCheckAll = noCheck;
    if (noCheckAll.isEmpty() && m_links->links().isEmpty())
        noCheckAll = tr("There are no links to check.");
    enableUnless(m_checkAll, noCheckAll, tr("Ask Jira whether every link works"));

    m_progress->setVisible(checking);
    m_cancelCheck->setVisible(checking);
    if (checking) {
        const int total = m_links->checkTotal();
        m_progress->setRange(0, total);
        m_progress->setValue(m_links->checkedCount());
        m_progress->setFormat(
            total == 1 ? tr("Checking 1 link…")
                       : tr("Checked %1 of %2 links").arg(m_links->checkedCount()).arg(total));
    }
}

std::optional<AppLink> AdminLinksTab::selectedLink() const
{
    const QList<AppLink> links = selectedLinks();
    if (links.size() != 1)
        return std::nullopt;
    return links.first();
}

QList<AppLink> AdminLinksTab::selectedLinks() const
{
    QList<AppLink> links;
    for (const AdminRow &row : m_list->selectedRows()) {
        if (const auto link = m_links->link(row.key))
            links << *link;
    }
    return links;
}

QString AdminLinksTab::whyNoChange() const
{
    if (!m_links->state().loaded)
        return tr("Available once the list of application links has loaded.");
    if (m_change)
        return tr("Wait until the change under way has finished.");
    const QList<AppLink> links = selectedLinks();
    if (links.isEmpty())
        return tr("Select a link first.");
    if (links.size() > 1)
        return tr("Select only one link.");
    if (links.first().system)
        return tr("“%1” is a system link: the application manages it, so it cannot be changed "
                  "here.")
            .arg(links.first().name);
    return {};
}

void AdminLinksTab::openCreateWizard()
{
    if (!m_links->state().loaded)
        return;
    auto *wizard = new AppLinkWizard(m_links, this);
    wizard->open();
}

void AdminLinksTab::editSelected()
{
    const auto link = selectedLink();
    if (!link || !whyNoChange().isEmpty())
        return;
    (new AppLinkEditDialog(m_links, *link, this))->open();
}

void AdminLinksTab::relocateSelected()
{
    const auto link = selectedLink();
    if (!link || !whyNoChange().isEmpty())
        return;
    (new AppLinkRelocateDialog(m_links, *link, this))->open();
}

void AdminLinksTab::makeSelectedPrimary()
{
    const auto link = selectedLink();
    if (!link || !m_primary->isEnabled())
        return;
    runChange(m_links->primaryMaker(*link),
              tr("“%1” is now the primary link to %2.")
                  .arg(link->name, AdminRows::typeLabel(link->typeId)));
}

void AdminLinksTab::deleteSelected(AppLinkDeletion scope)
{
    const auto link = selectedLink();
    if (!link || !whyNoChange().isEmpty())
        return;
    AppLinkRemover *remover = m_links->remover(*link, scope);
    const bool both = scope == AppLinkDeletion::BothEnds;
    auto *dialog = new ConfirmationDialog(
        both ? tr("Delete both ends of the link") : tr("Delete the application link"),
        remover->describe(), both ? tr("Delete both ends") : tr("Delete link"), this);
    dialog->setObjectName(QStringLiteral("confirmDeleteLink"));
    const QPointer<AppLinkRemover> guarded(remover);
    connect(dialog, &ConfirmationDialog::answered, this,
            [this, guarded, both, name = link->name](bool accepted) {
                if (!guarded)
                    return; // the app switched servers meanwhile
                if (!accepted) {
                    m_links->discard(guarded);
                    return;
                }
                runChange(guarded, both ? tr("“%1” was deleted on both ends.").arg(name)
                                        : tr("“%1” was deleted on this Jira.").arg(name));
            });
    dialog->open();
}

void AdminLinksTab::checkSelected()
{
    m_links->check(selectedLinks());
}

void AdminLinksTab::runChange(AppLinkChange *change, const QString &doneText)
{
    m_change = change;
    m_note.clear();
    m_changeError.clear();
    connect(change, &AppLinkChange::finished, this, [this, change, doneText] {
        const AppLinkOutcome &outcome = change->outcome();
        if (outcome.succeeded()) {
            m_note = doneText;
        } else {
            QString text = outcome.message;
            if (!outcome.advice.isEmpty())
                text += QLatin1Char(' ') + outcome.advice;
            m_changeError = text;
        }
        m_change = nullptr;
        render();
    });
    change->start();
    render();
}

} // namespace accessdesk
