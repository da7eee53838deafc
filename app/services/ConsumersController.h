#pragma once

#include "OAuthConsumer.h"
#include "services/AdminListController.h"

namespace accessdesk {

struct AppLink;

// An application link's incoming OAuth 1.0a consumer, with the link it belongs to.
struct AdminConsumer
{
    OAuthConsumer consumer;
    QString linkId;
    QString linkName;
};

// The incoming OAuth consumers of every application link, for the Administration page. They
// hang off the links, so the links are read afresh first; a list that could be read only in part
// is not shown (half a list would read as "the others are gone"): the last whole one stays.
class ConsumersController final : public AdminListController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumersController)

public:
    ConsumersController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                        QObject *parent = nullptr);

    const QList<AdminConsumer> &consumers() const { return m_consumers; }

protected:
    void load() override;
    void clear() override;

private:
    void fetchConsumers(const QList<AppLink> &links);

    QList<AdminConsumer> m_consumers;
    QList<AdminConsumer> m_loading;
    ApiError m_firstError; // the first real failure among the links' consumer requests
    int m_pending = 0;
};

} // namespace accessdesk
