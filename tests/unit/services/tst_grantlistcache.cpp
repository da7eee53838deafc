// The grant list in the offline cache: read back as stored, one list per profile, nothing that
// works as a credential on disk, and what cannot be read back reported (tests/fuzz
// fuzz_grantcache).
#include "api/ServerConnection.h"
#include "services/GrantIds.h"
#include "services/GrantListCache.h"
#include "services/MyAccessController.h"
#include "storage/Database.h"
#include "storage/OfflineCache.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

const QString kOAuth1Token = QStringLiteral("Zq8RkT2wLmN4pV6xY1aB3cD5eF7gH9jK");
const QDateTime kFetched(QDate(2026, 3, 4), QTime(10, 20, 30), Qt::UTC);

QList<AccessGrant> sampleGrants()
{
    AccessGrant bamboo;
    bamboo.id = kOAuth1Token;
    bamboo.revokeKey = kOAuth1Token;
    bamboo.kind = GrantKind::OAuth1;
    bamboo.application = QStringLiteral("Bamboo");
    bamboo.description = QStringLiteral("Atlassian Bamboo at http://bamboo.example.test:8085");
    bamboo.applicationUrl = QStringLiteral("http://bamboo.example.test:8085");
    bamboo.issuedAt = QDateTime(QDate(2026, 2, 1), QTime(9, 0), Qt::UTC);
    bamboo.revokeUrl = QUrl(QStringLiteral("http://jira/plugins/servlet/oauth/users/revoke-token"));

    AccessGrant dashboard;
    dashboard.id = QStringLiteral("c0ffee00-1111-2222-3333-444455556666");
    dashboard.revokeKey = dashboard.id;
    dashboard.kind = GrantKind::OAuth2;
    dashboard.application = QStringLiteral("Deploy Dashboard");
    dashboard.issuedAt = QDateTime(QDate(2026, 2, 20), QTime(8, 15, 0, 250), Qt::UTC);
    dashboard.scopes = {QStringLiteral("READ"), QStringLiteral("WRITE")};

    AccessGrant laptop;
    laptop.id = QStringLiteral("7");
    laptop.revokeKey = laptop.id;
    laptop.kind = GrantKind::PersonalToken;
    laptop.application = QStringLiteral("laptop-cli");
    laptop.issuedAt = QDateTime(QDate(2026, 1, 5), QTime(12, 0), Qt::UTC);
    laptop.expiresAt = QDateTime(QDate(2026, 4, 5), QTime(12, 0), Qt::UTC);
    laptop.lastUsedAt = QDateTime(QDate(2026, 3, 1), QTime(7, 45), Qt::UTC);
    return {bamboo, dashboard, laptop};
}

} // namespace

class TestGrantListCache final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void roundTripKeepsWhatIsShown();
    void noCredentialIsStored();
    void oneListPerProfile();
    void keys();
    void withoutCacheNothingHappens();
    void unreadablePayloadIsNoList();
    void damagedEntriesAreReported();
    void datesBeyondIsoYearsAreReported();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<OfflineCache> m_offline;
};

void TestGrantListCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>();
    QVERIFY2(m_db->open(m_dir->filePath(QStringLiteral("cache.sqlite"))),
             qPrintable(m_db->errorString()));
    m_offline = std::make_unique<OfflineCache>(*m_db);
}

void TestGrantListCache::cleanup()
{
    m_offline.reset();
    m_db.reset();
    m_dir.reset();
}

void TestGrantListCache::roundTripKeepsWhatIsShown()
{
    GrantListCache cache(m_offline.get());
    const QList<AccessGrant> stored = sampleGrants();
    QVERIFY(cache.store(QStringLiteral("demo"), stored, kFetched));
    const auto loaded = cache.load(QStringLiteral("demo"));
    QVERIFY(loaded);
    QCOMPARE(loaded->fetchedAt, kFetched);
    QCOMPARE(loaded->grants.size(), stored.size());
    for (qsizetype i = 0; i < stored.size(); ++i) {
        const AccessGrant &a = loaded->grants.at(i);
        const AccessGrant &b = stored.at(i);
        QCOMPARE(a.kind, b.kind);
        QCOMPARE(a.application, b.application);
        QCOMPARE(a.description, b.description);
        QCOMPARE(a.applicationUrl, b.applicationUrl);
        QCOMPARE(a.issuedAt, b.issuedAt);
        QCOMPARE(a.expiresAt, b.expiresAt);
        QCOMPARE(a.lastUsedAt, b.lastUsedAt);
        QCOMPARE(a.scopes, b.scopes);
        // Cached grants are for reading: no way to revoke them without a fresh list.
        QVERIFY(a.revokeKey.isEmpty());
        QVERIFY(a.revokeUrl.isEmpty());
    }
    // Non-secret ids stay as they are; the OAuth 1.0a one becomes the public id.
    QCOMPARE(loaded->grants.at(1).id, stored.at(1).id);
    QCOMPARE(loaded->grants.at(2).id, stored.at(2).id);
    QCOMPARE(QStringLiteral("oauth1:") + loaded->grants.at(0).id, grantids::publicId(stored.at(0)));
    // "Unknown" and "none" stay apart.
    QVERIFY(!loaded->grants.at(0).expiresAt);
    QVERIFY(!loaded->grants.at(0).lastUsedAt);
}

