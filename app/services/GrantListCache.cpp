#include "services/GrantListCache.h"

#include "services/GrantIds.h"
#include "storage/BinaryRecords.h"
#include "storage/OfflineCache.h"
#include "storage/StorageLogging.h"

namespace accessdesk {

namespace {

const QString kListKind = QStringLiteral("my-access-grants");

// The payload, little-endian (storage/BinaryRecords):
//   "AccessDesk grants" (17 bytes), format (uint32, kFormat), number of entries (uint32), then
//   each entry as a record (its length first, so a damaged one is reported and the next read):
//     kind, id, application, description, applicationUrl (text: uint32 UTF-16 units, the units)
//     issuedAt: a date; expiresAt, lastUsedAt: an optional date (below)
//     scopes: their number (uint32), then each as text
//   A date is a tag byte, then for kDate the milliseconds since 1970 UTC (int64).
// Format 1 (AccessDesk before December 2026) was JSON; its payloads are left for the server's list
// to replace, as any other format is.
constexpr QByteArrayView kMagic("AccessDesk grants");
constexpr quint32 kFormat = 2;

enum DateTag : quint8 {
    kNoDate = 0,  // issuedAt: unknown; expiresAt, lastUsedAt: the server said "none"
    kDate = 1,    // the milliseconds follow
    kNotSaid = 2, // expiresAt, lastUsedAt only: the server did not say (std::nullopt)
};

void writeDate(BinaryWriter &out, const QDateTime &when)
{
    if (!when.isValid()) {
        out.writeByte(kNoDate);
        return;
    }
    out.writeByte(kDate);
    out.writeInt64(when.toMSecsSinceEpoch());
}

void writeOptionalDate(BinaryWriter &out, const std::optional<QDateTime> &when)
{
    if (when)
        writeDate(out, *when);
    else
        out.writeByte(kNotSaid);
}

void writeEntry(BinaryWriter &out, const AccessGrant &grant)
{
    out.beginRecord();
    out.writeText(grantKindName(grant.kind));
    // The OAuth 1.0a token value is a credential of its consumer: only its public id goes to disk.
    out.writeText(grant.kind == GrantKind::OAuth1
                      ? grantids::publicId(grant).section(QLatin1Char(':'), 1)
                      : grant.id);
    out.writeText(grant.application);
    out.writeText(grant.description);
    out.writeText(grant.applicationUrl);
    writeDate(out, grant.issuedAt);
    writeOptionalDate(out, grant.expiresAt);
    writeOptionalDate(out, grant.lastUsedAt);
    out.writeUInt32(quint32(grant.scopes.size()));
    for (const QString &scope : grant.scopes)
        out.writeText(scope);
    out.endRecord();
}

// A date as writeDate wrote it, in UTC. Dates outside the years 1 to 9999 are refused although
// they could be stored: Qt writes ISO 8601 dates of those years only, and the CSV export and the
// activity log write ISO dates, so such a date would be lost there.
bool readDate(BinaryReader &in, quint8 tag, QDateTime *when)
{
    *when = QDateTime();
    if (tag == kNoDate)
        return true;
    // Compared as numbers: 30,000 dates are read at a start with 10,000 cached grants.
    static const qint64 first = QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    static const qint64 last =
        QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
    qint64 milliseconds = 0;
    if (tag != kDate || !in.readInt64(&milliseconds) || milliseconds < first || milliseconds > last)
        return false;
    *when = QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC);
    return true;
}

bool readIssueDate(BinaryReader &in, QDateTime *when)
{
    quint8 tag = 0;
    return in.readByte(&tag) && readDate(in, tag, when);
}

bool readOptionalDate(BinaryReader &in, std::optional<QDateTime> *when)
{
    quint8 tag = 0;
    if (!in.readByte(&tag))
        return false;
    if (tag == kNotSaid) {
        when->reset();
        return true;
    }
    QDateTime read;
    if (!readDate(in, tag, &read))
        return false;
    *when = read;
    return true;
}

// The entry's application name, shortened, so a warning can say which one it was (empty when
// even that cannot be read). The cache holds no credential (see the class comment), and the name
// is not one.
QString excerptOf(BinaryReader entry)
{
    constexpr qsizetype kLongest = 60;
    QString skipped;
    QString name;
    if (!entry.readText(&skipped) || !entry.readText(&skipped) || !entry.readText(&name))
        return {};
    name = name.simplified();
    return name.size() > kLongest ? QString(name.left(kLongest - 1) + QChar(0x2026)) : name;
}

// The grant in entry, or else why it cannot be read (short, in English, as UnreadableGrantRow).
QString readEntry(BinaryReader entry, AccessGrant *grant)
{
    QString kindName;
    if (!entry.readText(&kindName))
        return QStringLiteral("the entry ends before its kind");
    const auto kind = grantKindFromName(kindName);
    if (!kind)
        return QStringLiteral("its kind is unknown");
    grant->kind = *kind;
    if (!entry.readText(&grant->id) || !entry.readText(&grant->application) ||
        !entry.readText(&grant->description) || !entry.readText(&grant->applicationUrl))
        return QStringLiteral("the entry ends inside its id, name or link");
    if (!readIssueDate(entry, &grant->issuedAt) || !readOptionalDate(entry, &grant->expiresAt) ||
        !readOptionalDate(entry, &grant->lastUsedAt))
        return QStringLiteral("one of its dates is not a date");
    quint32 scopeCount = 0;
    if (!entry.readUInt32(&scopeCount))
        return QStringLiteral("the entry ends before its scopes");
    for (quint32 i = 0; i < scopeCount; ++i) {
        QString scope;
        if (!entry.readText(&scope))
            return QStringLiteral("the entry ends inside its scopes");
        grant->scopes << scope;
    }
    if (!entry.atEnd())
        return QStringLiteral("the entry is longer than its fields");
    return {};
}

} // namespace

