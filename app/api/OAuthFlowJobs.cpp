#include "api/OAuthFlowJobs.h"

#include "OAuth2Decoders.h"
#include "api/ServerConnection.h"
#include "auth/FormEncoding.h"
#include "auth/OAuth2Token.h"

#include <QUrlQuery>

namespace accessdesk {

namespace {

const QString kRequestToken = QStringLiteral("/plugins/servlet/oauth/request-token");
const QString kAccessToken = QStringLiteral("/plugins/servlet/oauth/access-token");
const QString kAuthorize = QStringLiteral("/plugins/servlet/oauth/authorize");
const QString kOAuth2Token = QStringLiteral("/rest/oauth2/latest/token");
const QString kOAuth2Revoke = QStringLiteral("/rest/oauth2/latest/revoke");

// The dance's POSTs carry every parameter in the signed Authorization header and an empty form
// body, as Jira's own consumers do (spec 4.5).
ApiRequest signedTokenPost(const QString &path)
{
    ApiRequest request = ApiRequest::bodyless("POST", path);
    request.contentType = OAuth1Dance::formContentType();
    // The servlets answer text/plain form encoding, and E7 bodies in the same encoding.
    request.accept = "text/plain, */*";
    return request;
}

ApiRequest tokenEndpointPost(const QString &path, QByteArray body)
{
    ApiRequest request = ApiRequest::bodyless("POST", path);
    request.body = std::move(body);
    request.contentType = OAuth2TokenRequest::contentType();
    return request;
}

bool sameServer(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("https") ? 443 : 80) ==
               b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

// The form's action as a path below the connection's base URL (ServerConnection adds the base
// path again). An action on another server, or outside Jira's context path, is not trusted with
// the user's credentials: the servlet's own path is used instead.
ApiRequest formTarget(const QUrl &action, const QUrl &baseUrl)
{
    QString basePath = baseUrl.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    QUrl target = action;
    if (target.isRelative() && target.path().startsWith(QLatin1Char('/'))) {
        target.setScheme(baseUrl.scheme());
        target.setHost(baseUrl.host());
        target.setPort(baseUrl.port());
    }
    ApiRequest request = ApiRequest::bodyless("POST", kAuthorize);
    if (!target.isValid() || target.isRelative() || !sameServer(target, baseUrl))
        return request;
    const QString path = target.path();
    if (!path.startsWith(basePath + QLatin1Char('/')))
        return request;
    request.path = path.mid(basePath.size());
    request.query = QUrlQuery(target);
    return request;
}

} // namespace

Decoded<OAuth1TokenReply> decodeOAuth1TokenReply(const QByteArray &body)
{
    OAuth1TokenReply reply = OAuth1Dance::parseTokenReply(body);
    if (!reply.problem.isEmpty())
        return Decoded<OAuth1TokenReply>::failure(
            QStringLiteral("the server answered with the OAuth problem \"%1\"").arg(reply.problem));
    if (reply.token.isEmpty())
        return Decoded<OAuth1TokenReply>::failure(
            QStringLiteral("the answer holds no oauth_token"));
    return Decoded<OAuth1TokenReply>::success(std::move(reply));
}

RequestOAuth1Token::RequestOAuth1Token(ServerConnection *connection, QObject *parent)
    : DecodingJob(connection, parent)
{}

ApiRequest RequestOAuth1Token::build()
{
    return signedTokenPost(kRequestToken);
}

Decoded<OAuth1TokenReply> RequestOAuth1Token::decodeBody(const RawReply &reply) const
{
    return decodeOAuth1TokenReply(reply.body);
}

ExchangeOAuth1Token::ExchangeOAuth1Token(ServerConnection *connection, QObject *parent)
    : DecodingJob(connection, parent)
{}

ApiRequest ExchangeOAuth1Token::build()
{
    return signedTokenPost(kAccessToken);
}

Decoded<OAuth1TokenReply> ExchangeOAuth1Token::decodeBody(const RawReply &reply) const
{
    return decodeOAuth1TokenReply(reply.body);
}

FetchAuthorizePage::FetchAuthorizePage(ServerConnection *connection, QString requestToken,
                                       QObject *parent)
    : DecodingJob(connection, parent)
    , m_requestToken(std::move(requestToken))
{}

ApiRequest FetchAuthorizePage::build(const QString &requestToken)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("oauth_token"),
                       QString::fromLatin1(formEncoding::percentEncode(requestToken)));
    ApiRequest request = ApiRequest::get(kAuthorize, query);
    request.accept = "text/html";
    return request;
}

Decoded<AuthorizeRequest> FetchAuthorizePage::decodeBody(const RawReply &reply) const
{
    const QUrl pageUrl = connection() ? connection()->urlFor(request()) : QUrl();
    return decodeAuthorizePage(reply.body, pageUrl);
}

AnswerAuthorizePage::AnswerAuthorizePage(ServerConnection *connection, AuthorizeRequest page,
                                         bool approve, QObject *parent)
    : DecodingJob(connection, parent)
    , m_page(std::move(page))
    , m_approve(approve)
{}

