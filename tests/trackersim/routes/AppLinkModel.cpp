#include "AppLinkModel.h"

#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "store/Store.h"
#include "store/Users.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

namespace trackersim::applinks {

namespace {

constexpr const char *kKnownTypes[] = {"jira",  "confluence", "bamboo", "fecru",
                                       "stash", "crowd",      "refapp", "generic"};

AppLink fromRow(const QVariantMap &row)
{
    AppLink link;
    link.id = row.value(QStringLiteral("id")).toString();
    link.typeId = row.value(QStringLiteral("type_id")).toString();
    link.name = row.value(QStringLiteral("name")).toString();
    link.displayUrl = row.value(QStringLiteral("display_url")).toString();
    link.rpcUrl = row.value(QStringLiteral("rpc_url")).toString();
    link.primary = row.value(QStringLiteral("is_primary")).toBool();
    link.system = row.value(QStringLiteral("is_system")).toBool();
    link.properties =
        QJsonDocument::fromJson(row.value(QStringLiteral("properties")).toByteArray()).object();
    return link;
}

QList<AppLink> fromRows(const QList<QVariantMap> &rows)
{
    QList<AppLink> links;
    for (const QVariantMap &row : rows)
        links.append(fromRow(row));
    return links;
}

bool isLoopbackName(const QString &host)
{
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1");
}

// An OAuth 2.0 token limits even an administrator to its scope.
bool scopeAllows(const RequestContext &context, bool sysadmin)
{
    if (context.caller.kind != AuthKind::OAuth2)
        return true;
    const QString &scope = context.caller.oauth2Scope;
    return scope == QLatin1String("SYSTEM_ADMIN") || (!sysadmin && scope == QLatin1String("ADMIN"));
}

} // namespace

QJsonObject OAuthLevel::toJson() const
{
    return QJsonObject{{QStringLiteral("enabled"), enabled},
                       {QStringLiteral("twoLoEnabled"), twoLo},
                       {QStringLiteral("twoLoImpersonationEnabled"), twoLoImpersonation}};
}

std::optional<OAuthLevel> OAuthLevel::fromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    return OAuthLevel{object.value(QStringLiteral("enabled")).toBool(),
                      object.value(QStringLiteral("twoLoEnabled")).toBool(),
                      object.value(QStringLiteral("twoLoImpersonationEnabled")).toBool()};
}

QJsonObject OAuthLevels::toJson() const
{
    return QJsonObject{{QStringLiteral("incoming"), incoming.toJson()},
                       {QStringLiteral("outgoing"), outgoing.toJson()}};
}

std::optional<OAuthLevels> OAuthLevels::fromJson(const QJsonObject &object)
{
    const auto incoming = OAuthLevel::fromJson(object.value(QStringLiteral("incoming")));
    const auto outgoing = OAuthLevel::fromJson(object.value(QStringLiteral("outgoing")));
    if (!incoming || !outgoing)
        return std::nullopt;
    return OAuthLevels{*incoming, *outgoing};
}

void addRoute(Router &router, const QByteArray &method, const QStringList &versions,
              const QString &tail, Handler handler, RouteOptions options)
{
    for (const QString &version : versions)
        router.add(method, QStringLiteral("/rest/applinks/") + version + QLatin1Char('/') + tail,
                   handler, options);
}

void addAsyncRoute(Router &router, const QByteArray &method, const QStringList &versions,
                   const QString &tail, AsyncHandler handler, RouteOptions options)
{
    for (const QString &version : versions)
        router.addAsync(method,
                        QStringLiteral("/rest/applinks/") + version + QLatin1Char('/') + tail,
                        handler, options);
}

std::optional<AppLink> find(const Store &store, const QString &id)
{
    const auto row = store.one(QStringLiteral("SELECT * FROM applinks WHERE id = ?"), {id});
    if (!row)
        return std::nullopt;
    return fromRow(*row);
}

QList<AppLink> all(const Store &store)
{
    return fromRows(store.all(QStringLiteral("SELECT * FROM applinks ORDER BY created_at, rowid")));
}

QList<AppLink> ofType(const Store &store, const QString &typeId)
{
    return fromRows(store.all(
        QStringLiteral("SELECT * FROM applinks WHERE type_id = ? ORDER BY created_at, rowid"),
        {typeId}));
}

