#include "JiraDateTime.h"

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
