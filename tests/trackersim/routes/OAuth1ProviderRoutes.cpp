#include "Routes.h"

#include "OAuth1Provider.h"
#include "http/RequestContext.h"
#include "http/Router.h"

#include <QUrl>

// The OAuth 1.0a dance with Jira as service provider (spec 4.5): RequestTokenServlet and
// AccessTokenServlet. The authorize page lives in OAuth1AuthorizeRoutes.cpp.
namespace trackersim::routes {

namespace {

using namespace oauth1sp;

const QString kInvalidCallbackAdvice = QStringLiteral(
    "As per OAuth spec version 1.0 Revision A Section 6.1 <http://oauth.net/core/1.0a#auth_step1>, "
    "the oauth_callback"
    " parameter is required and must be either a valid, absolute URI using the http or https "
    "scheme, or 'oob' if the"
    " callback has been established out of band. The following invalid URI was supplied '");

std::optional<QString> oauthParameter(const oauth1::Params &params, const QString &name)
{
    for (const auto &[key, value] : params) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

SimResponse absent(const RequestContext &context, const QString &name)
{
    return problemResponse(context, QStringLiteral("parameter_absent"),
                           {{QStringLiteral("oauth_parameters_absent"), name}});
}

SimResponse formEncoded(const oauth1::Params &params)
{
    QStringList pairs;
    for (const auto &[key, value] : params)
        pairs.append(oauth1::encode(key) + QLatin1Char('=') + oauth1::encode(value));
    return SimResponse::text(200, pairs.join(QLatin1Char('&')).toUtf8(), "text/plain");
}

bool isValidCallback(const QString &callback)
{
    // ServiceProviderToken.isValidCallback: an absolute http or https URI.
    const QUrl url(callback, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

SimResponse requestToken(RequestContext &context)
{
    const oauth1::Params params = oauth1::requestParameters(context.request);
    const QString consumerKey = oauth1::paramValue(params, QStringLiteral("oauth_consumer_key"));
    if (consumerKey.isEmpty())
        return absent(context, QStringLiteral("oauth_consumer_key"));
    const auto consumer = findConsumer(context.store(), consumerKey);
    // Outgoing (HMAC) consumers are not in the service provider's consumer store.
    if (!consumer || consumer->outgoing)
        return problemResponse(context, QStringLiteral("consumer_key_unknown"));

    // 1.0a is recognised by the presence of oauth_callback; "oob" means no callback.
    const std::optional<QString> callbackParameter =
        oauthParameter(params, QStringLiteral("oauth_callback"));
    QString callback;
    if (callbackParameter && *callbackParameter != QLatin1String("oob")) {
        if (!isValidCallback(*callbackParameter)) {
            return problemResponse(
                context, QStringLiteral("parameter_rejected"),
                {{QStringLiteral("oauth_parameters_rejected"), QStringLiteral("oauth_callback")},
                 {QStringLiteral("oauth_problem_advice"),
                  kInvalidCallbackAdvice + *callbackParameter + QLatin1Char('\'')}});
        }
        callback = *callbackParameter;
    }

    const oauth1::Check check = oauth1::verify(context.request, context.state);
    if (!check.ok)
        return problemResponse(context, check.problem, check.extra);

    const Token token = issueRequestToken(context.store(), consumerKey, callback,
                                          callbackParameter.has_value(), context.nowMs());
    oauth1::Params reply{{QStringLiteral("oauth_token"), token.token},
                         {QStringLiteral("oauth_token_secret"), token.secret}};
    if (token.isVersion10a)
        reply.append({QStringLiteral("oauth_callback_confirmed"), QStringLiteral("true")});
    return formEncoded(reply);
}

// AccessTokenServlet.checkRequestToken. Returns the problem, or an empty string.
QString requestTokenProblem(const RequestContext &context, const Token &token,
                            const oauth1::Params &params, QString *absentParameter)
{
    if (token.expiresAt <= context.nowMs())
        return QStringLiteral("token_expired");
    if (token.authorization == Authorization::Pending)
        return QStringLiteral("permission_unknown");
    if (token.authorization == Authorization::Denied)
        return QStringLiteral("permission_denied");
    if (token.consumerKey != oauth1::paramValue(params, QStringLiteral("oauth_consumer_key")))
        return QStringLiteral("token_rejected");
    if (!token.isVersion10a)
        return {};
    const auto verifier = oauthParameter(params, QStringLiteral("oauth_verifier"));
    if (!verifier) {
        *absentParameter = QStringLiteral("oauth_verifier");
        return QStringLiteral("parameter_absent");
    }
    return *verifier == token.verifier ? QString() : QStringLiteral("token_rejected");
}

// AccessTokenServlet.checkAccessToken: renewal needs the session handle of the token's session.
QString accessTokenProblem(const RequestContext &context, const Token &token,
                           const oauth1::Params &params, QString *absentParameter)
{
    if (token.sessionHandle.isEmpty())
        return QStringLiteral("token_rejected");
    const auto handle = oauthParameter(params, QStringLiteral("oauth_session_handle"));
    if (!handle) {
        *absentParameter = QStringLiteral("oauth_session_handle");
        return QStringLiteral("parameter_absent");
    }
    // The signature is checked against the token's consumer, so another consumer's key cannot pass.
    if (*handle != token.sessionHandle ||
        token.consumerKey != oauth1::paramValue(params, QStringLiteral("oauth_consumer_key")))
        return QStringLiteral("token_rejected");
    if (token.sessionExpiresAt <= context.nowMs())
        return QStringLiteral("permission_denied");
    return {};
}

SimResponse accessToken(RequestContext &context)
{
    const oauth1::Params params = oauth1::requestParameters(context.request);
    const auto tokenValue = oauthParameter(params, QStringLiteral("oauth_token"));
    if (!tokenValue)
        return absent(context, QStringLiteral("oauth_token"));
    const auto token = findToken(context.store(), *tokenValue);
    if (!token)
        return problemResponse(context, QStringLiteral("token_rejected"));

    QString absentParameter;
    const QString problem = token->isAccess
                                ? accessTokenProblem(context, *token, params, &absentParameter)
                                : requestTokenProblem(context, *token, params, &absentParameter);
    if (!absentParameter.isEmpty())
        return absent(context, absentParameter);
    if (!problem.isEmpty())
        return problemResponse(context, problem);

    const oauth1::Check check = oauth1::verify(context.request, context.state);
    if (!check.ok)
        return problemResponse(context, check.problem, check.extra);

    const Token access = issueAccessToken(context.store(), *token, context.nowMs());
    const qint64 now = access.createdAt;
    return formEncoded(
        {{QStringLiteral("oauth_token"), access.token},
         {QStringLiteral("oauth_token_secret"), access.secret},
         {QStringLiteral("oauth_expires_in"), QString::number((access.expiresAt - now) / 1000)},
         {QStringLiteral("oauth_session_handle"), access.sessionHandle},
         {QStringLiteral("oauth_authorization_expires_in"),
          QString::number((access.sessionExpiresAt - now) / 1000)}});
}

} // namespace

void registerOAuth1Provider(Router &router)
{
    // net.oauth reads the message from either method; clients use POST.
    for (const QByteArray &method : {QByteArray("GET"), QByteArray("POST")}) {
        router.add(method, QStringLiteral("/plugins/servlet/oauth/request-token"), requestToken);
        router.add(method, QStringLiteral("/plugins/servlet/oauth/access-token"), accessToken);
    }
    oauth1sp::registerAuthorize(router);
}

} // namespace trackersim::routes
