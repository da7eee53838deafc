#pragma once

#include "AdminChangeNote.h"

#include <QWidget>

#include <optional>

class QPushButton;

namespace accessdesk {

class AdminListTab;
class ConsumersController;
struct AdminConsumer;
struct AdminOutcome;

// Administration → OAuth consumers: the incoming OAuth 1.0a consumer of each application link,
// with Approve consumer… (ApproveConsumerDialog) and Remove… (asks first). Renders what the
// controller holds and forwards the user's intent; sends nothing itself.
class AdminConsumersTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminConsumersTab)

public:
    explicit AdminConsumersTab(ConsumersController *consumers, QWidget *parent = nullptr);

    void loadIfNeeded();

private:
    void render();
    void renderButtons();
    std::optional<AdminConsumer> selectedConsumer() const;
    void openApproveDialog();
    void removeSelected();
    void onRemoved(const AdminOutcome &outcome);

    ConsumersController *m_consumers;
    AdminListTab *m_list;
    QPushButton *m_approve;
    QPushButton *m_remove;
    AdminChangeNote m_change;
};

} // namespace accessdesk
