#include "AppLinkEntities.h"
#include "AppLinkModel.h"
#include "AppLinkProviders.h"
#include "AppLinkRemote.h"
#include "AppLinkRoutes.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "store/Store.h"

#include <QJsonDocument>

// The manifest and the applinks admin UI's own resources under /rest/applinks/1.0 (spec 3.4
// (22)–(30)): XML unless JSON is asked for, 401 E2 for non-admins, never websudo. The create
// wizard's resources are in AppLinkWizard.cpp.
namespace trackersim::applinks {

namespace {

const QStringList kV1{QStringLiteral("1.0"), QStringLiteral("latest")};

SimResponse manifest(RequestContext &context, bool forceJson)
{
    const QJsonObject body = ownManifest(context);
    SimResponse response = forceJson
                               ? SimResponse::json(200, body)
                               : negotiated(context.request, 200, QStringLiteral("manifest"), body);
    // CorsInterceptor: linked applications may read the manifest from their own pages.
    const QString origin = QString::fromUtf8(context.request.header("origin"));
    for (const AppLink &link : all(context.store())) {
        if (!origin.isEmpty() &&
            (sameOrigin(origin, link.rpcUrl) || sameOrigin(origin, link.displayUrl))) {
            response.withHeader("Access-Control-Allow-Origin", origin.toUtf8())
                .withHeader("Access-Control-Allow-Credentials", "true");
            break;
        }
    }
    return response;
}

QJsonObject linkAndProviders(RequestContext &context, const AppLink &link)
{
    const OAuthLevels levels =
        oauthLevels(context.store(), link, isSelf(link.rpcUrl, context.baseUrl()));
    const QStringList types = oauthProviderTypes();
    QJsonArray inbound;
    if (levels.incoming.enabled)
        inbound.append(types.at(0));
    if (levels.incoming.twoLo)
        inbound.append(types.at(1));
    if (levels.incoming.twoLoImpersonation)
        inbound.append(types.at(2));
    return QJsonObject{
        {QStringLiteral("application"), v1Entity(context, link, QStringLiteral("1.0"))},
        {QStringLiteral("configuredOutboundAuthenticators"),
         QJsonArray::fromStringList(configuredProviders(context.store(), link.id))},
        {QStringLiteral("configuredInboundAuthenticators"), inbound},
        // Whether OAuth can be configured for the link at all: it can for every type.
        {QStringLiteral("hasOutgoingAuthenticationProviders"), true},
        {QStringLiteral("hasIncomingAuthenticationProviders"), true},
        {QStringLiteral("webItems"), QJsonArray{}},
        {QStringLiteral("webPanels"), QJsonArray{}},
        {QStringLiteral("isSystem"), link.system},
        {QStringLiteral("entityTypeIdStrings"),
         QJsonArray::fromStringList(entityTypes(link.typeId))}};
}

SimResponse listWithProviders(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    QJsonArray list;
    for (const AppLink &link : all(context.store()))
        list.append(linkAndProviders(context, link));
    return negotiated(context.request, 200, QStringLiteral("list"),
                      QJsonObject{{QStringLiteral("list"), list}});
}

SimResponse relocateTo(RequestContext &context, AppLink link, const QString &rpcUrl,
                       const QString &displayUrl)
{
    link.rpcUrl = rpcUrl;
    link.displayUrl = displayUrl;
    updateDetails(context.store(), link);
    return SimResponse::noContent();
}

// POST relocateApplicationlink/{id}?newUrl=&nowarning= (RelocateApplicationLinkUIResource).
void relocate(const SharedContext &context, Responder respond)
{
    const SimRequest &request = context->request;
    if (auto denied = requireAdminV1(*context))
        return respond(*denied);
    if (!callerIsSysadmin(*context)) {
        return respond(errors::restStatus(
            request, 403,
            QStringLiteral("Only system administrators may perform this operation.")));
    }
    const QString id = request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return respond(invalidIdUncaught(request, id));
    // Jira would store any string it can parse as a URI; trackersim refuses non-HTTP URLs.
    const QString newUrl = request.queryValue(QStringLiteral("newUrl")).trimmed();
    if (!isHttpUrl(newUrl))
        return respond(invalidUrl(request, newUrl));
    if (!find(context->store(), id))
        return respond(errors::restStatus(request, 404,
                                          QStringLiteral("No application link with id '") + id +
                                              QStringLiteral("' exists.")));
    const bool noWarning = request.queryValue(QStringLiteral("nowarning"))
                               .compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    fetchManifest(
        context, newUrl, [context, respond, id, newUrl, noWarning](const ManifestLookup &found) {
            const auto link = find(context->store(), id);
            if (!link)
                return respond(errors::restStatus(context->request, 404,
                                                  QStringLiteral("No application link with id '") +
                                                      id + QStringLiteral("' exists.")));
            // A URL where nothing answers (or that sends us elsewhere) needs the admin's say-so;
            // the UI asks and repeats the call with nowarning=true.
            if (found.outcome == ManifestLookup::Outcome::Unreachable ||
                found.outcome == ManifestLookup::Outcome::Redirected)
                return respond(noWarning ? relocateTo(*context, *link, newUrl, newUrl)
                                         : SimResponse::noContent(409));
            const QString typeId = found.manifest.value(QStringLiteral("typeId")).toString();
            if (found.outcome == ManifestLookup::Outcome::Found && typeId != link->typeId) {
                return respond(SimResponse::text(
                    400, QString(QStringLiteral("The application at ") + newUrl +
                                 QStringLiteral(" is ") + typeDisplayName(typeId) +
                                 QStringLiteral(", not ") + typeDisplayName(link->typeId) +
                                 QLatin1Char('.'))
                             .toUtf8()));
            }
            respond(relocateTo(*context, *link, newUrl,
                               found.outcome == ManifestLookup::Outcome::Found
                                   ? found.manifest.value(QStringLiteral("url")).toString()
                                   : newUrl));
        });
}

QJsonObject permissionCode(const QString &code, const QString &url = {})
{
    QJsonObject body{{QStringLiteral("code"), code}};
    if (!url.isEmpty())
        body.insert(QStringLiteral("url"), url);
    return body;
}

QString localPermission(RequestContext &context, const QString &id)
{
    if (context.caller.isAnonymous())
        return QStringLiteral("NO_AUTHENTICATION");
    if (!callerIsAdmin(context))
        return QStringLiteral("NO_PERMISSION");
    return find(context.store(), id) ? QStringLiteral("ALLOWED") : QStringLiteral("MISSING");
}

// The remote half of a reciprocal operation, asked of a remote that answers over HTTP with the
// link's authentication: 2-legged OAuth impersonating the caller is the one trackersim can use.
void remotePermission(const SharedContext &context, const AppLink &link, bool deleting,
                      Responder respond)
{
    const QString root = QStringLiteral("permissionCodeEntity");
    const QUrl url = remoteUrl(link.rpcUrl, QStringLiteral("/rest/applinks/1.0/permission/") +
                                                (deleting ? QStringLiteral("delete-application")
                                                          : QStringLiteral("create-entity")) +
                                                QLatin1Char('/') + context->state.applicationId);
    context->state.remote->send(
        signedRequest(*context, "GET", url, context->caller.userName),
        [context, respond, root](const RemoteReply &reply) {
            bool ok = false;
            const QString code = reply.jsonObject(&ok).value(QStringLiteral("code")).toString();
            if (reply.answered() && reply.status == 200 && ok && !code.isEmpty())
                return respond(negotiated(context->request, 200, root, permissionCode(code)));
            respond(negotiated(context->request, 200, root,
                               permissionCode(reply.answered() && reply.status == 401
                                                  ? QStringLiteral("AUTHENTICATION_FAILED")
                                                  : QStringLiteral("NO_CONNECTION"))));
        });
}

// GET permission/{operation}/{id} (PermissionResource). For the made-up hosts, which code a remote
// would give cannot be known: trackersim's choice is CREDENTIALS_REQUIRED when outgoing OAuth is
// configured (nobody holds a token for an unreachable remote) and NO_AUTHENTICATION_CONFIGURED
// otherwise. A remote that answers is asked when the link may impersonate the caller.
void permission(const SharedContext &context, Responder respond)
{
    RequestContext &c = *context;
    const QString operation = c.request.pathParam(QStringLiteral("operation"));
    const QString id = c.request.pathParam(QStringLiteral("id"));
    const bool local = operation == QLatin1String("delete-application") ||
                       operation == QLatin1String("create-entity");
    const bool remote = operation == QLatin1String("reciprocate-application-delete") ||
                        operation == QLatin1String("reciprocate-entity-create");
    if (!isApplicationId(id) || (!local && !remote)) // Jersey cannot bind the path
        return respond(errors::restStatus(
            c.request, 404, QStringLiteral("null for uri: ") + c.baseUrl() + c.request.path));
    const QString root = QStringLiteral("permissionCodeEntity");
    if (local)
        return respond(negotiated(c.request, 200, root, permissionCode(localPermission(c, id))));
    const auto link = find(c.store(), id);
    if (!link)
        return respond(
            errors::restStatus(c.request, 404, QStringLiteral("No link found with id ") + id));
    const Reach reach = reachOf(c, link->rpcUrl);
    if (reach == Reach::Self)
        return respond(negotiated(c.request, 200, root, permissionCode(localPermission(c, id))));
    const OAuthLevels levels = oauthLevels(c.store(), *link, false);
    if (reach == Reach::Http && levels.outgoing.twoLoImpersonation && !c.caller.isAnonymous())
        return remotePermission(context, *link,
                                operation == QLatin1String("reciprocate-application-delete"),
                                std::move(respond));
    if (levels.outgoing.enabled) {
        return respond(negotiated(
            c.request, 200, root,
            permissionCode(
                QStringLiteral("CREDENTIALS_REQUIRED"),
                c.baseUrl() +
                    QStringLiteral("/plugins/servlet/applinks/oauth/login-dance/authorize"
                                   "?applicationLinkID=") +
                    id)));
    }
    respond(negotiated(c.request, 200, root,
                       permissionCode(QStringLiteral("NO_AUTHENTICATION_CONFIGURED"))));
}

} // namespace

void registerUi(Router &router)
{
    addRoute(router, "GET", kV1, QStringLiteral("manifest"),
             [](RequestContext &c) { return manifest(c, false); });
    addRoute(router, "GET", kV1, QStringLiteral("manifest.json"),
             [](RequestContext &c) { return manifest(c, true); });
    addRoute(router, "GET", kV1, QStringLiteral("listApplicationlinks"), listWithProviders);
    addAsyncRoute(router, "POST", kV1, QStringLiteral("relocateApplicationlink/{id}"), relocate);
    registerWizard(router);
    addAsyncRoute(router, "GET", kV1, QStringLiteral("permission/{operation}/{id}"), permission);
}

} // namespace trackersim::applinks