void TestGrantListCache::noCredentialIsStored()
{
    const QByteArray json = GrantListCache::toJson(sampleGrants());
    QVERIFY(!json.contains(kOAuth1Token.toUtf8()));
    QVERIFY(!json.contains("revoke"));

    GrantListCache cache(m_offline.get());
    QVERIFY(cache.store(QStringLiteral("demo"), sampleGrants(), kFetched));
    m_offline.reset();
    m_db.reset();
    QFile file(m_dir->filePath(QStringLiteral("cache.sqlite")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray everything = file.readAll();
    QFile wal(m_dir->filePath(QStringLiteral("cache.sqlite-wal")));
    if (wal.open(QIODevice::ReadOnly))
        everything += wal.readAll();
    QVERIFY(everything.contains("Deploy Dashboard")); // the list is really in there
    QVERIFY(!everything.contains(kOAuth1Token.toUtf8()));
}

void TestGrantListCache::oneListPerProfile()
{
    GrantListCache cache(m_offline.get());
    const QList<AccessGrant> all = sampleGrants();
    QVERIFY(cache.store(QStringLiteral("demo"), all, kFetched));
    QVERIFY(cache.store(QStringLiteral("bob@http://jira"), all.mid(2), kFetched.addSecs(60)));
    QCOMPARE(cache.load(QStringLiteral("demo"))->grants.size(), 3);
    QCOMPARE(cache.load(QStringLiteral("bob@http://jira"))->grants.size(), 1);
    QCOMPARE(cache.load(QStringLiteral("bob@http://jira"))->fetchedAt, kFetched.addSecs(60));
    QVERIFY(!cache.load(QStringLiteral("other")));

    // A newer list replaces the old one, also when it is empty.
    QVERIFY(cache.store(QStringLiteral("demo"), {}, kFetched.addSecs(120)));
    const auto emptied = cache.load(QStringLiteral("demo"));
    QVERIFY(emptied);
    QVERIFY(emptied->grants.isEmpty());
    QCOMPARE(emptied->fetchedAt, kFetched.addSecs(120));
}

void TestGrantListCache::keys()
{
    QCOMPARE(GrantListCache::keyFor(
                 {QStringLiteral("work"), QStringLiteral("https://jira"), QStringLiteral("alice")}),
             QStringLiteral("work"));
    QCOMPARE(GrantListCache::keyFor(
                 {QString(), QStringLiteral("https://jira"), QStringLiteral("alice")}),
             QStringLiteral("alice@https://jira"));
    QVERIFY(GrantListCache::keyFor({}).isEmpty());
}

void TestGrantListCache::withoutCacheNothingHappens()
{
    GrantListCache cache(nullptr);
    QVERIFY(!cache.store(QStringLiteral("demo"), sampleGrants(), kFetched));
    QVERIFY(!cache.load(QStringLiteral("demo")));
}

void TestGrantListCache::unreadablePayloadIsNoList()
{
    const auto notJson = GrantListCache::fromJson("not json");
    QVERIFY(!notJson);
    QVERIFY2(notJson.error.contains(QStringLiteral("not JSON")), qPrintable(notJson.error));
    QVERIFY(!GrantListCache::fromJson(R"({"format": 99, "grants": []})"));
    QVERIFY(!GrantListCache::fromJson(R"({"format": "1", "grants": []})"));
    // A list of this format without its list is damaged, not empty.
    const auto noList = GrantListCache::fromJson(R"({"format": 1})");
    QVERIFY(!noList);
    QVERIFY2(noList.error.contains(QStringLiteral("\"grants\"")), qPrintable(noList.error));
    QVERIFY(!GrantListCache::fromJson(R"({"format": 1, "grants": {"kind": "pat"}})"));
    QVERIFY(m_offline->store(QStringLiteral("demo"), QStringLiteral("my-access-grants"), "[1,2]",
                             kFetched));
    QVERIFY(!GrantListCache(m_offline.get()).load(QStringLiteral("demo")));
    // Entries of an unknown kind are reported, the rest is read.
    const auto partly = GrantListCache::fromJson(
        R"({"format": 1, "grants": [{"kind": "saml", "application": "SSO"}, {"kind": "pat", "id": "3", "application": "x"}]})");
    QVERIFY(partly);
    QCOMPARE(partly->grants.size(), 1);
    QCOMPARE(partly->grants.first().application, QStringLiteral("x"));
    QCOMPARE(partly->unreadable.size(), 1);
    QCOMPARE(partly->unreadable.first().excerpt, QStringLiteral("SSO"));
    QVERIFY(!partly->unreadable.first().reason.isEmpty());
}

// Each entry is read as toJson writes it or reported: a field of the wrong type does not quietly
// become empty. Before, "expiresAt": "soon" read as an expiry of "none" (never expires).
void TestGrantListCache::damagedEntriesAreReported()
{
    const QByteArray json = R"({"format": 1, "grants": [
        {"kind": "pat", "id": "1", "application": "soon", "issuedAt": null, "expiresAt": "soon"},
        {"kind": "pat", "id": "2", "application": "bad issue date", "issuedAt": 20260101},
        {"kind": "pat", "id": 3, "application": "numeric id"},
        {"kind": "oauth2", "id": "4", "application": "scopes", "scopes": "READ"},
        {"kind": "oauth2", "id": "5", "application": "scope", "scopes": ["READ", 7]},
        {"kind": "oauth1", "id": "6", "application": ["a list"]},
        "pat",
        {"kind": "pat", "id": "8", "application": "fine", "issuedAt": null, "expiresAt": null}
    ]})";
    const auto read = GrantListCache::fromJson(json);
    QVERIFY2(read, qPrintable(read.error));
    QCOMPARE(read->grants.size(), 1);
    QCOMPARE(read->grants.first().application, QStringLiteral("fine"));
    QVERIFY(read->grants.first().expiresAt); // null: the server said "none"
    QVERIFY(!read->grants.first().expiresAt->isValid());
    QCOMPARE(read->unreadable.size(), 7);
    QCOMPARE(read->unreadable.first().excerpt, QStringLiteral("soon"));
    for (const UnreadableGrantRow &row : read->unreadable)
        QVERIFY(!row.reason.isEmpty());

    // load() passes them on, for My access to say that the list is incomplete.
    QVERIFY(m_offline->store(QStringLiteral("demo"), QStringLiteral("my-access-grants"), json,
                             kFetched));
    const auto loaded = GrantListCache(m_offline.get()).load(QStringLiteral("demo"));
    QVERIFY(loaded);
    QCOMPARE(loaded->grants.size(), 1);
    QCOMPARE(loaded->unreadable.size(), 7);
    QCOMPARE(loaded->fetchedAt, kFetched);

    // My access, started before the server answers, shows the readable one, counts the others
    // and names the page they can be seen on. Nothing is sent: the list is not refreshed.
    QNetworkAccessManager network;
    ConnectionSettings settings;
    settings.baseUrl = QUrl(QStringLiteral("https://jira.example.test/jira"));
    ServerConnection connection(&network, settings, nullptr);
    MyAccessController controller(&connection, nullptr, {QStringLiteral("demo"), {}, {}});
    controller.setOfflineCache(m_offline.get());
    QVERIFY(controller.showsCachedList());
    QCOMPARE(controller.grants().size(), 1);
    QCOMPARE(controller.unreadableGrantCount(), 7);
    QCOMPARE(controller.accessTokensPageUrl(),
             QUrl(QStringLiteral(
                 "https://jira.example.test/jira/plugins/servlet/oauth/users/access-tokens")));
}

