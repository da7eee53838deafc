#include "storage/Database.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace accessdesk;

namespace {

Migration migration(int version, QStringList statements)
{
    return Migration{version, QStringLiteral("test migration %1").arg(version),
                     std::move(statements)};
}

QList<Migration> twoMigrations()
{
    return {migration(1, {QStringLiteral("CREATE TABLE one (x INTEGER)")}),
            migration(2, {QStringLiteral("CREATE TABLE two (y TEXT)"),
                          QStringLiteral("INSERT INTO two (y) VALUES ('seed')")})};
}

bool hasTable(const Database &db, const QString &table)
{
    QSqlQuery query(db.connection());
    query.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    query.addBindValue(table);
    return query.exec() && query.next();
}

QVariant scalar(const Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

} // namespace

class TestDatabase final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void freshFileIsMigratedAndConfigured();
    void reopenKeepsDataAndDoesNotMigrateAgain();
    void newMigrationIsAppliedOnReopen();
    void failedMigrationRollsBackAndReports();
    void refusesNewerSchema();
    void eachDatabaseHasItsOwnConnection();
    void unopenableFileIsReported();
    void productMigrationsAreNumberedInOrder();
    void activityRowsSurviveTheUnknownOutcomeMigration();
    void expiryAnnouncementsMigrationKeepsEarlierData();

private:
    QString path(const QString &name = QStringLiteral("store.sqlite")) const
    {
        return m_dir->filePath(name);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDatabase::freshFileIsMigratedAndConfigured()
{
    Database db;
    QVERIFY2(db.open(path()), qPrintable(db.errorString()));
    QVERIFY(db.isOpen());
    QVERIFY(QFile::exists(path()));
    QCOMPARE(db.error(), Database::Error::None);
    QCOMPARE(db.schemaVersion(), db.latestSchemaVersion());
    QVERIFY(db.latestSchemaVersion() >= 1);
    QVERIFY(hasTable(db, QStringLiteral("schema_version")));
    QVERIFY(hasTable(db, QStringLiteral("activity_log")));
    QVERIFY(hasTable(db, QStringLiteral("offline_cache")));
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(),
             db.latestSchemaVersion());
}

void TestDatabase::reopenKeepsDataAndDoesNotMigrateAgain()
{
    {
        Database db(twoMigrations());
        QVERIFY(db.open(path()));
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO one (x) VALUES (42)")));
    }
    Database db(twoMigrations());
    QVERIFY2(db.open(path()), qPrintable(db.errorString()));
    QCOMPARE(db.schemaVersion(), 2);
    QCOMPARE(scalar(db, QStringLiteral("SELECT x FROM one")).toInt(), 42);
    // Migration 2 seeded one row; running it again would have made two.
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM two")).toInt(), 1);
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(), 2);
}

void TestDatabase::newMigrationIsAppliedOnReopen()
{
    {
        Database db({twoMigrations().first()});
        QVERIFY(db.open(path()));
        QCOMPARE(db.schemaVersion(), 1);
        QVERIFY(!hasTable(db, QStringLiteral("two")));
    }
    Database db(twoMigrations());
    QVERIFY2(db.open(path()), qPrintable(db.errorString()));
    QCOMPARE(db.schemaVersion(), 2);
    QVERIFY(hasTable(db, QStringLiteral("two")));
}

void TestDatabase::failedMigrationRollsBackAndReports()
{
    const QList<Migration> broken{
        twoMigrations().first(),
        migration(2, {QStringLiteral("CREATE TABLE half_done (z INTEGER)"),
                      QStringLiteral("INSERT INTO no_such_table VALUES (1)")})};
    {
        Database db(broken);
        QVERIFY(!db.open(path()));
        QVERIFY(!db.isOpen());
        QCOMPARE(db.error(), Database::Error::MigrationFailed);
        QVERIFY2(db.errorString().contains(QLatin1String("2")), qPrintable(db.errorString()));
        QVERIFY2(db.errorString().contains(QLatin1String("no_such_table")),
                 qPrintable(db.errorString()));
    }
    Database db({twoMigrations().first()});
    QVERIFY2(db.open(path()), qPrintable(db.errorString()));
    QCOMPARE(db.schemaVersion(), 1); // migration 1 stays, migration 2 left no trace
    QVERIFY(hasTable(db, QStringLiteral("one")));
    QVERIFY(!hasTable(db, QStringLiteral("half_done")));
}

