#include "AppLinkProviders.h"

#include "AppLinkEntities.h"
#include "AppLinkRoutes.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "store/Store.h"

#include <QJsonDocument>

// GET/PUT /rest/applinks/2.0/applicationlink/{id}/authentication/provider (spec 3.4 (10)/(11)).
namespace trackersim::applinks {

namespace {

const QStringList kV2{QStringLiteral("2.0"), QStringLiteral("latest")};
constexpr RouteOptions kWebSudo{.webSudo = true};

enum class Level { ThreeLo, TwoLo, TwoLoImpersonation, Legacy };

struct ProviderInfo
{
    const char *provider;
    const char *module; // nullptr: no enabled plugin module in applinks 9.1.4
    Level level;
};

constexpr ProviderInfo kProviders[] = {
    {"com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider",
     "com.atlassian.applinks.oauth.auth.OAuthAuthenticatorProviderPluginModule", Level::ThreeLo},
    {"com.atlassian.applinks.api.auth.types.TwoLeggedOAuthAuthenticationProvider",
     "com.atlassian.applinks.oauth.auth.twolo.TwoLeggedOAuthAuthenticatorProviderPluginModule",
     Level::TwoLo},
    {"com.atlassian.applinks.api.auth.types.TwoLeggedOAuthWithImpersonationAuthenticationProvider",
     "com.atlassian.applinks.oauth.auth.twolo.impersonation."
     "TwoLeggedOAuthWithImpersonationAuthenticatorProviderPluginModule",
     Level::TwoLoImpersonation},
    // The API classes of the removed legacy providers still load, so registering them works,
    // but without a plugin module they never show up as configured.
    {"com.atlassian.applinks.api.auth.types.BasicAuthenticationProvider", nullptr, Level::Legacy},
    {"com.atlassian.applinks.api.auth.types.TrustedAppsAuthenticationProvider", nullptr,
     Level::Legacy},
    {"com.atlassian.applinks.api.auth.types.CorsAuthenticationProvider", nullptr, Level::Legacy},
};

const ProviderInfo *providerInfo(const QString &provider)
{
    for (const ProviderInfo &info : kProviders) {
        if (provider == QLatin1String(info.provider))
            return &info;
    }
    return nullptr;
}

bool wanted(Level level, const OAuthLevel &outgoing)
{
    switch (level) {
    case Level::ThreeLo:
        return outgoing.enabled;
    case Level::TwoLo:
        return outgoing.twoLo;
    case Level::TwoLoImpersonation:
        return outgoing.twoLoImpersonation;
    case Level::Legacy:
        break;
    }
    return false;
}

std::optional<AppLink> findLenient(const Store &store, const QString &id)
{
    // This resource catches the IllegalArgumentException of a malformed id: a 404 like any other.
    return isApplicationId(id) ? find(store, id) : std::nullopt;
}

SimResponse notFound(const RequestContext &context, const QString &id)
{
    return errors::restStatus(context.request, 404,
                              QStringLiteral("No application link with id '") + id +
                                  QStringLiteral("' exists."));
}

SimResponse listProviders(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    const QString id = context.request.pathParam(QStringLiteral("id"));
    if (!findLenient(context.store(), id))
        return notFound(context, id);
    const QString only = context.request.pathParam(QStringLiteral("provider"));
    QJsonArray entities;
    const auto rows = context.store().all(
        QStringLiteral("SELECT * FROM applink_auth_providers WHERE link_id = ? ORDER BY rowid"),
        {id});
    for (const QVariantMap &row : rows) {
        const QString provider = row.value(QStringLiteral("provider")).toString();
        const ProviderInfo *info = providerInfo(provider);
        if (!info || !info->module || (!only.isEmpty() && only != provider))
            continue;
        // The self link is relative in 9.1.4.
        entities.append(QJsonObject{
            {QStringLiteral("link"),
             QJsonArray{linkJson(QStringLiteral("applicationlink/") + id +
                                 QStringLiteral("/authentication/provider"))}},
            {QStringLiteral("module"), QString::fromLatin1(info->module)},
            {QStringLiteral("provider"), provider},
            {QStringLiteral("config"),
             QJsonDocument::fromJson(row.value(QStringLiteral("config")).toByteArray()).object()}});
    }
    return negotiated(context.request, 200, QStringLiteral("authenticationProviders"),
                      QJsonObject{{QStringLiteral("authenticationProviders"), entities}});
}

void storeProvider(Store &store, const QString &linkId, const ProviderInfo &info,
                   const QJsonObject &config)
{
    store.exec(
        QStringLiteral("INSERT INTO applink_auth_providers (link_id, provider, module, config)"
                       " VALUES (?, ?, ?, ?) ON CONFLICT(link_id, provider) DO UPDATE SET"
                       " module = excluded.module, config = excluded.config"),
        {linkId, QString::fromLatin1(info.provider),
         info.module ? QString::fromLatin1(info.module) : QString(),
         QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact))});
}

