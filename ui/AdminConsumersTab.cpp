#include "AdminConsumersTab.h"

#include "AdminListTab.h"
#include "AdminRows.h"
#include "services/ConsumersController.h"

#include <QVBoxLayout>

namespace accessdesk {

AdminConsumersTab::AdminConsumersTab(ConsumersController *consumers, QWidget *parent)
    : QWidget(parent)
    , m_consumers(consumers)
    , m_list(new AdminListTab(tr("OAuth consumers"), AdminRows::consumerHeaders(),
                              QStringLiteral("oauth-consumers.csv"), this))
{
    setObjectName(QStringLiteral("consumersTab"));
    setAccessibleName(tr("OAuth consumers"));
    m_list->setObjectName(QStringLiteral("consumers"));
    m_list->setEmptyText(tr("No application link has an incoming OAuth consumer, so no "
                            "application can ask users for access through OAuth 1.0a."));
    connect(m_list, &AdminListTab::refreshRequested, m_consumers, &ConsumersController::refresh);
    connect(m_consumers, &ConsumersController::changed, this, &AdminConsumersTab::render);

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
    m_list->setRows(AdminRows::consumers(m_consumers->consumers()));
    const int count = int(m_consumers->consumers().size());
    m_list->showState(m_consumers->state(), m_consumers->errorText(),
                      count == 1 ? tr("1 OAuth consumer") : tr("%1 OAuth consumers").arg(count));
}

} // namespace accessdesk
