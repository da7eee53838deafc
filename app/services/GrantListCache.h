#pragma once

#include "AccessGrant.h"
#include "AccessTokensPage.h"
#include "Decoded.h"
#include "services/GrantRevoker.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace accessdesk {

class OfflineCache;

struct CachedGrants
{
    QList<AccessGrant> grants;
    // Entries of the stored list that could not be read (another kind, a damaged field): they are
    // missing from grants, and said so, never dropped silently.
    QList<UnreadableGrantRow> unreadable;
    QDateTime
        fetchedAt; // UTC; the cache keeps it beside the payload, so fromBinary leaves it unset
};

// The user's grant list kept in the offline cache, so My access has something to show ("as of …")
// before the server answers or when it cannot be reached.
//
// Nothing that works as a credential is stored: an OAuth 1.0a token value (the grant's id and
// revoke key) is replaced by its public id (grantids::publicId), and no revoke key or URL is kept
// for any kind. A cached grant is therefore for reading only; revoking needs a fresh list.
class GrantListCache final
{
    Q_DISABLE_COPY_MOVE(GrantListCache)

public:
    // cache may be null: nothing is stored or found.
    explicit GrantListCache(OfflineCache *cache);

    // The profile's name; for an ad-hoc connection (no profile) "<user>@<server>"; empty (no
    // caching) without either.
    static QString keyFor(const ActivityContext &who);

    bool store(const QString &key, const QList<AccessGrant> &grants, const QDateTime &fetchedAt);
    // std::nullopt when nothing (readable) is stored under key; a payload that is not a list of
    // this format is logged (lcStorage) and left for the server's list to replace.
    std::optional<CachedGrants> load(const QString &key) const;

    // The payload stored: a binary list (the format is described in the .cpp), read at every
    // start of the app, so made to be read without parsing.
    static QByteArray toBinary(const QList<AccessGrant> &grants);
    // Whatever the bytes (the file may be damaged or from another version): the list with its
    // unreadable entries, or an error in plain English when it is not a list of this format.
    static Decoded<CachedGrants> fromBinary(const QByteArray &bytes);

private:
    OfflineCache *m_cache;
};

} // namespace accessdesk