SimResponse putProvider(RequestContext &context)
{
    if (auto denied = requireAdminV1(context))
        return *denied;
    const QString id = context.request.pathParam(QStringLiteral("id"));
    const auto link = findLenient(context.store(), id);
    if (!link)
        return notFound(context, id);
    const QJsonObject body = context.request.jsonBody().object();
    const QString provider = body.value(QStringLiteral("provider")).toString();
    const ProviderInfo *info = providerInfo(provider);
    if (!info) {
        return listError(context.request, 400,
                         {QStringLiteral("The authentication provider type '") + provider +
                          QStringLiteral("' is not recognised (application link ") + id +
                          QStringLiteral(").")});
    }
    if (info->level == Level::TwoLoImpersonation && !callerIsSysadmin(context)) {
        return listError(context.request, 400,
                         {QStringLiteral("Only system administrators may configure ") + provider +
                          QStringLiteral(" on application link ") + id + QLatin1Char('.')});
    }
    QJsonObject config;
    const QJsonObject submitted = body.value(QStringLiteral("config")).toObject();
    for (auto it = submitted.begin(); it != submitted.end(); ++it) // a string map
        config.insert(it.key(), it.value().isString() ? it.value().toString() : QString());
    storeProvider(context.store(), id, *info, config);
    if (info->level != Level::Legacy) {
        OAuthLevel outgoing = oauthLevels(context.store(), *link, false).outgoing;
        outgoing.enabled = outgoing.enabled || info->level == Level::ThreeLo;
        outgoing.twoLo = outgoing.twoLo || info->level == Level::TwoLo;
        outgoing.twoLoImpersonation =
            outgoing.twoLoImpersonation || info->level == Level::TwoLoImpersonation;
        storeOutgoing(context.store(), id, outgoing);
    }
    return writeStatus(context.request, 201, Touched::Created,
                       QStringLiteral("applicationlink/") + id +
                           QStringLiteral("/authentication/") + provider);
}

} // namespace

void setOutgoingProviders(Store &store, const QString &linkId, const OAuthLevel &outgoing)
{
    for (const ProviderInfo &info : kProviders) {
        if (info.level == Level::Legacy)
            continue;
        if (wanted(info.level, outgoing)) {
            store.exec(
                QStringLiteral("INSERT INTO applink_auth_providers (link_id, provider, module)"
                               " VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
                {linkId, QString::fromLatin1(info.provider), QString::fromLatin1(info.module)});
        } else {
            store.exec(QStringLiteral(
                           "DELETE FROM applink_auth_providers WHERE link_id = ? AND provider = ?"),
                       {linkId, QString::fromLatin1(info.provider)});
        }
    }
}

QStringList configuredProviders(const Store &store, const QString &linkId)
{
    QStringList names;
    const auto rows = store.all(
        QStringLiteral(
            "SELECT provider FROM applink_auth_providers WHERE link_id = ? ORDER BY rowid"),
        {linkId});
    for (const QVariantMap &row : rows) {
        const QString provider = row.value(QStringLiteral("provider")).toString();
        const ProviderInfo *info = providerInfo(provider);
        if (info && info->module)
            names.append(provider);
    }
    return names;
}

void registerProviders(Router &router)
{
    addRoute(router, "GET", kV2, QStringLiteral("applicationlink/{id}/authentication/provider"),
             listProviders, kWebSudo);
    addRoute(router, "GET", kV2,
             QStringLiteral("applicationlink/{id}/authentication/provider/{provider}"),
             listProviders, kWebSudo);
    addRoute(router, "PUT", kV2, QStringLiteral("applicationlink/{id}/authentication/provider"),
             putProvider, kWebSudo);
}

} // namespace trackersim::applinks