// Qt writes ISO dates of the years 1 to 9999 only, and keeps cached dates in UTC: a date that is in
// the year 10000 (or before year 1) once in UTC was read, then written as "" and unreadable at the
// next start (tests/fuzz/regressions/grantcache). It is reported when read instead, and a date
// read is one that is written and read back the same.
void TestGrantListCache::datesBeyondIsoYearsAreReported()
{
    for (const char *date : {"9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"}) {
        const QByteArray json =
            R"({"format": 1, "grants": [{"kind": "pat", "id": "1", "issuedAt": ")" +
            QByteArray(date) + R"("}]})";
        const auto read = GrantListCache::fromJson(json);
        QVERIFY2(read, qPrintable(read.error));
        QVERIFY2(read->grants.isEmpty(), date);
        QCOMPARE(read->unreadable.size(), 1);
    }
    const auto edges = GrantListCache::fromJson(
        R"({"format": 1, "grants": [{"kind": "pat", "id": "1", "issuedAt": "0001-01-01T00:00:00Z",
            "expiresAt": "9999-12-31T23:59:59.999+00:00", "lastUsedAt": "2026-06-30T12:00:00+05:30"}]})");
    QVERIFY2(edges, qPrintable(edges.error));
    QCOMPARE(edges->grants.size(), 1);
    const auto again = GrantListCache::fromJson(GrantListCache::toJson(edges->grants));
    QVERIFY(again);
    QCOMPARE(again->grants, edges->grants);
    QCOMPARE(again->grants.first().lastUsedAt,
             QDateTime(QDate(2026, 6, 30), QTime(6, 30), Qt::UTC));
}

QTEST_GUILESS_MAIN(TestGrantListCache)
#include "tst_grantlistcache.moc"