bool nameInUse(const Store &store, const QString &name, const QString &exceptId)
{
    return store
        .one(QStringLiteral("SELECT 1 FROM applinks WHERE name = ? AND id IS NOT ?"),
             {name, exceptId})
        .has_value();
}

bool rpcUrlInUse(const Store &store, const QString &rpcUrl, const QString &exceptId)
{
    return store
        .one(QStringLiteral("SELECT 1 FROM applinks WHERE rpc_url = ? AND id IS NOT ?"),
             {rpcUrl, exceptId})
        .has_value();
}

bool insert(Store &store, const AppLink &link, qint64 nowMs)
{
    const bool firstOfType =
        !store.one(QStringLiteral("SELECT 1 FROM applinks WHERE type_id = ?"), {link.typeId});
    store.transaction();
    bool ok = true;
    if (link.primary && !firstOfType) {
        ok = store.exec(QStringLiteral("UPDATE applinks SET is_primary = 0 WHERE type_id = ?"),
                        {link.typeId});
    }
    ok =
        ok && store.exec(
                  QStringLiteral("INSERT INTO applinks (id, type_id, name, display_url,"
                                 " rpc_url, is_primary, is_system, properties, created_at)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {link.id, link.typeId, link.name, link.displayUrl, link.rpcUrl,
                   link.primary || firstOfType, link.system,
                   QString::fromUtf8(QJsonDocument(link.properties).toJson(QJsonDocument::Compact)),
                   nowMs});
    ok = ok &&
         store.exec(QStringLiteral("INSERT INTO applink_oauth (link_id) VALUES (?)"), {link.id});
    if (!ok) {
        store.rollback();
        return false;
    }
    return store.commit();
}

bool updateDetails(Store &store, const AppLink &link)
{
    return store.exec(QStringLiteral("UPDATE applinks SET name = ?, display_url = ?, rpc_url = ?"
                                     " WHERE id = ?"),
                      {link.name, link.displayUrl, link.rpcUrl, link.id});
}

void makePrimary(Store &store, const AppLink &link)
{
    // One primary link per type: the same statement sets this one and clears its siblings.
    store.exec(QStringLiteral("UPDATE applinks SET is_primary = (id = ?) WHERE type_id = ?"),
               {link.id, link.typeId});
}

bool remove(Store &store, const AppLink &link)
{
    store.transaction();
    // Deleting a consumer revokes every OAuth 1.0a token users gave it.
    bool ok =
        store.exec(QStringLiteral("DELETE FROM oauth1_tokens WHERE consumer_key IN"
                                  " (SELECT consumer_key FROM oauth_consumers WHERE link_id = ?)"),
                   {link.id});
    ok = ok &&
         store.exec(QStringLiteral("DELETE FROM oauth_consumers WHERE link_id = ?"), {link.id});
    ok = ok && store.exec(QStringLiteral("DELETE FROM applink_auth_providers WHERE link_id = ?"),
                          {link.id});
    ok = ok && store.exec(QStringLiteral("DELETE FROM applink_oauth WHERE link_id = ?"), {link.id});
    ok = ok && store.exec(QStringLiteral("DELETE FROM applinks WHERE id = ?"), {link.id});
    // Like Jira, the oldest remaining link of the type takes over as primary.
    if (ok && link.primary) {
        ok = store.exec(
            QStringLiteral("UPDATE applinks SET is_primary = 1 WHERE id = (SELECT id FROM"
                           " applinks WHERE type_id = ? ORDER BY created_at, rowid LIMIT 1)"),
            {link.typeId});
    }
    if (!ok) {
        store.rollback();
        return false;
    }
    return store.commit();
}

