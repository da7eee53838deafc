#include "AppLinkEntities.h"

#include "AppLinkRemote.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"

#include <QXmlStreamWriter>

#include <functional>

namespace trackersim::applinks {

namespace {

QString scalarText(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble()) {
        const double number = value.toDouble();
        const auto whole = qint64(number);
        return double(whole) == number ? QString::number(whole) : QString::number(number);
    }
    return value.toString();
}

void writeElement(QXmlStreamWriter &xml, const QString &name, const QJsonValue &value)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            writeElement(xml, name, item);
        return;
    }
    if (value.isNull() || value.isUndefined())
        return;
    if (!value.isObject()) {
        xml.writeTextElement(name, scalarText(value));
        return;
    }
    const QJsonObject object = value.toObject();
    xml.writeStartElement(name);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (name == QLatin1String("link"))
            xml.writeAttribute(it.key(), scalarText(it.value()));
        else
            writeElement(xml, it.key(), it.value());
    }
    xml.writeEndElement();
}

QByteArray xmlDocument(const std::function<void(QXmlStreamWriter &)> &write)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.writeStartDocument(QStringLiteral("1.0"), true);
    write(xml);
    xml.writeEndDocument();
    return out;
}

int buildNumber(const QString &version)
{
    int build = 0;
    for (const QString &part : version.split(QLatin1Char('.')))
        build = build * 1000 + part.toInt();
    return build;
}

} // namespace

QString restVersion(const SimRequest &request)
{
    // "/rest/applinks/<version>/…"
    return request.path.section(QLatin1Char('/'), 3, 3);
}

QString selfHref(const RequestContext &context, const QString &id)
{
    return context.baseUrl() + QStringLiteral("/rest/applinks/") + restVersion(context.request) +
           QStringLiteral("/applicationlink/") + id;
}

QJsonObject linkJson(const QString &href)
{
    return QJsonObject{{QStringLiteral("href"), href},
                       {QStringLiteral("rel"), QStringLiteral("self")}};
}

QJsonObject v1Entity(const RequestContext &context, const AppLink &link)
{
    return v1Entity(context, link, restVersion(context.request));
}

QJsonObject v1Entity(const RequestContext &context, const AppLink &link, const QString &version)
{
    const QString href = context.baseUrl() + QStringLiteral("/rest/applinks/") + version +
                         QStringLiteral("/applicationlink/") + link.id;
    QJsonObject entity{{QStringLiteral("link"), QJsonArray{linkJson(href)}},
                       {QStringLiteral("id"), link.id},
                       {QStringLiteral("typeId"), link.typeId},
                       {QStringLiteral("name"), link.name},
                       {QStringLiteral("displayUrl"), link.displayUrl},
                       {QStringLiteral("iconUrl"), iconUrl(context.baseUrl(), link.typeId)},
                       {QStringLiteral("iconUri"), iconUri(context.baseUrl(), link.typeId)},
                       {QStringLiteral("isPrimary"), link.primary},
                       {QStringLiteral("isSystem"), link.system}};
    if (!link.system)
        entity.insert(QStringLiteral("rpcUrl"), link.rpcUrl);
    return entity;
}

QJsonObject v3Entity(const AppLink &link)
{
    return QJsonObject{{QStringLiteral("id"), link.id},
                       {QStringLiteral("name"), link.name},
                       {QStringLiteral("displayUrl"), link.displayUrl},
                       {QStringLiteral("rpcUrl"), link.rpcUrl},
                       {QStringLiteral("type"), link.typeId},
                       {QStringLiteral("system"), link.system},
                       {QStringLiteral("primary"), link.primary}};
}

QJsonObject ownManifest(const RequestContext &context)
{
    const QString base = context.baseUrl();
    // In 9.1.4 the outbound set is filled from the inbound types as well.
    const QJsonArray authTypes = QJsonArray::fromStringList(
        QStringList{QStringLiteral("placeholder.to.ensure.backwards.compatibility")} +
        oauthProviderTypes());
    return QJsonObject{{QStringLiteral("id"), context.state.applicationId},
                       {QStringLiteral("name"), context.config().serverTitle},
                       {QStringLiteral("typeId"), QStringLiteral("jira")},
                       {QStringLiteral("version"), context.config().jiraVersion},
                       {QStringLiteral("buildNumber"), buildNumber(context.config().jiraVersion)},
                       {QStringLiteral("applinksVersion"), QStringLiteral("9.1.4")},
                       {QStringLiteral("inboundAuthenticationTypes"), authTypes},
                       {QStringLiteral("outboundAuthenticationTypes"), authTypes},
                       {QStringLiteral("publicSignup"), false},
                       {QStringLiteral("url"), base},
                       {QStringLiteral("iconUrl"), iconUrl(base, QStringLiteral("jira"))},
                       {QStringLiteral("iconUri"), iconUri(base, QStringLiteral("jira"))}};
}

