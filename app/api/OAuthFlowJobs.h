#pragma once

#include "AuthorizePage.h"
#include "OAuth2Client.h"
#include "api/DecodingJob.h"
#include "auth/OAuth1Dance.h"

// The steps of the two authorisation flows the client runs itself (spec 4.5, 6.2–6.4): the OAuth
// 1.0a dance as a consumer, the user's Allow/Deny on the "Request for Access" page, and the OAuth
// 2.0 token endpoint. Every token in these requests and answers is a secret: nothing here logs a
// body, and ApiJob logs only method and path.
namespace accessdesk {

// Steps 1, 3 and 3b answer form-encoded tokens; a 200 that names a problem (or no token) is not a
// usable answer.
Decoded<OAuth1TokenReply> decodeOAuth1TokenReply(const QByteArray &body);

// Step 1: POST request-token. The connection's credentials must be OAuth1Credentials made with
// OAuth1TokenParameters::requestToken(callback): the callback travels in the signed header.
class RequestOAuth1Token final : public DecodingJob<OAuth1TokenReply>
{
public:
    explicit RequestOAuth1Token(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    Decoded<OAuth1TokenReply> decodeBody(const RawReply &reply) const override;
};

// Step 3: POST access-token, signed with OAuth1TokenParameters::exchange(request token, its
// secret, verifier).
class ExchangeOAuth1Token final : public DecodingJob<OAuth1TokenReply>
{
public:
    explicit ExchangeOAuth1Token(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    Decoded<OAuth1TokenReply> decodeBody(const RawReply &reply) const override;
};

// Step 3b: renewing is the same request to the same servlet; only the signature differs
// (OAuth1TokenParameters::renewal(access token, secret, session handle) on the connection), and
// the answer is a new access token for the same session.
using RenewOAuth1Token = ExchangeOAuth1Token;

// Step 2 as the signed-in user sees it: GET the "Request for Access" page for a request token.
class FetchAuthorizePage final : public DecodingJob<AuthorizeRequest>
{
public:
    FetchAuthorizePage(ServerConnection *connection, QString requestToken,
                       QObject *parent = nullptr);
    static ApiRequest build(const QString &requestToken);
    ApiRequest request() const override { return build(m_requestToken); }

protected:
    Decoded<AuthorizeRequest> decodeBody(const RawReply &reply) const override;

private:
    QString m_requestToken;
};

// What the provider did with the user's answer.
struct AuthorizeDecision
{
    bool approved = false;
    QString verifier; // oauth_verifier for the consumer; empty for OAuth 1.0 or a denial
    QUrl callback;    // where the provider sent the browser (without following it), if anywhere
};

// Allow or Deny on the page FetchAuthorizePage read: POSTs the form's hidden fields plus the
// chosen button. The provider answers a redirect to the consumer's callback (read from Location,
// never followed: it is the consumer's server) or, without a callback, a page with the verifier.
class AnswerAuthorizePage final : public DecodingJob<AuthorizeDecision>
{
public:
    AnswerAuthorizePage(ServerConnection *connection, AuthorizeRequest page, bool approve,
                        QObject *parent = nullptr);
    // baseUrl: the connection's; the form is posted only to a path on that server.
    static ApiRequest build(const AuthorizeRequest &page, bool approve, const QUrl &baseUrl);
    ApiRequest request() const override;

    // The decision a redirect (301/302/303/307/308) to the consumer carries in its Location.
    static AuthorizeDecision decisionFromCallback(const QUrl &location);

protected:
    bool isSuccess(const RawReply &reply) const override;
    Decoded<AuthorizeDecision> decodeBody(const RawReply &reply) const override;

private:
    AuthorizeRequest m_page;
    bool m_approve;
};

// POST /rest/oauth2/latest/token with grant_type=authorization_code and the PKCE verifier. Send it
// on a connection without credentials: the client authenticates with its id and secret in the
// form.
class ExchangeOAuth2Code final : public DecodingJob<OAuth2TokenResponse>
{
public:
    struct Grant
    {
        QString code;
        QString redirectUri;
        QString clientId;
        QString clientSecret; // empty: left out
        QByteArray codeVerifier;
    };

    ExchangeOAuth2Code(ServerConnection *connection, Grant grant, QObject *parent = nullptr);
    static ApiRequest build(const Grant &grant);
    ApiRequest request() const override { return build(m_grant); }

protected:
    Decoded<OAuth2TokenResponse> decodeBody(const RawReply &reply) const override;

private:
    Grant m_grant;
};

// POST /rest/oauth2/latest/token with grant_type=refresh_token. Jira rotates refresh tokens: the
// old pair stops working once this succeeds.
class RefreshOAuth2Token final : public DecodingJob<OAuth2TokenResponse>
{
public:
    RefreshOAuth2Token(ServerConnection *connection, QString refreshToken, QString clientId,
                       QString clientSecret, QObject *parent = nullptr);
    static ApiRequest build(const QString &refreshToken, const QString &clientId,
                            const QString &clientSecret);
    ApiRequest request() const override { return build(m_refreshToken, m_clientId, m_secret); }

protected:
    Decoded<OAuth2TokenResponse> decodeBody(const RawReply &reply) const override;

private:
    QString m_refreshToken;
    QString m_clientId;
    QString m_secret;
};

// POST /rest/oauth2/latest/revoke (sign-out by token value, with the client's credentials);
// revoking either token of a pair revokes both.
class RevokeOAuth2TokenByValue final : public StatusOnlyJob
{
public:
    enum class Hint { None, AccessToken, RefreshToken };

    RevokeOAuth2TokenByValue(ServerConnection *connection, QString token, Hint hint,
                             QString clientId, QString clientSecret, QObject *parent = nullptr);
    static ApiRequest build(const QString &token, Hint hint, const QString &clientId,
                            const QString &clientSecret);
    ApiRequest request() const override { return build(m_token, m_hint, m_clientId, m_secret); }

private:
    QString m_token;
    Hint m_hint;
    QString m_clientId;
    QString m_secret;
};

} // namespace accessdesk
