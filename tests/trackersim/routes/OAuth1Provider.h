#pragma once

#include "auth/OAuth1.h"
#include "http/SimResponse.h"

#include <QString>

#include <optional>

namespace trackersim {
class RequestContext;
class Router;
class Store;
} // namespace trackersim

// What the OAuth 1.0a service-provider route files share (spec 4.1, 4.4, 4.5, 5): the consumer
// and token stores, this instance's consumer identity and a few servlet habits.
// (Not named "oauth1": that would hide trackersim::oauth1, the signature checker.)
namespace trackersim::routes::oauth1sp {

// Lifetimes from ServiceProviderToken's system property defaults (spec 4.5).
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kRequestTokenTtlMs = 600'000;
constexpr qint64 kAccessTokenTtlMs = 157'680'000'000; // 5 years
constexpr qint64 kSessionTtlMs = kAccessTokenTtlMs + 30 * kDayMs;
constexpr int kVerifierLength = 6; // AuthorizeServlet.VERIFIER_LENGTH

// ---- consumers (OAuth1Consumers.cpp) ----

struct Consumer
{
    QString key;
    QString linkId;
    QString name;
    QString description;
    QString publicKey;    // bare base64; empty for outgoing consumers
    QString sharedSecret; // outgoing (HMAC-SHA1) consumers only: stored, never output
    QString callback;
    bool twoLOAllowed = false;
    QString executingTwoLOUser;
    bool twoLOImpersonationAllowed = false;
    bool outgoing = false;

    QString signatureMethod() const;
};

std::optional<Consumer> findConsumer(const Store &store, const QString &key);
// The consumer that may sign requests to this instance on behalf of the link.
std::optional<Consumer> incomingConsumerOf(const Store &store, const QString &linkId);
// Adds or replaces a consumer. A link has one incoming consumer: a replaced one with another key
// takes its tokens with it.
bool putConsumer(Store &store, const Consumer &consumer, qint64 nowMs);
// Removes the link's incoming consumer together with every request and access token issued to it.
bool removeIncomingConsumer(Store &store, const QString &linkId);

// ---- tokens (OAuth1Tokens.cpp) ----

enum class Authorization { Pending = 0, Allowed = 1, Denied = -1 };

struct Token
{
    QString token;
    QString secret;
    QString consumerKey;
    bool isAccess = false;
    bool isVersion10a = true; // 1.0a when the request-token call carried oauth_callback
    QString userName;
    QString callback; // empty: none or "oob"
    QString verifier;
    Authorization authorization = Authorization::Pending;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
    QString sessionHandle;
    qint64 sessionExpiresAt = 0;
};

std::optional<Token> findToken(const Store &store, const QString &token);
Token issueRequestToken(Store &store, const QString &consumerKey, const QString &callback,
                        bool version10a, qint64 nowMs);
// Records the user's answer; an allowed token gets a verifier of kVerifierLength characters.
Token decideRequestToken(Store &store, const Token &requestToken, const QString &userName,
                         bool allow);
// Exchanges an authorised request token, or renews an access token inside its session; the old
// token is removed either way.
Token issueAccessToken(Store &store, const Token &from, qint64 nowMs);

// ---- this instance as an OAuth consumer (OAuth1Support.cpp) ----

struct Identity
{
    QString consumerKey; // "jira:<uuid>"
    QString publicKey;   // bare base64 SubjectPublicKeyInfo
    QString privateKey;  // PKCS#8 PEM, for signing requests to linked applications; never output
};

// Generated on first use and kept in the database, so it survives restarts.
Identity instanceIdentity(Store &store, qint64 nowMs);

// ---- servlet habits (OAuth1Support.cpp) ----

// LoginUriProvider: 302 to login.jsp, coming back to the original path and query afterwards.
SimResponse redirectToLogin(const RequestContext &context);
QString pathAndQuery(const RequestContext &context);
// A request parameter the way HttpServletRequest.getParameter reads it: query, then form body.
std::optional<QString> parameter(const RequestContext &context, const QString &name);
// OAuthServlet.handleException: E7 body and challenge, with net.oauth's status for the problem.
SimResponse problemResponse(const RequestContext &context, const QString &problem,
                            const oauth1::Params &extra = {});
int problemStatus(const QString &problem);
// A Tomcat-style error page, as HttpServletResponse.sendError renders it.
SimResponse servletError(int status);

void registerConsumerServlet(Router &router); // add-consumer-manually (ConsumerServlet.cpp)
void registerAuthorize(Router &router);       // the authorize page (OAuth1AuthorizeRoutes.cpp)

} // namespace trackersim::routes::oauth1sp
