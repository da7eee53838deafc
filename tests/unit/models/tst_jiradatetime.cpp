#include "JiraDateTime.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace accessdesk;

class TestJiraDateTime final : public QObject
{
    Q_OBJECT

private slots:
    void isoForms_data();
    void isoForms();
    void isoRejects_data();
    void isoRejects();
    void isoWithoutOffsetUsesTheAssumedZone();
    void isoReadsWhatThePatternReads();
    void mediumDates_data();
    void mediumDates();
    void mediumRejects_data();
    void mediumRejects();
    void neverSentinel();
};

void TestJiraDateTime::isoForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime base(QDate(2025, 5, 2), QTime(9, 15, 30, 123), Qt::UTC);
    QTest::newRow("colon offset") << QStringLiteral("2025-05-02T09:15:30.123+00:00") << base;
    QTest::newRow("plain offset") << QStringLiteral("2025-05-02T09:15:30.123+0000") << base;
    QTest::newRow("Z") << QStringLiteral("2025-05-02T09:15:30.123Z") << base;
    QTest::newRow("negative offset") << QStringLiteral("2025-05-02T02:15:30.123-0700") << base;
    QTest::newRow("positive offset") << QStringLiteral("2025-05-02T11:15:30.123+02:00") << base;
    QTest::newRow("hour-only offset") << QStringLiteral("2025-05-02T11:15:30.123+02") << base;
    // Beyond the 14 hours of real zones (QTimeZone refuses those), still plain arithmetic.
    QTest::newRow("offset of 18 h") << QStringLiteral("2025-05-03T03:15:30.123+18:00") << base;
    QTest::newRow("micros cut to ms") << QStringLiteral("2025-05-02T09:15:30.123999Z") << base;
    QTest::newRow("no fraction") << QStringLiteral("2025-05-02T09:15:30Z") << base.addMSecs(-123);
    QTest::newRow("no seconds") << QStringLiteral("2025-05-02T09:15Z") << base.addMSecs(-30123);
    QTest::newRow("space and padding")
        << QStringLiteral("  2025-05-02 09:15:30.123+00:00 ") << base;
    QTest::newRow("date only") << QStringLiteral("2025-05-02")
                               << QDateTime(QDate(2025, 5, 2), QTime(0, 0), Qt::UTC);
}

void TestJiraDateTime::isoForms()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const auto parsed = jiradate::parseIso(text);
    QVERIFY(parsed);
    QCOMPARE(*parsed, expected);
    QCOMPARE(parsed->timeSpec(), Qt::UTC);
}

void TestJiraDateTime::isoRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("words") << QStringLiteral("yesterday");
    QTest::newRow("month 13") << QStringLiteral("2025-13-02T09:15:30Z");
    QTest::newRow("day 31 of April") << QStringLiteral("2025-04-31T09:15:30Z");
    QTest::newRow("hour 25") << QStringLiteral("2025-05-02T25:15:30Z");
    QTest::newRow("offset 99") << QStringLiteral("2025-05-02T09:15:30+99:00");
    QTest::newRow("trailing junk") << QStringLiteral("2025-05-02T09:15:30Z and more");
    QTest::newRow("medium form") << QStringLiteral("28/Nov/26 10:15 AM");
}

void TestJiraDateTime::isoRejects()
{
    QFETCH(QString, text);
    QVERIFY(!jiradate::parseIso(text));
}

void TestJiraDateTime::isoWithoutOffsetUsesTheAssumedZone()
{
    const auto parsed =
        jiradate::parseIso(u"2026-07-01T12:00:00", QTimeZone(QByteArrayLiteral("Europe/Berlin")));
    QVERIFY(parsed);
    QCOMPARE(*parsed, QDateTime(QDate(2026, 7, 1), QTime(10, 0), Qt::UTC)); // CEST, +2
}

