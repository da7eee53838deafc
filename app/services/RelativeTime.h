#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace accessdesk {

// A time as people say it when it is near: "just now", "in 3 days", "2 hours ago", "yesterday".
// Tables show this and keep the exact local time in a tooltip; sorting still uses the QDateTime.
class RelativeTime final
{
    Q_DECLARE_TR_FUNCTIONS(RelativeTime)

public:
    // Beyond this many days a count of days reads worse than the date itself.
    static constexpr int maxRelativeDays = 45;

    // when relative to now, in now's local calendar; empty when when is invalid or more than
    // maxRelativeDays away (the caller then shows the date).
    static QString describe(const QDateTime &when, const QDateTime &now);
    // The exact time for a tooltip: the locale's long date and time, local.
    static QString exact(const QDateTime &when);
};

} // namespace accessdesk
