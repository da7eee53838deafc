// The stale-token rules with an injected "now": the exact boundaries of each definition, Jira's
// 9999-12-31 "never expires" value, and the promise that the server-side filters never exclude a
// token the client-side rule matches, however Jira reads its bounds.
#include "api/PatJobs.h"
#include "services/StaleTokenRule.h"

#include <QTest>

using namespace accessdesk;

Q_DECLARE_METATYPE(StaleTokenRule)

namespace {

const QDateTime kNow(QDate(2025, 6, 1), QTime(12, 0, 0, 500), Qt::UTC);
constexpr qint64 kDayMs = 24 * 3600 * 1000LL;

QDateTime at(qint64 msFromNow)
{
    return kNow.addMSecs(msFromNow);
}

PersonalToken token(std::optional<QDateTime> created, std::optional<QDateTime> expires,
                    std::optional<QDateTime> lastUsed)
{
    PersonalToken t;
    t.id = 1;
    t.name = QStringLiteral("t");
    t.createdAt = created.value_or(QDateTime());
    t.expiresAt = expires;
    t.lastUsedAt = lastUsed;
    return t;
}

const QDateTime kSentinel(QDate(9999, 12, 31), QTime(0, 0), Qt::UTC);

// The filter as the request carries it: whole seconds (PatJobs sends Qt::ISODate).
TokenSearchFilter asSent(TokenSearchFilter filter)
{
    for (std::optional<QDateTime> *bound :
         {&filter.createdFrom, &filter.createdTo, &filter.expiresFrom, &filter.expiresTo,
          &filter.lastUsedFrom, &filter.lastUsedTo}) {
        if (*bound)
            *bound = QDateTime::fromString((*bound)->toUTC().toString(Qt::ISODate), Qt::ISODate);
    }
    return filter;
}

// The server's filter as Jira might read it, with inclusive or exclusive bounds; a token without
// an expiry counts as expiring on 9999-12-31, as the PAT plugin stores it.
bool serverLists(const PersonalToken &t, const TokenSearchFilter &f, bool inclusive)
{
    auto after = [inclusive](const QDateTime &value, const std::optional<QDateTime> &from) {
        return !from || (inclusive ? value >= *from : value > *from);
    };
    auto before = [inclusive](const QDateTime &value, const std::optional<QDateTime> &to) {
        return !to || (inclusive ? value <= *to : value < *to);
    };
    const QDateTime expiry = t.expiresAt.value_or(kSentinel);
    if (f.used && *f.used != t.lastUsedAt.has_value())
        return false;
    if ((f.lastUsedFrom || f.lastUsedTo) &&
        (!t.lastUsedAt || !after(*t.lastUsedAt, f.lastUsedFrom) ||
         !before(*t.lastUsedAt, f.lastUsedTo)))
        return false;
    return after(t.createdAt, f.createdFrom) && before(t.createdAt, f.createdTo) &&
           after(expiry, f.expiresFrom) && before(expiry, f.expiresTo);
}

} // namespace

class TestStaleTokenRule final : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void serverFilterIsASupersetOfTheRule_data();
    void serverFilterIsASupersetOfTheRule();
    void narrowSetsTheFiltersOfEachRule();
    void rulesCombineToTheNarrowerBounds();
    void daysAreKeptInRange();
    void descriptionsNameTheDays();
};