GrantListCache::GrantListCache(OfflineCache *cache)
    : m_cache(cache)
{}

QString GrantListCache::keyFor(const ActivityContext &who)
{
    if (!who.profile.isEmpty())
        return who.profile;
    if (who.serverUrl.isEmpty())
        return {}; // not connected anywhere: nothing to cache under
    return QString(who.user + QLatin1Char('@') + who.serverUrl);
}

QByteArray GrantListCache::toBinary(const QList<AccessGrant> &grants)
{
    BinaryWriter out;
    out.writeBytes(kMagic);
    out.writeUInt32(kFormat);
    out.writeUInt32(quint32(grants.size()));
    for (const AccessGrant &grant : grants)
        writeEntry(out, grant);
    return out.bytes();
}

Decoded<CachedGrants> GrantListCache::fromBinary(const QByteArray &bytes)
{
    BinaryReader in(bytes);
    quint32 format = 0;
    if (!in.skipPrefix(kMagic) || !in.readUInt32(&format))
        return Decoded<CachedGrants>::failure(
            QStringLiteral("the cached grant list is not one AccessDesk wrote (or of its first, "
                           "JSON format)"));
    // Another format (an older or newer AccessDesk) is not guessed at: the server will answer.
    if (format != kFormat)
        return Decoded<CachedGrants>::failure(
            QStringLiteral("the cached grant list is of format %1, not %2")
                .arg(format)
                .arg(kFormat));
    quint32 count = 0;
    if (!in.readUInt32(&count))
        return Decoded<CachedGrants>::failure(
            QStringLiteral("the cached grant list ends before its number of entries"));
    CachedGrants read;
    for (quint32 i = 0; i < count; ++i) {
        BinaryReader entry;
        // Past a damaged length nothing can be told apart any more: the whole list is unreadable,
        // as a JSON file cut short was.
        if (!in.readRecord(&entry))
            return Decoded<CachedGrants>::failure(
                QStringLiteral("the cached grant list ends inside entry %1 of %2")
                    .arg(i + 1)
                    .arg(count));
        AccessGrant grant;
        const QString problem = readEntry(entry, &grant);
        if (problem.isEmpty())
            read.grants << grant;
        else
            read.unreadable << UnreadableGrantRow{problem, excerptOf(entry)};
    }
    if (!in.atEnd())
        return Decoded<CachedGrants>::failure(
            QStringLiteral("the cached grant list goes on after its %1 entries").arg(count));
    return Decoded<CachedGrants>::success(read);
}

bool GrantListCache::store(const QString &key, const QList<AccessGrant> &grants,
                           const QDateTime &fetchedAt)
{
    return m_cache && !key.isEmpty() &&
           m_cache->store(key, kListKind, toBinary(grants), fetchedAt.toUTC());
}

std::optional<CachedGrants> GrantListCache::load(const QString &key) const
{
    if (!m_cache || key.isEmpty())
        return std::nullopt;
    const std::optional<CachedList> stored = m_cache->load(key, kListKind);
    if (!stored)
        return std::nullopt;
    Decoded<CachedGrants> read = fromBinary(stored->payload);
    if (!read) {
        // Only the reason: the payload is the user's data and stays out of the log.
        qCWarning(lcStorage).noquote() << "ignoring the cached grant list:" << read.error;
        return std::nullopt;
    }
    if (!read->unreadable.isEmpty())
        qCWarning(lcStorage) << read->unreadable.size() << "cached grants could not be read";
    read->fetchedAt = stored->fetchedAt;
    return *read;
}

} // namespace accessdesk
