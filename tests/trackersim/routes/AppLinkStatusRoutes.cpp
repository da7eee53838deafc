#include "AppLinkEntities.h"
#include "AppLinkHealth.h"
#include "AppLinkModel.h"
#include "AppLinkProviders.h"
#include "AppLinkRemote.h"
#include "AppLinkRoutes.h"
#include "OAuth1Provider.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "store/Store.h"

#include <QJsonDocument>
#include <QUrl>

// /rest/applinks/3.0/status/{id}[/oauth] (spec 3.4 (16)–(18)).
namespace trackersim::applinks {

namespace {

const QStringList kV3{QStringLiteral("3.0"), QStringLiteral("latest")};

void getStatus(const SharedContext &context, Responder respond)
{
    const SimRequest &request = context->request;
    if (request.query.hasQueryItem(QStringLiteral("authorisationCallback"))) {
        const QUrl callback(request.queryValue(QStringLiteral("authorisationCallback")));
        if (!callback.isValid() || callback.isRelative())
            return respond(
                errors::appLinksV3(400, QStringLiteral("authorisationCallback must be absolute")));
    }
    const QString id = request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return respond(v3InvalidId(id));
    // The resource allows anonymous calls; the status service checks for an admin itself.
    if (auto denied = requireAdminV3(*context))
        return respond(*denied);
    const auto link = find(context->store(), id);
    if (!link)
        return respond(v3NoSuchLink(id));
    checkHealth(context, *link,
                [respond](const QJsonObject &status) { respond(SimResponse::json(200, status)); });
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
    return SimResponse::json(
        200, oauthLevels(context.store(), *link, isSelf(link->rpcUrl, context.baseUrl())).toJson());
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
        routes::oauth1sp::removeIncomingConsumer(store, link.id);
    }
    storeIncoming(store, link.id, incoming);
}

SimResponse applyLevels(RequestContext &context, const AppLink &link, const OAuthLevels &levels)
{
    applyIncoming(context.store(), link, levels.incoming);
    storeOutgoing(context.store(), link.id, levels.outgoing);
    setOutgoingProviders(context.store(), link.id, levels.outgoing);
    return SimResponse::noContent();
}

SimResponse noConsumerInformation(const AppLink &link)
{
    return errors::appLinksV3(409, QStringLiteral("The consumer information of '") + link.name +
                                       QStringLiteral("' could not be retrieved from ") +
                                       link.rpcUrl + QStringLiteral(" and none is cached."));
}

void putOAuthStatus(const SharedContext &context, Responder respond)
{
    bool ok = false;
    const auto levels = OAuthLevels::fromJson(context->request.jsonBody(&ok).object());
    // Documented in the resource: a body it cannot turn into a status is a 500 (spec 3.4 (18)).
    if (!ok || !levels)
        return respond(errors::restStatus(context->request, 500,
                                          QStringLiteral("Malformed JSON body: an OAuth status"
                                                         " needs 'incoming' and 'outgoing'"
                                                         " objects.")));
    const QString id = context->request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return respond(v3InvalidId(id));
    const auto link = find(context->store(), id);
    if (!link)
        return respond(v3NoSuchLink(id));
    for (const auto &[name, level] : {std::pair{QStringLiteral("incoming"), levels->incoming},
                                      std::pair{QStringLiteral("outgoing"), levels->outgoing}}) {
        if (!consistent(level)) {
            return respond(errors::appLinksV3(
                400,
                QStringLiteral("2-legged OAuth needs OAuth, and impersonation needs"
                               " 2-legged OAuth."),
                name));
        }
    }
    const bool impersonation =
        levels->incoming.twoLoImpersonation || levels->outgoing.twoLoImpersonation;
    if (auto denied = requireAdminV3(*context, impersonation))
        return respond(*denied);
    const bool hasConsumer = routes::oauth1sp::incomingConsumerOf(context->store(), id).has_value();
    const Reach reach = reachOf(*context, link->rpcUrl);
    // Enabling incoming OAuth needs the remote's consumer information (spec 4.2). This instance
    // needs none for a link to itself; a remote that answers is asked for its consumer-info.
    if (!levels->incoming.enabled || hasConsumer || reach == Reach::Self)
        return respond(applyLevels(*context, *link, *levels));
    if (reach == Reach::Pretend)
        return respond(noConsumerInformation(*link));
    routes::oauth1sp::Consumer options;
    options.linkId = link->id;
    options.twoLOAllowed = levels->incoming.twoLo;
    options.twoLOImpersonationAllowed = levels->incoming.twoLoImpersonation;
    fetchConsumer(
        context, link->rpcUrl, options,
        [context, respond, levels, id](const std::optional<routes::oauth1sp::Consumer> &consumer) {
            const auto current = find(context->store(), id);
            if (!current)
                return respond(v3NoSuchLink(id));
            if (!consumer ||
                !routes::oauth1sp::putConsumer(context->store(), *consumer, context->nowMs()))
                return respond(noConsumerInformation(*current));
            respond(applyLevels(*context, *current, *levels));
        });
}

} // namespace

void registerStatus(Router &router)
{
    addAsyncRoute(router, "GET", kV3, QStringLiteral("status/{id}"), getStatus);
    addRoute(router, "GET", kV3, QStringLiteral("status/{id}/oauth"), getOAuthStatus);
    addAsyncRoute(router, "PUT", kV3, QStringLiteral("status/{id}/oauth"), putOAuthStatus);
}

} // namespace trackersim::applinks
