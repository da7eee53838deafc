#include "ConsumerDecoders.h"

#include "JsonReader.h"

#include <QRegularExpression>
#include <QXmlStreamReader>

namespace accessdesk {

namespace {

OAuthConsumer readConsumer(json::ObjectReader &reader)
{
    OAuthConsumer consumer;
    consumer.key = reader.string("key");
    consumer.name = reader.string("name");
    consumer.description = reader.string("description");
    consumer.publicKey = reader.string("publicKey");
    consumer.callback = reader.string("callback");
    consumer.signatureMethod = reader.string("signatureMethod");
    consumer.twoLoAllowed = reader.boolean("twoLOAllowed");
    consumer.executingTwoLoUser = reader.string("executingTwoLOUser");
    consumer.twoLoImpersonationAllowed = reader.boolean("twoLOImpersonationAllowed");
    consumer.outgoing = reader.boolean("outgoing");
    if (reader.ok() && consumer.key.isEmpty())
        reader.fail(reader.pathOf("key"), QStringLiteral("the consumer has no key"));
    return consumer;
}

AuthProvider readProvider(json::ObjectReader &reader)
{
    AuthProvider provider;
    provider.provider = reader.string("provider");
    provider.module = reader.string("module");
    const QJsonObject config = reader.object("config");
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (it.value().isNull())
            continue;
        if (!it.value().isString()) {
            reader.fail(reader.pathOf("config") + QLatin1Char('.') + it.key(),
                        QStringLiteral("expected a string, got ") + json::typeName(it.value()));
            break;
        }
        provider.config.insert(it.key(), it.value().toString());
    }
    return provider;
}

} // namespace

Decoded<QList<OAuthConsumer>> decodeConsumers(const QByteArray &json)
{
    return json::decodeObject<QList<OAuthConsumer>>(
        json, QStringLiteral("consumers"), [](json::ObjectReader &reader) {
            return json::readObjectsAt<OAuthConsumer>(reader, "consumers", readConsumer);
        });
}

Decoded<OAuthConsumer> decodeConsumer(const QByteArray &json)
{
    return json::decodeObject<OAuthConsumer>(
        json, QStringLiteral("consumer"),
        [](json::ObjectReader &reader) { return readConsumer(reader); });
}

Decoded<AppLinkAuthentication> decodeAppLinkAuthentication(const QByteArray &json)
{
    return json::decodeObject<AppLinkAuthentication>(
        json, QStringLiteral("authentication"), [](json::ObjectReader &reader) {
            AppLinkAuthentication authentication;
            authentication.consumers =
                json::readObjectsAt<OAuthConsumer>(reader, "consumers", readConsumer);
            authentication.providers =
                json::readObjectsAt<AuthProvider>(reader, "configuredAuthProviders", readProvider);
            return authentication;
        });
}

Decoded<QList<AuthProvider>> decodeAuthProviders(const QByteArray &json)
{
    return json::decodeObject<QList<AuthProvider>>(
        json, QStringLiteral("authenticationProviders"), [](json::ObjectReader &reader) {
            return json::readObjectsAt<AuthProvider>(reader, "authenticationProviders",
                                                     readProvider);
        });
}

Decoded<ConsumerInfo> decodeConsumerInfo(const QByteArray &xml)
{
    if (xml.trimmed().isEmpty())
        return Decoded<ConsumerInfo>::failure(
            QStringLiteral("the server sent an empty body where consumer-info XML was expected"));
    QXmlStreamReader reader(xml);
    ConsumerInfo info;
    bool sawConsumer = false;
    // Only the children of the root <consumer> count; unknown elements are skipped whole.
    while (reader.readNextStartElement()) {
        if (reader.name() != QLatin1String("consumer")) {
            return Decoded<ConsumerInfo>::failure(
                QStringLiteral("consumer-info: expected a <consumer> element, got <%1>")
                    .arg(reader.name().toString().left(40)));
        }
        sawConsumer = true;
        while (reader.readNextStartElement()) {
            const QStringView name = reader.name();
            QString *target = name == QLatin1String("key")           ? &info.key
                              : name == QLatin1String("name")        ? &info.name
                              : name == QLatin1String("publicKey")   ? &info.publicKey
                              : name == QLatin1String("description") ? &info.description
                              : name == QLatin1String("callback")    ? &info.callback
                                                                     : nullptr;
            if (!target) {
                reader.skipCurrentElement();
                continue;
            }
            *target = reader.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
        }
        break;
    }
    if (reader.hasError()) {
        return Decoded<ConsumerInfo>::failure(
            QStringLiteral("consumer-info: the XML is malformed at line %1: %2")
                .arg(reader.lineNumber())
                .arg(reader.errorString()));
    }
    if (!sawConsumer)
        return Decoded<ConsumerInfo>::failure(
            QStringLiteral("consumer-info: the document has no <consumer> element"));
    if (info.key.isEmpty())
        return Decoded<ConsumerInfo>::failure(QStringLiteral("consumer-info.key: missing"));
    // Jira prints the key bare, but tolerate any PEM armour ("PUBLIC KEY", "RSA PUBLIC KEY",
    // "CERTIFICATE") and whitespace: the result is bare base64 of the DER, which
    // RsaPublicKey::read takes in each of those forms.
    static const QRegularExpression armour(QStringLiteral("-----(BEGIN|END) [A-Z0-9 ]+-----"));
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    info.publicKey.remove(armour).remove(whitespace);
    return Decoded<ConsumerInfo>::success(info);
}

} // namespace accessdesk
