#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace accessdesk {

class Database;

struct CachedList
{
    QByteArray payload;
    QDateTime fetchedAt; // UTC; shown to the user as "as of …"
};

// The last list of each kind seen per profile, so the window shows something useful ("as of …")
// before the network answers.
//
// Payloads are the server's JSON as received, stored as given. The CALLER must strip anything
// secret before storing: a freshly created PAT's rawToken, OAuth tokens or secrets, cookies.
// Nothing in here is protected beyond the file permissions of the user's data directory.
class OfflineCache final
{
    Q_DECLARE_TR_FUNCTIONS(OfflineCache)
    Q_DISABLE_COPY_MOVE(OfflineCache)

public:
    // database must be open and outlive this object.
    explicit OfflineCache(Database &database);

    // listKind is the caller's name for the list ("pats", "oauth1-tokens", "applinks", …).
    // Replaces what was stored for the same profile and kind.
    bool store(const QString &profileId, const QString &listKind, const QByteArray &payload,
               const QDateTime &fetchedAt);
    // std::nullopt when nothing is stored (or on error; see lastError()).
    std::optional<CachedList> load(const QString &profileId, const QString &listKind) const;
    // Forgets every list of the profile (e.g. when it is removed).
    bool clear(const QString &profileId);

    const QString &lastError() const { return m_lastError; }

private:
    bool setError(const QString &message) const;

    Database &m_database;
    mutable QString m_lastError;
};

} // namespace accessdesk
