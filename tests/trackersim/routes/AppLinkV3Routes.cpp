#include "AppLinkEntities.h"
#include "AppLinkModel.h"
#include "AppLinkRoutes.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "store/Store.h"

#include <QJsonDocument>
#include <QUrl>

// /rest/applinks/3.0/applinks (spec 3.4 (12)–(15)): JSON only, never websudo, E4 errors.
namespace trackersim::applinks {

namespace {

const QStringList kV3{QStringLiteral("3.0"), QStringLiteral("latest")};

// Jersey binds repeated query parameters to a Set<String>.
QStringList queryValues(const SimRequest &request, const QString &key)
{
    QStringList values;
    for (const QString &value : request.query.allQueryItemValues(key, QUrl::FullyDecoded)) {
        if (!values.contains(value))
            values.append(value);
    }
    return values;
}

QJsonObject versionJson(const QString &version)
{
    const QStringList parts = version.split(QLatin1Char('.'));
    return QJsonObject{{QStringLiteral("versionString"), version},
                       {QStringLiteral("major"), parts.value(0).toInt()},
                       {QStringLiteral("minor"), parts.value(1).toInt()},
                       {QStringLiteral("bugfix"), parts.value(2).toInt()}};
}

QJsonObject capabilities(const RequestContext &context, const AppLink &link)
{
    if (const auto error = remoteError(link, context.baseUrl())) {
        return QJsonObject{{QStringLiteral("capabilities"), QJsonArray{}},
                           {QStringLiteral("error"), *error}};
    }
    return QJsonObject{
        {QStringLiteral("applicationVersion"), versionJson(context.config().jiraVersion)},
        {QStringLiteral("applinksVersion"), versionJson(QStringLiteral("9.1.4"))},
        {QStringLiteral("capabilities"),
         QJsonArray{QStringLiteral("STATUS_API"), QStringLiteral("MIGRATION_API")}}};
}

QString configUrl(const AppLink &link)
{
    const QString display = withoutTrailingSlash(link.displayUrl);
    if (!isAtlassian(link.typeId))
        return link.displayUrl;
    if (link.typeId == QLatin1String("confluence"))
        return display + QStringLiteral("/admin/listapplicationlinks.action");
    return display + QStringLiteral("/plugins/servlet/applinks/listApplicationLinks");
}

// The RestApplinkDataProviders; an unknown key maps to null.
QJsonValue dataValue(const RequestContext &context, const AppLink &link, const QString &key)
{
    const bool self = isSelf(link.rpcUrl, context.baseUrl());
    if (key == QLatin1String("iconUri"))
        return iconUri(context.baseUrl(), link.typeId);
    if (key == QLatin1String("configUrl"))
        return configUrl(link);
    if (key == QLatin1String("editable"))
        return !link.system;
    if (key == QLatin1String("v3Editable")) // checkEditable(): local compatibility only
        return !link.system && isAtlassian(link.typeId);
    if (key == QLatin1String("webItems"))
        return QJsonArray{};
    if (key == QLatin1String("atlassian"))
        return isAtlassian(link.typeId);
    if (key == QLatin1String("applicationVersion"))
        return self && isAtlassian(link.typeId) ? QJsonValue(context.config().jiraVersion)
                                                : QJsonValue();
    if (key == QLatin1String("capabilities"))
        return capabilities(context, link);
    return QJsonValue();
}

QJsonObject extended(const RequestContext &context, const AppLink &link)
{
    QJsonObject properties;
    for (const QString &key : queryValues(context.request, QStringLiteral("property")))
        properties.insert(key, link.properties.contains(key) ? link.properties.value(key)
                                                             : QJsonValue());
    QJsonObject data;
    for (const QString &key : queryValues(context.request, QStringLiteral("data")))
        data.insert(key, dataValue(context, link, key));
    QJsonObject entity = v3Entity(link);
    entity.insert(QStringLiteral("properties"), properties);
    entity.insert(QStringLiteral("data"), data);
    return entity;
}

// OAuth 2.0 clients appear as generic links named after the client, at the scheme and host of
// their first redirect (DefaultApplinkOAuth2Service).
QList<AppLink> oauth2Links(const RequestContext &context)
{
    QList<AppLink> links;
    if (!context.config().oauth2Enabled)
        return links;
    const auto rows = context.state.store.all(QStringLiteral(
        "SELECT id, name, redirects FROM oauth2_clients ORDER BY created_at, rowid"));
    for (const QVariantMap &row : rows) {
        AppLink link;
        link.id = row.value(QStringLiteral("id")).toString();
        link.typeId = QStringLiteral("generic");
        link.name = row.value(QStringLiteral("name")).toString();
        const QJsonArray redirects =
            QJsonDocument::fromJson(row.value(QStringLiteral("redirects")).toByteArray()).array();
        if (!redirects.isEmpty()) {
            const QUrl first(redirects.first().toString());
            link.rpcUrl = link.displayUrl = first.scheme() + QStringLiteral("://") + first.host();
        }
        links.append(link);
    }
    return links;
}

// Parses the id and finds the link, or says why not (after the admin check, as the resource does).
std::optional<SimResponse> lookUp(RequestContext &context, AppLink *link)
{
    if (auto denied = requireAdminV3(context))
        return denied;
    const QString id = context.request.pathParam(QStringLiteral("id"));
    if (!isApplicationId(id))
        return v3InvalidId(id);
    const auto found = find(context.store(), id);
    if (!found)
        return v3NoSuchLink(id);
    *link = *found;
    return std::nullopt;
}

SimResponse listLinks(RequestContext &context)
{
    if (auto denied = requireAdminV3(context))
        return *denied;
    QJsonArray links;
    for (const AppLink &link : all(context.store()) + oauth2Links(context))
        links.append(extended(context, link));
    return SimResponse::json(200, links);
}

SimResponse getLink(RequestContext &context)
{
    AppLink link;
    if (auto refused = lookUp(context, &link))
        return *refused;
    return SimResponse::json(200, extended(context, link));
}

// DefaultApplinkValidationService.validateUri(): a blank URL is reported both as blank and as
// not absolute, since it is checked twice.
void validateUrl(const QString &field, const QString &value, QJsonArray *errors)
{
    if (value.trimmed().isEmpty())
        errors->append(
            v3Error(QStringLiteral("'") + field + QStringLiteral("' must not be blank."), field));
    if (isHttpUrl(value))
        return;
    const QUrl parsed(value, QUrl::StrictMode);
    errors->append(parsed.isValid() && !parsed.isRelative()
                       ? v3Error(QStringLiteral("The URL is malformed."), field)
                       : v3Error(QStringLiteral("The URL must be absolute."), field));
}

QJsonArray validateUpdate(const Store &store, const AppLink &existing, const AppLink &details)
{
    QJsonArray errors;
    if (existing.system)
        errors.append(v3Error(QStringLiteral("System Application Links cannot be modified.")));
    // trackersim also refuses a blank name, which RestApplicationLink cannot represent.
    if (details.name.trimmed().isEmpty())
        errors.append(v3Error(QStringLiteral("'name' must not be blank."), QStringLiteral("name")));
    validateUrl(QStringLiteral("rpcUrl"), details.rpcUrl, &errors);
    validateUrl(QStringLiteral("displayUrl"), details.displayUrl, &errors);
    for (const AppLink &other : all(store)) {
        if (other.id == existing.id)
            continue;
        if (other.name == details.name) {
            errors.append(v3Error(QStringLiteral("An Application Link named '") + details.name +
                                      QStringLiteral("' already exists."),
                                  QStringLiteral("name")));
        }
        if (other.rpcUrl == details.rpcUrl) {
            errors.append(v3Error(
                QStringLiteral("Another Application Link already uses this Application URL."),
                QStringLiteral("rpcUrl")));
        }
        if (other.displayUrl == details.displayUrl) {
            errors.append(
                v3Error(QStringLiteral("Another Application Link already uses this Display URL."),
                        QStringLiteral("displayUrl")));
        }
    }
    return errors;
}

SimResponse updateLink(RequestContext &context)
{
    AppLink link;
    if (auto refused = lookUp(context, &link))
        return *refused;
    bool ok = false;
    const QJsonDocument document = context.request.jsonBody(&ok);
    if (!ok || !document.isObject()) // trackersim's choice for a body Jackson cannot read
        return errors::appLinksV3(
            400, QStringLiteral("The request body is not a valid Application Link."));
    const QJsonObject body = document.object();
    AppLink details = link; // id, type and system are ignored on input
    details.name = body.value(QStringLiteral("name")).toString();
    details.rpcUrl = body.value(QStringLiteral("rpcUrl")).toString();
    details.displayUrl = body.value(QStringLiteral("displayUrl")).toString();
    const QJsonArray problems = validateUpdate(context.store(), link, details);
    if (!problems.isEmpty())
        return v3Errors(400, problems);
    if (body.value(QStringLiteral("primary")).toBool()) {
        makePrimary(context.store(), link);
        details.primary = true;
    }
    updateDetails(context.store(), details);
    return SimResponse::json(200, v3Entity(*find(context.store(), link.id)));
}

SimResponse deleteLink(RequestContext &context)
{
    AppLink link;
    if (auto refused = lookUp(context, &link))
        return *refused;
    remove(context.store(), link);
    return SimResponse::noContent();
}

} // namespace

void registerV3(Router &router)
{
    addRoute(router, "GET", kV3, QStringLiteral("applinks"), listLinks);
    addRoute(router, "GET", kV3, QStringLiteral("applinks/{id}"), getLink);
    addRoute(router, "PUT", kV3, QStringLiteral("applinks/{id}"), updateLink);
    addRoute(router, "DELETE", kV3, QStringLiteral("applinks/{id}"), deleteLink);
}

} // namespace trackersim::applinks
