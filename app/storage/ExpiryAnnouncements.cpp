#include "storage/ExpiryAnnouncements.h"

#include "storage/Database.h"
#include "storage/StorageLogging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace accessdesk {

ExpiryAnnouncements::ExpiryAnnouncements(Database &database)
    : m_database(database)
{}

bool ExpiryAnnouncements::setError(const QString &message) const
{
    m_lastError = message;
    qCWarning(lcStorage) << "expiry announcements:" << message;
    return false;
}

bool ExpiryAnnouncements::wasAnnounced(const QString &serverUrl, const QString &user,
                                       const QString &grantId, const QDateTime &expiresAt) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT expires_at FROM expiry_announcements"
                                 " WHERE server_url = ? AND user_name = ? AND grant_id = ?"));
    query.addBindValue(serverUrl);
    query.addBindValue(user);
    query.addBindValue(grantId);
    if (!query.exec())
        return setError(tr("Cannot read the announced grants: %1").arg(query.lastError().text()));
    m_lastError.clear();
    return query.next() && query.value(0).toLongLong() == expiresAt.toMSecsSinceEpoch();
}

bool ExpiryAnnouncements::markAnnounced(const QString &serverUrl, const QString &user,
                                        const QString &grantId, const QDateTime &expiresAt,
                                        const QDateTime &announcedAt)
{
    if (serverUrl.isEmpty() || grantId.isEmpty() || !expiresAt.isValid() || !announcedAt.isValid())
        return setError(tr("An announced grant needs a server, an id and its expiry."));
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO expiry_announcements"
                                 " (server_url, user_name, grant_id, expires_at, announced_at)"
                                 " VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(serverUrl);
    query.addBindValue(user);
    query.addBindValue(grantId);
    query.addBindValue(expiresAt.toMSecsSinceEpoch());
    query.addBindValue(announcedAt.toMSecsSinceEpoch());
    if (!query.exec())
        return setError(
            tr("Cannot remember the announced grant: %1").arg(query.lastError().text()));
    m_lastError.clear();
    return true;
}

bool ExpiryAnnouncements::forgetExpiredBefore(const QDateTime &cutoff)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("DELETE FROM expiry_announcements WHERE expires_at < ?"));
    query.addBindValue(cutoff.toMSecsSinceEpoch());
    if (!query.exec())
        return setError(
            tr("Cannot forget the expired announced grants: %1").arg(query.lastError().text()));
    m_lastError.clear();
    return true;
}

} // namespace accessdesk
