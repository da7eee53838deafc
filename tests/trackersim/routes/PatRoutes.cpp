#include "Routes.h"

#include "PatSupport.h"
#include "auth/Crypto.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "http/Router.h"

#include <QJsonArray>

// A user's own personal access tokens, /rest/pat/latest/tokens (spec 7.1), as the PAT plugin's
// TokensResource and RestValidator answer them. The admin resources are in PatAdminRoutes.cpp.
namespace trackersim::routes {

namespace {

using namespace pat;

// Jira's defaults for the atlassian.pats.* system properties (spec 7.3).
constexpr int kMaxNameLength = 40;
constexpr int kMaxExpiryDays = 365;
constexpr int kMaxTokensPerUser = 10;
constexpr int kIdAttempts = 10; // DefaultTokenService retries a clashing token id this often

const QString kNewTokenBean = QStringLiteral("com.atlassian.pats.rest.RestNewTokenRequest");

struct NewToken
{
    QString name;
    std::optional<int> expirationDays;
};

bool ownsToken(RequestContext &context, const QVariantMap &row)
{
    return row.value(QStringLiteral("user_name"))
               .toString()
               .compare(context.caller.userName, Qt::CaseInsensitive) == 0;
}

// TokensResource.getAccessibleToken: the owner, admins and sysadmins may see a token.
std::optional<SimResponse> checkAccess(RequestContext &context, const QVariantMap &row)
{
    if (ownsToken(context, row) || context.isAdmin())
        return std::nullopt;
    const auto user = context.user();
    return notAuthorised(QString(QStringLiteral("User: [") + (user ? user->key : QString()) +
                                 QStringLiteral("] has no access to token!")));
}

std::optional<QVariantMap> findToken(RequestContext &context, bool *validId)
{
    const qint64 id = context.request.pathParam(QStringLiteral("id")).toLongLong(validId);
    if (!*validId)
        return std::nullopt;
    return context.store().one(QStringLiteral("SELECT * FROM pats WHERE id = ?"), {id});
}

SimResponse listTokens(RequestContext &context)
{
    if (context.caller.isAnonymous())
        return notAuthenticated();
    QJsonArray tokens;
    const auto rows = context.store().all(
        QStringLiteral(
            "SELECT * FROM pats WHERE lower(user_name) = lower(?) ORDER BY created_at, id"),
        {context.caller.userName});
    for (const QVariantMap &row : rows)
        tokens.append(tokenJson(row));
    return SimResponse::json(200, tokens);
}

// Jackson's mapping of the body onto RestNewTokenRequest; fails like Jackson on wrong types.
std::optional<SimResponse> parseNewToken(const QJsonValue &body, NewToken *token)
{
    if (!body.isObject()) {
        return mappingError(QString(QStringLiteral("Can not deserialize instance of ") +
                                    kNewTokenBean + QStringLiteral(" out of START_ARRAY token")));
    }
    const QJsonObject object = body.toObject();
    std::optional<QString> name;
    if (!toOptionalString(object.value(QStringLiteral("name")), &name))
        return fieldMappingError(kNewTokenBean, QStringLiteral("name"),
                                 QStringLiteral("java.lang.String"));
    if (!toOptionalInt(object.value(QStringLiteral("expirationDuration")),
                       &token->expirationDays)) {
        return fieldMappingError(kNewTokenBean, QStringLiteral("expirationDuration"),
                                 QStringLiteral("java.lang.Integer"));
    }
    token->name = name.value_or(QString());
    return std::nullopt;
}

// RestValidator.verifyCreateTokenRequest, in its order. The i18n texts are trackersim's wording:
// the plugin's message bundle was not available.
std::optional<SimResponse> validateNewToken(RequestContext &context, const NewToken &token)
{
    if (token.name.trimmed().isEmpty())
        return illegalArgument(QStringLiteral("Token name cannot be empty."));
    if (token.name.size() > kMaxNameLength) {
        return illegalArgument(QString(QStringLiteral("Token name cannot be longer than ") +
                                       QString::number(kMaxNameLength) +
                                       QStringLiteral(" characters.")));
    }
    if (token.expirationDays && *token.expirationDays > kMaxExpiryDays) {
        return illegalArgument(QString(QStringLiteral("Token expiry cannot be longer than ") +
                                       QString::number(kMaxExpiryDays) + QStringLiteral(" days.")));
    }
    if (token.expirationDays && *token.expirationDays <= 0)
        return illegalArgument(QStringLiteral("Token expiry must be at least 1 day."));
    const qint64 owned =
        context.store()
            .scalar(QStringLiteral("SELECT count(*) FROM pats WHERE lower(user_name) = lower(?)"),
                    {context.caller.userName})
            .toLongLong();
    if (owned >= kMaxTokensPerUser) {
        return errors::pat(
            403, QStringLiteral("com.atlassian.pats.exception.UserTokenLimitExceededException"),
            QString(
                QStringLiteral("You have reached the maximum number of personal access tokens (") +
                QString::number(kMaxTokensPerUser) + QStringLiteral(").")));
    }
    return std::nullopt;
}

// Stores a new token and returns its row id, or -1. The raw token is base64("<12-digit id>:<20
// random bytes>"), the format the Authenticator (and Jira) decodes; only its hash is kept.
qint64 insertToken(RequestContext &context, const NewToken &token, QByteArray *raw)
{
    Store &store = context.store();
    for (int attempt = 0; attempt < kIdAttempts; ++attempt) {
        const QString digits = crypto::randomDigits(12);
        const qint64 id = digits.toLongLong();
        if (id == 0 || store.one(QStringLiteral("SELECT 1 FROM pats WHERE id = ?"), {id}))
            continue;
        *raw = QByteArray(digits.toLatin1() + ':' + crypto::randomBytes(20)).toBase64();
        const qint64 now = context.nowMs();
        const QVariant expiring =
            token.expirationDays ? QVariant(now + *token.expirationDays * kDayMs) : QVariant();
        const bool stored = store.exec(
            QStringLiteral("INSERT INTO pats (id, user_name, user_key, name, secret_hash,"
                           " created_at, expiring_at) VALUES (?, ?, (SELECT user_key FROM users"
                           " WHERE lower(name) = lower(?)), ?, ?, ?, ?)"),
            {id, context.caller.userName, context.caller.userName, token.name,
             crypto::sha256Hex(*raw), now, expiring});
        return stored ? id : -1;
    }
    return -1;
}

SimResponse createToken(RequestContext &context)
{
    // Jersey maps the body before the resource method checks who is calling.
    QJsonValue body;
    if (auto rejected = readJsonBody(context.request, &body))
        return *rejected;
    NewToken token;
    if (auto rejected = parseNewToken(body, &token))
        return *rejected;
    if (context.caller.isAnonymous())
        return notAuthenticated();
    if (auto rejected = validateNewToken(context, token))
        return *rejected;

    QByteArray raw;
    const qint64 id = insertToken(context, token, &raw);
    if (id < 0) {
        return errors::pat(
            400, QStringLiteral("com.atlassian.pats.exception.CreateTokenFailedException"),
            QStringLiteral("Unable to create token, tokenId already exists"));
    }
    const auto row = context.store().one(QStringLiteral("SELECT * FROM pats WHERE id = ?"), {id});
    QJsonObject created = tokenJson(*row);
    created.insert(QStringLiteral("rawToken"), QString::fromLatin1(raw));
    return SimResponse::json(201, created);
}

SimResponse getToken(RequestContext &context)
{
    if (context.caller.isAnonymous())
        return notAuthenticated();
    bool validId = false;
    const auto row = findToken(context, &validId);
    // Jersey answers an unconvertible {id} with an empty 404, as the resource does a missing token.
    if (!row)
        return SimResponse::noContent(404);
    if (auto denied = checkAccess(context, *row))
        return *denied;
    return SimResponse::json(200, tokenJson(*row));
}

SimResponse deleteToken(RequestContext &context)
{
    if (context.caller.isAnonymous())
        return notAuthenticated();
    bool validId = false;
    const auto row = findToken(context, &validId);
    if (!validId)
        return SimResponse::noContent(404);
    if (!row) // deleting an unknown token is not an error
        return SimResponse::noContent(204);
    if (auto denied = checkAccess(context, *row))
        return *denied;
    context.store().exec(QStringLiteral("DELETE FROM pats WHERE id = ?"),
                         {row->value(QStringLiteral("id"))});
    return SimResponse::noContent(204);
}

} // namespace

void registerPersonalTokens(Router &router)
{
    const QString tokens = QStringLiteral("/rest/pat/latest/tokens");
    router.add("GET", tokens, listTokens);
    router.add("POST", tokens, createToken);
    router.add("GET", QString(tokens + QStringLiteral("/{id}")), getToken);
    router.add("DELETE", QString(tokens + QStringLiteral("/{id}")), deleteToken);
    pat::registerAdminRoutes(router);
}

} // namespace trackersim::routes
