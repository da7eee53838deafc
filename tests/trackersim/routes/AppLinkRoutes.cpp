#include "Routes.h"

#include "AppLinkEntities.h"
#include "AppLinkModel.h"
#include "AppLinkRemote.h"
#include "AppLinkRoutes.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "http/Router.h"
#include "store/Store.h"

#include <QJsonDocument>

// Applinks v1 and v2 `applicationlink` resources (spec 3.4 (1)–(11)). The v2 resource class
// extends the v1 one, so every v1 method is also served under 2.0; `latest` resolves to 2.0.
namespace trackersim::routes {

namespace {

using namespace applinks;

const QStringList kV1AndV2{QStringLiteral("1.0"), QStringLiteral("2.0"), QStringLiteral("latest")};
const QStringList kV2{QStringLiteral("2.0"), QStringLiteral("latest")};
// @WebSudoRequired on the class; only DELETE is @WebSudoNotRequired.
constexpr RouteOptions kWebSudo{.webSudo = true};

QString notFoundMessage(const QString &id)
{
    return QStringLiteral("No application link with id '") + id + QStringLiteral("' exists.");
}

QString typeNotInstalled(const QString &typeId)
{
    return QStringLiteral("No type with id ") + typeId + QStringLiteral(" installed");
}

SimResponse onlySysadmin(const RequestContext &context)
{
    return errors::restStatus(
        context.request, 403,
        QStringLiteral("Only system administrators may perform this operation."));
}

SimResponse duplicateName(const RequestContext &context, const QString &name)
{
    return listError(context.request, 400,
                     {QStringLiteral("An application link named '") + name +
                      QStringLiteral("' already exists.")});
}

// Reads an ApplicationLinkEntity. What JAXB/Jersey would refuse to unmarshal, trackersim
// answers with E3 like the resources' own checks.
std::optional<SimResponse> readEntity(const RequestContext &context, AppLink *link)
{
    bool ok = false;
    const QJsonDocument document = context.request.jsonBody(&ok);
    if (!ok || !document.isObject()) {
        return listError(context.request, 400,
                         {QStringLiteral("The request body must be an application link in JSON.")});
    }
    const QJsonObject body = document.object();
    link->id = body.value(QStringLiteral("id")).toString();
    link->typeId = body.value(QStringLiteral("typeId")).toString();
    link->name = body.value(QStringLiteral("name")).toString().trimmed();
    link->rpcUrl = body.value(QStringLiteral("rpcUrl")).toString();
    link->displayUrl = body.value(QStringLiteral("displayUrl")).toString();
    link->primary = body.value(QStringLiteral("isPrimary")).toBool();
    if (!isKnownType(link->typeId))
        return listError(context.request, 400, {typeNotInstalled(link->typeId)});
    if (link->name.isEmpty())
        return listError(context.request, 400,
                         {QStringLiteral("An application link needs a name.")});
    for (const auto &[field, value] : {std::pair{QStringLiteral("rpcUrl"), link->rpcUrl},
                                       std::pair{QStringLiteral("displayUrl"), link->displayUrl}}) {
        if (!isHttpUrl(value)) {
            return listError(context.request, 400,
                             {QStringLiteral("'") + field +
                              QStringLiteral("' must be an absolute http or https URL.")});
        }
    }
    if (!link->id.isEmpty() && !isApplicationId(link->id)) {
        return listError(context.request, 400,
                         {QStringLiteral("id must be a valid java.util.UUID string: ") + link->id});
    }
    return std::nullopt;
}

SimResponse linkList(RequestContext &context, const QList<AppLink> &links)
{
    QJsonArray entities;
    for (const AppLink &link : links)
        entities.append(v1Entity(context, link));
    return negotiated(context.request, 200, QStringLiteral("applicationLinks"),
                      QJsonObject{{QStringLiteral("applicationLinks"), entities}});
}

SimResponse listLinks(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    return linkList(context, all(context.store()));
}

SimResponse listLinksOfType(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    const QString typeId = context.request.pathParam(QStringLiteral("typeId"));
    if (!isKnownType(typeId))
        return listError(context.request, 400, {typeNotInstalled(typeId)});
    return linkList(context, ofType(context.store(), typeId));
}

SimResponse getLink(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    const QString id = context.request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return invalidIdUncaught(context.request, id);
    const auto link = find(context.store(), id);
    // 9.1.4 dereferences the missing link (spec 3.4 (3)); trackersim answers that 500 too.
    if (!link)
        return uncaught(context.request, QStringLiteral("java.lang.NullPointerException"));
    return negotiated(context.request, 200, QStringLiteral("applicationLink"),
                      v1Entity(context, *link));
}

SimResponse getPrimary(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    const QString typeId = context.request.pathParam(QStringLiteral("typeId"));
    if (!isKnownType(typeId))
        return listError(context.request, 400, {typeNotInstalled(typeId)});
    for (const AppLink &link : ofType(context.store(), typeId)) {
        if (link.primary) {
            return negotiated(context.request, 200, QStringLiteral("applicationLink"),
                              v1Entity(context, link));
        }
    }
    return errors::restStatus(context.request, 404,
                              QStringLiteral("No primary application link of type ") + typeId +
                                  QStringLiteral(" exists."));
}

// The checks v1 PUT and v2 POST share when the link exists (ApplicationLinkResource.update…).
std::optional<SimResponse> checkUpdate(RequestContext &context, const AppLink &existing,
                                       const AppLink &submitted)
{
    if (existing.system && !callerIsSysadmin(context))
        return onlySysadmin(context);
    if (nameInUse(context.store(), submitted.name, existing.id))
        return duplicateName(context, submitted.name);
    if (existing.rpcUrl != submitted.rpcUrl) {
        return listError(context.request, 400,
                         {QStringLiteral("The application URL (rpcUrl) of a link cannot be changed"
                                         " here; relocate the link instead.")});
    }
    return std::nullopt;
}

SimResponse applyUpdate(RequestContext &context, AppLink existing, const AppLink &submitted)
{
    existing.name = submitted.name;
    existing.displayUrl = submitted.displayUrl;
    updateDetails(context.store(), existing);
    if (submitted.primary)
        makePrimary(context.store(), existing);
    return writeStatus(context.request, 200, Touched::Updated, selfHref(context, existing.id));
}

// The end of both create paths (v1 PUT, v2 POST): refuse a taken id (with the wording of that
// version) or name, then store the link and answer 201 with its self link.
SimResponse insertNew(RequestContext &context, const AppLink &submitted, const QString &idTaken)
{
    if (find(context.store(), submitted.id))
        return listError(context.request, 400, {idTaken});
    if (nameInUse(context.store(), submitted.name, {}))
        return duplicateName(context, submitted.name);
    if (!insert(context.store(), submitted, context.nowMs()))
        return uncaught(context.request,
                        QStringLiteral("The application link could not be stored."));
    return writeStatus(context.request, 201, Touched::Created, selfHref(context, submitted.id));
}

// The part of the v1 PUT after the remote's manifest was downloaded.
SimResponse createOrUpdateChecked(RequestContext &context, AppLink submitted)
{
    const QString pathId = context.request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(pathId))
        return invalidIdUncaught(context.request, pathId);
    if (const auto existing = find(context.store(), pathId)) {
        if (auto refused = checkUpdate(context, *existing, submitted))
            return *refused;
        return applyUpdate(context, *existing, submitted);
    }
    // A new link takes the body's id; trackersim falls back to the path's when there is none.
    if (submitted.id.isEmpty())
        submitted.id = pathId;
    return insertNew(context, submitted,
                     QStringLiteral("An application link with id '") + submitted.id +
                         QStringLiteral("' already exists."));
}

void createOrUpdate(const SharedContext &context, Responder respond)
{
    if (auto denied = requireAdminV1(*context))
        return respond(*denied);
    AppLink submitted;
    if (auto invalid = readEntity(*context, &submitted))
        return respond(*invalid);
    // The v1 PUT downloads the remote manifest first (spec 3.4 (5)). trackersim's reading: from
    // a server that answers, an Atlassian type needs a manifest and a generic application only
    // an answer; the made-up *.example.test hosts all count as reachable.
    const bool madeUp = reachOf(*context, submitted.rpcUrl) == Reach::Pretend;
    fetchManifest(context, submitted.rpcUrl,
                  [context, respond, submitted, madeUp](const ManifestLookup &found) {
                      const bool answered = found.outcome != ManifestLookup::Outcome::Unreachable;
                      const bool usable = found.outcome == ManifestLookup::Outcome::Found ||
                                          (answered && (madeUp || !isAtlassian(submitted.typeId)));
                      if (!usable) {
                          return respond(
                              listError(context->request, 400,
                                        {QStringLiteral("The application at ") + submitted.rpcUrl +
                                         QStringLiteral(" is not reachable.")}));
                      }
                      respond(createOrUpdateChecked(*context, submitted));
                  });
}

SimResponse credentialsRequired(const RequestContext &context)
{
    return errors::restStatus(context.request, 401,
                              QStringLiteral("You must authenticate with the remote application"
                                             " first: credentials required."));
}

SimResponse deleteLocally(RequestContext &context, const AppLink &link)
{
    remove(context.store(), link);
    return errors::restStatus(context.request, 200,
                              QStringLiteral("Deleted application with id '") + link.id +
                                  QLatin1Char('\''));
}

// ApplicationLinkClient.deleteReciprocalLinkFrom: DELETE the remote's link to us with the link's
// authentication, then the local one. trackersim holds no user's OAuth token for a remote, so the
// only authentication it can use without the user is 2-legged OAuth with impersonation.
void deleteBothEnds(const SharedContext &context, const AppLink &link, Responder respond)
{
    const OAuthLevels levels = oauthLevels(context->store(), link, false);
    if (!levels.outgoing.twoLoImpersonation || context->caller.isAnonymous())
        return respond(credentialsRequired(*context));
    const QUrl url = remoteUrl(link.rpcUrl, QStringLiteral("/rest/applinks/1.0/applicationlink/") +
                                                context->state.applicationId +
                                                QStringLiteral("?reciprocate=false"));
    context->state.remote->send(
        signedRequest(*context, "DELETE", url, context->caller.userName),
        [context, respond, id = link.id](const RemoteReply &reply) {
            // Only 200 counts as deleted; a remote asking for credentials is passed on, and
            // anything else (404 included) leaves both ends as they were.
            if (reply.answered() && reply.status == 401)
                return respond(credentialsRequired(*context));
            if (!reply.answered() || reply.status != 200)
                return respond(errors::restStatus(
                    context->request, 500,
                    QStringLiteral("The application link could not be deleted in the remote"
                                   " application.")));
            const auto current = find(context->store(), id);
            if (!current)
                return respond(errors::restStatus(context->request, 404, notFoundMessage(id)));
            respond(deleteLocally(*context, *current));
        });
}

void deleteLink(const SharedContext &context, Responder respond)
{
    if (auto denied = requireAdminV1(*context))
        return respond(*denied);
    const QString id = context->request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return respond(invalidIdUncaught(context->request, id));
    const auto link = find(context->store(), id);
    if (!link)
        return respond(errors::restStatus(context->request, 404, notFoundMessage(id)));
    if (link->system && !callerIsSysadmin(*context))
        return respond(onlySysadmin(*context));
    const bool reciprocate = context->request.queryValue(QStringLiteral("reciprocate"))
                                 .compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    if (!reciprocate)
        return respond(deleteLocally(*context, *link));
    switch (reachOf(*context, link->rpcUrl)) {
    case Reach::Self: // a link to this very instance is its own remote end
        return respond(deleteLocally(*context, *link));
    case Reach::Pretend: // nobody holds a token for a host that does not exist
        return respond(credentialsRequired(*context));
    case Reach::Http:
        return deleteBothEnds(context, *link, std::move(respond));
    }
}

SimResponse postPrimary(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    const QString id = context.request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return invalidIdUncaught(context.request, id);
    const auto link = find(context.store(), id);
    // makePrimary() of an unknown id throws inside the service; nothing maps it (trackersim's
    // choice).
    if (!link)
        return uncaught(context.request, QStringLiteral("java.lang.IllegalArgumentException: ") +
                                             notFoundMessage(id));
    makePrimary(context.store(), *link);
    return writeStatus(context.request, 200, Touched::Updated, selfHref(context, id),
                       QStringLiteral("Application with id '") + id +
                           QStringLiteral("' is now primary."));
}

SimResponse createV2(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    AppLink submitted;
    if (auto invalid = readEntity(context, &submitted))
        return *invalid;
    if (submitted.typeId == QLatin1String("generic") || submitted.id.isEmpty())
        submitted.id = idForUrl(submitted.rpcUrl);
    return insertNew(context, submitted,
                     QStringLiteral("An application link to ") + submitted.rpcUrl +
                         QStringLiteral(" already exists (duplicate url)."));
}

SimResponse updateV2(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    AppLink submitted;
    if (auto invalid = readEntity(context, &submitted))
        return *invalid;
    const QString id = context.request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return invalidIdUncaught(context.request, id);
    const auto existing = find(context.store(), id);
    if (!existing) // v2 answers 400 here, not 404 (spec 3.4 (9))
        return listError(context.request, 400, {notFoundMessage(id)});
    if (auto refused = checkUpdate(context, *existing, submitted))
        return *refused;
    return applyUpdate(context, *existing, submitted);
}

} // namespace

