#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QVariantMap>

#include <optional>

namespace trackersim {

// trackersim's SQLite database: a file that survives restarts, or memory. Bound values only.
class Store final
{
public:
    Store();
    ~Store();
    Q_DISABLE_COPY_MOVE(Store)

    // path empty means an in-memory database. Applies pending migrations.
    bool open(const QString &path, QString *error);
    int schemaVersion() const;
    bool isEmpty() const; // no users yet: a fresh database that wants seeding

    // Runs one statement with positional (?) bound values; false on error (logged).
    bool exec(const QString &sql, const QVariantList &values = {});
    std::optional<QVariantMap> one(const QString &sql, const QVariantList &values = {}) const;
    QList<QVariantMap> all(const QString &sql, const QVariantList &values = {}) const;
    QVariant scalar(const QString &sql, const QVariantList &values = {}) const;
    qint64 lastInsertId() const { return m_lastInsertId; }
    int rowsAffected() const { return m_rowsAffected; }

    bool transaction();
    bool commit();
    void rollback();

private:
    bool migrate(QString *error);

    QString m_connectionName;
    qint64 m_lastInsertId = -1;
    int m_rowsAffected = 0;
};

} // namespace trackersim
