// ExpiryWatch with a fixed "now" and a real SQLite file: the window's edges, which kinds of grant
// are watched, once per grant also across restarts, again when the expiry changed, what the
// banner keeps, and the sentences and the replacement request of ExpiryNotice.
#include "services/ExpiryNotice.h"
#include "services/ExpiryWatch.h"
#include "storage/Database.h"
#include "storage/ExpiryAnnouncements.h"
#include "storage/Preferences.h"

#include <QLocale>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <memory>

using namespace accessdesk;

namespace {

const QDateTime kNow(QDate(2026, 12, 5), QTime(12, 0, 0, 250), Qt::UTC);
constexpr qint64 kDayMs = 24 * 3600 * 1000LL;
const QString kServer = QStringLiteral("https://jira.example.test");
const QString kAlice = QStringLiteral("alice");

AccessGrant pat(int id, const QString &name, std::optional<qint64> expiresInMs,
                qint64 ageMs = 10 * kDayMs)
{
    AccessGrant grant;
    grant.kind = GrantKind::PersonalToken;
    grant.id = QString::number(id);
    grant.revokeKey = grant.id;
    grant.application = name;
    grant.issuedAt = kNow.addMSecs(-ageMs);
    if (expiresInMs)
        grant.expiresAt = kNow.addMSecs(*expiresInMs);
    return grant;
}

QStringList namesOf(const QList<AccessGrant> &grants)
{
    QStringList names;
    for (const AccessGrant &grant : grants)
        names << grant.application;
    return names;
}

} // namespace

class TestExpiryWatch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void windowEdges_data();
    void windowEdges();
    void watchedKinds();
    void windowFollowsThePreference();
    void announcedOncePerGrant();
    void onceAcrossRestarts();
    void changedExpiryIsAnnouncedAgain();
    void serversAndUsersAreSeparate();
    void withoutDatabaseOncePerRun();
    void appWatchUsesTheDatabaseAndThePreference();
    void pendingFollowsTheListUntilDismissed();
    void noticeNamesOneGrantAndCountsSeveral();
    void replacementHasTheSameNameAndLength();

private:
    std::unique_ptr<ExpiryWatch> newWatch(ExpiryAnnouncements *store);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ExpiryAnnouncements> m_store;
};

void TestExpiryWatch::initTestCase()
{
    // The English plural forms the services library embeds, as the app installs them ("1 day",
    // not "1 day(s)").
    auto *plurals = new QTranslator(this);
    QVERIFY(plurals->load(QStringLiteral(":/i18n/accessdesk_en.qm")));
    QVERIFY(QCoreApplication::installTranslator(plurals));
    // Lists are joined the English way ("a and b"), whatever the machine's locale.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestExpiryWatch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>();
    QVERIFY2(m_db->open(m_dir->filePath(QStringLiteral("accessdesk.sqlite"))),
             qPrintable(m_db->errorString()));
    m_store = std::make_unique<ExpiryAnnouncements>(*m_db);
}

void TestExpiryWatch::cleanup()
{
    m_store.reset();
    m_db.reset();
    m_dir.reset();
}

std::unique_ptr<ExpiryWatch> TestExpiryWatch::newWatch(ExpiryAnnouncements *store)
{
    auto watch = std::make_unique<ExpiryWatch>(store);
    watch->setClock([] { return kNow; });
    return watch;
}

void TestExpiryWatch::windowEdges_data()
{
    QTest::addColumn<qint64>("expiresInMs");
    QTest::addColumn<bool>("announced");
    QTest::newRow("expired a day ago") << -kDayMs << false;
    QTest::newRow("expires now") << qint64(0) << false;
    QTest::newRow("a millisecond left") << qint64(1) << true;
    QTest::newRow("two days left") << 2 * kDayMs << true;
    QTest::newRow("exactly five days left") << 5 * kDayMs << true;
    QTest::newRow("five days and a millisecond") << 5 * kDayMs + 1 << false;
    QTest::newRow("a year left") << 365 * kDayMs << false;
}

void TestExpiryWatch::windowEdges()
{
    QFETCH(qint64, expiresInMs);
    QFETCH(bool, announced);
    auto watch = newWatch(m_store.get());
    QCOMPARE(watch->windowDays(), 5); // the preference's default
    const QList<AccessGrant> fresh =
        watch->check(kServer, kAlice, {pat(1, QStringLiteral("edge"), expiresInMs)});
    QCOMPARE(fresh.size(), announced ? 1 : 0);
    QCOMPARE(watch->pending().size(), announced ? 1 : 0);
}

