#include "MyAccessPage.h"

#include "AccessGrantFilterModel.h"
#include "AccessGrantModel.h"
#include "ConfirmationDialog.h"
#include "MyAccessController.h"

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

MyAccessPage::MyAccessPage(MyAccessController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_model(new AccessGrantModel({}, this))
    , m_proxy(new AccessGrantFilterModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_details(new QTextBrowser(this))
    , m_revoke(new QPushButton(tr("Revoke…"), this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_status(new QLabel(this))
{
    setAccessibleName(tr("My access"));
    m_proxy->setSourceModel(m_model);

    m_filter->setPlaceholderText(tr("Filter (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter grants"));
    auto *find = new QAction(tr("Find"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    addAction(find);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &AccessGrantFilterModel::setTextFilter);

    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Grants"));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AccessGrantModel::Application, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MyAccessPage::updateDetails);

    auto *revokeKey = new QAction(tr("Revoke"), this);
    revokeKey->setShortcut(QKeySequence::Delete);
    revokeKey->setShortcutContext(Qt::WidgetShortcut);
    connect(revokeKey, &QAction::triggered, this, &MyAccessPage::revokeSelected);
    m_table->addAction(revokeKey);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_details->setAccessibleName(tr("Grant details"));
    m_details->setOpenExternalLinks(false);
    m_revoke->setAccessibleName(tr("Revoke selected grants"));
    m_refresh->setAccessibleName(tr("Refresh the list"));
    m_status->setAccessibleName(tr("List status"));
    connect(m_revoke, &QPushButton::clicked, this, &MyAccessPage::revokeSelected);
    connect(m_refresh, &QPushButton::clicked, m_controller, &MyAccessController::refresh);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_refresh);
    top->addWidget(m_revoke);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_controller, &MyAccessController::grantsChanged, this, [this] {
        m_model->setGrants(m_controller->grants());
        m_table->resizeColumnsToContents();
        updateDetails();
    });
    connect(m_controller, &MyAccessController::stateChanged, this, &MyAccessPage::render);
    connect(m_controller, &MyAccessController::revokeFinished, this,
            &MyAccessPage::renderRevokeResult);
    render();
    updateDetails();
}

QList<AccessGrant> MyAccessPage::selectedGrants() const
{
    QList<AccessGrant> grants;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        grants << m_model->grantAt(m_proxy->mapToSource(row).row());
    return grants;
}

void MyAccessPage::revokeSelected()
{
    const QList<AccessGrant> grants = selectedGrants();
    if (grants.isEmpty() || m_controller->state() == MyAccessController::State::Revoking)
        return;
    auto *dialog = ConfirmationDialog::askRevoke(grants, this);
    connect(dialog, &ConfirmationDialog::answered, this, [this, grants](bool accepted) {
        if (accepted)
            m_controller->revoke(grants);
    });
    dialog->open();
}

void MyAccessPage::render()
{
    using State = MyAccessController::State;
    const State state = m_controller->state();
    m_revoke->setEnabled(state != State::Revoking && m_table->selectionModel()->hasSelection());
    m_refresh->setEnabled(state == State::Idle || state == State::Failed);
    switch (state) {
    case State::Loading:
        m_status->setText(tr("Loading grants…"));
        break;
    case State::Revoking:
        m_status->setText(tr("Revoking…"));
        break;
    case State::Failed:
        m_status->setText(tr("Could not load the grants: %1").arg(m_controller->lastError()));
        break;
    case State::Idle: {
        const auto n = m_controller->grants().size();
        const QString count = n == 1 ? tr("1 grant") : tr("%1 grants").arg(n);
        m_status->setText(
            m_revokeNote.isEmpty() ? count : QString(count + QStringLiteral(" — ") + m_revokeNote));
        break;
    }
    }
}

void MyAccessPage::renderRevokeResult(int revoked, int failed)
{
    // Kept next to the count until the next revoke, so the summary survives the refresh.
    if (failed == 0) {
        m_revokeNote =
            revoked == 1 ? tr("revoked 1 grant.") : tr("revoked %1 grants.").arg(revoked);
        return;
    }
    m_revokeNote = (tr("revoked %1, failed %2: %3")
                        .arg(revoked)
                        .arg(failed)
                        .arg(m_controller->revokeFailures().join(QStringLiteral("; "))));
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
    lines << tr("Expires: %1").arg(date(grant.expiresAt, tr("never")));
    lines << tr("Last used: %1")
                 .arg(date(grant.lastUsedAt, grant.kind == GrantKind::PersonalToken
                                                 ? tr("never")
                                                 : tr("not reported by the server")));
    if (!grant.scopes.isEmpty())
        lines << tr("Scopes: %1").arg(grant.scopes.join(QStringLiteral(", ")));
    const QStringList badges = AccessGrantModel::badgesFor(grant, QDateTime::currentDateTimeUtc());
    if (!badges.isEmpty())
        lines << tr("Note: %1").arg(badges.join(QStringLiteral(", ")));
    lines << QString()
          << tr("If you revoke it, %1 can then see only public data.").arg(grant.application);
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace accessdesk
