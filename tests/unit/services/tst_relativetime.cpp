// RelativeTime: "in 3 days", "2 hours ago", "yesterday" against a fixed now, with English plurals.
#include "services/RelativeTime.h"
#include "services/Translations.h"

#include <QTest>

using namespace accessdesk;

class TestRelativeTime : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The calendar-day rules depend on the local zone; UTC keeps the expectations exact.
        qputenv("TZ", "UTC");
        QVERIFY(translations::install(QStringLiteral("en")));
    }

    void describes_data()
    {
        QTest::addColumn<qint64>("offsetSeconds");
        QTest::addColumn<QString>("expected");
        constexpr qint64 minute = 60;
        constexpr qint64 hour = 3600;
        constexpr qint64 day = 86400;
        QTest::newRow("now") << qint64(0) << QStringLiteral("just now");
        QTest::newRow("30 s ago") << qint64(-30) << QStringLiteral("just now");
        QTest::newRow("in 30 s") << qint64(30) << QStringLiteral("in less than a minute");
        QTest::newRow("1 min ago") << -minute << QStringLiteral("1 minute ago");
        QTest::newRow("in 5 min") << 5 * minute << QStringLiteral("in 5 minutes");
        QTest::newRow("2 h ago") << -2 * hour << QStringLiteral("2 hours ago");
        QTest::newRow("in 1 h") << hour << QStringLiteral("in 1 hour");
        // now is 10:00: 10 hours back is today 00:00, 11 hours back is yesterday 23:00 but near.
        QTest::newRow("11 h ago across midnight") << -11 * hour << QStringLiteral("11 hours ago");
        QTest::newRow("yesterday") << -20 * hour << QStringLiteral("yesterday");
        QTest::newRow("tomorrow") << 20 * hour << QStringLiteral("tomorrow");
        QTest::newRow("in 3 days") << 3 * day << QStringLiteral("in 3 days");
        QTest::newRow("12 days ago") << -12 * day << QStringLiteral("12 days ago");
        QTest::newRow("in 45 days") << 45 * day << QStringLiteral("in 45 days");
        QTest::newRow("in 46 days: the date reads better") << 46 * day << QString();
        QTest::newRow("a year ago: the date reads better") << -365 * day << QString();
    }

    void describes()
    {
        QFETCH(qint64, offsetSeconds);
        QFETCH(QString, expected);
        const QDateTime now(QDate(2026, 3, 10), QTime(10, 0), Qt::UTC);
        QCOMPARE(RelativeTime::describe(now.addSecs(offsetSeconds), now), expected);
    }

    void invalidTimesHaveNoText()
    {
        const QDateTime now(QDate(2026, 3, 10), QTime(10, 0), Qt::UTC);
        QCOMPARE(RelativeTime::describe(QDateTime(), now), QString());
        QCOMPARE(RelativeTime::exact(QDateTime()), QString());
    }

    void exactIsTheLongLocalTime()
    {
        const QDateTime when(QDate(2026, 3, 10), QTime(10, 0), Qt::UTC);
        const QString exact = RelativeTime::exact(when);
        QCOMPARE(exact, QLocale().toString(when.toLocalTime(), QLocale::LongFormat));
        QVERIFY2(exact.contains(QStringLiteral("2026")), qPrintable(exact));
    }
};

QTEST_GUILESS_MAIN(TestRelativeTime)
#include "tst_relativetime.moc"