void TestStaleTokenRule::matches_data()
{
    QTest::addColumn<StaleTokenRule>("rule");
    QTest::addColumn<PersonalToken>("token");
    QTest::addColumn<bool>("stale");

    const auto created = at(-400 * kDayMs);
    const auto never = std::optional<QDateTime>();
    const auto neverUsed = StaleTokenRule::neverUsed();
    QTest::newRow("never used: no last use") << neverUsed << token(created, never, never) << true;
    QTest::newRow("never used: used once")
        << neverUsed << token(created, never, at(-300 * kDayMs)) << false;
    QTest::newRow("never used: used a moment ago")
        << neverUsed << token(created, never, at(-1)) << false;

    const auto unused = StaleTokenRule::unusedForDays(30);
    QTest::newRow("unused 30: used exactly 30 days ago")
        << unused << token(created, never, at(-30 * kDayMs)) << false;
    QTest::newRow("unused 30: used 30 days and 1 ms ago")
        << unused << token(created, never, at(-30 * kDayMs - 1)) << true;
    QTest::newRow("unused 30: used 29 days ago")
        << unused << token(created, never, at(-29 * kDayMs)) << false;
    QTest::newRow("unused 30: never used, created exactly 30 days ago")
        << unused << token(at(-30 * kDayMs), never, never) << false;
    QTest::newRow("unused 30: never used, created 30 days and 1 ms ago")
        << unused << token(at(-30 * kDayMs - 1), never, never) << true;
    QTest::newRow("unused 30: never used, created yesterday")
        << unused << token(at(-kDayMs), never, never) << false;
    QTest::newRow("unused 30: never used, creation unknown")
        << unused << token(never, never, never) << false;

    const auto expired = StaleTokenRule::expired();
    QTest::newRow("expired: expires exactly now") << expired << token(created, kNow, never) << true;
    QTest::newRow("expired: expired a day ago")
        << expired << token(created, at(-kDayMs), never) << true;
    QTest::newRow("expired: expires in 1 ms") << expired << token(created, at(1), never) << false;
    QTest::newRow("expired: never expires") << expired << token(created, never, never) << false;
    QTest::newRow("expired: 9999-12-31 sentinel")
        << expired << token(created, kSentinel, never) << false;

    const auto expiring = StaleTokenRule::expiringWithinDays(5);
    QTest::newRow("expiring 5: exactly 5 days from now")
        << expiring << token(created, at(5 * kDayMs), never) << true;
    QTest::newRow("expiring 5: 5 days and 1 ms from now")
        << expiring << token(created, at(5 * kDayMs + 1), never) << false;
    QTest::newRow("expiring 5: in 1 ms") << expiring << token(created, at(1), never) << true;
    QTest::newRow("expiring 5: expires exactly now (already expired)")
        << expiring << token(created, kNow, never) << false;
    QTest::newRow("expiring 5: expired yesterday")
        << expiring << token(created, at(-kDayMs), never) << false;
    QTest::newRow("expiring 5: never expires") << expiring << token(created, never, never) << false;
    QTest::newRow("expiring 5: 9999-12-31 sentinel")
        << expiring << token(created, kSentinel, never) << false;
}

void TestStaleTokenRule::matches()
{
    QFETCH(StaleTokenRule, rule);
    QFETCH(PersonalToken, token);
    QFETCH(bool, stale);
    QCOMPARE(rule.matches(token, kNow), stale);
}

void TestStaleTokenRule::serverFilterIsASupersetOfTheRule_data()
{
    QTest::addColumn<StaleTokenRule>("rule");
    QTest::newRow("never used") << StaleTokenRule::neverUsed();
    QTest::newRow("unused 1") << StaleTokenRule::unusedForDays(1);
    QTest::newRow("unused 30") << StaleTokenRule::unusedForDays(30);
    QTest::newRow("expired") << StaleTokenRule::expired();
    QTest::newRow("expiring 1") << StaleTokenRule::expiringWithinDays(1);
    QTest::newRow("expiring 5") << StaleTokenRule::expiringWithinDays(5);
}

void TestStaleTokenRule::serverFilterIsASupersetOfTheRule()
{
    QFETCH(StaleTokenRule, rule);
    TokenSearchFilter narrowed;
    rule.narrow(narrowed, kNow);
    const TokenSearchFilter filter = asSent(narrowed);

    // Times on and around every boundary the rules have, to the millisecond (now is at .500).
    QList<std::optional<QDateTime>> times{std::nullopt, kSentinel};
    for (const int days : {-31, -30, -29, -1, 0, 1, 4, 5, 6}) {
        for (const qint64 ms : {-1001LL, -1000LL, -500LL, -1LL, 0LL, 1LL, 499LL, 1000LL})
            times.append(at(days * kDayMs + ms));
    }
    int matched = 0;
    for (const auto &created : times) {
        if (!created || *created == kSentinel)
            continue;
        for (const auto &expires : times) {
            for (const auto &used : times) {
                if (used && (*used < *created || *used == kSentinel))
                    continue; // a token is not used before it exists
                const PersonalToken t = token(created, expires, used);
                if (!rule.matches(t, kNow))
                    continue;
                ++matched;
                QVERIFY2(serverLists(t, filter, true) && serverLists(t, filter, false),
                         qPrintable(QStringLiteral("created %1, expires %2, used %3 is missed")
                                        .arg(created->toString(Qt::ISODateWithMs),
                                             expires ? expires->toString(Qt::ISODateWithMs)
                                                     : QStringLiteral("never"),
                                             used ? used->toString(Qt::ISODateWithMs)
                                                  : QStringLiteral("never"))));
            }
        }
    }
    QVERIFY2(matched > 0, "the grid holds no matching token: the test would prove nothing");
}