void registerAppLinks(Router &router)
{
    addRoute(router, "GET", kV1AndV2, QStringLiteral("applicationlink"), listLinks, kWebSudo);
    addRoute(router, "GET", kV1AndV2, QStringLiteral("applicationlink/type/{typeId}"),
             listLinksOfType, kWebSudo);
    addRoute(router, "GET", kV1AndV2, QStringLiteral("applicationlink/{id}"), getLink, kWebSudo);
    addRoute(router, "GET", kV1AndV2, QStringLiteral("applicationlink/primary/{typeId}"),
             getPrimary, kWebSudo);
    addAsyncRoute(router, "PUT", kV1AndV2, QStringLiteral("applicationlink/{id}"), createOrUpdate,
                  kWebSudo);
    addAsyncRoute(router, "DELETE", kV1AndV2, QStringLiteral("applicationlink/{id}"), deleteLink);
    addRoute(router, "POST", kV1AndV2, QStringLiteral("applicationlink/primary/{id}"), postPrimary,
             kWebSudo);
    addRoute(router, "PUT", kV2, QStringLiteral("applicationlink"), createV2, kWebSudo);
    addRoute(router, "POST", kV2, QStringLiteral("applicationlink/{id}"), updateV2, kWebSudo);
    applinks::registerProviders(router);
    applinks::registerV3(router);
    applinks::registerStatus(router);
    applinks::registerUi(router);
    applinks::registerCapabilities(router);
}

} // namespace trackersim::routes
