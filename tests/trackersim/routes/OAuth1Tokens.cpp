#include "OAuth1Provider.h"

#include "auth/Crypto.h"
#include "store/Store.h"

// The service provider's token store: request tokens live ten minutes, access tokens five years
// inside a session that a renewal keeps (spec 4.5).
namespace trackersim::routes::oauth1sp {

namespace {

constexpr int kTokenLength = 32;

QVariant orNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

Token fromRow(const QVariantMap &row)
{
    Token token;
    token.token = row.value(QStringLiteral("token")).toString();
    token.secret = row.value(QStringLiteral("secret")).toString();
    token.consumerKey = row.value(QStringLiteral("consumer_key")).toString();
    token.isAccess = row.value(QStringLiteral("kind")).toString() == QLatin1String("access");
    token.isVersion10a = row.value(QStringLiteral("version")).toString() == QLatin1String("1.0a");
    token.userName = row.value(QStringLiteral("user_name")).toString();
    token.callback = row.value(QStringLiteral("callback")).toString();
    token.verifier = row.value(QStringLiteral("verifier")).toString();
    token.authorization = Authorization(row.value(QStringLiteral("authorization")).toInt());
    token.createdAt = row.value(QStringLiteral("created_at")).toLongLong();
    token.expiresAt = row.value(QStringLiteral("expires_at")).toLongLong();
    token.sessionHandle = row.value(QStringLiteral("session_handle")).toString();
    token.sessionExpiresAt = row.value(QStringLiteral("session_expires_at")).toLongLong();
    return token;
}

bool insert(Store &store, const Token &token, const QVariant &alternateName)
{
    return store.exec(
        QStringLiteral("INSERT INTO oauth1_tokens (token, secret, consumer_key, kind, version,"
                       " user_name, callback, verifier, authorization, created_at, expires_at,"
                       " session_handle, session_expires_at, alternate_consumer_name)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {token.token, token.secret, token.consumerKey,
         token.isAccess ? QStringLiteral("access") : QStringLiteral("request"),
         token.isVersion10a ? QStringLiteral("1.0a") : QStringLiteral("1.0"),
         orNull(token.userName), orNull(token.callback), orNull(token.verifier),
         int(token.authorization), token.createdAt, token.expiresAt, orNull(token.sessionHandle),
         token.sessionExpiresAt > 0 ? QVariant(token.sessionExpiresAt) : QVariant(),
         alternateName});
}

} // namespace

std::optional<Token> findToken(const Store &store, const QString &token)
{
    if (token.isEmpty())
        return std::nullopt;
    const auto row =
        store.one(QStringLiteral("SELECT * FROM oauth1_tokens WHERE token = ?"), {token});
    if (!row)
        return std::nullopt;
    return fromRow(*row);
}

Token issueRequestToken(Store &store, const QString &consumerKey, const QString &callback,
                        bool version10a, qint64 nowMs)
{
    Token token;
    token.token = crypto::randomAlphanumeric(kTokenLength);
    token.secret = crypto::randomAlphanumeric(kTokenLength);
    token.consumerKey = consumerKey;
    token.isVersion10a = version10a;
    token.callback = callback;
    token.createdAt = nowMs;
    token.expiresAt = nowMs + kRequestTokenTtlMs;
    insert(store, token, {});
    return token;
}

Token decideRequestToken(Store &store, const Token &requestToken, const QString &userName,
                         bool allow)
{
    Token decided = requestToken;
    decided.userName = userName;
    decided.authorization = allow ? Authorization::Allowed : Authorization::Denied;
    decided.verifier = allow ? crypto::randomAlphanumeric(kVerifierLength) : QString();
    store.exec(QStringLiteral("UPDATE oauth1_tokens SET user_name = ?, authorization = ?, verifier "
                              "= ? WHERE token = ?"),
               {userName, int(decided.authorization), orNull(decided.verifier), decided.token});
    return decided;
}

Token issueAccessToken(Store &store, const Token &from, qint64 nowMs)
{
    Token access;
    access.token = crypto::randomAlphanumeric(kTokenLength);
    access.secret = crypto::randomAlphanumeric(kTokenLength);
    access.consumerKey = from.consumerKey;
    access.isAccess = true;
    access.isVersion10a = from.isVersion10a;
    access.userName = from.userName;
    access.authorization = Authorization::Allowed;
    access.createdAt = nowMs;
    access.expiresAt = nowMs + kAccessTokenTtlMs;
    // A renewal stays inside the session the user's approval opened.
    access.sessionHandle =
        from.isAccess ? from.sessionHandle : crypto::randomAlphanumeric(kTokenLength);
    access.sessionExpiresAt = from.isAccess ? from.sessionExpiresAt : nowMs + kSessionTtlMs;

    const QVariant alternateName = store.scalar(
        QStringLiteral("SELECT alternate_consumer_name FROM oauth1_tokens WHERE token = ?"),
        {from.token});
    store.transaction();
    if (!insert(store, access, alternateName) ||
        !store.exec(QStringLiteral("DELETE FROM oauth1_tokens WHERE token = ?"), {from.token})) {
        store.rollback();
        return {};
    }
    store.commit();
    return access;
}

} // namespace trackersim::routes::oauth1sp