void TestExpiryWatch::watchedKinds()
{
    auto watch = newWatch(m_store.get());
    AccessGrant oauth2 = pat(2, QStringLiteral("Deploy Dashboard"), kDayMs);
    oauth2.kind = GrantKind::OAuth2;
    AccessGrant oauth2Unreported = oauth2;
    oauth2Unreported.revokeKey = oauth2Unreported.id = QStringLiteral("3");
    oauth2Unreported.expiresAt.reset(); // the page did not say
    AccessGrant oauth1 = pat(4, QStringLiteral("Bamboo"), kDayMs);
    oauth1.kind = GrantKind::OAuth1;
    AccessGrant cached = pat(5, QStringLiteral("cached"), kDayMs);
    cached.revokeKey.clear(); // a cached grant: no id to remember it by
    const QList<AccessGrant> fresh = watch->check(kServer, kAlice,
                                                  {pat(1, QStringLiteral("laptop-cli"), kDayMs),
                                                   pat(6, QStringLiteral("ci"), std::nullopt),
                                                   oauth2, oauth2Unreported, oauth1, cached});
    QCOMPARE(namesOf(fresh),
             QStringList({QStringLiteral("laptop-cli"), QStringLiteral("Deploy Dashboard")}));
}

void TestExpiryWatch::windowFollowsThePreference()
{
    auto watch = newWatch(m_store.get());
    int days = 1;
    watch->setWindowDays([&days] { return days; });
    const QList<AccessGrant> grants = {pat(1, QStringLiteral("in two days"), 2 * kDayMs)};
    QVERIFY(watch->check(kServer, kAlice, grants).isEmpty());
    days = 3; // read at each check
    QCOMPARE(watch->check(kServer, kAlice, grants).size(), 1);
    days = 0; // out of range is clamped, never "announce nothing" or "everything"
    QCOMPARE(watch->windowDays(), 1);
    days = 10000;
    QCOMPARE(watch->windowDays(), 90);
}

void TestExpiryWatch::announcedOncePerGrant()
{
    auto watch = newWatch(m_store.get());
    QSignalSpy announced(watch.get(), &ExpiryWatch::announced);
    const QList<AccessGrant> grants = {pat(1, QStringLiteral("laptop-cli"), 3 * kDayMs),
                                       pat(2, QStringLiteral("ci"), 60 * kDayMs)};
    QCOMPARE(namesOf(watch->check(kServer, kAlice, grants)),
             QStringList{QStringLiteral("laptop-cli")});
    QCOMPARE(announced.size(), 1);
    QVERIFY(watch->check(kServer, kAlice, grants).isEmpty());
    QCOMPARE(announced.size(), 1); // nothing new: no signal
    // A new grant in the window is news, the old one is not.
    QList<AccessGrant> more = grants;
    more << pat(3, QStringLiteral("new"), kDayMs);
    QCOMPARE(namesOf(watch->check(kServer, kAlice, more)), QStringList{QStringLiteral("new")});
    QCOMPARE(announced.size(), 2);
    QCOMPARE(namesOf(announced.last().first().value<QList<AccessGrant>>()),
             QStringList{QStringLiteral("new")});
}

void TestExpiryWatch::onceAcrossRestarts()
{
    const QList<AccessGrant> grants = {pat(1, QStringLiteral("laptop-cli"), 3 * kDayMs)};
    QCOMPARE(newWatch(m_store.get())->check(kServer, kAlice, grants).size(), 1);
    // The app quits and starts again: a new database connection on the same file.
    const QString file = m_db->filePath();
    m_store.reset();
    m_db.reset();
    Database reopened;
    QVERIFY2(reopened.open(file), qPrintable(reopened.errorString()));
    ExpiryAnnouncements store(reopened);
    auto watch = newWatch(&store);
    QVERIFY(watch->check(kServer, kAlice, grants).isEmpty());
    QVERIFY(watch->pending().isEmpty()); // nothing to show after a restart either
}