// parseIso reads by hand what this regular expression (its earlier implementation) describes.
// Both are run over near-misses of every part and over random texts made of the characters a
// date uses; they must agree on what is a date and on its instant.
namespace {
std::optional<QDateTime> parseIsoByPattern(QStringView text)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
        "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?$"));
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const auto number = [&m](int group) { return m.capturedView(group).toInt(); };
    const int msec = m.capturedView(7).isEmpty()
                         ? 0
                         : QString(m.capturedView(7) + QStringLiteral("00")).left(3).toInt();
    int offsetSeconds = 0; // arithmetic, not QTimeZone: that refuses offsets beyond 14 hours
    const QStringView offset = m.capturedView(8);
    if (!offset.isEmpty() && offset != u"Z") {
        const int sign = offset.front() == u'-' ? -1 : 1;
        const QString digits = offset.mid(1).toString().remove(QLatin1Char(':'));
        const int hours = digits.left(2).toInt();
        const int minutes = digits.size() > 2 ? digits.mid(2, 2).toInt() : 0;
        if (hours > 18 || minutes > 59)
            return std::nullopt;
        offsetSeconds = sign * (hours * 3600 + minutes * 60);
    }
    const QDate date(number(1), number(2), number(3));
    const QTime time(number(4), number(5), number(6), msec);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
}
} // namespace

void TestJiraDateTime::isoReadsWhatThePatternReads()
{
    QStringList texts = {
        QStringLiteral("2025-05-02T09:15:30.123+00:00"),
        QStringLiteral("2025-05-02 +01:00"),
        QStringLiteral("2025-05-02Z"),
        QStringLiteral("2025-05-02 12"),
        QStringLiteral("2025-05-02T10:15+0100"),
        QStringLiteral("2025-05-02T10:15:30.1234567891Z"),
        QStringLiteral("2025-05-02T10:15:30.123456789Z"),
        QStringLiteral("2025-05-02T10:15:5Z"),
        QStringLiteral("2025-05-02T10:15:30.Z"),
        QStringLiteral("2025-05-02T10:15:30,5"),
        QStringLiteral("2025-05-02T10:15:30 \t-0330"),
        QStringLiteral("2025-05-02T10:15+01:0"),
        QStringLiteral("2025-05-02T10:15+01:"),
        QStringLiteral("2025-05-02T10:15+010"),
        QStringLiteral("2025-05-02T10:15+1859"),
        QStringLiteral("2025-05-02T10:15+1900"),
        QStringLiteral("2025-05-02t10:15Z"),
        QStringLiteral("12025-05-02"),
        QStringLiteral("2025-5-02"),
        QStringLiteral("2025-05-02T24:00Z"),
        QStringLiteral("2025-05-02T23:59:60Z"),
        QStringLiteral("2025-05-02T10:15:30Zx"),
        QStringLiteral("2025-05-02T10:15:30z"),
        QStringLiteral("9999-12-31T00:00:00.000+00:00"),
        QStringLiteral("0000-01-01"),
        QStringLiteral("2025-05-02\u00a0"),
        QStringLiteral("2025-05-02T10:15\u00a0Z"),
        QStringLiteral("２０２５-05-02"),
        QStringLiteral("2025-05-02T"),
        QStringLiteral("2025-05-02 "),
        QStringLiteral("-"),
    };
    // Random texts over a date's alphabet, most of them near a real date.
    QRandomGenerator random(20261205);
    const QString alphabet = QStringLiteral("0123456789-:T .,Z+-\t");
    const QString seed = QStringLiteral("2025-05-02T09:15:30.123+02:00");
    for (int i = 0; i < 20000; ++i) {
        QString text = seed;
        const int edits = 1 + random.bounded(3);
        for (int e = 0; e < edits; ++e) {
            const int at = random.bounded(int(text.size()) + 1);
            const QChar c = alphabet.at(random.bounded(int(alphabet.size())));
            switch (random.bounded(3)) {
            case 0:
                text.insert(at, c);
                break;
            case 1:
                if (at < text.size())
                    text[at] = c;
                break;
            default:
                text.remove(at, 1 + random.bounded(4));
            }
        }
        texts.append(text);
    }
    int dates = 0;
    for (const QString &text : std::as_const(texts)) {
        const auto expected = parseIsoByPattern(text);
        const auto parsed = jiradate::parseIso(text);
        QVERIFY2(bool(expected) == bool(parsed), qPrintable(text));
        if (expected) {
            QVERIFY2(*parsed == *expected, qPrintable(text));
            QCOMPARE(parsed->timeSpec(), Qt::UTC);
            ++dates;
        }
    }
    QVERIFY(dates > 1000); // the random edits still leave many real dates to compare
}

