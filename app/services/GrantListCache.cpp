#include "services/GrantListCache.h"

#include "JiraDateTime.h"
#include "services/GrantIds.h"
#include "storage/OfflineCache.h"
#include "storage/StorageLogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace accessdesk {

namespace {

const QString kListKind = QStringLiteral("my-access-grants");
constexpr int kFormat = 1;

QJsonValue dateValue(const QDateTime &when)
{
    return when.isValid() ? QJsonValue(when.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject toObject(const AccessGrant &grant)
{
    QJsonObject object;
    object.insert(QStringLiteral("kind"), grantKindName(grant.kind));
    // The OAuth 1.0a token value is a credential of its consumer: only its public id goes to disk.
    object.insert(QStringLiteral("id"), grant.kind == GrantKind::OAuth1
                                            ? grantids::publicId(grant).section(QLatin1Char(':'), 1)
                                            : grant.id);
    object.insert(QStringLiteral("application"), grant.application);
    object.insert(QStringLiteral("description"), grant.description);
    object.insert(QStringLiteral("applicationUrl"), grant.applicationUrl);
    object.insert(QStringLiteral("issuedAt"), dateValue(grant.issuedAt));
    // Absent: the server did not say; null: it said "none".
    if (grant.expiresAt)
        object.insert(QStringLiteral("expiresAt"), dateValue(*grant.expiresAt));
    if (grant.lastUsedAt)
        object.insert(QStringLiteral("lastUsedAt"), dateValue(*grant.lastUsedAt));
    object.insert(QStringLiteral("scopes"), QJsonArray::fromStringList(grant.scopes));
    return object;
}

// Entries are read as strictly as toJson writes them: a field of the wrong type makes the entry
// unreadable rather than quietly empty (a damaged "expiresAt" must not read as "never expires").
bool readText(const QJsonObject &object, const QString &name, QString *text)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined()) {
        text->clear();
        return true;
    }
    *text = value.toString();
    return value.isString();
}

// null is how toJson writes an unknown issue date and an expiry of "none". A date is kept in UTC,
// and Qt writes ISO dates of the years 1 to 9999 only: "9999-12-31T23:59:59-01:00" is in the year
// 10000 in UTC, which toJson would write as "" and the next start could not read (the round trip
// of tests/fuzz/fuzz_grantcache), so such a date makes the entry unreadable now, not later.
bool readDate(const QJsonValue &value, QDateTime *when)
{
    *when = QDateTime();
    if (value.isNull() || value.isUndefined())
        return true;
    if (!value.isString())
        return false;
    // jiradate's reader rather than QDateTime::fromString: three dates an entry made that a
    // third of reading a cache of 10,000 grants at start. It reads what toJson writes ("…Z")
    // and any other ISO 8601 date with an offset, and gives UTC.
    const std::optional<QDateTime> utc = jiradate::parseIso(value.toString());
    if (!utc || utc->date().year() < 1 || utc->date().year() > 9999)
        return false;
    *when = *utc;
    return true;
}

bool readOptionalDate(const QJsonObject &object, const QString &name,
                      std::optional<QDateTime> *when)
{
    if (!object.contains(name)) {
        when->reset();
        return true;
    }
    QDateTime read;
    if (!readDate(object.value(name), &read))
        return false;
    *when = read;
    return true;
}

// The entry's application name, shortened, so a warning can say which one it was. The cache holds
// no credential (see the class comment), and the name is not one.
QString excerptOf(const QJsonObject &object)
{
    constexpr qsizetype kLongest = 60;
    const QString name = object.value(QStringLiteral("application")).toString().simplified();
    return name.size() > kLongest ? QString(name.left(kLongest - 1) + QChar(0x2026)) : name;
}

// The grant in value, or else why it cannot be read (short, in English, as UnreadableGrantRow).
QString fromValue(const QJsonValue &value, AccessGrant *grant)
{
    if (!value.isObject())
        return QStringLiteral("the entry is not an object");
    const QJsonObject object = value.toObject();
    const auto kind = grantKindFromName(object.value(QStringLiteral("kind")).toString());
    if (!kind)
        return QStringLiteral("its kind is missing or unknown");
    grant->kind = *kind;
    const QJsonValue id = object.value(QStringLiteral("id"));
    if (!id.isString())
        return QStringLiteral("its id is missing or not text");
    grant->id = id.toString();
    if (!readText(object, QStringLiteral("application"), &grant->application) ||
        !readText(object, QStringLiteral("description"), &grant->description) ||
        !readText(object, QStringLiteral("applicationUrl"), &grant->applicationUrl))
        return QStringLiteral("a name or link of it is not text");
    if (!readDate(object.value(QStringLiteral("issuedAt")), &grant->issuedAt) ||
        !readOptionalDate(object, QStringLiteral("expiresAt"), &grant->expiresAt) ||
        !readOptionalDate(object, QStringLiteral("lastUsedAt"), &grant->lastUsedAt))
        return QStringLiteral("one of its dates is not a date");
    const QJsonValue scopes = object.value(QStringLiteral("scopes"));
    if (!scopes.isUndefined() && !scopes.isArray())
        return QStringLiteral("its scopes are not a list");
    for (const QJsonValue &scope : scopes.toArray()) {
        if (!scope.isString())
            return QStringLiteral("one of its scopes is not text");
        grant->scopes << scope.toString();
    }
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

QByteArray GrantListCache::toJson(const QList<AccessGrant> &grants)
{
    QJsonArray list;
    for (const AccessGrant &grant : grants)
        list.append(toObject(grant));
    QJsonObject root;
    root.insert(QStringLiteral("format"), kFormat);
    root.insert(QStringLiteral("grants"), list);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Decoded<CachedGrants> GrantListCache::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        return Decoded<CachedGrants>::failure(
            parseError.error == QJsonParseError::NoError
                ? QStringLiteral("the cached grant list is not a JSON object")
                : QStringLiteral("the cached grant list is not JSON (%1 at byte %2)")
                      .arg(parseError.errorString())
                      .arg(parseError.offset));
    }
    const QJsonObject root = document.object();
    // Another format (an older or newer AccessDesk) is not guessed at: the server will answer.
    const QJsonValue format = root.value(QStringLiteral("format"));
    if (format.toInt() != kFormat) {
        return Decoded<CachedGrants>::failure(
            QStringLiteral("the cached grant list is not of format %1").arg(kFormat));
    }
    const QJsonValue entries = root.value(QStringLiteral("grants"));
    if (!entries.isArray())
        return Decoded<CachedGrants>::failure(
            QStringLiteral("the cached grant list has no \"grants\" array"));
    CachedGrants read;
    for (const QJsonValue &value : entries.toArray()) {
        AccessGrant grant;
        const QString problem = fromValue(value, &grant);
        if (problem.isEmpty())
            read.grants << grant;
        else
            read.unreadable << UnreadableGrantRow{problem, excerptOf(value.toObject())};
    }
    return Decoded<CachedGrants>::success(read);
}

bool GrantListCache::store(const QString &key, const QList<AccessGrant> &grants,
                           const QDateTime &fetchedAt)
{
    return m_cache && !key.isEmpty() &&
           m_cache->store(key, kListKind, toJson(grants), fetchedAt.toUTC());
}

std::optional<CachedGrants> GrantListCache::load(const QString &key) const
{
    if (!m_cache || key.isEmpty())
        return std::nullopt;
    const std::optional<CachedList> stored = m_cache->load(key, kListKind);
    if (!stored)
        return std::nullopt;
    Decoded<CachedGrants> read = fromJson(stored->payload);
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