void TestExpiryWatch::changedExpiryIsAnnouncedAgain()
{
    auto watch = newWatch(m_store.get());
    AccessGrant grant = pat(1, QStringLiteral("Deploy Dashboard"), kDayMs);
    grant.kind = GrantKind::OAuth2;
    QCOMPARE(watch->check(kServer, kAlice, {grant}).size(), 1);
    // Renewed, but again inside the window (a shorter renewal): news again, shown once.
    grant.expiresAt = kNow.addMSecs(4 * kDayMs);
    QCOMPARE(watch->check(kServer, kAlice, {grant}).size(), 1);
    QCOMPARE(watch->pending().size(), 1);
    QCOMPARE(watch->pending().first().expiresAt, grant.expiresAt);
    // A restart does not announce the renewed expiry again.
    QVERIFY(newWatch(m_store.get())->check(kServer, kAlice, {grant}).isEmpty());
}

void TestExpiryWatch::serversAndUsersAreSeparate()
{
    const QList<AccessGrant> grants = {pat(1, QStringLiteral("laptop-cli"), kDayMs)};
    QCOMPARE(newWatch(m_store.get())->check(kServer, kAlice, grants).size(), 1);
    QCOMPARE(newWatch(m_store.get())->check(kServer, QStringLiteral("bob"), grants).size(), 1);
    QCOMPARE(newWatch(m_store.get())
                 ->check(QStringLiteral("https://other.example.test"), kAlice, grants)
                 .size(),
             1);
    QVERIFY(newWatch(m_store.get())->check(kServer, kAlice, grants).isEmpty());
}

void TestExpiryWatch::withoutDatabaseOncePerRun()
{
    const QList<AccessGrant> grants = {pat(1, QStringLiteral("laptop-cli"), kDayMs)};
    auto watch = newWatch(nullptr);
    QCOMPARE(watch->check(kServer, kAlice, grants).size(), 1);
    QVERIFY(watch->check(kServer, kAlice, grants).isEmpty());
    // Nothing was written, so another run says it again.
    QCOMPARE(newWatch(m_store.get())->check(kServer, kAlice, grants).size(), 1);
}

