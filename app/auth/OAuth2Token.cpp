#include "auth/OAuth2Token.h"

#include "JsonReader.h"
#include "auth/FormEncoding.h"
#include "auth/ServerUrl.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace accessdesk {

namespace {

void addClient(FormFields &fields, const QString &clientId, const QString &clientSecret)
{
    fields.append({QStringLiteral("client_id"), clientId});
    if (!clientSecret.isEmpty())
        fields.append({QStringLiteral("client_secret"), clientSecret});
}

OAuth2TokenReply malformed(const QString &why)
{
    OAuth2TokenReply reply;
    reply.status = OAuth2TokenReply::Status::Malformed;
    reply.errorDescription = why;
    return reply;
}

// Missing and null are "absent"; any other non-string is a type error.
bool readString(const QJsonObject &object, QLatin1String key, QString *out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString())
        return false;
    *out = value.toString();
    return true;
}

} // namespace

QUrl OAuth2TokenRequest::tokenUrl(const QUrl &baseUrl)
{
    return urlOnServer(baseUrl, u"/rest/oauth2/latest/token");
}

QUrl OAuth2TokenRequest::revokeUrl(const QUrl &baseUrl)
{
    return urlOnServer(baseUrl, u"/rest/oauth2/latest/revoke");
}

QByteArray OAuth2TokenRequest::authorizationCodeBody(const QString &code,
                                                     const QString &redirectUri,
                                                     const QString &clientId,
                                                     const QString &clientSecret,
                                                     const QByteArray &codeVerifier)
{
    FormFields fields{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                      {QStringLiteral("code"), code},
                      {QStringLiteral("redirect_uri"), redirectUri}};
    addClient(fields, clientId, clientSecret);
    if (!codeVerifier.isEmpty())
        fields.append({QStringLiteral("code_verifier"), QString::fromLatin1(codeVerifier)});
    return formEncoding::encode(fields);
}

QByteArray OAuth2TokenRequest::refreshBody(const QString &refreshToken, const QString &clientId,
                                           const QString &clientSecret)
{
    FormFields fields{{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                      {QStringLiteral("refresh_token"), refreshToken}};
    addClient(fields, clientId, clientSecret);
    return formEncoding::encode(fields);
}

QByteArray OAuth2TokenRequest::revokeBody(const QString &token, const QString &hint,
                                          const QString &clientId, const QString &clientSecret)
{
    FormFields fields{{QStringLiteral("token"), token}};
    if (!hint.isEmpty())
        fields.append({QStringLiteral("token_type_hint"), hint});
    addClient(fields, clientId, clientSecret);
    return formEncoding::encode(fields);
}

OAuth2TokenReply OAuth2TokenReply::parse(int httpStatus, const QByteArray &body)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return malformed(
            QStringLiteral("HTTP %1 with a body that is not a JSON object").arg(httpStatus));
    const QJsonObject object = document.object();

    OAuth2TokenReply reply;
    if (!readString(object, QLatin1String("error"), &reply.error) ||
        !readString(object, QLatin1String("error_description"), &reply.errorDescription))
        return malformed(QStringLiteral("\"error\" is not a string"));
    if (!reply.error.isEmpty()) {
        reply.status = Status::ProviderError;
        return reply;
    }
    if (!readString(object, QLatin1String("access_token"), &reply.accessToken) ||
        !readString(object, QLatin1String("token_type"), &reply.tokenType) ||
        !readString(object, QLatin1String("refresh_token"), &reply.refreshToken) ||
        !readString(object, QLatin1String("scope"), &reply.scope))
        return malformed(QStringLiteral("a token field is not a string"));
    const QJsonValue expiresIn = object.value(QLatin1String("expires_in"));
    if (!expiresIn.isUndefined() && !expiresIn.isNull()) {
        // A whole number of seconds: converting 1e300 or a fraction to qint64 from double would
        // be undefined (found by tests/fuzz/fuzz_oauthparams).
        reply.expiresIn = json::exactInteger(expiresIn);
        if (!reply.expiresIn)
            return malformed(QStringLiteral("\"expires_in\" is not a whole number of seconds"));
    }

    if (httpStatus < 200 || httpStatus > 299 || reply.accessToken.isEmpty())
        return malformed(
            QStringLiteral("HTTP %1 without an access token or an error").arg(httpStatus));
    if (!reply.tokenType.isEmpty() &&
        reply.tokenType.compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0)
        return malformed(QStringLiteral("unsupported token type"));
    reply.status = Status::Ok;
    return reply;
}

} // namespace accessdesk
