#include "AdminConsumersTab.h"

#include "AdminListTab.h"
#include "AdminRows.h"
#include "ApproveConsumerDialog.h"
#include "ConfirmationDialog.h"
#include "services/ConsumersController.h"

#include <QAction>
#include <QHBoxLayout>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace accessdesk {

AdminConsumersTab::AdminConsumersTab(ConsumersController *consumers, QWidget *parent)
    : QWidget(parent)
    , m_consumers(consumers)
    , m_list(new AdminListTab(tr("OAuth consumers"), AdminRows::consumerHeaders(),
                              QStringLiteral("oauth-consumers.csv"), this))
    , m_approve(new QPushButton(tr("&Approve consumer…"), this))
    , m_remove(new QPushButton(tr("Re&move…"), this))
{
    setObjectName(QStringLiteral("consumersTab"));
    setAccessibleName(tr("OAuth consumers"));
    m_list->setObjectName(QStringLiteral("consumers"));
    m_list->setEmptyText(tr("No application link has an incoming OAuth consumer, so no "
                            "application can ask users for access through OAuth 1.0a."));
    m_approve->setObjectName(QStringLiteral("approveConsumer"));
    m_approve->setAccessibleName(tr("Approve an OAuth consumer"));
    m_remove->setObjectName(QStringLiteral("removeConsumer"));
    m_remove->setAccessibleName(tr("Remove the selected OAuth consumer"));
    m_remove->setToolTip(tr("Remove the selected consumer from its application link (asks "
                            "first)"));
    m_list->toolbar()->insertWidget(1, m_approve);
    m_list->toolbar()->insertWidget(2, m_remove);

    auto *removeKey = new QAction(tr("Remove"), this);
    removeKey->setShortcut(QKeySequence::Delete);
    removeKey->setShortcutContext(Qt::WidgetShortcut);
    m_list->table()->addAction(removeKey);
    m_list->table()->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(m_approve, &QPushButton::clicked, this, &AdminConsumersTab::openApproveDialog);
    connect(m_remove, &QPushButton::clicked, this, &AdminConsumersTab::removeSelected);
    connect(removeKey, &QAction::triggered, this, &AdminConsumersTab::removeSelected);
    connect(m_list, &AdminListTab::refreshRequested, m_consumers, &ConsumersController::refresh);
    connect(m_list, &AdminListTab::selectionChanged, this, &AdminConsumersTab::renderButtons);
    connect(m_consumers, &ConsumersController::changed, this, &AdminConsumersTab::render);
    connect(m_consumers, &ConsumersController::removalFinished, this,
            &AdminConsumersTab::onRemoved);
    connect(m_consumers, &ConsumersController::approvalFinished, this,
            [this](const AdminOutcome &outcome) {
                // The dialog says what went wrong, at the fields; here only what changed.
                if (outcome.succeeded()) {
                    m_change.take(outcome);
                    render();
                }
            });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    render();
}

void AdminConsumersTab::loadIfNeeded()
{
    if (AdminListTab::needsLoading(m_consumers->state()))
        m_consumers->refresh();
}

void AdminConsumersTab::render()
{
    const AdminListState &state = m_consumers->state();
    m_list->setRows(AdminRows::consumers(m_consumers->consumers()));
    const int count = int(m_consumers->consumers().size());
    m_list->showState(state, m_consumers->errorText(),
                      count == 1 ? tr("1 OAuth consumer") : tr("%1 OAuth consumers").arg(count));
    m_change.showOn(m_list, state, m_consumers->errorText(), m_consumers->isChanging());
    renderButtons();
}

void AdminConsumersTab::renderButtons()
{
    const AdminListState &state = m_consumers->state();
    // Only what the server showed can be changed: a refused or unloaded list offers nothing.
    const bool ready = state.loaded && !m_consumers->isChanging();
    m_approve->setEnabled(ready && !m_consumers->links().isEmpty());
    m_approve->setToolTip(state.loaded && m_consumers->links().isEmpty()
                              ? tr("Create an application link for the application first")
                              : tr("Approve an application as an OAuth consumer of one of the "
                                   "application links"));
    m_remove->setEnabled(ready && selectedConsumer().has_value());
}

std::optional<AdminConsumer> AdminConsumersTab::selectedConsumer() const
{
    const QList<AdminRow> rows = m_list->selectedRows();
    if (rows.size() != 1)
        return std::nullopt;
    for (const AdminConsumer &consumer : m_consumers->consumers()) {
        if (rows.first().key == consumer.linkId + QLatin1Char('/') + consumer.consumer.key)
            return consumer;
    }
    return std::nullopt;
}

void AdminConsumersTab::openApproveDialog()
{
    if (!m_approve->isEnabled())
        return;
    const auto selected = selectedConsumer();
    QString linkId = selected ? selected->linkId : QString();
    if (!selected) {
        // A link without a consumer is the likelier choice: that is where one is missing.
        for (const AppLink &link : m_consumers->links()) {
            bool hasConsumer = false;
            for (const AdminConsumer &consumer : m_consumers->consumers())
                hasConsumer = hasConsumer || consumer.linkId == link.id;
            if (!hasConsumer) {
                linkId = link.id;
                break;
            }
        }
    }
    (new ApproveConsumerDialog(m_consumers, linkId, this))->open();
}

void AdminConsumersTab::removeSelected()
{
    const auto selected = selectedConsumer();
    if (!selected || m_consumers->isChanging() || !m_remove->isEnabled())
        return;
    const AdminConsumer consumer = *selected;
    const QString message =
        tr("Remove the OAuth consumer “%1” (key %2) from the application link “%3”?")
            .arg(consumer.consumer.name, consumer.consumer.key, consumer.linkName) +
        QStringLiteral("\n\n") + ConsumersController::removalConsequences(consumer);
    auto *dialog =
        new ConfirmationDialog(tr("Remove OAuth consumer"), message, tr("Remove consumer"), this);
    connect(dialog, &ConfirmationDialog::answered, this, [this, consumer](bool accepted) {
        if (!accepted)
            return;
        m_change.clear();
        m_consumers->remove(consumer);
    });
    dialog->open();
}

void AdminConsumersTab::onRemoved(const AdminOutcome &outcome)
{
    m_change.take(outcome);
    render();
}

} // namespace accessdesk
