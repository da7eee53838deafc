#pragma once

#include "storage/Migrations.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

class QSqlQuery;

namespace accessdesk {

// The local SQLite file (QSQLITE) on a connection of its own, so several Database objects (and
// other Qt Sql users) never share state. Opening applies the pending migrations, each in one
// transaction, and refuses a file whose schema is newer than this build knows.
//
// Rules for everyone using connection(): bound values only, never SQL built from values.
// Use from the thread that opened it (a Qt Sql rule).
class Database final
{
    Q_DECLARE_TR_FUNCTIONS(Database)
    Q_DISABLE_COPY_MOVE(Database)

public:
    enum class Error {
        None,
        CannotOpen,      // the file could not be opened or configured
        NewerSchema,     // written by a newer AccessDesk; left untouched
        MigrationFailed, // a migration failed and was rolled back
    };

    explicit Database(QList<Migration> migrations = accessdeskMigrations());
    ~Database();

    // Opens (creating if needed, 0600 with its WAL files: PrivateFiles) and migrates. On failure
    // the database stays closed.
    bool open(const QString &filePath);
    void close();
    bool isOpen() const;

    QSqlDatabase connection() const;
    const QString &connectionName() const { return m_connectionName; }
    const QString &filePath() const { return m_filePath; }

    int schemaVersion() const { return m_schemaVersion; }
    int latestSchemaVersion() const;

    Error error() const { return m_error; }
    const QString &errorString() const { return m_errorString; }

private:
    bool configure(QSqlDatabase &db);
    bool migrate(QSqlDatabase &db);
    bool applyMigration(QSqlDatabase &db, const Migration &migration);
    bool fail(Error error, const QString &message);

    QList<Migration> m_migrations;
    QString m_connectionName;
    QString m_filePath;
    int m_schemaVersion = 0;
    Error m_error = Error::None;
    QString m_errorString;
};

// Runs fixed SQL text with no values; returns false and fills *error when it fails.
bool execStatement(QSqlQuery &query, const QString &sql, QString *error);

} // namespace accessdesk
