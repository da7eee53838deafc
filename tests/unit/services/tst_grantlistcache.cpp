// The grant list in the offline cache: read back as stored, one list per profile, nothing that
// works as a credential on disk, and what cannot be read back reported (tests/fuzz
// fuzz_grantcache).
#include "api/ServerConnection.h"
#include "services/GrantIds.h"
#include "services/GrantListCache.h"
#include "services/MyAccessController.h"
#include "storage/BinaryRecords.h"
#include "storage/Database.h"
#include "storage/OfflineCache.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>
#include <optional>

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

QByteArray utf16(const QString &text)
{
    BinaryWriter out;
    out.writeText(text);
    return out.bytes().mid(4); // without its length
}

// The payload as GrantListCache.cpp describes its format, written here from that description and
// not with toBinary, so damaged and foreign payloads can be made too.
constexpr quint32 kFormat = 2;
enum DateTag : quint8 { kNoDate = 0, kDate = 1, kNotSaid = 2 };

QByteArray payload(const QList<QByteArray> &entries, quint32 format = kFormat,
                   std::optional<quint32> count = std::nullopt)
{
    BinaryWriter out;
    out.writeBytes("AccessDesk grants");
    out.writeUInt32(format);
    out.writeUInt32(count.value_or(quint32(entries.size())));
    for (const QByteArray &entry : entries) {
        out.writeUInt32(quint32(entry.size()));
        out.writeBytes(entry);
    }
    return out.bytes();
}

// An entry's texts: kind, id, application, description (empty) and link (empty).
BinaryWriter entryFields(const QString &kind, const QString &application)
{
    BinaryWriter out;
    for (const QString &text : {kind, QStringLiteral("1"), application, QString(), QString()})
        out.writeText(text);
    return out;
}

void writeDates(BinaryWriter &out, quint8 issued, quint8 expires, quint8 lastUsed,
                qint64 issuedAt = 0, qint64 expiresAt = 0)
{
    const std::pair<quint8, qint64> dates[] = {
        {issued, issuedAt}, {expires, expiresAt}, {lastUsed, 0}};
    for (const auto &[tag, milliseconds] : dates) {
        out.writeByte(tag);
        if (tag == kDate)
            out.writeInt64(milliseconds);
    }
}

