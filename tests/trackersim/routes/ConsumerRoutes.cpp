#include "Routes.h"

#include "AppLinkEntities.h"
#include "AppLinkRemote.h"
#include "OAuth1Provider.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "http/Router.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// Incoming OAuth 1.0a consumers of application links (applinks-oauth OAuthApplicationLinkResource,
// spec 4.1) and this instance's own consumer identity (consumer-info, spec 4.4).
namespace trackersim::routes {

namespace {

using namespace oauth1sp;

const QString kAppLinksOAuth = QStringLiteral("/rest/applinks-oauth/");

QJsonArray selfLink(const QString &href)
{
    return QJsonArray{QJsonObject{{QStringLiteral("href"), href},
                                  {QStringLiteral("rel"), QStringLiteral("self")}}};
}

QString consumerHref(const QString &linkId)
{
    return QStringLiteral("applicationlink/") + linkId + QStringLiteral("/authentication/consumer");
}

// ConsumerEntityBuilder: never the shared secret; "outgoing" is always written as false.
QJsonObject consumerJson(const Consumer &consumer, const QString &linkId)
{
    QJsonObject json{
        {QStringLiteral("link"), selfLink(consumerHref(linkId))},
        {QStringLiteral("key"), consumer.key},
        {QStringLiteral("name"), consumer.name},
        {QStringLiteral("signatureMethod"), consumer.signatureMethod()},
        {QStringLiteral("twoLOAllowed"), consumer.twoLOAllowed},
        {QStringLiteral("twoLOImpersonationAllowed"), consumer.twoLOImpersonationAllowed},
        {QStringLiteral("outgoing"), false}};
    if (!consumer.description.isEmpty())
        json.insert(QStringLiteral("description"), consumer.description);
    if (!consumer.publicKey.isEmpty())
        json.insert(QStringLiteral("publicKey"), consumer.publicKey);
    if (!consumer.callback.isEmpty())
        json.insert(QStringLiteral("callback"), consumer.callback);
    if (!consumer.executingTwoLOUser.isEmpty())
        json.insert(QStringLiteral("executingTwoLOUser"), consumer.executingTwoLOUser);
    return json;
}

QJsonArray configuredProviders(const Store &store, const QString &linkId)
{
    QJsonArray providers;
    for (const QVariantMap &row :
         store.all(QStringLiteral("SELECT * FROM applink_auth_providers WHERE link_id = ?"
                                  " ORDER BY provider"),
                   {linkId})) {
        providers.append(QJsonObject{
            {QStringLiteral("link"), selfLink(QStringLiteral("applicationlink/") + linkId +
                                              QStringLiteral("/authentication/provider"))},
            {QStringLiteral("module"), row.value(QStringLiteral("module")).toString()},
            {QStringLiteral("provider"), row.value(QStringLiteral("provider")).toString()},
            {QStringLiteral("config"),
             QJsonDocument::fromJson(row.value(QStringLiteral("config")).toByteArray()).object()}});
    }
    return providers;
}

// findConsumers: the incoming consumer, plus for generic links the outgoing consumers that a
// configured provider names as "consumerKey.outbound".
QJsonArray consumersOf(const Store &store, const applinks::AppLink &link,
                       const QJsonArray &providers)
{
    QJsonArray consumers;
    if (const auto incoming = incomingConsumerOf(store, link.id))
        consumers.append(consumerJson(*incoming, link.id));
    if (link.typeId != QLatin1String("generic"))
        return consumers;
    for (const QJsonValue &provider : providers) {
        const QString key =
            provider[QStringLiteral("config")][QStringLiteral("consumerKey.outbound")].toString();
        const auto outgoing = key.isEmpty() ? std::nullopt : findConsumer(store, key);
        if (outgoing && outgoing->outgoing)
            consumers.append(consumerJson(*outgoing, link.id));
    }
    return consumers;
}

// AdminApplicationLinksInterceptor, then findApplicationLink (an id that is no UUID is not found).
std::optional<SimResponse> refuse(RequestContext &context, std::optional<applinks::AppLink> *link)
{
    if (auto refusal = applinks::requireAdminV1(context))
        return refusal;
    const QString id = context.request.pathParam(QStringLiteral("id"));
    *link = applinks::find(context.store(), id);
    if (!*link)
        return errors::restStatus(context.request, 404,
                                  QStringLiteral("No application link with id '") + id +
                                      QStringLiteral("' exists."));
    return std::nullopt;
}

SimResponse getAuthentication(RequestContext &context)
{
    std::optional<applinks::AppLink> link;
    if (auto refusal = refuse(context, &link))
        return *refusal;
    const QJsonArray providers = configuredProviders(context.store(), link->id);
    return applinks::negotiated(
        context.request, 200, QStringLiteral("applicationLinkAuthentication"),
        QJsonObject{
            {QStringLiteral("link"), selfLink(QStringLiteral("applicationlink/") + link->id +
                                              QStringLiteral("/authentication"))},
            {QStringLiteral("consumers"), consumersOf(context.store(), *link, providers)},
            {QStringLiteral("configuredAuthProviders"), providers}});
}

SimResponse getConsumers(RequestContext &context)
{
    std::optional<applinks::AppLink> link;
    if (auto refusal = refuse(context, &link))
        return *refusal;
    const QJsonArray providers = configuredProviders(context.store(), link->id);
    const QJsonArray consumers = consumersOf(context.store(), *link, providers);
    if (consumers.isEmpty()) {
        const bool generic = link->typeId == QLatin1String("generic");
        return errors::restStatus(
            context.request, 404,
            generic && providers.isEmpty()
                ? QStringLiteral("No consumer found for the generic application link '") +
                      link->id + QStringLiteral("': configure an authentication provider first.")
                : QStringLiteral("No consumer found for application link '") + link->id +
                      QStringLiteral("'."));
    }
    return applinks::negotiated(context.request, 200, QStringLiteral("consumers"),
                                QJsonObject{{QStringLiteral("consumers"), consumers}});
}

QStringList missingFields(const QJsonObject &body, bool generic, bool outgoing)
{
    const auto empty = [&body](const char *field) {
        return body.value(QLatin1String(field)).toString().isEmpty();
    };
    QStringList errors;
    if (empty("key"))
        errors.append(QStringLiteral("A consumer key is required."));
    if ((!generic || outgoing) && empty("name"))
        errors.append(QStringLiteral("A consumer name is required."));
    if (generic && outgoing && empty("sharedSecret"))
        errors.append(QStringLiteral("A shared secret is required."));
    if (!outgoing && empty("publicKey"))
        errors.append(QStringLiteral("A public key is required."));
    return errors;
}

// The consumer a PUT body describes, or the E3 answer why it cannot be stored.
std::optional<SimResponse> readConsumer(const RequestContext &context,
                                        const applinks::AppLink &link, Consumer *consumer)
{
    bool ok = false;
    const QJsonObject body = context.request.jsonBody(&ok).object();
    if (!ok)
        return applinks::listError(context.request, 400,
                                   {QStringLiteral("The request body must be a consumer entity.")});
    const bool generic = link.typeId == QLatin1String("generic");
    consumer->outgoing = generic && body.value(QStringLiteral("outgoing")).toBool();
    if (const QStringList errors = missingFields(body, generic, consumer->outgoing);
        !errors.isEmpty())
        return applinks::listError(context.request, 400, errors);

    consumer->key = body.value(QStringLiteral("key")).toString();
    consumer->linkId = link.id;
    // Generic incoming consumers may come without a name; the link's name stands in (trackersim's
    // choice).
    consumer->name = body.value(QStringLiteral("name")).toString(link.name);
    consumer->description = body.value(QStringLiteral("description")).toString();
    if (consumer->outgoing) {
        consumer->sharedSecret = body.value(QStringLiteral("sharedSecret")).toString();
        return std::nullopt;
    }
    bool valid = false;
    consumer->publicKey =
        oauth1::normalisePublicKey(body.value(QStringLiteral("publicKey")).toString(), &valid);
    if (!valid)
        return applinks::listError(
            context.request, 400,
            {QStringLiteral("Invalid consumer public key for application link '") + link.id +
             QStringLiteral("'.")});
    consumer->callback = body.value(QStringLiteral("callback")).toString();
    consumer->twoLOAllowed = body.value(QStringLiteral("twoLOAllowed")).toBool();
    consumer->executingTwoLOUser = body.value(QStringLiteral("executingTwoLOUser")).toString();
    consumer->twoLOImpersonationAllowed =
        body.value(QStringLiteral("twoLOImpersonationAllowed")).toBool();
    return std::nullopt;
}

SimResponse stored(RequestContext &context, const Consumer &consumer)
{
    if (!putConsumer(context.store(), consumer, context.nowMs()))
        return errors::restStatus(context.request, 500,
                                  QStringLiteral("The consumer could not be stored."));
    // Status.created with the consumer's self link, relative as applinks 9.1.4 builds it.
    return applinks::writeStatus(context.request, 201, applinks::Touched::Created,
                                 consumerHref(consumer.linkId));
}

// ?autoConfigure=true: the consumer is the remote's own, read from its consumer-info; only the
// 2-legged options come from the body.
void autoConfigure(const applinks::SharedContext &context, const applinks::AppLink &link,
                   Responder respond)
{
    const QJsonObject body = context->request.jsonBody().object();
    Consumer options;
    options.linkId = link.id;
    options.twoLOAllowed = body.value(QStringLiteral("twoLOAllowed")).toBool();
    options.executingTwoLOUser = body.value(QStringLiteral("executingTwoLOUser")).toString();
    options.twoLOImpersonationAllowed =
        body.value(QStringLiteral("twoLOImpersonationAllowed")).toBool();
    applinks::fetchConsumer(
        context, link.rpcUrl, options,
        [context, respond, id = link.id](const std::optional<Consumer> &consumer) {
            if (!consumer || !applinks::find(context->store(), id)) {
                return respond(errors::restStatus(
                    context->request, 500,
                    QStringLiteral("Failed to retrieve the consumer information of the remote"
                                   " application.")));
            }
            respond(stored(*context, *consumer));
        });
}

void putConsumerRoute(const applinks::SharedContext &context, Responder respond)
{
    std::optional<applinks::AppLink> link;
    if (auto refusal = refuse(*context, &link))
        return respond(*refusal);
    if (context->request.queryValue(QStringLiteral("autoConfigure")).toLower() ==
        QLatin1String("true"))
        return autoConfigure(context, *link, std::move(respond));
    Consumer consumer;
    if (auto refusal = readConsumer(*context, *link, &consumer))
        return respond(*refusal);
    respond(stored(*context, consumer));
}

SimResponse consumerInfo(RequestContext &context)
{
    const Identity identity = instanceIdentity(context.store(), context.nowMs());
    const QString description = QStringLiteral("Atlassian Jira at ") + context.baseUrl();
    const QString document =
        QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<consumer>\n  <key>") +
        identity.consumerKey.toHtmlEscaped() + QStringLiteral("</key>\n  <name>") +
        context.config().serverTitle.toHtmlEscaped() + QStringLiteral("</name>\n  <publicKey>") +
        identity.publicKey + QStringLiteral("</publicKey>\n  <description>") +
        description.toHtmlEscaped() + QStringLiteral("</description>\n</consumer>\n");
    return SimResponse::xml(200, document.toUtf8());
}

} // namespace

void registerConsumers(Router &router)
{
    const RouteOptions webSudo{.webSudo = true};
    for (const QString &version : {QStringLiteral("1.0"), QStringLiteral("latest")}) {
        const QString base =
            kAppLinksOAuth + version + QStringLiteral("/applicationlink/{id}/authentication");
        router.add("GET", base, getAuthentication, webSudo);
        router.add("GET", base + QStringLiteral("/consumer"), getConsumers, webSudo);
        // No DELETE: applinks-oauth 9.1.4 has none; the add-consumer-manually servlet removes
        // consumers.
        router.addAsync("PUT", base + QStringLiteral("/consumer"), putConsumerRoute, webSudo);
    }
    router.add("GET", QStringLiteral("/plugins/servlet/oauth/consumer-info"), consumerInfo);
    oauth1sp::registerConsumerServlet(router);
}

} // namespace trackersim::routes
