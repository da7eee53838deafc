#include "OAuth2Decoders.h"

#include "JsonReader.h"

namespace accessdesk {

namespace {

OAuth2Client readClient(json::ObjectReader &reader)
{
    OAuth2Client client;
    client.id = reader.string("id");
    client.clientId = reader.string("clientId");
    client.clientSecret = reader.string("clientSecret");
    client.name = reader.string("name");
    client.redirects = reader.stringList("redirects");
    client.userKey = reader.string("userKey");
    client.scope = reader.string("scope");
    if (reader.ok() && client.id.isEmpty() && client.clientId.isEmpty())
        reader.fail(reader.pathOf("id"), QStringLiteral("the client has neither id nor clientId"));
    return client;
}

} // namespace

Decoded<QList<OAuth2Client>> decodeOAuth2Clients(const QByteArray &json)
{
    return json::decodeArray<OAuth2Client>(json, QStringLiteral("clients"), readClient);
}

Decoded<OAuth2Client> decodeOAuth2Client(const QByteArray &json)
{
    return json::decodeObject<OAuth2Client>(
        json, QStringLiteral("client"),
        [](json::ObjectReader &reader) { return readClient(reader); });
}

Decoded<OAuth2TokenResponse> decodeOAuth2TokenResponse(const QByteArray &json)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("token response"), &root, &error))
        return Decoded<OAuth2TokenResponse>::failure(error);
    json::ObjectReader reader(root, QString(), &error);
    if (reader.has("error") && !reader.has("access_token")) {
        const QString code = reader.string("error");
        const QString description = reader.string("error_description");
        if (error.isEmpty())
            error = QStringLiteral("the token endpoint refused: ") + code +
                    (description.isEmpty() ? QString()
                                           : QStringLiteral(" (") + description + QLatin1Char(')'));
        return Decoded<OAuth2TokenResponse>::failure(error);
    }
    OAuth2TokenResponse token;
    token.accessToken = reader.string("access_token");
    token.tokenType = reader.string("token_type");
    token.expiresIn = reader.integer("expires_in");
    token.refreshToken = reader.string("refresh_token");
    token.scope = reader.string("scope");
    if (reader.ok() && token.accessToken.isEmpty())
        reader.fail(QStringLiteral("access_token"), QStringLiteral("missing"));
    if (!error.isEmpty())
        return Decoded<OAuth2TokenResponse>::failure(error);
    return Decoded<OAuth2TokenResponse>::success(token);
}

Decoded<OAuth2Metadata> decodeOAuth2Metadata(const QByteArray &json)
{
    QString error;
    QJsonObject root;
    if (!json::expectObject(json::parse(json), QStringLiteral("metadata"), &root, &error))
        return Decoded<OAuth2Metadata>::failure(error);
    json::ObjectReader reader(root, QString(), &error);
    OAuth2Metadata metadata;
    metadata.issuer = reader.string("issuer");
    metadata.authorizationEndpoint = reader.string("authorization_endpoint");
    metadata.tokenEndpoint = reader.string("token_endpoint");
    metadata.revocationEndpoint = reader.string("revocation_endpoint");
    metadata.scopesSupported = reader.stringList("scopes_supported");
    metadata.grantTypesSupported = reader.stringList("grant_types_supported");
    if (reader.ok() && metadata.tokenEndpoint.isEmpty())
        reader.fail(QStringLiteral("token_endpoint"), QStringLiteral("missing"));
    if (!error.isEmpty())
        return Decoded<OAuth2Metadata>::failure(error);
    return Decoded<OAuth2Metadata>::success(metadata);
}

} // namespace accessdesk
