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

// A cursor over an ISO 8601 text that reads ASCII digits only (as \d does without Unicode
// properties) and never reads past the end.
class IsoScanner
{
public:
    explicit IsoScanner(QStringView text)
        : m_text(text)
    {}

    QChar at(qsizetype ahead) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : QChar();
    }
    bool isDigit(qsizetype ahead) const
    {
        const char16_t c = at(ahead).unicode();
        return c >= u'0' && c <= u'9';
    }
    int digitAt(qsizetype ahead) const { return at(ahead).unicode() - u'0'; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    void advance(qsizetype count) { m_pos += count; }

    // Exactly count digits, as a number.
    bool digits(int count, int *value)
    {
        int number = 0;
        for (int i = 0; i < count; ++i) {
            if (!isDigit(i))
                return false;
            number = number * 10 + digitAt(i);
        }
        m_pos += count;
        *value = number;
        return true;
    }
    bool skip(char16_t c)
    {
        if (at(0) != QChar(c))
            return false;
        ++m_pos;
        return true;
    }
    // "T10:15" or " 10:15" next.
    bool timeFollows() const
    {
        return (at(0) == u'T' || at(0) == u' ') && isDigit(1) && isDigit(2) && at(3) == u':' &&
               isDigit(4) && isDigit(5);
    }
    void skipAsciiSpace()
    {
        while (at(0) == u' ' || (at(0) >= u'\t' && at(0) <= u'\r'))
            ++m_pos;
    }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
};

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
    // Read by hand rather than with a regular expression: a token search page carries three
    // dates a token, 300,000 in a 100,000-token inventory, and matching a pattern for each was a
    // fifth of the client's work there. The grammar, in the pattern's terms:
    //   YYYY-MM-DD ( [T ] hh:mm ( :ss ( [.,] f{1,9} )? )? )? \s* ( Z | [+-]hh ( :?mm )? )?
    // with ASCII digits and white space, and nothing after it.
    IsoScanner in(text.trimmed());
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, msec = 0;
    if (!in.digits(4, &year) || !in.skip(u'-') || !in.digits(2, &month) || !in.skip(u'-') ||
        !in.digits(2, &day))
        return std::nullopt;
    // The time is all or nothing: "2025-05-02 +01:00" is a date followed by an offset.
    if (in.timeFollows()) {
        in.advance(1); // the 'T' or ' '
        in.digits(2, &hour);
        in.skip(u':');
        in.digits(2, &minute);
        if (in.at(0) == u':' && in.isDigit(1) && in.isDigit(2)) {
            in.advance(1);
            in.digits(2, &second);
            if ((in.at(0) == u'.' || in.at(0) == u',') && in.isDigit(1)) {
                in.advance(1);
                // Fractions longer than milliseconds are cut, not rounded, so 59.9999 stays in
                // its second.
                int count = 0;
                while (in.isDigit(0)) {
                    if (count < 3)
                        msec = msec * 10 + in.digitAt(0);
                    ++count;
                    in.advance(1);
                }
                if (count > 9)
                    return std::nullopt;
                for (; count < 3; ++count)
                    msec *= 10;
            }
        }
    }
    in.skipAsciiSpace();
    std::optional<int> offsetSeconds;
    if (in.skip(u'Z')) {
        offsetSeconds = 0;
    } else if (in.at(0) == u'+' || in.at(0) == u'-') {
        const int sign = in.at(0) == u'-' ? -1 : 1;
        in.advance(1);
        int hours = 0, minutes = 0;
        if (!in.digits(2, &hours))
            return std::nullopt;
        if (in.isDigit(0) && in.isDigit(1))
            in.digits(2, &minutes);
        else if (in.at(0) == u':' && in.isDigit(1) && in.isDigit(2)) {
            in.advance(1);
            in.digits(2, &minutes);
        }
        if (hours > 18 || minutes > 59)
            return std::nullopt;
        offsetSeconds = sign * (hours * 3600 + minutes * 60);
    }
    if (!in.atEnd())
        return std::nullopt;
    if (!offsetSeconds)
        return assemble(year, month, day, hour, minute, second, msec, assumedZone);
    // A fixed offset needs no time zone object (building one for every date was costly too).
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QDateTime utc = QDateTime(date, time, Qt::UTC).addSecs(-*offsetSeconds);
    if (!utc.isValid())
        return std::nullopt;
    return utc;
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
