#pragma once

#include "services/ActivityRecord.h"

#include <QObject>

namespace accessdesk {

class ActivityLog;
class ServerConnection;

// The base of the service jobs that change something on a server (revoke, create a token, answer
// a request for access): the connection they send on, and the activity log and actor each change
// is recorded with — begun before its request leaves, completed after (ActivityRecord).
class RecordedJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordedJob)

protected:
    // log may be null (nothing recorded).
    RecordedJob(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                QObject *parent);

    ActivityRecord beginRecord(const QString &action, const QString &target) const
    {
        return ActivityRecord::begin(m_log, m_who, action, target);
    }

    ServerConnection *m_connection;
    ActivityLog *m_log;
    ActivityContext m_who;
};

} // namespace accessdesk
