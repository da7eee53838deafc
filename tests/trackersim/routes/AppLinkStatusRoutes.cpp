#include "AppLinkEntities.h"
#include "AppLinkModel.h"
#include "AppLinkProviders.h"
#include "AppLinkRoutes.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "store/Store.h"

#include <QJsonDocument>
#include <QUrl>

// /rest/applinks/3.0/status/{id}[/oauth] (spec 3.4 (16)–(18)).
namespace trackersim::applinks {

namespace {

const QStringList kV3{QStringLiteral("3.0"), QStringLiteral("latest")};

QJsonObject levelsJson(const OAuthLevels &levels)
{
    return QJsonObject{{QStringLiteral("incoming"), levels.incoming.toJson()},
                       {QStringLiteral("outgoing"), levels.outgoing.toJson()}};
}

QJsonObject minimalLink(const AppLink &link)
{
    return QJsonObject{{QStringLiteral("id"), link.id},
                       {QStringLiteral("name"), link.name},
                       {QStringLiteral("displayUrl"), link.displayUrl},
                       {QStringLiteral("rpcUrl"), link.rpcUrl},
                       {QStringLiteral("type"), link.typeId}};
}

QJsonObject statusError(const char *category, const char *type)
{
    return QJsonObject{{QStringLiteral("category"), QString::fromLatin1(category)},
                       {QStringLiteral("type"), QString::fromLatin1(type)}};
}

bool unsupported(const OAuthLevel &level)
{
    return level.enabled && !level.twoLo; // 3LO-only is a deprecated configuration
}

// DefaultApplinkStatusService: local checks, then the remote's view, then the OAuth checks.
QJsonObject applinkStatus(RequestContext &context, const AppLink &link)
{
    const bool self = isSelf(link.rpcUrl, context.baseUrl());
    const OAuthLevels local = oauthLevels(context.store(), link, self);
    QJsonObject body{{QStringLiteral("link"), minimalLink(link)},
                     {QStringLiteral("localAuthentication"), levelsJson(local)}};
    std::optional<QJsonObject> error = remoteError(link, context.baseUrl());
    if (!error) {
        // The remote end is this instance, which sees the same link the same way.
        body.insert(QStringLiteral("remoteAuthentication"), levelsJson(local));
        if (unsupported(local.incoming) || unsupported(local.outgoing))
            error = statusError("DEPRECATED", "AUTH_LEVEL_UNSUPPORTED");
        else if (local.incoming.isOff() && local.outgoing.isOff())
            error = statusError("DISABLED", "DISABLED");
    }
    body.insert(QStringLiteral("working"), !error.has_value());
    if (error)
        body.insert(QStringLiteral("error"), *error);
    return body;
}

SimResponse getStatus(RequestContext &context)
{
    if (context.request.query.hasQueryItem(QStringLiteral("authorisationCallback"))) {
        const QUrl callback(context.request.queryValue(QStringLiteral("authorisationCallback")));
        if (!callback.isValid() || callback.isRelative())
            return errors::appLinksV3(400,
                                      QStringLiteral("authorisationCallback must be absolute"));
    }
    const QString id = context.request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return v3InvalidId(id);
    // The resource allows anonymous calls; the status service checks for an admin itself.
    if (auto denied = requireAdminV3(context))
        return *denied;
    const auto link = find(context.store(), id);
    if (!link)
        return v3NoSuchLink(id);
    return SimResponse::json(200, applinkStatus(context, *link));
}

SimResponse getOAuthStatus(RequestContext &context)
{
    // Anonymous by design: remote applications read it while configuring themselves.
    const QString id = context.request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return v3InvalidId(id);
    const auto link = find(context.store(), id);
    if (!link)
        return v3NoSuchLink(id);
    return SimResponse::json(200, levelsJson(oauthLevels(context.store(), *link,
                                                         isSelf(link->rpcUrl, context.baseUrl()))));
}

std::optional<OAuthLevel> readLevel(const QJsonObject &body, const QString &key)
{
    const QJsonValue value = body.value(key);
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    return OAuthLevel{object.value(QStringLiteral("enabled")).toBool(),
                      object.value(QStringLiteral("twoLoEnabled")).toBool(),
                      object.value(QStringLiteral("twoLoImpersonationEnabled")).toBool()};
}

bool consistent(const OAuthLevel &level)
{
    return (level.enabled || !level.twoLo) && (level.twoLo || !level.twoLoImpersonation);
}

void applyIncoming(Store &store, const AppLink &link, const OAuthLevel &incoming)
{
    if (incoming.enabled) {
        store.exec(
            QStringLiteral(
                "UPDATE oauth_consumers SET two_lo_allowed = ?, two_lo_impersonation_allowed = ?"
                " WHERE link_id = ? AND outgoing = 0"),
            {incoming.twoLo, incoming.twoLoImpersonation, link.id});
    } else {
        // Turning incoming OAuth off removes the consumer, and with it the tokens users gave it.
        store.exec(
            QStringLiteral("DELETE FROM oauth1_tokens WHERE consumer_key IN (SELECT consumer_key"
                           " FROM oauth_consumers WHERE link_id = ? AND outgoing = 0)"),
            {link.id});
        store.exec(QStringLiteral("DELETE FROM oauth_consumers WHERE link_id = ? AND outgoing = 0"),
                   {link.id});
    }
    storeIncoming(store, link.id, incoming);
}

SimResponse putOAuthStatus(RequestContext &context)
{
    bool ok = false;
    const QJsonObject body = context.request.jsonBody(&ok).object();
    const auto incoming = readLevel(body, QStringLiteral("incoming"));
    const auto outgoing = readLevel(body, QStringLiteral("outgoing"));
    // Documented in the resource: a body it cannot turn into a status is a 500 (spec 3.4 (18)).
    if (!ok || !incoming || !outgoing)
        return errors::restStatus(context.request, 500,
                                  QStringLiteral("Malformed JSON body: an OAuth status needs"
                                                 " 'incoming' and 'outgoing' objects."));
    const QString id = context.request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return v3InvalidId(id);
    const auto link = find(context.store(), id);
    if (!link)
        return v3NoSuchLink(id);
    for (const auto &[name, level] : {std::pair{QStringLiteral("incoming"), *incoming},
                                      std::pair{QStringLiteral("outgoing"), *outgoing}}) {
        if (!consistent(level)) {
            return errors::appLinksV3(
                400,
                QStringLiteral("2-legged OAuth needs OAuth, and impersonation needs"
                               " 2-legged OAuth."),
                name);
        }
    }
    const bool impersonation = incoming->twoLoImpersonation || outgoing->twoLoImpersonation;
    if (auto denied = requireAdminV3(context, impersonation))
        return *denied;
    const bool self = isSelf(link->rpcUrl, context.baseUrl());
    const bool hasConsumer =
        context.store()
            .one(QStringLiteral("SELECT 1 FROM oauth_consumers WHERE link_id = ? AND outgoing = 0"),
                 {id})
            .has_value();
    // Enabling incoming OAuth needs the remote's consumer information; only this instance answers.
    if (incoming->enabled && !hasConsumer && !self) {
        return errors::appLinksV3(409, QStringLiteral("The consumer information of '") +
                                           link->name +
                                           QStringLiteral("' could not be retrieved from ") +
                                           link->rpcUrl + QStringLiteral(" and none is cached."));
    }
    applyIncoming(context.store(), *link, *incoming);
    storeOutgoing(context.store(), id, *outgoing);
    setOutgoingProviders(context.store(), id, *outgoing);
    return SimResponse::noContent();
}

} // namespace

void registerStatus(Router &router)
{
    addRoute(router, "GET", kV3, QStringLiteral("status/{id}"), getStatus);
    addRoute(router, "GET", kV3, QStringLiteral("status/{id}/oauth"), getOAuthStatus);
    addRoute(router, "PUT", kV3, QStringLiteral("status/{id}/oauth"), putOAuthStatus);
}

} // namespace trackersim::applinks
