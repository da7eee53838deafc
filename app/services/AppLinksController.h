#pragma once

#include "AppLink.h"
#include "services/AdminListController.h"

#include <QHash>

namespace accessdesk {

// The server's application links for the Administration page, each with its status: the list is
// shown first, and each link's status (which asks the remote end, so it can be slow) fills in
// when it arrives.
class AppLinksController final : public AdminListController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinksController)

public:
    AppLinksController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                       QObject *parent = nullptr);

    const QList<AppLink> &links() const { return m_links; }
    // By link id; a link without an entry in either is still being checked (or not yet).
    const QHash<QString, AppLinkStatus> &statuses() const { return m_statuses; }
    const QHash<QString, ApiError> &statusErrors() const { return m_statusErrors; }
    bool checkingStatus() const { return m_pendingStatuses > 0; }

protected:
    void load() override;
    void clear() override;

private:
    void checkStatuses();

    QList<AppLink> m_links;
    QHash<QString, AppLinkStatus> m_statuses;
    QHash<QString, ApiError> m_statusErrors;
    int m_pendingStatuses = 0;
};

} // namespace accessdesk
