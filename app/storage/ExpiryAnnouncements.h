#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace accessdesk {

class Database;

// Which expiring grants the user has already been told about, per server and user, kept in the
// local database so the news comes once per grant and not again after a restart. A grant is
// remembered with the expiry it had when announced: the same grant with another expiry (renewed,
// replaced) counts as not announced.
//
// grantId must be a public id (grantids::publicId: "pat:123"), never a token value.
class ExpiryAnnouncements final
{
    Q_DECLARE_TR_FUNCTIONS(ExpiryAnnouncements)
    Q_DISABLE_COPY_MOVE(ExpiryAnnouncements)

public:
    // database must be open and outlive this object.
    explicit ExpiryAnnouncements(Database &database);

    // False also when it cannot be read (lastError() says why): better told twice than never.
    bool wasAnnounced(const QString &serverUrl, const QString &user, const QString &grantId,
                      const QDateTime &expiresAt) const;
    // Remembers the grant as announced with this expiry (replacing an older expiry).
    bool markAnnounced(const QString &serverUrl, const QString &user, const QString &grantId,
                       const QDateTime &expiresAt, const QDateTime &announcedAt);
    // Forgets grants whose expiry is before cutoff: an expired grant is never due again, and a
    // renewed one gets a new expiry, so their rows only take space.
    bool forgetExpiredBefore(const QDateTime &cutoff);

    const QString &lastError() const { return m_lastError; }

private:
    bool setError(const QString &message) const;

    Database &m_database;
    mutable QString m_lastError;
};

} // namespace accessdesk
