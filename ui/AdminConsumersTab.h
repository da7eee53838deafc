#pragma once

#include <QWidget>

namespace accessdesk {

class AdminListTab;
class ConsumersController;

// Administration → OAuth consumers: the incoming OAuth 1.0a consumer of each application link.
// Renders what the controller holds and forwards the user's intent; sends nothing itself.
class AdminConsumersTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminConsumersTab)

public:
    explicit AdminConsumersTab(ConsumersController *consumers, QWidget *parent = nullptr);

    void loadIfNeeded();

private:
    void render();

    ConsumersController *m_consumers;
    AdminListTab *m_list;
};

} // namespace accessdesk