QByteArray toXml(const QString &root, const QJsonObject &object)
{
    return xmlDocument([&](QXmlStreamWriter &xml) { writeElement(xml, root, object); });
}

SimResponse negotiated(const SimRequest &request, int status, const QString &xmlRoot,
                       const QJsonObject &body)
{
    if (request.acceptsJson())
        return SimResponse::json(status, body);
    return SimResponse::xml(status, toXml(xmlRoot, body));
}

SimResponse listError(const SimRequest &request, int status, const QStringList &messages,
                      const QStringList &fields)
{
    if (request.acceptsJson())
        return errors::appLinksList(status, messages, fields);
    return SimResponse::xml(status, xmlDocument([&](QXmlStreamWriter &xml) {
                                xml.writeStartElement(QStringLiteral("error"));
                                xml.writeAttribute(QStringLiteral("status"),
                                                   QString::number(status));
                                for (const QString &message : messages)
                                    xml.writeTextElement(QStringLiteral("message"), message);
                                for (const QString &field : fields)
                                    xml.writeTextElement(QStringLiteral("fields"), field);
                                xml.writeEndElement();
                            }));
}

SimResponse writeStatus(const SimRequest &request, int status, Touched touched, const QString &href,
                        const QString &message)
{
    // RestUtil.created()/updated() build the Status entity without Status.responseBuilder(), so
    // real applinks sends no Location header. How Jackson names the wrapped link list in JSON is
    // uncertain (spec 3.2); trackersim uses the wrapper name with an array of links.
    const QString wrapper = touched == Touched::Created ? QStringLiteral("resources-created")
                                                        : QStringLiteral("resources-updated");
    QJsonObject body{{QStringLiteral("status-code"), status},
                     {wrapper, QJsonArray{linkJson(href)}}};
    if (!message.isEmpty())
        body.insert(QStringLiteral("message"), message);
    if (request.acceptsJson())
        return SimResponse::json(status, body);
    return SimResponse::xml(status, xmlDocument([&](QXmlStreamWriter &xml) {
                                xml.writeStartElement(QStringLiteral("status"));
                                xml.writeTextElement(QStringLiteral("status-code"),
                                                     QString::number(status));
                                if (!message.isEmpty())
                                    xml.writeTextElement(QStringLiteral("message"), message);
                                xml.writeStartElement(wrapper);
                                writeElement(xml, QStringLiteral("link"), linkJson(href));
                                xml.writeEndElement();
                                xml.writeEndElement();
                            }));
}

SimResponse uncaught(const SimRequest &request, const QString &message)
{
    return errors::restStatus(request, 500, message);
}

SimResponse invalidIdUncaught(const SimRequest &request, const QString &id)
{
    // new ApplicationId(id) throws, and v1 resources do not catch it.
    return uncaught(request, QStringLiteral("java.lang.IllegalArgumentException: id must be a valid"
                                            " java.util.UUID string: ") +
                                 id);
}

SimResponse formError(const SimRequest &request, const QString &message, const QString &field)
{
    return listError(request, 400, {message}, {field});
}

SimResponse invalidUrl(const SimRequest &request, const QString &url)
{
    return listError(request, 400,
                     {QStringLiteral("The URL '") + url + QStringLiteral("' is not valid.")});
}

SimResponse v3Errors(int status, const QJsonArray &errors)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("status"), status},
                                                 {QStringLiteral("errors"), errors}});
}

QJsonObject v3Error(const QString &summary, const QString &context)
{
    QJsonObject error{{QStringLiteral("summary"), summary}};
    if (!context.isEmpty())
        error.insert(QStringLiteral("context"), context);
    return error;
}

SimResponse v3InvalidId(const QString &id)
{
    return errors::appLinksV3(400, QStringLiteral("'") + id +
                                       QStringLiteral("' is not a valid Application Link ID."));
}

SimResponse v3NoSuchLink(const QString &id)
{
    return errors::appLinksV3(404, QStringLiteral("No Application Link with ID '") + id +
                                       QStringLiteral("' exists on this server."));
}

std::optional<QJsonObject> remoteError(const AppLink &link, const QString &baseUrl)
{
    if (link.system)
        return applinkError("SYSTEM", "SYSTEM_LINK");
    if (!isAtlassian(link.typeId))
        return applinkError("NON_ATLASSIAN", "GENERIC_LINK");
    if (isSelf(link.rpcUrl, baseUrl))
        return std::nullopt;
    // The *.example.test hosts do not resolve: Jira's HTTP client reports an unknown host.
    return applinkError("NETWORK_ERROR", "UNKNOWN_HOST", hostOf(link.rpcUrl));
}

} // namespace trackersim::applinks
