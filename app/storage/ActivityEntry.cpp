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
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<ActivityOutcome> activityOutcomeFromKey(const QString &key)
{
    for (const ActivityOutcome outcome : {ActivityOutcome::Pending, ActivityOutcome::Succeeded,
                                          ActivityOutcome::Failed, ActivityOutcome::Interrupted}) {
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
    return activityOutcomeKey(outcome);
}

} // namespace accessdesk
