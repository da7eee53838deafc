#include "RelativeTime.h"

#include <QLocale>

#include <cstdlib>

namespace accessdesk {

QString RelativeTime::describe(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid() || !now.isValid())
        return {};
    const qint64 seconds = now.secsTo(when); // positive: in the future
    const qint64 distance = std::llabs(seconds);
    const bool future = seconds > 0;
    if (distance < 60)
        return future ? tr("in less than a minute") : tr("just now");
    if (distance < 3600) {
        const int minutes = int(distance / 60);
        return future ? tr("in %n minute(s)", nullptr, minutes)
                      : tr("%n minute(s) ago", nullptr, minutes);
    }
    // Calendar days, not 24-hour spans: 23:00 yesterday is "yesterday" at 09:00 today, but only
    // after half a day; two hours back across midnight still reads better as "2 hours ago".
    const qint64 days = now.toLocalTime().date().daysTo(when.toLocalTime().date());
    if (days == 0 || distance < 12 * 3600) {
        const int hours = int(distance / 3600);
        return future ? tr("in %n hour(s)", nullptr, hours) : tr("%n hour(s) ago", nullptr, hours);
    }
    if (days == 1)
        return tr("tomorrow");
    if (days == -1)
        return tr("yesterday");
    if (std::llabs(days) > maxRelativeDays)
        return {};
    const int count = int(std::llabs(days));
    return days > 0 ? tr("in %n day(s)", nullptr, count) : tr("%n day(s) ago", nullptr, count);
}

QString RelativeTime::exact(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    return QLocale().toString(when.toLocalTime(), QLocale::LongFormat);
}

} // namespace accessdesk