void TestExpiryWatch::appWatchUsesTheDatabaseAndThePreference()
{
    QSettings settings(m_dir->filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
    Preferences(settings).setExpiryWarningDays(10);
    const QList<AccessGrant> grants = {pat(1, QStringLiteral("in a week"), 7 * kDayMs)};
    {
        ExpiryWatch watch(m_db.get(), &settings);
        watch.setClock([] { return kNow; });
        QCOMPARE(watch.windowDays(), 10);
        QCOMPARE(watch.check(kServer, kAlice, grants).size(), 1);
    }
    // Written to the database the watch was given: the test's own store sees it.
    QVERIFY(m_store->wasAnnounced(kServer, kAlice, QStringLiteral("pat:1"), kNow.addDays(7)));
    // Without settings, the default window; without a database, nothing remembered.
    ExpiryWatch bare(static_cast<Database *>(nullptr), nullptr);
    QCOMPARE(bare.windowDays(), Preferences::defaultExpiryWarningDays);
}

void TestExpiryWatch::pendingFollowsTheListUntilDismissed()
{
    auto watch = newWatch(m_store.get());
    QSignalSpy changed(watch.get(), &ExpiryWatch::pendingChanged);
    AccessGrant laptop = pat(1, QStringLiteral("laptop-cli"), kDayMs);
    const AccessGrant ci = pat(2, QStringLiteral("ci"), 2 * kDayMs);
    watch->check(kServer, kAlice, {laptop, ci});
    QCOMPARE(namesOf(watch->pending()),
             QStringList({QStringLiteral("laptop-cli"), QStringLiteral("ci")}));
    QCOMPARE(changed.size(), 1);
    // Listed again: still shown (not announced again), as the server lists it now.
    laptop.description = QStringLiteral("listed again");
    QVERIFY(watch->check(kServer, kAlice, {laptop, ci}).isEmpty());
    QCOMPARE(watch->pending().first().description, QStringLiteral("listed again"));
    // Revoked: it leaves the banner.
    watch->check(kServer, kAlice, {ci});
    QCOMPARE(namesOf(watch->pending()), QStringList{QStringLiteral("ci")});
    // Dismissed: empty, and the next list brings nothing back.
    const auto before = changed.size();
    watch->dismiss();
    QVERIFY(watch->pending().isEmpty());
    QCOMPARE(changed.size(), before + 1);
    QVERIFY(watch->check(kServer, kAlice, {ci}).isEmpty());
    QVERIFY(watch->pending().isEmpty());
    // The soonest first, whatever the order of the list.
    watch->check(kServer, kAlice,
                 {ci, pat(4, QStringLiteral("later"), 4 * kDayMs),
                  pat(5, QStringLiteral("sooner"), kDayMs / 2)});
    QCOMPARE(namesOf(watch->pending()),
             QStringList({QStringLiteral("sooner"), QStringLiteral("later")}));
    watch->dismiss();
    // Another server's list does not keep this one's pending grants.
    watch->check(kServer, kAlice, {pat(3, QStringLiteral("new"), kDayMs)});
    QCOMPARE(watch->pending().size(), 1);
    watch->check(QStringLiteral("https://other.example.test"), kAlice, {});
    QVERIFY(watch->pending().isEmpty());
}

void TestExpiryWatch::noticeNamesOneGrantAndCountsSeveral()
{
    QVERIFY(ExpiryNotice::forAnnounced({}, 5).title.isEmpty());
    QVERIFY(ExpiryNotice::forAnnounced({}, 5).message.isEmpty());

    const ExpiryNotice one =
        ExpiryNotice::forAnnounced({pat(1, QStringLiteral("laptop-cli"), 2 * kDayMs)}, 5);
    QCOMPARE(one.title, QStringLiteral("Access expiring within 5 days"));
    QVERIFY2(one.message.startsWith(
                 QStringLiteral("The personal access token “laptop-cli” expires on ")),
             qPrintable(one.message));

    AccessGrant oauth2 = pat(2, QStringLiteral("Deploy Dashboard"), kDayMs);
    oauth2.kind = GrantKind::OAuth2;
    const ExpiryNotice two =
        ExpiryNotice::forAnnounced({pat(1, QStringLiteral("laptop-cli"), kDayMs), oauth2}, 1);
    QCOMPARE(two.title, QStringLiteral("Access expiring within 1 day"));
    QCOMPARE(two.message, QStringLiteral("2 grants expire soon: “laptop-cli” and “Deploy "
                                         "Dashboard”. Open My access to replace or revoke them."));
    QVERIFY(ExpiryNotice::bannerLine(oauth2).startsWith(
        QStringLiteral("The access you gave “Deploy Dashboard” expires on ")));
    QCOMPARE(ExpiryNotice::bannerHeading(1),
             QStringLiteral("1 grant expires soon. Create a replacement for what you still need, "
                            "and revoke the rest."));
}

void TestExpiryWatch::replacementHasTheSameNameAndLength()
{
    // Made 88 days ago for 90 days, expiring in 2: the replacement lasts 90 days again.
    const auto request =
        ExpiryNotice::replacementFor(pat(1, QStringLiteral("laptop-cli"), 2 * kDayMs, 88 * kDayMs));
    QVERIFY(request);
    QCOMPARE(request->name, QStringLiteral("laptop-cli"));
    QCOMPARE(request->expiryDays, std::optional<int>(90));
    // A second or two between the server's clock readings does not change the length.
    const auto jittered =
        ExpiryNotice::replacementFor(pat(1, QStringLiteral("t"), 2 * kDayMs + 1500, 5 * kDayMs));
    QCOMPARE(jittered->expiryDays, std::optional<int>(7));
    // Shorter than a day is still a day: the server's minimum.
    QCOMPARE(ExpiryNotice::replacementFor(pat(1, QStringLiteral("t"), 1000, 1000))->expiryDays,
             std::optional<int>(1));
    // Not a personal token, or dates missing: no replacement to offer.
    AccessGrant oauth2 = pat(2, QStringLiteral("Deploy Dashboard"), kDayMs);
    oauth2.kind = GrantKind::OAuth2;
    QVERIFY(!ExpiryNotice::replacementFor(oauth2));
    QVERIFY(!ExpiryNotice::replacementFor(pat(3, QStringLiteral("never"), std::nullopt)));
    AccessGrant undated = pat(4, QStringLiteral("undated"), kDayMs);
    undated.issuedAt = QDateTime();
    QVERIFY(!ExpiryNotice::replacementFor(undated));
}

QTEST_GUILESS_MAIN(TestExpiryWatch)
#include "tst_expirywatch.moc"
