#include "services/RecordedJob.h"

namespace accessdesk {

RecordedJob::RecordedJob(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                         QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_log(log)
    , m_who(std::move(who))
{}

} // namespace accessdesk