void TestStaleTokenRule::narrowSetsTheFiltersOfEachRule()
{
    TokenSearchFilter never;
    StaleTokenRule::neverUsed().narrow(never, kNow);
    QCOMPARE(never.used, std::optional<bool>(false));
    QVERIFY(!never.createdTo && !never.expiresFrom && !never.expiresTo);

    TokenSearchFilter unused;
    StaleTokenRule::unusedForDays(30).narrow(unused, kNow);
    QCOMPARE(unused.createdTo, std::optional<QDateTime>(at(-30 * kDayMs + 1000)));
    QVERIFY(!unused.used); // never-used tokens must stay in the answer
    QVERIFY(!unused.lastUsedTo);

    TokenSearchFilter expired;
    StaleTokenRule::expired().narrow(expired, kNow);
    QCOMPARE(expired.expiresTo, std::optional<QDateTime>(at(1000)));
    QVERIFY(!expired.expiresFrom);

    TokenSearchFilter expiring;
    StaleTokenRule::expiringWithinDays(5).narrow(expiring, kNow);
    QCOMPARE(expiring.expiresFrom, std::optional<QDateTime>(at(-1000)));
    QCOMPARE(expiring.expiresTo, std::optional<QDateTime>(at(5 * kDayMs + 1000)));
}

void TestStaleTokenRule::rulesCombineToTheNarrowerBounds()
{
    TokenSearchFilter filter;
    StaleTokenRule::expiringWithinDays(5).narrow(filter, kNow);
    StaleTokenRule::expired().narrow(filter, kNow);
    QCOMPARE(filter.expiresTo, std::optional<QDateTime>(at(1000)));
    QCOMPARE(filter.expiresFrom, std::optional<QDateTime>(at(-1000)));

    TokenSearchFilter created;
    StaleTokenRule::unusedForDays(10).narrow(created, kNow);
    StaleTokenRule::unusedForDays(90).narrow(created, kNow);
    StaleTokenRule::unusedForDays(30).narrow(created, kNow);
    QCOMPARE(created.createdTo, std::optional<QDateTime>(at(-90 * kDayMs + 1000)));
}

void TestStaleTokenRule::daysAreKeptInRange()
{
    QCOMPARE(StaleTokenRule::unusedForDays(0).days(), 1);
    QCOMPARE(StaleTokenRule::expiringWithinDays(-3).days(), 1);
    QCOMPARE(StaleTokenRule::unusedForDays(StaleTokenRule::kMaxDays + 1).days(),
             StaleTokenRule::kMaxDays);
    QCOMPARE(StaleTokenRule::expired().days(), 0);
    QCOMPARE(StaleTokenRule::neverUsed().days(), 0);
}

void TestStaleTokenRule::descriptionsNameTheDays()
{
    QVERIFY(StaleTokenRule::unusedForDays(90).description().contains(QStringLiteral("90")));
    QVERIFY(StaleTokenRule::expiringWithinDays(7).description().contains(QStringLiteral("7")));
    QVERIFY(!StaleTokenRule::neverUsed().description().isEmpty());
    QVERIFY(StaleTokenRule::expired().description() != StaleTokenRule::neverUsed().description());
}

QTEST_GUILESS_MAIN(TestStaleTokenRule)
#include "tst_staletokenrule.moc"
