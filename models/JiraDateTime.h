#pragma once

#include <QDateTime>
#include <QStringView>
#include <QTimeZone>

#include <optional>

// Jira's date-time spellings, turned into UTC QDateTimes.
namespace accessdesk::jiradate {

// ISO 8601 as Jira writes it: "2025-05-02T09:15:30.123+00:00", "+0000", "Z", with or without
// seconds and fractions. A value without an offset is read in assumedZone. The whole text must be
// the date (surrounding white space aside).
std::optional<QDateTime> parseIso(QStringView text,
                                  const QTimeZone &assumedZone = QTimeZone::utc());

// Jira's default medium date with an optional short time, found anywhere in text:
// "28/Nov/26 10:15 AM", "28/Nov/26 10:15", "28/Nov/2026", read in the user's zone. English
// month abbreviations only (Jira's default; other locales are not recognised).
std::optional<QDateTime> findMediumDate(QStringView text, const QTimeZone &zone);

// Either of the above: ISO when the whole text is one, else a medium date inside the text.
std::optional<QDateTime> findAny(QStringView text, const QTimeZone &zone);

// The PAT plugin's "never expires" value, 9999-12-31T00:00:00.000+00:00 (any date in 9999).
bool isNeverSentinel(const QDateTime &when);

} // namespace accessdesk::jiradate
