// ExpiryAnnouncements on a real SQLite file: remembered per server, user and grant with the
// expiry it had, kept across reopening, and forgotten once expired.
#include "storage/Database.h"
#include "storage/ExpiryAnnouncements.h"

#include <QTemporaryDir>
#include <QTest>

using namespace accessdesk;

namespace {

const QString server = QStringLiteral("https://jira.example.test");
const QString alice = QStringLiteral("alice");
const QDateTime expiry = QDateTime(QDate(2026, 12, 7), QTime(10, 0), Qt::UTC);
const QDateTime announced = QDateTime(QDate(2026, 12, 5), QTime(9, 0), Qt::UTC);

} // namespace

class TestExpiryAnnouncements final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rememberedWithItsExpiry();
    void serversUsersAndGrantsAreSeparate();
    void keptAcrossReopening();
    void expiredOnesAreForgotten();
    void refusesIncompleteInput();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

void TestExpiryAnnouncements::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>();
    QVERIFY2(m_db->open(m_dir->filePath(QStringLiteral("expiry.sqlite"))),
             qPrintable(m_db->errorString()));
}

void TestExpiryAnnouncements::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestExpiryAnnouncements::rememberedWithItsExpiry()
{
    ExpiryAnnouncements store(*m_db);
    QVERIFY(!store.wasAnnounced(server, alice, QStringLiteral("pat:1"), expiry));
    QVERIFY(store.markAnnounced(server, alice, QStringLiteral("pat:1"), expiry, announced));
    QVERIFY(store.wasAnnounced(server, alice, QStringLiteral("pat:1"), expiry));
    QVERIFY(store.lastError().isEmpty());
    // Another expiry for the same grant is news; remembering it replaces the old one.
    const QDateTime later = expiry.addDays(30);
    QVERIFY(!store.wasAnnounced(server, alice, QStringLiteral("pat:1"), later));
    QVERIFY(store.markAnnounced(server, alice, QStringLiteral("pat:1"), later, announced));
    QVERIFY(store.wasAnnounced(server, alice, QStringLiteral("pat:1"), later));
    QVERIFY(!store.wasAnnounced(server, alice, QStringLiteral("pat:1"), expiry));
}

void TestExpiryAnnouncements::serversUsersAndGrantsAreSeparate()
{
    ExpiryAnnouncements store(*m_db);
    QVERIFY(store.markAnnounced(server, alice, QStringLiteral("pat:1"), expiry, announced));
    QVERIFY(!store.wasAnnounced(QStringLiteral("https://other.example.test"), alice,
                                QStringLiteral("pat:1"), expiry));
    QVERIFY(!store.wasAnnounced(server, QStringLiteral("bob"), QStringLiteral("pat:1"), expiry));
    QVERIFY(!store.wasAnnounced(server, alice, QStringLiteral("pat:2"), expiry));
    QVERIFY(!store.wasAnnounced(server, alice, QStringLiteral("oauth2:1"), expiry));
}

void TestExpiryAnnouncements::keptAcrossReopening()
{
    const QString file = m_db->filePath();
    {
        ExpiryAnnouncements store(*m_db);
        QVERIFY(store.markAnnounced(server, alice, QStringLiteral("pat:7"), expiry, announced));
    }
    m_db.reset();
    Database reopened;
    QVERIFY2(reopened.open(file), qPrintable(reopened.errorString()));
    ExpiryAnnouncements store(reopened);
    QVERIFY(store.wasAnnounced(server, alice, QStringLiteral("pat:7"), expiry));
}

void TestExpiryAnnouncements::expiredOnesAreForgotten()
{
    ExpiryAnnouncements store(*m_db);
    QVERIFY(store.markAnnounced(server, alice, QStringLiteral("pat:1"), expiry, announced));
    QVERIFY(
        store.markAnnounced(server, alice, QStringLiteral("pat:2"), expiry.addDays(1), announced));
    QVERIFY(store.forgetExpiredBefore(expiry.addSecs(1)));
    QVERIFY(!store.wasAnnounced(server, alice, QStringLiteral("pat:1"), expiry));
    QVERIFY(store.wasAnnounced(server, alice, QStringLiteral("pat:2"), expiry.addDays(1)));
    // The cutoff itself is not before: a grant expiring at that instant stays.
    QVERIFY(store.forgetExpiredBefore(expiry.addDays(1)));
    QVERIFY(store.wasAnnounced(server, alice, QStringLiteral("pat:2"), expiry.addDays(1)));
}

void TestExpiryAnnouncements::refusesIncompleteInput()
{
    ExpiryAnnouncements store(*m_db);
    QVERIFY(!store.markAnnounced(QString(), alice, QStringLiteral("pat:1"), expiry, announced));
    QVERIFY(!store.lastError().isEmpty());
    QVERIFY(!store.markAnnounced(server, alice, QString(), expiry, announced));
    QVERIFY(!store.markAnnounced(server, alice, QStringLiteral("pat:1"), QDateTime(), announced));
    QVERIFY(!store.wasAnnounced(server, alice, QStringLiteral("pat:1"), expiry));
}

QTEST_GUILESS_MAIN(TestExpiryAnnouncements)
#include "tst_expiryannouncements.moc"
