#pragma once

#include "services/ActivityRecord.h"

#include <QObject>

namespace accessdesk {

class ActivityLog;
class ServerConnection;

// What every controller that talks to a server holds: the connection, the activity log its
// changes are recorded in, and who acts (for that log). The user can switch profiles while the
// app runs, so each controller also has setConnection(ServerConnection *, ActivityContext): it
// drops what still runs against the old server, then calls rebind().
class ConnectionBoundController : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionBoundController)

public:
    // log may be null (nothing recorded); connection may be null until setConnection() and must
    // outlive the controller.
    ConnectionBoundController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                              QObject *parent = nullptr);

    void setActivityLog(ActivityLog *log) { m_log = log; }
    const ActivityContext &who() const { return m_who; }

protected:
    void rebind(ServerConnection *connection, ActivityContext who);

    ServerConnection *m_connection;
    ActivityLog *m_log;
    ActivityContext m_who;
};

} // namespace accessdesk
