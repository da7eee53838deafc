#include "storage/Database.h"

#include "storage/PrivateFiles.h"
#include "storage/StorageLogging.h"

#include <QDateTime>
#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace accessdesk {

namespace {

int readSchemaVersion(QSqlDatabase &db, bool *ok)
{
    QSqlQuery query(db);
    *ok = query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) &&
          query.next();
    return *ok ? query.value(0).toInt() : 0;
}

} // namespace

bool execStatement(QSqlQuery &query, const QString &sql, QString *error)
{
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

Database::Database(QList<Migration> migrations)
    : m_migrations(std::move(migrations))
    , m_connectionName(QStringLiteral("accessdesk.storage.") +
                       QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    for (qsizetype i = 0; i < m_migrations.size(); ++i)
        Q_ASSERT_X(m_migrations.at(i).version == i + 1, "Database", "migrations must be 1, 2, 3…");
}

Database::~Database()
{
    close();
}

int Database::latestSchemaVersion() const
{
    return int(m_migrations.size());
}

bool Database::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && connection().isOpen();
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void Database::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    } // the handle must be gone before the connection is removed
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::fail(Error error, const QString &message)
{
    m_error = error;
    m_errorString = message;
    qCWarning(lcStorage) << "database" << m_filePath << ":" << message;
    return false; // open() closes the connection once no handle to it is left
}

bool Database::open(const QString &filePath)
{
    close();
    m_filePath = filePath;
    m_schemaVersion = 0;
    m_error = Error::None;
    m_errorString.clear();

    // SQLite creates the -wal and -shm files with the mode of the database file: a database
    // made 0600 before SQLite first opens it keeps all three private. Files of older versions
    // are restricted here too.
    QString privateError;
    if (!privatefiles::ensureFile(filePath, &privateError))
        return fail(Error::CannotOpen, tr("Cannot open the local database %1: %2")
                                           .arg(QDir::toNativeSeparators(filePath), privateError));
    for (const char *suffix : {"-wal", "-shm", "-journal"})
        privatefiles::restrictFile(filePath + QLatin1String(suffix));

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(filePath);
    // The GUI and the CLI may use the same file at once: wait for the other's lock a while.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        const QString detail = db.lastError().text();
        db = QSqlDatabase();
        close();
        return fail(Error::CannotOpen, tr("Cannot open the local database %1: %2")
                                           .arg(QDir::toNativeSeparators(filePath), detail));
    }
    if (!configure(db) || !migrate(db)) {
        db = QSqlDatabase();
        close();
        return false;
    }
    return true;
}

bool Database::configure(QSqlDatabase &db)
{
    QSqlQuery query(db);
    QString detail;
    // synchronous=FULL: the activity log must survive a crash right after begin(); writes are
    // few (one per user action and list refresh), so the cost does not matter.
    for (const QString &pragma : {QStringLiteral("PRAGMA foreign_keys = ON"),
                                  QStringLiteral("PRAGMA synchronous = FULL")}) {
        if (!execStatement(query, pragma, &detail))
            return fail(Error::CannotOpen,
                        tr("Cannot configure the local database: %1").arg(detail));
    }
    if (!execStatement(query, QStringLiteral("PRAGMA journal_mode = WAL"), &detail) ||
        !query.next())
        return fail(Error::CannotOpen, tr("Cannot configure the local database: %1").arg(detail));
    const QString mode = query.value(0).toString();
    if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        qCWarning(lcStorage) << "journal mode is" << mode << "instead of WAL for" << m_filePath;
    return true;
}

bool Database::migrate(QSqlDatabase &db)
{
    QSqlQuery query(db);
    QString detail;
    if (!execStatement(query,
                       QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                      " version INTEGER PRIMARY KEY,"
                                      " applied_at INTEGER NOT NULL)"),
                       &detail))
        return fail(Error::CannotOpen, tr("Cannot read the database version: %1").arg(detail));
    bool ok = false;
    m_schemaVersion = readSchemaVersion(db, &ok);
    if (!ok)
        return fail(Error::CannotOpen, tr("Cannot read the database version."));
    if (m_schemaVersion > latestSchemaVersion())
        return fail(Error::NewerSchema,
                    tr("The local database was written by a newer version of AccessDesk "
                       "(schema %1; this version knows up to %2). It was left untouched.")
                        .arg(m_schemaVersion)
                        .arg(latestSchemaVersion()));
    for (const Migration &migration : std::as_const(m_migrations)) {
        if (migration.version > m_schemaVersion && !applyMigration(db, migration))
            return false;
    }
    return true;
}

bool Database::applyMigration(QSqlDatabase &db, const Migration &migration)
{
    QSqlQuery query(db);
    QString detail;
    // IMMEDIATE takes the write lock first, so two processes opening the same old file at once
    // cannot both migrate it; the loser sees the new version below and skips.
    if (!execStatement(query, QStringLiteral("BEGIN IMMEDIATE"), &detail))
        return fail(Error::MigrationFailed,
                    tr("Cannot start migration %1: %2").arg(migration.version).arg(detail));
    bool ok = false;
    const int current = readSchemaVersion(db, &ok);
    if (!ok)
        detail = tr("cannot read the database version");
    if (ok && current >= migration.version) {
        execStatement(query, QStringLiteral("ROLLBACK"), nullptr);
        m_schemaVersion = current;
        return true;
    }
    for (const QString &statement : migration.statements) {
        ok = ok && execStatement(query, statement, &detail);
    }
    if (ok) {
        ok = query.prepare(
            QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"));
        query.addBindValue(migration.version);
        query.addBindValue(QDateTime::currentMSecsSinceEpoch());
        ok = ok && query.exec();
        if (!ok)
            detail = query.lastError().text();
    }
    ok = ok && execStatement(query, QStringLiteral("COMMIT"), &detail);
    if (!ok) {
        QSqlQuery rollback(db);
        execStatement(rollback, QStringLiteral("ROLLBACK"), nullptr);
        return fail(Error::MigrationFailed, tr("Migration %1 (%2) failed and was rolled back: %3")
                                                .arg(migration.version)
                                                .arg(migration.description, detail));
    }
    qCInfo(lcStorage) << "applied migration" << migration.version << migration.description;
    m_schemaVersion = migration.version;
    return true;
}

} // namespace accessdesk
