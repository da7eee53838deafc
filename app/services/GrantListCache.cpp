#include "services/GrantListCache.h"

#include "services/GrantIds.h"
#include "storage/OfflineCache.h"

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

QDateTime dateFrom(const QJsonValue &value)
{
    QDateTime when = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return when.isValid() ? when.toUTC() : QDateTime();
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

std::optional<AccessGrant> fromObject(const QJsonObject &object)
{
    const auto kind = grantKindFromName(object.value(QStringLiteral("kind")).toString());
    if (!kind)
        return std::nullopt;
    AccessGrant grant;
    grant.kind = *kind;
    grant.id = object.value(QStringLiteral("id")).toString();
    grant.application = object.value(QStringLiteral("application")).toString();
    grant.description = object.value(QStringLiteral("description")).toString();
    grant.applicationUrl = object.value(QStringLiteral("applicationUrl")).toString();
    grant.issuedAt = dateFrom(object.value(QStringLiteral("issuedAt")));
    if (object.contains(QStringLiteral("expiresAt")))
        grant.expiresAt = dateFrom(object.value(QStringLiteral("expiresAt")));
    if (object.contains(QStringLiteral("lastUsedAt")))
        grant.lastUsedAt = dateFrom(object.value(QStringLiteral("lastUsedAt")));
    for (const QJsonValue &scope : object.value(QStringLiteral("scopes")).toArray())
        grant.scopes << scope.toString();
    return grant;
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

std::optional<QList<AccessGrant>> GrantListCache::fromJson(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    // Another format (an older or newer AccessDesk) is not guessed at: the server will answer.
    if (!document.isObject() ||
        document.object().value(QStringLiteral("format")).toInt() != kFormat)
        return std::nullopt;
    QList<AccessGrant> grants;
    for (const QJsonValue &value : document.object().value(QStringLiteral("grants")).toArray()) {
        if (auto grant = fromObject(value.toObject()))
            grants << *grant;
    }
    return grants;
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
    auto grants = fromJson(stored->payload);
    if (!grants)
        return std::nullopt;
    return CachedGrants{*grants, stored->fetchedAt};
}

} // namespace accessdesk
