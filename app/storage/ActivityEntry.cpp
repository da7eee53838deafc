#include "storage/ActivityEntry.h"

namespace accessdesk {

QString activityOutcomeKey(ActivityOutcome outcome)
{
    switch (outcome) {
    case ActivityOutcome::Pending:
        return QStringLiteral("pending");
    case ActivityOutcome::Succeeded:
        return QStringLiteral("succeeded");
    case ActivityOutcome::Failed:
        return QStringLiteral("failed");
    case ActivityOutcome::Interrupted:
        return QStringLiteral("interrupted");
    case ActivityOutcome::Unknown:
        return QStringLiteral("unknown");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<ActivityOutcome> activityOutcomeFromKey(const QString &key)
{
    for (const ActivityOutcome outcome :
         {ActivityOutcome::Pending, ActivityOutcome::Succeeded, ActivityOutcome::Failed,
          ActivityOutcome::Interrupted, ActivityOutcome::Unknown}) {
        if (activityOutcomeKey(outcome) == key)
            return outcome;
    }
    return std::nullopt;
}

QString activityOutcomeText(ActivityOutcome outcome)
{
    // A crash between begin() and complete() means nobody knows whether the server acted.
    if (outcome == ActivityOutcome::Interrupted)
        return QStringLiteral("unknown (interrupted)");
    if (outcome == ActivityOutcome::Unknown)
        return QStringLiteral("unknown (not confirmed)");
    return activityOutcomeKey(outcome);
}

} // namespace accessdesk