void TestDatabase::refusesNewerSchema()
{
    {
        Database db(twoMigrations());
        QVERIFY(db.open(path()));
    }
    {
        Database older({twoMigrations().first()});
        QVERIFY(!older.open(path()));
        QCOMPARE(older.error(), Database::Error::NewerSchema);
        QVERIFY(!older.isOpen());
        QVERIFY(older.errorString().contains(QLatin1String("newer")));
        QCOMPARE(older.schemaVersion(), 2);
    }
    Database db(twoMigrations());
    QVERIFY(db.open(path()));
    QCOMPARE(db.schemaVersion(), 2);
    QVERIFY(hasTable(db, QStringLiteral("two")));
}

void TestDatabase::eachDatabaseHasItsOwnConnection()
{
    Database a;
    Database b;
    QVERIFY(a.connectionName() != b.connectionName());
    QVERIFY(a.open(path(QStringLiteral("a.sqlite"))));
    QVERIFY(b.open(path(QStringLiteral("b.sqlite"))));
    QVERIFY(
        !QSqlDatabase::connectionNames().contains(QLatin1String(QSqlDatabase::defaultConnection)));
    a.close();
    QVERIFY(!a.isOpen());
    QVERIFY(!QSqlDatabase::contains(a.connectionName()));
    QVERIFY(b.isOpen());
    QCOMPARE(scalar(b, QStringLiteral("SELECT 7")).toInt(), 7);
}

void TestDatabase::unopenableFileIsReported()
{
    Database db;
    QVERIFY(!db.open(m_dir->filePath(QStringLiteral("missing/dir/store.sqlite"))));
    QCOMPARE(db.error(), Database::Error::CannotOpen);
    QVERIFY(!db.errorString().isEmpty());
    QVERIFY(!db.isOpen());
}

void TestDatabase::productMigrationsAreNumberedInOrder()
{
    const QList<Migration> migrations = accessdeskMigrations();
    QVERIFY(!migrations.isEmpty());
    for (qsizetype i = 0; i < migrations.size(); ++i) {
        QCOMPARE(migrations.at(i).version, int(i + 1));
        QVERIFY(!migrations.at(i).statements.isEmpty());
    }
}

void TestDatabase::activityRowsSurviveTheUnknownOutcomeMigration()
{
    const QString file = m_dir->filePath(QStringLiteral("upgrade.sqlite"));
    {
        // A file written by a release whose activity log knew only the first schema.
        Database older(accessdeskMigrations().mid(0, 1));
        QVERIFY(older.open(file));
        QSqlQuery insert(older.connection());
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO activity_log (started_at, profile, server_url, user_name, action,"
            " target, outcome, session) VALUES (1, 'p', 'http://x', 'u', 'revoke-token',"
            " 'PAT 1', 'succeeded', 's')")));
        QSqlQuery refused(older.connection());
        QVERIFY(!refused.exec(
            QStringLiteral("UPDATE activity_log SET outcome = 'unknown'"))); // not allowed before
    }
    Database db;
    QVERIFY2(db.open(file), qPrintable(db.errorString()));
    QCOMPARE(db.schemaVersion(), db.latestSchemaVersion());
    QCOMPARE(scalar(db, QStringLiteral("SELECT target FROM activity_log")).toString(),
             QStringLiteral("PAT 1"));
    QSqlQuery update(db.connection());
    QVERIFY(update.exec(QStringLiteral("UPDATE activity_log SET outcome = 'unknown'")));
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM activity_log"
                                       " WHERE outcome = 'unknown'"))
                 .toInt(),
             1);
}

void TestDatabase::expiryAnnouncementsMigrationKeepsEarlierData()
{
    const QString file = m_dir->filePath(QStringLiteral("upgrade3.sqlite"));
    {
        // A file written by the release before expiry notifications.
        Database older(accessdeskMigrations().mid(0, 2));
        QVERIFY(older.open(file));
        QVERIFY(!hasTable(older, QStringLiteral("expiry_announcements")));
        QSqlQuery insert(older.connection());
        QVERIFY(insert.exec(
            QStringLiteral("INSERT INTO offline_cache (profile, list_kind, payload, fetched_at)"
                           " VALUES ('prod', 'grants', '[]', 5)")));
    }
    Database db;
    QVERIFY2(db.open(file), qPrintable(db.errorString()));
    QCOMPARE(db.schemaVersion(), 3);
    QVERIFY(hasTable(db, QStringLiteral("expiry_announcements")));
    QCOMPARE(scalar(db, QStringLiteral("SELECT profile FROM offline_cache")).toString(),
             QStringLiteral("prod"));
    // One row per server, user and grant: a second row for the same grant is refused.
    QSqlQuery insert(db.connection());
    const QString row = QStringLiteral(
        "INSERT INTO expiry_announcements (server_url, user_name, grant_id, expires_at,"
        " announced_at) VALUES ('http://x', 'alice', 'pat:1', %1, 1)");
    QVERIFY(insert.exec(row.arg(10)));
    QVERIFY(!insert.exec(row.arg(20)));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
