#include "AppLinkModel.h"
#include "AppLinkRemote.h"
#include "AppLinkRoutes.h"

#include "http/ErrorBodies.h"
#include "http/RequestContext.h"

#include <QJsonArray>
#include <QJsonDocument>

// Applinks capabilities (spec 3.3 #19): what this instance's applinks can do. Clients use the
// list as the cheap "does this Jira have applinks v3?" probe (spec 8.1).
namespace trackersim::applinks {

namespace {

const QStringList kV3{QStringLiteral("3.0"), QStringLiteral("latest")};
const QStringList kLocalCapabilities{QStringLiteral("STATUS_API"), QStringLiteral("MIGRATION_API")};

SimResponse listCapabilities(RequestContext &)
{
    return SimResponse::json(200, QJsonArray::fromStringList(kLocalCapabilities));
}

SimResponse oneCapability(RequestContext &context)
{
    const QString wanted = context.request.pathParam(QStringLiteral("capability"));
    if (!kLocalCapabilities.contains(wanted))
        return errors::appLinksV3(404, QStringLiteral("Capability %1 not found").arg(wanted));
    // The body of a present capability is not in the spec: trackersim answers its name as a
    // JSON string, and clients should only look at the status.
    return SimResponse::text(200, '"' + wanted.toLatin1() + '"', "application/json;charset=UTF-8");
}

void remoteCapabilities(const SharedContext &context, Responder respond)
{
    if (auto refusal = requireAdminV3(*context))
        return respond(*refusal);
    const QString id = context->request.pathParam(QStringLiteral("id"));
    const auto link = find(context->store(), id);
    if (!link)
        return respond(
            errors::appLinksV3(404, QStringLiteral("No application link with id %1").arg(id)));
    // RestRemoteApplicationCapabilities; its exact JSON is uncertain. A link back to this very
    // trackersim has our capabilities, a remote that answers over HTTP is asked for its own, and
    // the made-up *.example.test hosts do not resolve.
    switch (reachOf(*context, link->rpcUrl)) {
    case Reach::Self:
        return respond(SimResponse::json(
            200, QJsonObject{{QStringLiteral("applinksVersion"), QStringLiteral("9.1.4")},
                             {QStringLiteral("capabilities"),
                              QJsonArray::fromStringList(kLocalCapabilities)}}));
    case Reach::Pretend:
        return respond(SimResponse::json(
            200,
            QJsonObject{{QStringLiteral("capabilities"), QJsonArray{}},
                        {QStringLiteral("error"), applinkError("NETWORK_ERROR", "UNKNOWN_HOST")}}));
    case Reach::Http:
        break;
    }
    RemoteRequest request;
    request.url = remoteUrl(link->rpcUrl, QStringLiteral("/rest/applinks/3.0/capabilities"));
    request.headers = {{"Accept", "application/json"}};
    context->state.remote->send(request, [respond, url = request.url](const RemoteReply &reply) {
        const QJsonDocument document = QJsonDocument::fromJson(reply.body);
        if (reply.answered() && reply.status == 200 && document.isArray()) {
            return respond(SimResponse::json(
                200, QJsonObject{{QStringLiteral("capabilities"), document.array()}}));
        }
        respond(SimResponse::json(
            200, QJsonObject{{QStringLiteral("capabilities"), QJsonArray{}},
                             {QStringLiteral("error"), remoteCallError(url, reply)}}));
    });
}

} // namespace

void registerCapabilities(Router &router)
{
    addRoute(router, "GET", kV3, QStringLiteral("capabilities"), listCapabilities);
    addAsyncRoute(router, "GET", kV3, QStringLiteral("capabilities/remote/{id}"),
                  remoteCapabilities);
    addRoute(router, "GET", kV3, QStringLiteral("capabilities/{capability}"), oneCapability);
}

} // namespace trackersim::applinks