void TestJiraDateTime::mediumDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("AM, UTC") << QStringLiteral("28/Nov/26 10:15 AM") << QByteArray("UTC")
                             << QDateTime(QDate(2026, 11, 28), QTime(10, 15), Qt::UTC);
    QTest::newRow("PM") << QStringLiteral("28/Nov/26 10:15 PM") << QByteArray("UTC")
                        << QDateTime(QDate(2026, 11, 28), QTime(22, 15), Qt::UTC);
    QTest::newRow("12 AM is midnight") << QStringLiteral("28/Nov/26 12:05 AM") << QByteArray("UTC")
                                       << QDateTime(QDate(2026, 11, 28), QTime(0, 5), Qt::UTC);
    QTest::newRow("12 PM is noon") << QStringLiteral("28/Nov/26 12:05 PM") << QByteArray("UTC")
                                   << QDateTime(QDate(2026, 11, 28), QTime(12, 5), Qt::UTC);
    QTest::newRow("24-hour") << QStringLiteral("28/Nov/26 10:15") << QByteArray("UTC")
                             << QDateTime(QDate(2026, 11, 28), QTime(10, 15), Qt::UTC);
    QTest::newRow("Berlin winter")
        << QStringLiteral("28/Nov/26 10:15 AM") << QByteArray("Europe/Berlin")
        << QDateTime(QDate(2026, 11, 28), QTime(9, 15), Qt::UTC);
    QTest::newRow("New York summer")
        << QStringLiteral("4/Jul/26 9:00 pm") << QByteArray("America/New_York")
        << QDateTime(QDate(2026, 7, 5), QTime(1, 0), Qt::UTC);
    QTest::newRow("inside words") << QStringLiteral("Issued on 28/nov/26 10:15 AM (3 days ago)")
                                  << QByteArray("UTC")
                                  << QDateTime(QDate(2026, 11, 28), QTime(10, 15), Qt::UTC);
    QTest::newRow("four-digit year, date only")
        << QStringLiteral("01/Feb/2027") << QByteArray("UTC")
        << QDateTime(QDate(2027, 2, 1), QTime(0, 0), Qt::UTC);
    QTest::newRow("invalid zone falls back to UTC")
        << QStringLiteral("28/Nov/26 10:15") << QByteArray("No/Such_Zone")
        << QDateTime(QDate(2026, 11, 28), QTime(10, 15), Qt::UTC);
}

void TestJiraDateTime::mediumDates()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, zone);
    QFETCH(QDateTime, expected);
    const auto parsed = jiradate::findMediumDate(text, QTimeZone(zone));
    QVERIFY(parsed);
    QCOMPARE(*parsed, expected);
}

void TestJiraDateTime::mediumRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("no date") << QStringLiteral("Never");
    QTest::newRow("unknown month") << QStringLiteral("28/Foo/26 10:15 AM");
    QTest::newRow("day 32") << QStringLiteral("32/Nov/26 10:15 AM");
    QTest::newRow("13 PM") << QStringLiteral("28/Nov/26 13:15 PM");
    QTest::newRow("part of a path") << QStringLiteral("/a/28/Nov/26/b");
}

void TestJiraDateTime::mediumRejects()
{
    QFETCH(QString, text);
    QVERIFY(!jiradate::findMediumDate(text, QTimeZone::utc()));
}

void TestJiraDateTime::neverSentinel()
{
    QVERIFY(jiradate::isNeverSentinel(*jiradate::parseIso(u"9999-12-31T00:00:00.000+00:00")));
    QVERIFY(!jiradate::isNeverSentinel(*jiradate::parseIso(u"2999-12-31T00:00:00.000+00:00")));
    QVERIFY(!jiradate::isNeverSentinel(QDateTime()));
}

QTEST_GUILESS_MAIN(TestJiraDateTime)
#include "tst_jiradatetime.moc"
