#include "storage/OfflineCache.h"

#include "storage/Database.h"
#include "storage/StorageLogging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace accessdesk {

OfflineCache::OfflineCache(Database &database)
    : m_database(database)
{}

bool OfflineCache::setError(const QString &message) const
{
    m_lastError = message;
    qCWarning(lcStorage) << "offline cache:" << message;
    return false;
}

bool OfflineCache::store(const QString &profileId, const QString &listKind,
                         const QByteArray &payload, const QDateTime &fetchedAt)
{
    if (profileId.isEmpty() || listKind.isEmpty() || !fetchedAt.isValid())
        return setError(tr("A cached list needs a profile, a kind and a time."));
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO offline_cache"
                                 " (profile, list_kind, payload, fetched_at) VALUES (?, ?, ?, ?)"));
    query.addBindValue(profileId);
    query.addBindValue(listKind);
    // A null QByteArray would bind as NULL and break NOT NULL; an empty list is still a list.
    query.addBindValue(payload.isNull() ? QByteArray("") : payload);
    query.addBindValue(fetchedAt.toMSecsSinceEpoch());
    if (!query.exec())
        return setError(tr("Cannot cache the list: %1").arg(query.lastError().text()));
    m_lastError.clear();
    return true;
}

std::optional<CachedList> OfflineCache::load(const QString &profileId,
                                             const QString &listKind) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT payload, fetched_at FROM offline_cache"
                                 " WHERE profile = ? AND list_kind = ?"));
    query.addBindValue(profileId);
    query.addBindValue(listKind);
    if (!query.exec()) {
        setError(tr("Cannot read the cached list: %1").arg(query.lastError().text()));
        return std::nullopt;
    }
    m_lastError.clear();
    if (!query.next())
        return std::nullopt;
    return CachedList{query.value(0).toByteArray(),
                      QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC)};
}

bool OfflineCache::clear(const QString &profileId)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("DELETE FROM offline_cache WHERE profile = ?"));
    query.addBindValue(profileId);
    if (!query.exec())
        return setError(tr("Cannot clear the cached lists: %1").arg(query.lastError().text()));
    m_lastError.clear();
    return true;
}

} // namespace accessdesk
