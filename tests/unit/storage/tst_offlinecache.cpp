#include "storage/Database.h"
#include "storage/OfflineCache.h"

#include <QTemporaryDir>
#include <QTest>

using namespace accessdesk;

namespace {

const QDateTime fetched = QDateTime(QDate(2024, 5, 1), QTime(9, 30, 15, 250), Qt::UTC);
const QByteArray patsJson = R"([{"id":1,"name":"laptop-cli","createdAt":"2024-01-01"}])";

} // namespace

class TestOfflineCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void roundTrip();
    void storingAgainReplaces();
    void profilesAndKindsAreSeparate();
    void clearForgetsOneProfile();
    void survivesReopen();
    void emptyAndBinaryPayloads();
    void refusesIncompleteInput();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

void TestOfflineCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>();
    QVERIFY2(m_db->open(m_dir->filePath(QStringLiteral("cache.sqlite"))),
             qPrintable(m_db->errorString()));
}

void TestOfflineCache::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestOfflineCache::roundTrip()
{
    OfflineCache cache(*m_db);
    QVERIFY(!cache.load(QStringLiteral("prod"), QStringLiteral("pats")).has_value());
    QVERIFY(cache.store(QStringLiteral("prod"), QStringLiteral("pats"), patsJson, fetched));
    const auto loaded = cache.load(QStringLiteral("prod"), QStringLiteral("pats"));
    QVERIFY(loaded.has_value());
    QCOMPARE(loaded->payload, patsJson);
    QCOMPARE(loaded->fetchedAt, fetched);
    QCOMPARE(loaded->fetchedAt.timeSpec(), Qt::UTC);

    // A local time is the same instant; it comes back as UTC.
    const QDateTime local = fetched.toLocalTime();
    QVERIFY(cache.store(QStringLiteral("prod"), QStringLiteral("pats"), patsJson, local));
    QCOMPARE(cache.load(QStringLiteral("prod"), QStringLiteral("pats"))->fetchedAt, fetched);
}

void TestOfflineCache::storingAgainReplaces()
{
    OfflineCache cache(*m_db);
    QVERIFY(cache.store(QStringLiteral("prod"), QStringLiteral("pats"), "[1]", fetched));
    QVERIFY(cache.store(QStringLiteral("prod"), QStringLiteral("pats"), "[2]", fetched.addDays(1)));
    const auto loaded = cache.load(QStringLiteral("prod"), QStringLiteral("pats"));
    QCOMPARE(loaded->payload, QByteArray("[2]"));
    QCOMPARE(loaded->fetchedAt, fetched.addDays(1));
}

void TestOfflineCache::profilesAndKindsAreSeparate()
{
    OfflineCache cache(*m_db);
    QVERIFY(cache.store(QStringLiteral("prod"), QStringLiteral("pats"), "prod-pats", fetched));
    QVERIFY(cache.store(QStringLiteral("prod"), QStringLiteral("applinks"), "prod-links", fetched));
    QVERIFY(cache.store(QStringLiteral("test"), QStringLiteral("pats"), "test-pats", fetched));
    QCOMPARE(cache.load(QStringLiteral("prod"), QStringLiteral("pats"))->payload,
             QByteArray("prod-pats"));
    QCOMPARE(cache.load(QStringLiteral("prod"), QStringLiteral("applinks"))->payload,
             QByteArray("prod-links"));
    QCOMPARE(cache.load(QStringLiteral("test"), QStringLiteral("pats"))->payload,
             QByteArray("test-pats"));
    QVERIFY(!cache.load(QStringLiteral("test"), QStringLiteral("applinks")).has_value());
}

void TestOfflineCache::clearForgetsOneProfile()
{
    OfflineCache cache(*m_db);
    QVERIFY(cache.store(QStringLiteral("prod"), QStringLiteral("pats"), "a", fetched));
    QVERIFY(cache.store(QStringLiteral("prod"), QStringLiteral("applinks"), "b", fetched));
    QVERIFY(cache.store(QStringLiteral("test"), QStringLiteral("pats"), "c", fetched));
    QVERIFY(cache.clear(QStringLiteral("prod")));
    QVERIFY(!cache.load(QStringLiteral("prod"), QStringLiteral("pats")).has_value());
    QVERIFY(!cache.load(QStringLiteral("prod"), QStringLiteral("applinks")).has_value());
    QCOMPARE(cache.load(QStringLiteral("test"), QStringLiteral("pats"))->payload, QByteArray("c"));
    QVERIFY(cache.clear(QStringLiteral("never-seen")));
}

void TestOfflineCache::survivesReopen()
{
    const QString path = m_db->filePath();
    {
        OfflineCache cache(*m_db);
        QVERIFY(cache.store(QStringLiteral("prod"), QStringLiteral("pats"), patsJson, fetched));
    }
    m_db = std::make_unique<Database>();
    QVERIFY(m_db->open(path));
    OfflineCache cache(*m_db);
    const auto loaded = cache.load(QStringLiteral("prod"), QStringLiteral("pats"));
    QVERIFY(loaded.has_value());
    QCOMPARE(loaded->payload, patsJson);
    QCOMPARE(loaded->fetchedAt, fetched);
}

void TestOfflineCache::emptyAndBinaryPayloads()
{
    OfflineCache cache(*m_db);
    QVERIFY(cache.store(QStringLiteral("prod"), QStringLiteral("empty"), QByteArray(), fetched));
    const auto empty = cache.load(QStringLiteral("prod"), QStringLiteral("empty"));
    QVERIFY(empty.has_value());
    QVERIFY(empty->payload.isEmpty());

    QByteArray binary(1 << 20, '\0');
    for (qsizetype i = 0; i < binary.size(); ++i)
        binary[i] = char(i * 7);
    QVERIFY(cache.store(QStringLiteral("prod"), QStringLiteral("big"), binary, fetched));
    QCOMPARE(cache.load(QStringLiteral("prod"), QStringLiteral("big"))->payload, binary);
}

void TestOfflineCache::refusesIncompleteInput()
{
    OfflineCache cache(*m_db);
    QVERIFY(!cache.store(QString(), QStringLiteral("pats"), "x", fetched));
    QVERIFY(!cache.lastError().isEmpty());
    QVERIFY(!cache.store(QStringLiteral("prod"), QString(), "x", fetched));
    QVERIFY(!cache.store(QStringLiteral("prod"), QStringLiteral("pats"), "x", QDateTime()));
    QVERIFY(!cache.load(QStringLiteral("prod"), QStringLiteral("pats")).has_value());
}

QTEST_GUILESS_MAIN(TestOfflineCache)
#include "tst_offlinecache.moc"
