#include "AppLinkDecoders.h"

#include "JsonReader.h"

namespace accessdesk {

namespace {

// v1/v2 spell the flags isPrimary/isSystem and the type typeId; v3 says primary/system/type.
// Reading both spellings lets one reader serve every version and the embedded `link` objects.
AppLink readLink(json::ObjectReader &reader)
{
    AppLink link;
    link.id = reader.string("id");
    link.typeId = reader.has("typeId") ? reader.string("typeId") : reader.string("type");
    link.name = reader.string("name");
    link.displayUrl = reader.string("displayUrl");
    link.rpcUrl = reader.string("rpcUrl");
    link.primary =
        reader.has("isPrimary") ? reader.boolean("isPrimary") : reader.boolean("primary");
    link.system = reader.has("isSystem") ? reader.boolean("isSystem") : reader.boolean("system");
    if (reader.ok() && link.id.isEmpty())
        reader.fail(reader.pathOf("id"), QStringLiteral("the link has no id"));
    return link;
}

OAuthConfig readConfig(json::ObjectReader &parent, const char *key)
{
    json::ObjectReader reader(parent.object(key), parent.pathOf(key), parent.errorSink());
    OAuthConfig config;
    config.enabled = reader.boolean("enabled");
    config.twoLoEnabled = reader.boolean("twoLoEnabled");
    config.twoLoImpersonationEnabled = reader.boolean("twoLoImpersonationEnabled");
    return config;
}

OAuthStatus readOAuthStatus(json::ObjectReader &reader)
{
    return OAuthStatus{readConfig(reader, "incoming"), readConfig(reader, "outgoing")};
}

std::optional<OAuthStatus> readOptionalStatus(json::ObjectReader &parent, const char *key)
{
    if (!parent.has(key))
        return std::nullopt;
    json::ObjectReader reader(parent.object(key), parent.pathOf(key), parent.errorSink());
    return readOAuthStatus(reader);
}

} // namespace

Decoded<QList<AppLink>> decodeAppLinksV1(const QByteArray &json)
{
    return json::decodeObject<QList<AppLink>>(
        json, QStringLiteral("applicationLinks"), [](json::ObjectReader &reader) {
            return json::readObjectsAt<AppLink>(reader, "applicationLinks", readLink);
        });
}

Decoded<AppLink> decodeAppLinkV1(const QByteArray &json)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("applicationLink"), &root, &error))
        return Decoded<AppLink>::failure(error);
    QString path;
    if (root.value(QLatin1String("applicationLink")).isObject()) {
        root = root.value(QLatin1String("applicationLink")).toObject();
        path = QStringLiteral("applicationLink");
    }
    json::ObjectReader reader(root, path, &error);
    const AppLink link = readLink(reader);
    if (!error.isEmpty())
        return Decoded<AppLink>::failure(error);
    return Decoded<AppLink>::success(link);
}

Decoded<QList<AppLink>> decodeAppLinksV3(const QByteArray &json)
{
    return json::decodeArray<AppLink>(json, QStringLiteral("applinks"), readLink);
}

Decoded<AppLink> decodeAppLinkV3(const QByteArray &json)
{
    return json::decodeObject<AppLink>(json, QStringLiteral("applink"),
                                       [](json::ObjectReader &reader) { return readLink(reader); });
}

Decoded<AppLinkStatus> decodeAppLinkStatus(const QByteArray &json)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("status"), &root, &error))
        return Decoded<AppLinkStatus>::failure(error);
    json::ObjectReader reader(root, QString(), &error);
    AppLinkStatus status;
    json::ObjectReader link(reader.object("link"), QStringLiteral("link"), &error);
    if (reader.has("link"))
        status.link = readLink(link);
    status.working = reader.boolean("working");
    json::ObjectReader problem(reader.object("error"), QStringLiteral("error"), &error);
    status.errorCategory = problem.string("category");
    status.errorType = problem.string("type");
    // `details` is free-form in Jira (a string, null, or an object): keep only a string.
    if (problem.has("details") && reader.object("error").value(QLatin1String("details")).isString())
        status.errorDetails = problem.string("details");
    status.authorisationUri = problem.string("authorisationUri");
    status.localAuthentication = readOptionalStatus(reader, "localAuthentication");
    status.remoteAuthentication = readOptionalStatus(reader, "remoteAuthentication");
    if (!error.isEmpty())
        return Decoded<AppLinkStatus>::failure(error);
    return Decoded<AppLinkStatus>::success(status);
}

Decoded<OAuthStatus> decodeOAuthStatus(const QByteArray &json)
{
    return json::decodeObject<OAuthStatus>(
        json, QStringLiteral("oauth status"),
        [](json::ObjectReader &reader) { return readOAuthStatus(reader); });
}

} // namespace accessdesk
