#include "OAuth2Support.h"

#include "auth/Crypto.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "http/Router.h"
#include "store/Store.h"

#include <QJsonArray>

// Token issue, refresh and revocation, metadata and the signing-key reset (spec 6.3–6.5).
namespace trackersim::routes::oauth2 {

namespace {

const QString kRestBase = QStringLiteral("/rest/oauth2/latest");

SimResponse invalidRequest(const QString &description)
{
    return errors::oauth2Protocol(400, QStringLiteral("invalid_request"), description);
}

SimResponse invalidGrant(const QString &description)
{
    return errors::oauth2Protocol(400, QStringLiteral("invalid_grant"), description);
}

QString field(RequestContext &context, const QString &name)
{
    return context.request.formValue(name);
}

// client_secret_post is the only client authentication the provider offers (spec 6.5).
std::optional<QVariantMap> authenticatedClient(RequestContext &context)
{
    const auto client =
        clientByClientId(context.store(), field(context, QStringLiteral("client_id")));
    const QByteArray secret = field(context, QStringLiteral("client_secret")).toUtf8();
    if (!client || secret.isEmpty() ||
        !crypto::equalSecrets(secret,
                              client->value(QStringLiteral("client_secret")).toString().toUtf8()))
        return std::nullopt;
    return client;
}

SimResponse invalidClient()
{
    return errors::oauth2Protocol(401, QStringLiteral("invalid_client"),
                                  QStringLiteral("Client authentication failed."));
}

struct TokenPair
{
    QString access = crypto::randomBase64Url(32);
    QString refresh = crypto::randomBase64Url(32);

