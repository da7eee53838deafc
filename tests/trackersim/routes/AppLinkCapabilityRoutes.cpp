#include "AppLinkModel.h"
#include "AppLinkRoutes.h"

#include "http/ErrorBodies.h"
#include "http/RequestContext.h"

#include <QJsonArray>

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

SimResponse remoteCapabilities(RequestContext &context)
{
    if (auto refusal = requireAdminV3(context))
        return *refusal;
    const auto link = find(context.store(), context.request.pathParam(QStringLiteral("id")));
    if (!link)
        return errors::appLinksV3(404, QStringLiteral("No application link with id %1")
                                           .arg(context.request.pathParam(QStringLiteral("id"))));
    // RestRemoteApplicationCapabilities; its exact JSON is uncertain. A link back to this very
    // trackersim has our capabilities; other remotes cannot be reached from here.
    if (isSelf(link->rpcUrl, context.baseUrl())) {
        return SimResponse::json(
            200, QJsonObject{{QStringLiteral("applinksVersion"), QStringLiteral("9.1.4")},
                             {QStringLiteral("capabilities"),
                              QJsonArray::fromStringList(kLocalCapabilities)}});
    }
    return SimResponse::json(
        200, QJsonObject{{QStringLiteral("capabilities"), QJsonArray{}},
                         {QStringLiteral("error"),
                          QJsonObject{{QStringLiteral("category"), QStringLiteral("NETWORK_ERROR")},
                                      {QStringLiteral("type"), QStringLiteral("UNKNOWN_HOST")}}}});
}

} // namespace

void registerCapabilities(Router &router)
{
    addRoute(router, "GET", kV3, QStringLiteral("capabilities"), listCapabilities);
    addRoute(router, "GET", kV3, QStringLiteral("capabilities/remote/{id}"), remoteCapabilities);
    addRoute(router, "GET", kV3, QStringLiteral("capabilities/{capability}"), oneCapability);
}

} // namespace trackersim::applinks