OAuthLevels oauthLevels(const Store &store, const AppLink &link, bool self)
{
    OAuthLevels levels;
    const auto stored =
        store.one(QStringLiteral("SELECT * FROM applink_oauth WHERE link_id = ?"), {link.id});
    if (stored) {
        levels.outgoing = {stored->value(QStringLiteral("outgoing_enabled")).toBool(),
                           stored->value(QStringLiteral("outgoing_2lo")).toBool(),
                           stored->value(QStringLiteral("outgoing_2loi")).toBool()};
    }
    // The consumer is the truth for incoming OAuth, whoever added or removed it. A link to this
    // very instance needs no consumer row, so its stored levels count.
    const auto consumer = store.one(
        QStringLiteral("SELECT two_lo_allowed, two_lo_impersonation_allowed FROM oauth_consumers"
                       " WHERE link_id = ? AND outgoing = 0 ORDER BY created_at LIMIT 1"),
        {link.id});
    if (consumer) {
        levels.incoming = {
            true, consumer->value(QStringLiteral("two_lo_allowed")).toBool(),
            consumer->value(QStringLiteral("two_lo_impersonation_allowed")).toBool()};
    } else if (self && stored) {
        levels.incoming = {stored->value(QStringLiteral("incoming_enabled")).toBool(),
                           stored->value(QStringLiteral("incoming_2lo")).toBool(),
                           stored->value(QStringLiteral("incoming_2loi")).toBool()};
    }
    return levels;
}

void storeOutgoing(Store &store, const QString &linkId, const OAuthLevel &outgoing)
{
    store.exec(
        QStringLiteral("INSERT INTO applink_oauth (link_id) VALUES (?) ON CONFLICT DO NOTHING"),
        {linkId});
    store.exec(QStringLiteral("UPDATE applink_oauth SET outgoing_enabled = ?, outgoing_2lo = ?,"
                              " outgoing_2loi = ? WHERE link_id = ?"),
               {outgoing.enabled, outgoing.twoLo, outgoing.twoLoImpersonation, linkId});
}

void storeIncoming(Store &store, const QString &linkId, const OAuthLevel &incoming)
{
    store.exec(
        QStringLiteral("INSERT INTO applink_oauth (link_id) VALUES (?) ON CONFLICT DO NOTHING"),
        {linkId});
    store.exec(QStringLiteral("UPDATE applink_oauth SET incoming_enabled = ?, incoming_2lo = ?,"
                              " incoming_2loi = ? WHERE link_id = ?"),
               {incoming.enabled, incoming.twoLo, incoming.twoLoImpersonation, linkId});
}

QStringList oauthProviderTypes()
{
    const QString prefix = QStringLiteral("com.atlassian.applinks.api.auth.types.");
    return {prefix + QStringLiteral("OAuthAuthenticationProvider"),
            prefix + QStringLiteral("TwoLeggedOAuthAuthenticationProvider"),
            prefix + QStringLiteral("TwoLeggedOAuthWithImpersonationAuthenticationProvider")};
}

bool isKnownType(const QString &typeId)
{
    for (const char *known : kKnownTypes) {
        if (typeId == QLatin1String(known))
            return true;
    }
    return false;
}

bool isAtlassian(const QString &typeId)
{
    return isKnownType(typeId) && typeId != QLatin1String("generic");
}

QString typeDisplayName(const QString &typeId)
{
    if (typeId == QLatin1String("jira"))
        return QStringLiteral("Jira");
    if (typeId == QLatin1String("confluence"))
        return QStringLiteral("Confluence");
    if (typeId == QLatin1String("bamboo"))
        return QStringLiteral("Bamboo");
    if (typeId == QLatin1String("stash"))
        return QStringLiteral("Bitbucket");
    if (typeId == QLatin1String("fecru"))
        return QStringLiteral("FishEye / Crucible");
    if (typeId == QLatin1String("crowd"))
        return QStringLiteral("Crowd");
    return QStringLiteral("Generic Application");
}

QStringList entityTypes(const QString &typeId)
{
    if (typeId == QLatin1String("jira"))
        return {QStringLiteral("jira.project")};
    if (typeId == QLatin1String("confluence"))
        return {QStringLiteral("confluence.space")};
    if (typeId == QLatin1String("bamboo"))
        return {QStringLiteral("bamboo.project")};
    if (typeId == QLatin1String("fecru"))
        return {QStringLiteral("fecru.project"), QStringLiteral("fecru.repository")};
    if (typeId == QLatin1String("stash"))
        return {QStringLiteral("stash.project")};
    if (typeId == QLatin1String("generic"))
        return {QStringLiteral("generic.entity")};
    return {};
}