// A whole entry without scopes.
QByteArray entry(const QString &kind, const QString &application, quint8 issued,
                 quint8 expires = kNotSaid, qint64 issuedAt = 0, qint64 expiresAt = 0)
{
    BinaryWriter out = entryFields(kind, application);
    writeDates(out, issued, expires, kNotSaid, issuedAt, expiresAt);
    out.writeUInt32(0);
    return out.bytes();
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
    const QByteArray payload = GrantListCache::toBinary(sampleGrants());
    for (const QString &secret : {kOAuth1Token, QStringLiteral("revoke")}) {
        QVERIFY(!payload.contains(secret.toUtf8()));
        QVERIFY(!payload.contains(utf16(secret)));
    }

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
    // the list is really in there
    QVERIFY(everything.contains(utf16(QStringLiteral("Deploy Dashboard"))));
    QVERIFY(!everything.contains(kOAuth1Token.toUtf8()));
    QVERIFY(!everything.contains(utf16(kOAuth1Token)));
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
    const auto notOurs = GrantListCache::fromBinary("not a list");
    QVERIFY(!notOurs);
    QVERIFY2(notOurs.error.contains(QStringLiteral("not one AccessDesk wrote")),
             qPrintable(notOurs.error));
    // Format 1, JSON, as AccessDesk wrote it before: left for the server's list to replace.
    const QByteArray formatOne = R"({"format":1,"grants":[{"kind":"pat","id":"3"}]})";
    QVERIFY(!GrantListCache::fromBinary(formatOne));
    QVERIFY(m_offline->store(QStringLiteral("demo"), QStringLiteral("my-access-grants"), formatOne,
                             kFetched));
    QVERIFY(!GrantListCache(m_offline.get()).load(QStringLiteral("demo")));

    const QByteArray fine = entry(QStringLiteral("pat"), QStringLiteral("x"), kNoDate);
    const auto otherFormat = GrantListCache::fromBinary(payload({fine}, 3));
    QVERIFY(!otherFormat);
    QVERIFY2(otherFormat.error.contains(QStringLiteral("format 3")), qPrintable(otherFormat.error));
    QVERIFY(GrantListCache::fromBinary(payload({fine})));
    QVERIFY(GrantListCache::fromBinary(payload({})));
    // Cut short anywhere (the count, an entry's length, inside the last entry): no list, as a
    // JSON file cut short was none; bytes after the last entry: no list either.
    const QByteArray whole = payload({fine, fine});
    for (qsizetype length = 0; length < whole.size(); ++length)
        QVERIFY2(!GrantListCache::fromBinary(whole.left(length)),
                 qPrintable(QString::number(length)));
    const auto cut = GrantListCache::fromBinary(whole.chopped(1));
    QVERIFY2(cut.error.contains(QStringLiteral("entry 2 of 2")), qPrintable(cut.error));
    QVERIFY(!GrantListCache::fromBinary(whole + '\0'));
    const auto countTooHigh = GrantListCache::fromBinary(payload({fine}, kFormat, 4'000'000'000U));
    QVERIFY2(countTooHigh.error.contains(QStringLiteral("entry 2 of 4000000000")),
             qPrintable(countTooHigh.error));

    // Entries of an unknown kind are reported, the rest is read.
    const auto partly = GrantListCache::fromBinary(
        payload({entry(QStringLiteral("saml"), QStringLiteral("SSO"), kNoDate), fine}));
    QVERIFY(partly);
    QCOMPARE(partly->grants.size(), 1);
    QCOMPARE(partly->grants.first().application, QStringLiteral("x"));
    QCOMPARE(partly->unreadable.size(), 1);
    QCOMPARE(partly->unreadable.first().excerpt, QStringLiteral("SSO"));
    QVERIFY(!partly->unreadable.first().reason.isEmpty());
}

// Each entry is read as toBinary writes it or reported, and the entries after it are still read.
// A damaged date does not quietly become "none" (never expires).
void TestGrantListCache::damagedEntriesAreReported()
{
    const QString longName = QString(70, QLatin1Char('n'));
    BinaryWriter scopesCut = entryFields(QStringLiteral("oauth2"), QStringLiteral("scopes"));
    writeDates(scopesCut, kNoDate, kNotSaid, kNotSaid);
    scopesCut.writeUInt32(2);
    scopesCut.writeText(QStringLiteral("READ"));
    BinaryWriter textCut;
    textCut.writeText(QStringLiteral("pat"));
    textCut.writeUInt32(500); // an id of 500 units in an entry of a few bytes
    const QByteArray bytes = payload({
        entry(QStringLiteral("pat"), QStringLiteral("soon"), kNoDate, 7), // no such date tag
        entry(QStringLiteral("pat"), QStringLiteral("bad issue date"), kNotSaid),
        entry(QStringLiteral("pat"), longName, kDate, kNotSaid, std::numeric_limits<qint64>::max()),
        scopesCut.bytes(),
        entry(QStringLiteral("pat"), QStringLiteral("too long"), kNoDate) + QByteArray("\1"),
        textCut.bytes(),
        QByteArray(),
        entry(QStringLiteral("pat"), QStringLiteral("fine"), kNoDate, kNoDate),
    });
    const auto read = GrantListCache::fromBinary(bytes);
    QVERIFY2(read, qPrintable(read.error));
    QCOMPARE(read->grants.size(), 1);
    QCOMPARE(read->grants.first().application, QStringLiteral("fine"));
    QVERIFY(read->grants.first().expiresAt); // kNoDate: the server said "none"
    QVERIFY(!read->grants.first().expiresAt->isValid());
    QVERIFY(!read->grants.first().lastUsedAt); // not said
    QCOMPARE(read->unreadable.size(), 7);
    QCOMPARE(read->unreadable.at(0).excerpt, QStringLiteral("soon"));
    QCOMPARE(read->unreadable.at(2).excerpt, longName.left(59) + QChar(0x2026));
    QCOMPARE(read->unreadable.at(3).excerpt, QStringLiteral("scopes"));
    QVERIFY(read->unreadable.at(5).excerpt.isEmpty()); // not even its name can be read
    for (const UnreadableGrantRow &row : read->unreadable)
        QVERIFY(!row.reason.isEmpty());

    // load() passes them on, for My access to say that the list is incomplete.
    QVERIFY(m_offline->store(QStringLiteral("demo"), QStringLiteral("my-access-grants"), bytes,
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

// Dates are kept as milliseconds in UTC, and read only in the years 1 to 9999, which Qt can write
// as ISO 8601 (the CSV export and the activity log do): before, a date in the year 10000 in UTC
// was read, then written as "" and unreadable at the next start
// (tests/fuzz/regressions/grantcache).
void TestGrantListCache::datesBeyondIsoYearsAreReported()
{
    const QDateTime firstMoment(QDate(1, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime lastMoment(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC);
    for (const qint64 beyond :
         {firstMoment.toMSecsSinceEpoch() - 1, lastMoment.toMSecsSinceEpoch() + 1}) {
        const auto read = GrantListCache::fromBinary(
            payload({entry(QStringLiteral("pat"), QStringLiteral("x"), kDate, kNotSaid, beyond)}));
        QVERIFY2(read, qPrintable(read.error));
        QVERIFY(read->grants.isEmpty());
        QCOMPARE(read->unreadable.size(), 1);
    }
    const auto edges = GrantListCache::fromBinary(
        payload({entry(QStringLiteral("pat"), QStringLiteral("x"), kDate, kDate,
                       firstMoment.toMSecsSinceEpoch(), lastMoment.toMSecsSinceEpoch())}));
    QVERIFY2(edges, qPrintable(edges.error));
    QCOMPARE(edges->grants.size(), 1);
    QCOMPARE(edges->grants.first().issuedAt, firstMoment);
    QCOMPARE(edges->grants.first().issuedAt.timeSpec(), Qt::UTC);
    QCOMPARE(*edges->grants.first().expiresAt, lastMoment);
    const auto again = GrantListCache::fromBinary(GrantListCache::toBinary(edges->grants));
    QVERIFY(again);
    QCOMPARE(again->grants, edges->grants);

    // A date in another zone is kept as the same moment, given back in UTC.
    AccessGrant grant;
    grant.kind = GrantKind::PersonalToken;
    grant.id = QStringLiteral("1");
    grant.lastUsedAt =
        QDateTime(QDate(2026, 6, 30), QTime(12, 0), Qt::OffsetFromUTC, 5 * 3600 + 1800);
    const auto moved = GrantListCache::fromBinary(GrantListCache::toBinary({grant}));
    QVERIFY(moved);
    QCOMPARE(moved->grants.first().lastUsedAt->timeSpec(), Qt::UTC);
    QCOMPARE(*moved->grants.first().lastUsedAt,
             QDateTime(QDate(2026, 6, 30), QTime(6, 30), Qt::UTC));
}

QTEST_GUILESS_MAIN(TestGrantListCache)
#include "tst_grantlistcache.moc"
