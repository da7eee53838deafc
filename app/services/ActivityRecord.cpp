#include "services/ActivityRecord.h"

#include "api/ApiError.h"
#include "storage/ActivityLog.h"

namespace accessdesk {

ActivityRecord ActivityRecord::begin(ActivityLog *log, const ActivityContext &who,
                                     const QString &action, const QString &target)
{
    ActivityRecord record;
    if (!log)
        return record;
    ActivityEntry entry;
    entry.profile = who.profile;
    entry.serverUrl = who.serverUrl;
    entry.user = who.user;
    entry.action = action;
    entry.target = target;
    record.m_log = log;
    record.m_id = log->begin(entry);
    return record;
}

void ActivityRecord::complete(const ApiError &error) const
{
    complete(error, error.isError() ? error.userMessage() : QString());
}

void ActivityRecord::complete(const ApiError &error, const QString &errorText) const
{
    if (m_log && m_id > 0)
        m_log->complete(m_id,
                        error.isError() ? ActivityOutcome::Failed : ActivityOutcome::Succeeded,
                        errorText);
}

void ActivityRecord::completeUnknown(const QString &why) const
{
    if (m_log && m_id > 0)
        m_log->complete(m_id, ActivityOutcome::Unknown, why);
}

void ActivityRecord::fail(const QString &errorText) const
{
    if (m_log && m_id > 0)
        m_log->complete(m_id, ActivityOutcome::Failed, errorText);
}

} // namespace accessdesk
