#include "AdminDecoders.h"

#include "AppLinkDecoders.h"
#include "JsonReader.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace accessdesk {

namespace {

AppManifest readManifest(json::ObjectReader &reader)
{
    AppManifest manifest;
    manifest.id = reader.string("id");
    manifest.name = reader.string("name");
    manifest.typeId = reader.string("typeId");
    manifest.version = reader.string("version");
    manifest.buildNumber = reader.integer("buildNumber");
    manifest.applinksVersion = reader.string("applinksVersion");
    manifest.inboundAuthenticationTypes = reader.stringList("inboundAuthenticationTypes");
    manifest.outboundAuthenticationTypes = reader.stringList("outboundAuthenticationTypes");
    manifest.publicSignup = reader.boolean("publicSignup");
    manifest.url = reader.string("url");
    manifest.iconUrl = reader.string("iconUrl");
    manifest.iconUri = reader.string("iconUri");
    // Without an id nothing can be linked to it: that is not a manifest.
    if (reader.ok() && manifest.id.isEmpty())
        reader.fail(reader.pathOf("id"), QStringLiteral("the manifest has no id"));
    return manifest;
}

// Collects every "href" string below value; the Status entity's wrappers vary (spec 3.2).
void collectHrefs(const QJsonValue &value, QStringList *hrefs)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectHrefs(item, hrefs);
        return;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("href") && it.value().isString())
            hrefs->append(it.value().toString());
        else
            collectHrefs(it.value(), hrefs);
    }
}

AppLinkWithAuth readLinkWithAuth(json::ObjectReader &reader)
{
    AppLinkWithAuth entry;
    const QJsonObject application = reader.object("application");
    if (reader.ok() && application.isEmpty()) {
        reader.fail(reader.pathOf("application"), QStringLiteral("the entry has no link"));
        return entry;
    }
    // The embedded ApplicationLinkEntity is read by the v1 decoder, with this path in front.
    const Decoded<AppLink> link =
        decodeAppLinkV1(QJsonDocument(application).toJson(QJsonDocument::Compact));
    if (!link) {
        reader.fail(reader.pathOf("application"), link.error);
        return entry;
    }
    entry.link = *link;
    entry.outboundAuthenticators = reader.stringList("configuredOutboundAuthenticators");
    entry.inboundAuthenticators = reader.stringList("configuredInboundAuthenticators");
    entry.hasOutgoingProviders = reader.boolean("hasOutgoingAuthenticationProviders");
    entry.hasIncomingProviders = reader.boolean("hasIncomingAuthenticationProviders");
    entry.entityTypes = reader.stringList("entityTypeIdStrings");
    if (reader.has("isSystem"))
        entry.link.system = reader.boolean("isSystem");
    return entry;
}

} // namespace

Decoded<AppManifest> decodeManifest(const QByteArray &json)
{
    return json::decodeObject<AppManifest>(
        json, QStringLiteral("manifest"),
        [](json::ObjectReader &reader) { return readManifest(reader); });
}

Decoded<ManifestProbe> decodeManifestProbe(const QByteArray &json)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("probe"), &root, &error))
        return Decoded<ManifestProbe>::failure(error);
    json::ObjectReader reader(root, QString(), &error);
    ManifestProbe probe;
    // A ManifestEntity always carries its id; a ResponseInfoEntity never does.
    if (reader.has("id") || reader.has("typeId"))
        probe.manifest = readManifest(reader);
    probe.warningCode = reader.string("code");
    probe.warning = reader.string("warning");
    if (!error.isEmpty())
        return Decoded<ManifestProbe>::failure(error);
    return Decoded<ManifestProbe>::success(probe);
}

Decoded<QList<AppLinkWithAuth>> decodeAppLinksWithAuth(const QByteArray &json)
{
    return json::decodeObject<QList<AppLinkWithAuth>>(
        json, QStringLiteral("list"), [](json::ObjectReader &reader) {
            return json::readObjectsAt<AppLinkWithAuth>(reader, "list", readLinkWithAuth);
        });
}

Decoded<RestStatus> decodeRestStatus(const QByteArray &json)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("status"), &root, &error))
        return Decoded<RestStatus>::failure(error);
    json::ObjectReader reader(root, QString(), &error);
    RestStatus status;
    status.statusCode = reader.integer("status-code");
    status.message = reader.string("message");
    for (const char *key : {"resources-created", "resources-updated"})
        collectHrefs(root.value(QLatin1String(key)), &status.hrefs);
    if (!error.isEmpty())
        return Decoded<RestStatus>::failure(error);
    return Decoded<RestStatus>::success(status);
}

QString appLinkIdFromHref(const QString &href)
{
    static const QRegularExpression pattern(
        QStringLiteral("(?:^|/)applicationlink/([^/?#]+)/?(?:[?#].*)?$"));
    const auto match = pattern.match(href);
    if (!match.hasMatch())
        return {};
    const QString id = match.captured(1);
    // "applicationlink/primary" and "applicationlink/type" are collections, not links.
    if (id == QLatin1String("primary") || id == QLatin1String("type"))
        return {};
    return id;
}

} // namespace accessdesk
