#include "AppLinkEntities.h"
#include "AppLinkModel.h"
#include "AppLinkProviders.h"
#include "AppLinkRoutes.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "store/Store.h"

#include <QJsonDocument>

// The manifest and the applinks admin UI's own resources under /rest/applinks/1.0 (spec 3.4
// (22)–(30)): XML unless JSON is asked for, 401 E2 for non-admins, never websudo.
namespace trackersim::applinks {

namespace {

const QStringList kV1{QStringLiteral("1.0"), QStringLiteral("latest")};
const QString kOAuth =
    QStringLiteral("com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider");
const QString kTwoLo =
    QStringLiteral("com.atlassian.applinks.api.auth.types.TwoLeggedOAuthAuthenticationProvider");
const QString kTwoLoi = QStringLiteral(
    "com.atlassian.applinks.api.auth.types.TwoLeggedOAuthWithImpersonationAuthenticationProvider");

// The product a made-up remote host name suggests: bamboo…, wiki…, git… and jira… hosts.
QString guessType(const QString &host)
{
    const QString label = host.section(QLatin1Char('.'), 0, 0);
    if (label.contains(QLatin1String("bamboo")))
        return QStringLiteral("bamboo");
    if (label.contains(QLatin1String("wiki")) || label.contains(QLatin1String("confluence")))
        return QStringLiteral("confluence");
    if (label.contains(QLatin1String("git")) || label.contains(QLatin1String("bitbucket")))
        return QStringLiteral("stash");
    if (label.contains(QLatin1String("jira")))
        return QStringLiteral("jira");
    return {};
}

// What the remote's /rest/applinks/1.0/manifest would say, for the hosts trackersim pretends
// to reach: this instance itself, and Atlassian-sounding *.example.test hosts.
std::optional<QJsonObject> remoteManifest(const RequestContext &context, const QString &url)
{
    if (isSelf(url, context.baseUrl()))
        return ownManifest(context);
    const QString host = hostOf(url);
    const QString typeId = guessType(host);
    if (!host.endsWith(QLatin1String(".example.test")) || typeId.isEmpty())
        return std::nullopt;
    const QString base = withoutTrailingSlash(url);
    const QJsonArray authTypes{kOAuth, kTwoLo, kTwoLoi};
    return QJsonObject{{QStringLiteral("id"), idForUrl(base)},
                       {QStringLiteral("name"), typeDisplayName(typeId)},
                       {QStringLiteral("typeId"), typeId},
                       {QStringLiteral("version"), QStringLiteral("9.2.0")},
                       {QStringLiteral("buildNumber"), 9002000},
                       {QStringLiteral("applinksVersion"), QStringLiteral("9.1.4")},
                       {QStringLiteral("inboundAuthenticationTypes"), authTypes},
                       {QStringLiteral("outboundAuthenticationTypes"), authTypes},
                       {QStringLiteral("publicSignup"), false},
                       {QStringLiteral("url"), base},
                       {QStringLiteral("iconUrl"), iconUrl(base, typeId)},
                       {QStringLiteral("iconUri"), iconUri(base, typeId)}};
}

SimResponse invalidUrl(const RequestContext &context, const QString &url)
{
    return listError(context.request, 400,
                     {QStringLiteral("The URL '") + url + QStringLiteral("' is not valid.")});
}

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
    QJsonArray inbound;
    if (levels.incoming.enabled)
        inbound.append(kOAuth);
    if (levels.incoming.twoLo)
        inbound.append(kTwoLo);
    if (levels.incoming.twoLoImpersonation)
        inbound.append(kTwoLoi);
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

// GET applicationlinkForm/manifest?url= (CreateApplicationLinkUIResource.tryToFetchManifest).
SimResponse probe(RequestContext &context)
{
    if (!passesXsrfCheck(context)) // the method is annotated @RequiresXsrfCheck
        return errors::xsrfFailed();
    if (auto denied = requireAdminV1(context))
        return *denied;
    const QString url = context.request.queryValue(QStringLiteral("url")).trimmed();
    if (url.isEmpty())
        return listError(context.request, 400,
                         {QStringLiteral("Please enter the URL of the application to link to.")});
    if (!isHttpUrl(url))
        return invalidUrl(context, url);
    // Jira matches existing links by the remote's application id; the seeded links' ids are not
    // derived from their URLs, so trackersim matches by URL as well.
    const QString wanted = withoutTrailingSlash(url);
    for (const AppLink &link : all(context.store())) {
        if (withoutTrailingSlash(link.rpcUrl) == wanted ||
            withoutTrailingSlash(link.displayUrl) == wanted) {
            return listError(context.request, 409,
                             {QStringLiteral("An application link to ") + wanted +
                              QStringLiteral(" already exists.")});
        }
    }
    if (!isReachable(url, context.baseUrl())) {
        return negotiated(
            context.request, 200, QStringLiteral("responseInfo"),
            QJsonObject{{QStringLiteral("code"), QStringLiteral("applinks.warning.unknown.host")},
                        {QStringLiteral("warning"),
                         QStringLiteral("The host doesn't respond. Change the URL or click Continue"
                                        " to confirm.")}});
    }
    const auto found = remoteManifest(context, url);
    if (!found) // a site without an applinks manifest: a non-Atlassian application
        return negotiated(context.request, 200, QStringLiteral("responseInfo"), QJsonObject{});
    const QString id = found->value(QStringLiteral("id")).toString();
    if (const auto existing = find(context.store(), id)) {
        return listError(
            context.request, 409,
            {existing->displayUrl == found->value(QStringLiteral("url")).toString()
                 ? QStringLiteral("An application link to ") + wanted +
                       QStringLiteral(" already exists.")
                 : QStringLiteral("An application link to this application already exists with a"
                                  " different URL.")});
    }
    if (id == ownManifest(context).value(QStringLiteral("id")).toString())
        return listError(context.request, 409,
                         {QStringLiteral("You cannot link this application to itself.")});
    return negotiated(context.request, 200, QStringLiteral("manifest"), *found);
}

SimResponse formError(const RequestContext &context, const QString &message, const QString &field)
{
    return listError(context.request, 400, {message}, {field});
}

// POST applicationlinkForm/createAppLink (the UI's create wizard).
SimResponse createAppLink(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    const QJsonObject body = context.request.jsonBody().object();
    const QJsonObject entity = body.value(QStringLiteral("applicationLink")).toObject();
    AppLink link;
    link.name = entity.value(QStringLiteral("name")).toString().trimmed();
    link.typeId = entity.value(QStringLiteral("typeId")).toString();
    link.rpcUrl = entity.value(QStringLiteral("rpcUrl")).toString();
    link.displayUrl = entity.value(QStringLiteral("displayUrl")).toString();
    if (link.displayUrl.isEmpty()) // trackersim's choice: the UI always sends both
        link.displayUrl = link.rpcUrl;
    link.primary = entity.value(QStringLiteral("isPrimary")).toBool();
    const QJsonObject form = body.value(QStringLiteral("configFormValues")).toObject();
    if (link.name.isEmpty())
        return formError(context, QStringLiteral("Please enter a name for the application."),
                         QStringLiteral("application-name"));
    if (!isKnownType(link.typeId))
        return formError(context, QStringLiteral("Please select a valid application type."),
                         QStringLiteral("application-types"));
    if (form.value(QStringLiteral("shareUserbase")).toBool() && !callerIsSysadmin(context)) {
        return formError(context,
                         QStringLiteral("Only system administrators may perform this operation."),
                         QStringLiteral("same-userbase"));
    }
    if (!isHttpUrl(link.rpcUrl) || !isHttpUrl(link.displayUrl))
        return invalidUrl(context, isHttpUrl(link.rpcUrl) ? link.displayUrl : link.rpcUrl);
    const QString exists =
        QStringLiteral("An application link with this application URL already exists.");
    if (rpcUrlInUse(context.store(), link.rpcUrl, {}))
        return listError(context.request, 400, {exists});
    // The reciprocal link is created first, with the remote administrator's credentials.
    const bool twoWay = body.value(QStringLiteral("createTwoWayLink")).toBool();
    if (twoWay && !isReachable(link.rpcUrl, context.baseUrl())) {
        return errors::restStatus(
            context.request, 500,
            QStringLiteral("An error occurred while creating the link in the remote application."));
    }
    // Atlassian applications are linked under the id from their manifest.
    if (isAtlassian(link.typeId)) {
        const auto remote = remoteManifest(context, link.rpcUrl);
        if (!remote) {
            return errors::restStatus(
                context.request, 500,
                QStringLiteral(
                    "The application at this URL is not of the selected application type."));
        }
        link.id = remote->value(QStringLiteral("id")).toString();
    } else {
        link.id = idForUrl(link.rpcUrl);
    }
    if (find(context.store(), link.id))
        return listError(context.request, 400, {exists});
    if (nameInUse(context.store(), link.name, {}))
        return formError(context,
                         QStringLiteral("An application link named '") + link.name +
                             QStringLiteral("' already exists."),
                         QStringLiteral("application-name"));
    if (!insert(context.store(), link, context.nowMs()))
        return uncaught(context.request,
                        QStringLiteral("The application link could not be stored."));
    // Configuring OAuth on both ends needs the remote, which trackersim never really reaches.
    return negotiated(
        context.request, 200, QStringLiteral("createdApplicationLink"),
        QJsonObject{{QStringLiteral("applicationLink"),
                     v1Entity(context, *find(context.store(), link.id), QStringLiteral("1.0"))},
                    {QStringLiteral("autoConfigurationSuccessful"), !twoWay}});
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
SimResponse relocate(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    if (!callerIsSysadmin(context)) {
        return errors::restStatus(
            context.request, 403,
            QStringLiteral("Only system administrators may perform this operation."));
    }
    const QString id = context.request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return invalidIdUncaught(context.request, id);
    // Jira would store any string it can parse as a URI; trackersim refuses non-HTTP URLs.
    const QString newUrl = context.request.queryValue(QStringLiteral("newUrl")).trimmed();
    if (!isHttpUrl(newUrl))
        return invalidUrl(context, newUrl);
    const auto link = find(context.store(), id);
    if (!link)
        return errors::restStatus(context.request, 404,
                                  QStringLiteral("No application link with id '") + id +
                                      QStringLiteral("' exists."));
    const bool noWarning = context.request.queryValue(QStringLiteral("nowarning"))
                               .compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    if (!isReachable(newUrl, context.baseUrl()))
        return noWarning ? relocateTo(context, *link, newUrl, newUrl) : SimResponse::noContent(409);
    const auto remote = remoteManifest(context, newUrl);
    if (remote && remote->value(QStringLiteral("typeId")).toString() != link->typeId) {
        return SimResponse::text(
            400,
            QString(QStringLiteral("The application at ") + newUrl + QStringLiteral(" is ") +
                    typeDisplayName(remote->value(QStringLiteral("typeId")).toString()) +
                    QStringLiteral(", not ") + typeDisplayName(link->typeId) + QLatin1Char('.'))
                .toUtf8());
    }
    return relocateTo(context, *link, newUrl,
                      remote ? remote->value(QStringLiteral("url")).toString() : newUrl);
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
    addRoute(router, "GET", kV1, QStringLiteral("applicationlinkForm/manifest"), probe);
    addRoute(router, "POST", kV1, QStringLiteral("applicationlinkForm/createAppLink"),
             createAppLink);
    addRoute(router, "POST", kV1, QStringLiteral("relocateApplicationlink/{id}"), relocate);
    addRoute(router, "GET", kV1, QStringLiteral("permission/{operation}/{id}"), permission);
}

} // namespace trackersim::applinks
