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

// GET permission/{operation}/{id} (PermissionResource). Which code a remote would give cannot be
// known here: trackersim's choice is CREDENTIALS_REQUIRED when outgoing OAuth is configured
// (nobody holds a token for an unreachable remote) and NO_AUTHENTICATION_CONFIGURED otherwise.
SimResponse permission(RequestContext &context)
{
    const QString operation = context.request.pathParam(QStringLiteral("operation"));
    const QString id = context.request.pathParam(QStringLiteral("id"));
    const bool local = operation == QLatin1String("delete-application") ||
                       operation == QLatin1String("create-entity");
    const bool remote = operation == QLatin1String("reciprocate-application-delete") ||
                        operation == QLatin1String("reciprocate-entity-create");
    if (!isApplicationId(id) || (!local && !remote)) // Jersey cannot bind the path
        return errors::restStatus(context.request, 404,
                                  QStringLiteral("null for uri: ") + context.baseUrl() +
                                      context.request.path);
    const QString root = QStringLiteral("permissionCodeEntity");
    if (local)
        return negotiated(context.request, 200, root, permissionCode(localPermission(context, id)));
    const auto link = find(context.store(), id);
    if (!link)
        return errors::restStatus(context.request, 404,
                                  QStringLiteral("No link found with id ") + id);
    if (isSelf(link->rpcUrl, context.baseUrl()))
        return negotiated(context.request, 200, root, permissionCode(localPermission(context, id)));
    if (oauthLevels(context.store(), *link, false).outgoing.enabled) {
        return negotiated(
            context.request, 200, root,
            permissionCode(
                QStringLiteral("CREDENTIALS_REQUIRED"),
                context.baseUrl() +
                    QStringLiteral("/plugins/servlet/applinks/oauth/login-dance/authorize"
                                   "?applicationLinkID=") +
                    id));
    }
    return negotiated(context.request, 200, root,
                      permissionCode(QStringLiteral("NO_AUTHENTICATION_CONFIGURED")));
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
    addRoute(router, "GET", kV1, QStringLiteral("permission/{operation}/{id}"), permission);
}

} // namespace trackersim::applinks
