#include "Authenticator.h"

#include "Crypto.h"
#include "OAuth1.h"
#include "Sessions.h"
#include "http/ErrorBodies.h"

namespace trackersim {

Authenticator::Outcome Authenticator::identify(RequestContext &context)
{
    const QByteArray authorization = context.request.header("authorization").trimmed();
    if (authorization.startsWith("Basic "))
        return basic(context, authorization.mid(6).trimmed());
    if (authorization.startsWith("Bearer "))
        return bearer(context, authorization.mid(7).trimmed());
    if (oauth1::isSigned(context.request))
        return oauth1(context);

    const auto session =
        sessions::find(context.store(), QString::fromLatin1(context.request.cookie("JSESSIONID")));
    if (session) {
        context.caller.kind = AuthKind::Session;
        context.caller.userName = session->userName;
        context.caller.sessionId = session->id;
    }
    return {};
}

Authenticator::Outcome Authenticator::basic(RequestContext &context, const QByteArray &credentials)
{
    const QByteArray decoded = QByteArray::fromBase64(credentials);
    const qsizetype colon = decoded.indexOf(':');
    const QString name = QString::fromUtf8(decoded.left(colon));
    const QString password = QString::fromUtf8(decoded.mid(colon + 1));

    if (colon > 0 && users::passwordMatches(context.store(), name, password)) {
        context.caller.kind = AuthKind::Basic;
        context.caller.userName = users::find(context.store(), name)->name;
        return {};
    }
    // An OAuth 2.0 access token is also accepted as a Basic password with any user name (1.2).
    if (context.config().oauth2Enabled && colon >= 0) {
        Outcome viaToken = bearer(context, password.toUtf8());
        if (context.caller.kind == AuthKind::OAuth2)
            return viaToken;
    }

    users::recordLogin(context.store(), name, false, context.nowMs());
    Outcome outcome;
    SimResponse rejection = errors::jiraCore(
        401, {QStringLiteral(
                 "You are not authenticated. Authentication required to perform this operation.")});
    rejection.withHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED")
        .withHeader("WWW-Authenticate", "Basic realm=\"protected-area\"");
    outcome.rejection = rejection;
    return outcome;
}

Authenticator::Outcome Authenticator::bearer(RequestContext &context, const QByteArray &token)
{
    Store &store = context.store();
    if (context.config().patEnabled) {
        // PAT format: base64("<12-digit id>:<20 random bytes>"); only a hash of it is stored.
        const QByteArray decoded = QByteArray::fromBase64(token);
        const qsizetype colon = decoded.indexOf(':');
        bool numeric = false;
        const qint64 id = decoded.left(colon).toLongLong(&numeric);
        if (colon > 0 && numeric) {
            const auto row =
                store.one(QStringLiteral("SELECT * FROM pats WHERE id = ? AND secret_hash = ?"),
                          {id, crypto::sha256Hex(token)});
            const QVariant expiry = row ? row->value(QStringLiteral("expiring_at")) : QVariant();
            const bool live = row && (expiry.isNull() || expiry.toLongLong() > context.nowMs());
            if (live) {
                context.caller.kind = AuthKind::PersonalToken;
                context.caller.userName = row->value(QStringLiteral("user_name")).toString();
                context.caller.tokenId = id;
                store.exec(QStringLiteral("UPDATE pats SET last_accessed_at = ? WHERE id = ?"),
                           {context.nowMs(), id});
                return {};
            }
        }
    }
    if (context.config().oauth2Enabled) {
        const auto row =
            store.one(QStringLiteral("SELECT * FROM oauth2_tokens WHERE access_hash = ?"),
                      {crypto::sha256Hex(token)});
        if (row && row->value(QStringLiteral("access_expires_at")).toLongLong() > context.nowMs()) {
            context.caller.kind = AuthKind::OAuth2;
            context.caller.userName = row->value(QStringLiteral("user_name")).toString();
            context.caller.oauth2Scope = row->value(QStringLiteral("scope")).toString();
            store.exec(QStringLiteral("UPDATE oauth2_tokens SET last_used_at = ? WHERE id = ?"),
                       {context.nowMs(), row->value(QStringLiteral("id"))});
            return {};
        }
    }
    // An unknown or expired token is not an error of its own: the request goes on anonymously.
    return {};
}

Authenticator::Outcome Authenticator::oauth1(RequestContext &context)
{
    const oauth1::Check check = oauth1::verify(context.request, context.state);
    Outcome outcome;
    if (!check.ok) {
        outcome.rejection = errors::oauth1Problem(context.baseUrl(), check.problem, check.extra);
        return outcome;
    }
    if (check.token.isEmpty())
        return twoLegged(context, check);
    const auto token = context.store().one(
        QStringLiteral(
            "SELECT * FROM oauth1_tokens WHERE token = ? AND kind = 'access' AND consumer_key = ?"),
        {check.token, check.consumerKey});
    QString problem;
    if (!token)
        problem = QStringLiteral("token_rejected");
    else if (token->value(QStringLiteral("expires_at")).toLongLong() <= context.nowMs())
        problem = QStringLiteral("token_expired");

    if (problem.isEmpty()) {
        context.caller.kind = AuthKind::OAuth1;
        context.caller.userName = token->value(QStringLiteral("user_name")).toString();
        context.caller.consumerKey = check.consumerKey;
        return outcome;
    }
    // trackersim's reading of Jira: a correctly signed request whose token is revoked or expired
    // continues as anonymous (so it sees only public data) and says why in WWW-Authenticate.
    outcome.extraHeaders.append(
        {"WWW-Authenticate", errors::oauth1Challenge(context.baseUrl(), problem)});
    return outcome;
}

Authenticator::Outcome Authenticator::twoLegged(RequestContext &context, const oauth1::Check &check)
{
    // 2-legged OAuth, how linked applications call each other (spec 4.1): the consumer acts as
    // the user it names in xoauth_requestor_id when impersonation is allowed, otherwise as the
    // consumer's "execute as" user, otherwise as nobody.
    const auto consumer = context.store().one(
        QStringLiteral("SELECT two_lo_allowed, executing_two_lo_user, two_lo_impersonation_allowed"
                       " FROM oauth_consumers WHERE consumer_key = ?"),
        {check.consumerKey});
    const QString requestor =
        oauth1::paramValue(check.params, QStringLiteral("xoauth_requestor_id"));
    Outcome outcome;
    if (!requestor.isEmpty()) {
        const auto user = users::find(context.store(), requestor);
        if (!consumer->value(QStringLiteral("two_lo_impersonation_allowed")).toBool() || !user) {
            outcome.rejection =
                errors::oauth1Problem(context.baseUrl(), QStringLiteral("permission_denied"));
            return outcome;
        }
        context.caller.kind = AuthKind::OAuth1;
        context.caller.userName = user->name;
        context.caller.consumerKey = check.consumerKey;
        return outcome;
    }
    const auto runAs = users::find(
        context.store(), consumer->value(QStringLiteral("executing_two_lo_user")).toString());
    if (consumer->value(QStringLiteral("two_lo_allowed")).toBool() && runAs) {
        context.caller.kind = AuthKind::OAuth1;
        context.caller.userName = runAs->name;
        context.caller.consumerKey = check.consumerKey;
        return outcome;
    }
    // No user to act as: the request goes on anonymously. A consumer without 2LO is told why,
    // as a signed request with a rejected token is (trackersim's choice).
    if (!consumer->value(QStringLiteral("two_lo_allowed")).toBool())
        outcome.extraHeaders.append(
            {"WWW-Authenticate",
             errors::oauth1Challenge(context.baseUrl(), QStringLiteral("token_rejected"))});
    return outcome;
}

} // namespace trackersim