bool isApplicationId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^[0-9a-fA-F]{1,8}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,12}$"));
    return pattern.match(id).hasMatch();
}

QString withoutTrailingSlash(QString url)
{
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

QString idForUrl(const QString &url)
{
    // Java's UUID.nameUUIDFromBytes: MD5 of the bytes alone (no namespace, unlike
    // QUuid::createUuidV3), then the version 3 and RFC 4122 variant bits.
    const QByteArray ascii =
        QUrl::toPercentEncoding(withoutTrailingSlash(url.trimmed()), ":/?#[]@!$&'()*+,;=%");
    QByteArray digest = QCryptographicHash::hash(ascii, QCryptographicHash::Md5);
    digest[6] = char((digest[6] & 0x0f) | 0x30);
    digest[8] = char((digest[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(digest).toString(QUuid::WithoutBraces);
}

bool isHttpUrl(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    return parsed.isValid() && !parsed.host().isEmpty() &&
           (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

QString hostOf(const QString &url)
{
    return QUrl(url).host();
}

bool sameOrigin(const QString &a, const QString &b)
{
    const QUrl first(a);
    const QUrl second(b);
    const int defaultFirst = first.scheme() == QLatin1String("https") ? 443 : 80;
    const int defaultSecond = second.scheme() == QLatin1String("https") ? 443 : 80;
    const bool sameHost = first.host() == second.host() ||
                          (isLoopbackName(first.host()) && isLoopbackName(second.host()));
    return isHttpUrl(a) && first.scheme() == second.scheme() && sameHost &&
           first.port(defaultFirst) == second.port(defaultSecond);
}

bool isSelf(const QString &url, const QString &baseUrl)
{
    return sameOrigin(url, baseUrl);
}

QString iconUrl(const QString &baseUrl, const QString &typeId)
{
    return baseUrl +
           QStringLiteral("/download/resources/com.atlassian.applinks.applinks-plugin:"
                          "applinks-images/images/types/16") +
           typeId + QStringLiteral(".png");
}

QString iconUri(const QString &baseUrl, const QString &typeId)
{
    return baseUrl +
           QStringLiteral("/download/resources/com.atlassian.applinks.applinks-plugin:"
                          "applinks-images/images/types/") +
           typeId + QStringLiteral(".svg");
}

bool callerIsAdmin(const RequestContext &context)
{
    return context.isAdmin() && scopeAllows(context, false);
}

bool callerIsSysadmin(const RequestContext &context)
{
    return context.isSysadmin() && scopeAllows(context, true);
}

std::optional<SimResponse> requireAdminV1(RequestContext &context)
{
    // The interceptor also accepts another administrator's credentials in the query.
    const QString alUser = context.request.queryValue(QStringLiteral("al_username"));
    const QString alPassword = context.request.queryValue(QStringLiteral("al_password"));
    bool allowed = false;
    if (!alUser.isEmpty() && !alPassword.isEmpty()) {
        const auto user = users::find(context.store(), alUser);
        allowed =
            user && user->admin && users::passwordMatches(context.store(), alUser, alPassword);
    } else {
        allowed = callerIsAdmin(context);
    }
    if (allowed)
        return std::nullopt;
    return errors::restStatus(
        context.request, 401,
        QStringLiteral("You must be an administrator to configure application links."));
}

std::optional<SimResponse> requireAdminV3(const RequestContext &context, bool sysadmin)
{
    if (context.caller.isAnonymous())
        return errors::appLinksV3(
            401, QStringLiteral("You must be logged in to perform this operation."));
    if (sysadmin ? !callerIsSysadmin(context) : !callerIsAdmin(context)) {
        return errors::appLinksV3(
            403,
            sysadmin
                ? QStringLiteral("You must be a system administrator to perform this operation.")
                : QStringLiteral("You must be an administrator to perform this operation."));
    }
    return std::nullopt;
}

bool passesXsrfCheck(const RequestContext &context)
{
    const QByteArray header = context.request.header("x-atlassian-token").trimmed().toLower();
    if (header == "no-check" || header == "nocheck")
        return true;
    const QString token = context.request.queryValue(QStringLiteral("atl_token"));
    return !token.isEmpty() && token == context.xsrfToken();
}

} // namespace trackersim::applinks
