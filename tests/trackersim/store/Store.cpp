#include "Store.h"
#include "Schema.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

Q_LOGGING_CATEGORY(lcStore, "trackersim.store")

namespace trackersim {

namespace {

QSqlQuery prepared(const QSqlDatabase &db, const QString &sql, const QVariantList &values, bool *ok)
{
    QSqlQuery query(db);
    *ok = query.prepare(sql);
    if (*ok) {
        for (const QVariant &value : values)
            query.addBindValue(value);
        *ok = query.exec();
    }
    if (!*ok)
        qCWarning(lcStore) << "SQL failed:" << sql << query.lastError().text();
    return query;
}

QVariantMap rowOf(const QSqlQuery &query)
{
    QVariantMap row;
    const QSqlRecord record = query.record();
    for (int i = 0; i < record.count(); ++i)
        row.insert(record.fieldName(i), query.value(i));
    return row;
}

} // namespace

Store::Store()
    : m_connectionName(QStringLiteral("trackersim-") +
                       QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

Store::~Store()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Store::open(const QString &path, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path.isEmpty() ? QStringLiteral(":memory:") : path);
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    if (!path.isEmpty())
        exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    // Room for the pages of a 100,000-token database (--seed scale:N), so that searching it does
    // not read the file again for every query (the default cache is 2 MiB).
    exec(QStringLiteral("PRAGMA cache_size=-65536"));
    return migrate(error);
}

bool Store::migrate(QString *error)
{
    exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
    if (scalar(QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt() == 0)
        exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (0)"));

    const QList<QStringList> steps = schema::migrations();
    for (int version = schemaVersion(); version < steps.size(); ++version) {
        transaction();
        bool ok = true;
        for (const QString &statement : steps.at(version))
            ok = ok && exec(statement);
        ok = ok && exec(QStringLiteral("UPDATE schema_version SET version = ?"), {version + 1});
        if (!ok) {
            rollback();
            *error = QStringLiteral("migration to schema version %1 failed").arg(version + 1);
            return false;
        }
        commit();
    }
    if (schemaVersion() > steps.size()) {
        *error =
            QStringLiteral("the data file has schema version %1, newer than this trackersim (%2)")
                .arg(schemaVersion())
                .arg(steps.size());
        return false;
    }
    return true;
}

int Store::schemaVersion() const
{
    return scalar(QStringLiteral("SELECT version FROM schema_version")).toInt();
}

bool Store::isEmpty() const
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM users")).toInt() == 0;
}

bool Store::exec(const QString &sql, const QVariantList &values)
{
    bool ok = false;
    QSqlQuery query = prepared(QSqlDatabase::database(m_connectionName), sql, values, &ok);
    if (ok) {
        m_lastInsertId = query.lastInsertId().toLongLong();
        m_rowsAffected = query.numRowsAffected();
    }
    return ok;
}

std::optional<QVariantMap> Store::one(const QString &sql, const QVariantList &values) const
{
    bool ok = false;
    QSqlQuery query = prepared(QSqlDatabase::database(m_connectionName), sql, values, &ok);
    if (ok && query.next())
        return rowOf(query);
    return std::nullopt;
}

QList<QVariantMap> Store::all(const QString &sql, const QVariantList &values) const
{
    bool ok = false;
    QSqlQuery query = prepared(QSqlDatabase::database(m_connectionName), sql, values, &ok);
    QList<QVariantMap> rows;
    while (ok && query.next())
        rows.append(rowOf(query));
    return rows;
}

QVariant Store::scalar(const QString &sql, const QVariantList &values) const
{
    bool ok = false;
    QSqlQuery query = prepared(QSqlDatabase::database(m_connectionName), sql, values, &ok);
    if (ok && query.next())
        return query.value(0);
    return {};
}

bool Store::transaction()
{
    return QSqlDatabase::database(m_connectionName).transaction();
}

bool Store::commit()
{
    return QSqlDatabase::database(m_connectionName).commit();
}

void Store::rollback()
{
    QSqlDatabase::database(m_connectionName).rollback();
}

} // namespace trackersim
