#include "JiraDateTime.h"

#include <QRegularExpression>

namespace accessdesk::jiradate {

namespace {

// A calendar date and wall-clock time in zone, as UTC; nullopt when the fields are impossible.
std::optional<QDateTime> assemble(int year, int month, int day, int hour, int minute, int second,
                                  int msec, const QTimeZone &zone)
{
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QDateTime local(date, time, zone.isValid() ? zone : QTimeZone::utc());
    if (!local.isValid())
        return std::nullopt;
    return local.toUTC();
}

int monthFromAbbreviation(QStringView name)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; ++i) {
        if (name.compare(QLatin1String(months[i]), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

} // namespace

std::optional<QDateTime> parseIso(QStringView text, const QTimeZone &assumedZone)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
        "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?$"));
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const auto number = [&m](int group) { return m.capturedView(group).toInt(); };
    // Fractions longer than milliseconds are cut, not rounded, so 59.9999 stays in its second.
    const int msec = m.capturedView(7).isEmpty()
                         ? 0
                         : QString(m.capturedView(7) + QStringLiteral("00")).left(3).toInt();
    QTimeZone zone = assumedZone;
    const QStringView offset = m.capturedView(8);
    if (offset == u"Z") {
        zone = QTimeZone::utc();
    } else if (!offset.isEmpty()) {
        const int sign = offset.front() == u'-' ? -1 : 1;
        const QString digits = offset.mid(1).toString().remove(QLatin1Char(':'));
        const int hours = digits.left(2).toInt();
        const int minutes = digits.size() > 2 ? digits.mid(2, 2).toInt() : 0;
        if (hours > 18 || minutes > 59)
            return std::nullopt;
        zone = QTimeZone(sign * (hours * 3600 + minutes * 60));
    }
    return assemble(number(1), number(2), number(3), number(4), number(5), number(6), msec, zone);
}

std::optional<QDateTime> findMediumDate(QStringView text, const QTimeZone &zone)
{
    static const QRegularExpression pattern(QStringLiteral(
        "(?<![\\d/])(\\d{1,2})/([A-Za-z]{3})/(\\d{4}|\\d{2})(?![\\d/])"
        "(?:[\\s,]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*([AaPp])\\.?[Mm]\\.?)?)?"));
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const int month = monthFromAbbreviation(m.capturedView(2));
    if (month == 0)
        return std::nullopt;
    int year = m.capturedView(3).toInt();
    if (m.capturedView(3).size() == 2)
        year += year < 70 ? 2000 : 1900; // Jira's "yy" never reaches back before 1970
    int hour = m.capturedView(4).isEmpty() ? 0 : m.capturedView(4).toInt();
    const int minute = m.capturedView(5).isEmpty() ? 0 : m.capturedView(5).toInt();
    const int second = m.capturedView(6).isEmpty() ? 0 : m.capturedView(6).toInt();
    const QStringView meridiem = m.capturedView(7);
    if (!meridiem.isEmpty()) {
        if (hour < 1 || hour > 12)
            return std::nullopt;
        const bool pm = meridiem.compare(u"p", Qt::CaseInsensitive) == 0;
        hour = (hour % 12) + (pm ? 12 : 0);
    }
    return assemble(year, month, m.capturedView(1).toInt(), hour, minute, second, 0, zone);
}

std::optional<QDateTime> findAny(QStringView text, const QTimeZone &zone)
{
    if (auto iso = parseIso(text, zone))
        return iso;
    return findMediumDate(text, zone);
}

bool isNeverSentinel(const QDateTime &when)
{
    return when.isValid() && when.toUTC().date().year() >= 9999;
}

} // namespace accessdesk::jiradate
