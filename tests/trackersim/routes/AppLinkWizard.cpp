#include "AppLinkWizard.h"
#include "AppLinkEntities.h"
#include "AppLinkModel.h"
#include "AppLinkProviders.h"
#include "AppLinkRemote.h"
#include "AppLinkRoutes.h"
#include "OAuth1Provider.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"

#include <QJsonArray>

// The applinks create wizard (CreateApplicationLinkUIResource, spec 3.4 (25)–(27); createAppLink
// itself is in AppLinkCreation.cpp) and the AuthenticationResource that a remote's wizard calls
// on this instance.
namespace trackersim::applinks {

namespace {

const QStringList kV1{QStringLiteral("1.0"), QStringLiteral("latest")};

SimResponse responseInfo(const RequestContext &context, const QJsonObject &info)
{
    return negotiated(context.request, 200, QStringLiteral("responseInfo"), info);
}

// GET applicationlinkForm/manifest?url= (tryToFetchManifest).
void probe(const SharedContext &context, Responder respond)
{
    if (!passesXsrfCheck(*context)) // the method is annotated @RequiresXsrfCheck
        return respond(errors::xsrfFailed());
    if (auto denied = requireAdminV1(*context))
        return respond(*denied);
    const SimRequest &request = context->request;
    const QString url = request.queryValue(QStringLiteral("url")).trimmed();
    if (url.isEmpty())
        return respond(listError(
            request, 400, {QStringLiteral("Please enter the URL of the application to link to.")}));
    if (!isHttpUrl(url))
        return respond(invalidUrl(request, url));
    // Jira matches existing links by the remote's application id; the seeded links' ids are not
    // derived from their URLs, so trackersim matches by URL as well.
    const QString wanted = withoutTrailingSlash(url);
    const QString exists =
        QStringLiteral("An application link to ") + wanted + QStringLiteral(" already exists.");
    for (const AppLink &link : all(context->store())) {
        if (withoutTrailingSlash(link.rpcUrl) == wanted ||
            withoutTrailingSlash(link.displayUrl) == wanted)
            return respond(listError(request, 409, {exists}));
    }
    fetchManifest(context, url, [context, respond, exists](const ManifestLookup &found) {
        const SimRequest &request = context->request;
        switch (found.outcome) {
        case ManifestLookup::Outcome::Unreachable:
            return respond(responseInfo(
                *context,
                QJsonObject{
                    {QStringLiteral("code"), QStringLiteral("applinks.warning.unknown.host")},
                    {QStringLiteral("warning"),
                     QStringLiteral("The host doesn't respond. Change the URL or click"
                                    " Continue to confirm.")}}));
        case ManifestLookup::Outcome::Redirected: {
            QJsonObject params;
            params.insert(QStringLiteral("redirectedUrl"), found.details);
            return respond(responseInfo(
                *context,
                QJsonObject{
                    {QStringLiteral("code"), QStringLiteral("applinks.warning.redirected.host")},
                    {QStringLiteral("warning"),
                     QString(QStringLiteral("The application redirects to ") + found.details +
                             QStringLiteral(". Use that URL instead, or click Continue to"
                                            " confirm."))},
                    {QStringLiteral("params"), params}}));
        }
        case ManifestLookup::Outcome::NotAtlassian: // a site without an applinks manifest
            return respond(responseInfo(*context, QJsonObject{}));
        case ManifestLookup::Outcome::Found:
            break;
        }
        const QString typeId = found.manifest.value(QStringLiteral("typeId")).toString();
        if (!isKnownType(typeId))
            return respond(listError(request, 400,
                                     {QStringLiteral("The remote application type '") + typeId +
                                      QStringLiteral("' is not installed here.")}));
        const QString id = found.manifest.value(QStringLiteral("id")).toString();
        if (const auto existing = find(context->store(), id)) {
            return respond(listError(
                request, 409,
                {existing->displayUrl == found.manifest.value(QStringLiteral("url")).toString()
                     ? exists
                     : QStringLiteral("An application link to this application already exists"
                                      " with a different URL.")}));
        }
        if (id == context->state.applicationId)
            return respond(listError(
                request, 409, {QStringLiteral("You cannot link this application to itself.")}));
        respond(negotiated(request, 200, QStringLiteral("manifest"), found.manifest));
    });
}

// POST applicationlinkForm/details (verifyTwoWayLinkDetails): are these the remote's admin
// credentials, and can the remote reach this instance at rpcUrl?
void verifyDetails(const SharedContext &context, Responder respond)
{
    if (auto denied = requireAdminV1(*context))
        return respond(*denied);
    const QJsonObject body = context->request.jsonBody().object();
    const QString remote = body.value(QStringLiteral("remoteUrl")).toString();
    const QString user = body.value(QStringLiteral("username")).toString();
    const QString password = body.value(QStringLiteral("password")).toString();
    const QString back = body.value(QStringLiteral("rpcUrl")).toString(context->baseUrl());
    if (!isHttpUrl(remote) || !isHttpUrl(back))
        return respond(invalidUrl(context->request, isHttpUrl(remote) ? back : remote));
    askWhetherAdmin(context, remote, user, password, [=](std::optional<bool> admin) {
        if (!admin)
            return respond(cannotCheckCredentials(*context));
        if (!*admin)
            return respond(formError(context->request,
                                     QStringLiteral("The user name or password is not that of an"
                                                    " administrator of the remote application."),
                                     QStringLiteral("reciprocal-link-password")));
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(back));
        const QUrl reachable =
            remoteUrl(remote, QStringLiteral("/rest/applinks/1.0/authenticationinfo/id/") +
                                  context->state.applicationId + QStringLiteral("/url/") + encoded +
                                  QStringLiteral("?url=") + encoded);
        context->state.remote->send(
            basicRequest("GET", reachable, user, password),
            [context, respond, back](const RemoteReply &reply) {
                if (reply.answered() && reply.status / 100 == 2)
                    return respond(SimResponse::noContent(200));
                respond(listError(context->request, 400,
                                  {QStringLiteral("The remote application cannot reach ") +
                                   context->config().serverTitle + QStringLiteral(" at ") + back +
                                   QStringLiteral(". Enter the URL it should use.")}));
            });
    });
}

SimResponse isAdminUser(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    return SimResponse::noContent(200);
}

// GET authenticationinfo/id/{applinkId}/url/{url}?url=: does the application at url have this id?
void rpcUrlIsReachable(const SharedContext &context, Responder respond)
{
    if (auto denied = requireAdminV1(*context))
        return respond(*denied);
    const SimRequest &request = context->request;
    // Old clients put the URL in the path; the query parameter survives proxies better.
    const QString url = request.query.hasQueryItem(QStringLiteral("url"))
                            ? request.queryValue(QStringLiteral("url"))
                            : request.pathParam(QStringLiteral("url"));
    const QString id = request.pathParam(QStringLiteral("applinkId"));
    if (!isHttpUrl(url))
        return respond(errors::restStatus(request, 404, {}));
    fetchManifest(context, url, [context, respond, id](const ManifestLookup &found) {
        const bool same = found.outcome == ManifestLookup::Outcome::Found &&
                          found.manifest.value(QStringLiteral("id")).toString() == id;
        respond(same ? SimResponse::noContent(200) : errors::restStatus(context->request, 404, {}));
    });
}

} // namespace

void registerWizard(Router &router)
{
    addAsyncRoute(router, "GET", kV1, QStringLiteral("applicationlinkForm/manifest"), probe);
    addAsyncRoute(router, "POST", kV1, QStringLiteral("applicationlinkForm/createAppLink"),
                  createAppLink);
    addAsyncRoute(router, "POST", kV1, QStringLiteral("applicationlinkForm/details"),
                  verifyDetails);
    addRoute(router, "GET", kV1, QStringLiteral("authenticationinfo"), isAdminUser);
    addAsyncRoute(router, "GET", kV1,
                  QStringLiteral("authenticationinfo/id/{applinkId}/url/{url+}"),
                  rpcUrlIsReachable);
}

} // namespace trackersim::applinks