ApiRequest AnswerAuthorizePage::build(const AuthorizeRequest &page, bool approve,
                                      const QUrl &baseUrl)
{
    FormFields fields;
    for (const auto &[name, value] : page.hiddenFields)
        fields.append({name, value});
    // Pages without a named button still get the names every Jira version understands.
    if (approve)
        fields.append({page.approveName.isEmpty() ? QStringLiteral("approve") : page.approveName,
                       page.approveValue.isEmpty() ? QStringLiteral("Allow") : page.approveValue});
    else
        fields.append({page.denyName.isEmpty() ? QStringLiteral("deny") : page.denyName,
                       page.denyValue.isEmpty() ? QStringLiteral("Deny") : page.denyValue});
    ApiRequest request = formTarget(page.actionUrl, baseUrl);
    request.body = formEncoding::encode(fields);
    request.contentType = "application/x-www-form-urlencoded";
    request.accept = "text/html";
    return request;
}

ApiRequest AnswerAuthorizePage::request() const
{
    return build(m_page, m_approve, connection() ? connection()->settings().baseUrl : QUrl());
}

AuthorizeDecision AnswerAuthorizePage::decisionFromCallback(const QUrl &location)
{
    AuthorizeDecision decision;
    decision.callback = location;
    const QUrlQuery query(location);
    const QString verifier =
        query.queryItemValue(QStringLiteral("oauth_verifier"), QUrl::FullyDecoded);
    // "denied" is what Jira puts where the verifier belongs when the user says no (spec 4.5).
    decision.approved = !verifier.isEmpty() && verifier != QLatin1String("denied");
    if (decision.approved)
        decision.verifier = verifier;
    return decision;
}

namespace {

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

bool AnswerAuthorizePage::isSuccess(const RawReply &reply) const
{
    // The redirect to the consumer's callback is the answer: its Location is read and reported,
    // never followed. Following it would hand the verifier to the consumer from this computer
    // (with this connection's headers) instead of letting the user decide where to go.
    return reply.isSuccess() || isRedirect(reply.status);
}

Decoded<AuthorizeDecision> AnswerAuthorizePage::decodeBody(const RawReply &reply) const
{
    if (isRedirect(reply.status)) {
        const QByteArray location = reply.header("Location");
        if (location.isEmpty())
            return Decoded<AuthorizeDecision>::failure(
                QStringLiteral("the server redirected without a Location"));
        QUrl target = QUrl::fromEncoded(location);
        if (target.isRelative() && connection())
            target = connection()->urlFor(request()).resolved(target);
        AuthorizeDecision decision = decisionFromCallback(target);
        // OAuth 1.0 callbacks carry no verifier: the answer is what the user chose.
        if (!QUrlQuery(target).hasQueryItem(QStringLiteral("oauth_verifier")))
            decision.approved = m_approve;
        return Decoded<AuthorizeDecision>::success(decision);
    }
    Decoded<VerifierPage> page = decodeVerifierPage(reply.body);
    if (!page)
        return Decoded<AuthorizeDecision>::failure(page.error);
    AuthorizeDecision decision;
    decision.approved = page->approved;
    decision.verifier = page->verifier;
    return Decoded<AuthorizeDecision>::success(decision);
}

ExchangeOAuth2Code::ExchangeOAuth2Code(ServerConnection *connection, Grant grant, QObject *parent)
    : DecodingJob(connection, parent)
    , m_grant(std::move(grant))
{}

ApiRequest ExchangeOAuth2Code::build(const Grant &grant)
{
    return tokenEndpointPost(kOAuth2Token, OAuth2TokenRequest::authorizationCodeBody(
                                               grant.code, grant.redirectUri, grant.clientId,
                                               grant.clientSecret, grant.codeVerifier));
}

Decoded<OAuth2TokenResponse> ExchangeOAuth2Code::decodeBody(const RawReply &reply) const
{
    return decodeOAuth2TokenResponse(reply.body);
}

RefreshOAuth2Token::RefreshOAuth2Token(ServerConnection *connection, QString refreshToken,
                                       QString clientId, QString clientSecret, QObject *parent)
    : DecodingJob(connection, parent)
    , m_refreshToken(std::move(refreshToken))
    , m_clientId(std::move(clientId))
    , m_secret(std::move(clientSecret))
{}

ApiRequest RefreshOAuth2Token::build(const QString &refreshToken, const QString &clientId,
                                     const QString &clientSecret)
{
    return tokenEndpointPost(kOAuth2Token,
                             OAuth2TokenRequest::refreshBody(refreshToken, clientId, clientSecret));
}

Decoded<OAuth2TokenResponse> RefreshOAuth2Token::decodeBody(const RawReply &reply) const
{
    return decodeOAuth2TokenResponse(reply.body);
}

RevokeOAuth2TokenByValue::RevokeOAuth2TokenByValue(ServerConnection *connection, QString token,
                                                   Hint hint, QString clientId,
                                                   QString clientSecret, QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_token(std::move(token))
    , m_hint(hint)
    , m_clientId(std::move(clientId))
    , m_secret(std::move(clientSecret))
{}

ApiRequest RevokeOAuth2TokenByValue::build(const QString &token, Hint hint, const QString &clientId,
                                           const QString &clientSecret)
{
    QString hintName;
    if (hint == Hint::AccessToken)
        hintName = QStringLiteral("access_token");
    else if (hint == Hint::RefreshToken)
        hintName = QStringLiteral("refresh_token");
    return tokenEndpointPost(
        kOAuth2Revoke, OAuth2TokenRequest::revokeBody(token, hintName, clientId, clientSecret));
}

} // namespace accessdesk