    // Bound values for "access_hash, access_expires_at, refresh_hash, refresh_expires_at".
    QVariantList columns(qint64 nowMs) const
    {
        return {crypto::sha256Hex(access.toLatin1()), nowMs + kAccessLifetimeSeconds * 1000,
                crypto::sha256Hex(refresh.toLatin1()), nowMs + kRefreshLifetimeMs};
    }
};

SimResponse tokenResponse(const TokenPair &tokens, const QString &scope)
{
    SimResponse response =
        SimResponse::json(200, QJsonObject{{QStringLiteral("access_token"), tokens.access},
                                           {QStringLiteral("token_type"), QStringLiteral("bearer")},
                                           {QStringLiteral("expires_in"), kAccessLifetimeSeconds},
                                           {QStringLiteral("refresh_token"), tokens.refresh},
                                           {QStringLiteral("scope"), scope}});
    return noStore(response).withHeader("Pragma", "no-cache");
}

// RFC 7636 4.6: the verifier must reproduce the challenge the authorization request carried.
bool verifierMatches(const QVariantMap &code, const QString &verifier)
{
    const QString challenge = code.value(QStringLiteral("code_challenge")).toString();
    if (challenge.isEmpty())
        return true;
    if (verifier.isEmpty())
        return false;
    if (code.value(QStringLiteral("code_challenge_method")).toString() == QLatin1String("plain"))
        return crypto::equalSecrets(verifier.toUtf8(), challenge.toUtf8());
    const QByteArray digest =
        QByteArray::fromHex(crypto::sha256Hex(verifier.toLatin1()).toLatin1());
    const QByteArray derived =
        digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return crypto::equalSecrets(derived, challenge.toUtf8());
}

SimResponse exchangeCode(RequestContext &context, const QVariantMap &client)
{
    const QString code = field(context, QStringLiteral("code"));
    const QString redirectUri = field(context, QStringLiteral("redirect_uri"));
    if (code.isEmpty() || redirectUri.isEmpty())
        return invalidRequest(QStringLiteral("The code and redirect_uri parameters are required."));

    Store &store = context.store();
    const QString codeHash = crypto::sha256Hex(code.toUtf8());
    const auto row =
        store.one(QStringLiteral("SELECT * FROM oauth2_codes WHERE code = ? AND client_id = ?"),
                  {codeHash, client.value(QStringLiteral("client_id"))});
    if (!row || row->value(QStringLiteral("used")).toBool() ||
        row->value(QStringLiteral("expires_at")).toLongLong() <= context.nowMs())
        return invalidGrant(
            QStringLiteral("The authorization code is invalid, expired or already used."));
    if (row->value(QStringLiteral("redirect_uri")).toString() != redirectUri)
        return invalidGrant(
            QStringLiteral("The redirect_uri does not match the authorization request."));
    if (!verifierMatches(*row, field(context, QStringLiteral("code_verifier"))))
        return invalidGrant(QStringLiteral("The code_verifier does not match the code_challenge."));
    store.exec(QStringLiteral("UPDATE oauth2_codes SET used = 1 WHERE code = ? AND used = 0"),
               {codeHash});
    if (store.rowsAffected() != 1)
        return invalidGrant(
            QStringLiteral("The authorization code is invalid, expired or already used."));

    const TokenPair tokens;
    const QString scope = row->value(QStringLiteral("scope")).toString();
    store.exec(
        QStringLiteral("INSERT INTO oauth2_tokens (id, client_id, user_name, scope, access_hash,"
                       " access_expires_at, refresh_hash, refresh_expires_at, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        QVariantList{crypto::randomHex(16), client.value(QStringLiteral("client_id")),
                     row->value(QStringLiteral("user_name")), scope} +
            tokens.columns(context.nowMs()) + QVariantList{context.nowMs()});
    return tokenResponse(tokens, scope);
}

SimResponse refresh(RequestContext &context, const QVariantMap &client)
{
    const QString token = field(context, QStringLiteral("refresh_token"));
    if (token.isEmpty())
        return invalidRequest(QStringLiteral("The refresh_token parameter is required."));
    Store &store = context.store();
    const auto row = store.one(
        QStringLiteral("SELECT * FROM oauth2_tokens WHERE refresh_hash = ? AND client_id = ?"),
        {crypto::sha256Hex(token.toUtf8()), client.value(QStringLiteral("client_id"))});
    if (!row || row->value(QStringLiteral("refresh_expires_at")).toLongLong() <= context.nowMs())
        return invalidGrant(QStringLiteral("The refresh token is invalid or expired."));

    // An optional scope may narrow the grant, never widen it (RFC 6749 section 6).
    QString scope = row->value(QStringLiteral("scope")).toString();
    const QString asked = field(context, QStringLiteral("scope"));
    if (!asked.isEmpty() && (scopeRank(asked) == 0 || scopeRank(asked) > scopeRank(scope)))
        return errors::oauth2Protocol(
            400, QStringLiteral("invalid_scope"),
            QStringLiteral("The requested scope exceeds the original grant."));
    if (!asked.isEmpty())
        scope = asked;

    // Rotation: the old refresh token and its access token stop working at once.
    const TokenPair tokens;
    store.exec(
        QStringLiteral(
            "UPDATE oauth2_tokens SET access_hash = ?, access_expires_at = ?, refresh_hash = ?,"
            " refresh_expires_at = ?, scope = ? WHERE id = ?"),
        tokens.columns(context.nowMs()) + QVariantList{scope, row->value(QStringLiteral("id"))});
    return tokenResponse(tokens, scope);
}

SimResponse token(RequestContext &context)
{
    if (auto failure = refuseUnlessFormEncoded(context.request))
        return *failure;
    const QString grantType = field(context, QStringLiteral("grant_type"));
    if (grantType.isEmpty())
        return invalidRequest(QStringLiteral("The grant_type parameter is required."));
    const bool byCode = grantType == QLatin1String("authorization_code");
    if (!byCode && grantType != QLatin1String("refresh_token"))
        return errors::oauth2Protocol(400, QStringLiteral("unsupported_grant_type"),
                                      QString(QStringLiteral("Grant type '") + grantType +
                                              QStringLiteral("' is not supported.")));
    const auto client = authenticatedClient(context);
    if (!client)
        return invalidClient();
    return byCode ? exchangeCode(context, *client) : refresh(context, *client);
}

SimResponse revokeByToken(RequestContext &context)
{
    if (auto failure = refuseUnlessFormEncoded(context.request))
        return *failure;
    const auto client = authenticatedClient(context);
    if (!client)
        return invalidClient();
    const QString token = field(context, QStringLiteral("token"));
    if (token.isEmpty())
        return invalidRequest(QStringLiteral("The token parameter is required."));
    const QString hint = field(context, QStringLiteral("token_type_hint"));
    if (!hint.isEmpty() && hint != QLatin1String("access_token") &&
        hint != QLatin1String("refresh_token"))
        return errors::oauth2Protocol(400, QStringLiteral("unsupported_token_type"),
                                      QString(QStringLiteral("Token type hint '") + hint +
                                              QStringLiteral("' is not supported.")));

    // Both hashes are looked at whatever the hint says (RFC 7009 2.1 lets a server do so).
    const QString hash = crypto::sha256Hex(token.toUtf8());
    const auto row = context.store().one(
        QStringLiteral(
            "SELECT id, client_id FROM oauth2_tokens WHERE access_hash = ? OR refresh_hash = ?"),
        {hash, hash});
    if (!row)
        return SimResponse::noContent(200); // RFC 7009: unknown tokens are not an error
    // trackersim's choice: another client's token is refused rather than silently kept.
    if (row->value(QStringLiteral("client_id")) != client->value(QStringLiteral("client_id")))
        return invalidGrant(QStringLiteral("The token was not issued to this client."));
    context.store().exec(QStringLiteral("DELETE FROM oauth2_tokens WHERE id = ?"),
                         {row->value(QStringLiteral("id"))});
    return SimResponse::noContent(200);
}

SimResponse revokeById(RequestContext &context)
{
    if (context.caller.isAnonymous())
        return errors::restStatus(
            context.request, 401,
            QStringLiteral("Client must be authenticated to access this resource."));
    const QString id = context.request.pathParam(QStringLiteral("tokenId"));
    const auto row = context.store().one(
        QStringLiteral("SELECT user_name FROM oauth2_tokens WHERE id = ?"), {id});
    const bool mine =
        row && row->value(QStringLiteral("user_name")).toString() == context.caller.userName;
    // A foreign token is answered like an unknown one, so ids of other users' tokens do not leak.
    if (!row || (!mine && !actsAsSysadmin(context)))
        return invalidRequest(
            QString(QStringLiteral("Token with ID [") + id + QStringLiteral("] was not found.")));
    context.store().exec(QStringLiteral("DELETE FROM oauth2_tokens WHERE id = ?"), {id});
    return SimResponse::noContent(200);
}

SimResponse wellKnown(RequestContext &context)
{
    const QString base = context.baseUrl() + kRestBase;
    const QJsonArray clientSecretPost{QStringLiteral("client_secret_post")};
    return SimResponse::json(
        200,
        QJsonObject{
            {QStringLiteral("issuer"), context.baseUrl()},
            {QStringLiteral("authorization_endpoint"),
             QString(base + QStringLiteral("/authorize"))},
            {QStringLiteral("token_endpoint"), QString(base + QStringLiteral("/token"))},
            {QStringLiteral("revocation_endpoint"), QString(base + QStringLiteral("/revoke"))},
            {QStringLiteral("scopes_supported"), QJsonArray::fromStringList(allScopes())},
            {QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("code")}},
            {QStringLiteral("response_modes_supported"), QJsonArray{QStringLiteral("query")}},
            // refresh_token works but the plugin advertises authorization_code only (spec 6.5).
            {QStringLiteral("grant_types_supported"),
             QJsonArray{QStringLiteral("authorization_code")}},
            {QStringLiteral("token_endpoint_auth_methods_supported"), clientSecretPost},
            {QStringLiteral("revocation_endpoint_auth_methods_supported"), clientSecretPost},
        });
}

SimResponse resetSigningKey(RequestContext &context)
{
    if (auto refusal = refuseUnlessSysadmin(context))
        return *refusal;
    // A new signing secret makes every issued access and refresh token unverifiable.
    context.store().exec(QStringLiteral("DELETE FROM oauth2_tokens"));
    // trackersim's choice: the resource returns nothing, which JAX-RS answers with 204.
    return SimResponse::noContent();
}

} // namespace

void registerTokens(Router &router)
{
    const RouteOptions excluded{.xsrfExcluded = true};
    router.add("POST", kRestBase + QStringLiteral("/token"), token, excluded);
    router.add("POST", kRestBase + QStringLiteral("/revoke"), revokeByToken, excluded);
    // A normal REST POST: the XSRF rule applies (no body ⇒ X-Atlassian-Token or a JSON type).
    router.add("POST", kRestBase + QStringLiteral("/revoke/{tokenId}"), revokeById);
    router.add("GET", kRestBase + QStringLiteral("/.well-known/oauth-authorization-server"),
               wellKnown, excluded);
    router.add("POST", kRestBase + QStringLiteral("/token/jwt/reset"), resetSigningKey);
}

} // namespace trackersim::routes::oauth2
