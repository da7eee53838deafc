#pragma once

#include "auth/FormEncoding.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

namespace accessdesk {

// What the request-token and access-token servlets answer (form-encoded, spec 4.5), or the E7
// problem they answer instead (oauth_problem=…).
struct OAuth1TokenReply
{
    QString token;                                // oauth_token
    QString tokenSecret;                          // oauth_token_secret
    bool callbackConfirmed = false;               // oauth_callback_confirmed=true (OAuth 1.0a)
    std::optional<qint64> expiresIn;              // oauth_expires_in, seconds
    std::optional<qint64> authorizationExpiresIn; // oauth_authorization_expires_in, seconds
    QString sessionHandle;                        // oauth_session_handle, for renewal
    QString problem;                              // oauth_problem; empty when none
    FormFields fields;                            // everything, e.g. oauth_problem_advice

    // A token came back and no problem did.
    bool isValid() const { return problem.isEmpty() && !token.isEmpty(); }
};

// The provider side of the dance as URLs and parsers; the requests themselves are signed with
// OAuth1Credentials and sent by the REST layer. Opening the authorize URL in a browser is the
// caller's job.
class OAuth1Dance
{
public:
    OAuth1Dance() = delete;

    // baseUrl is Jira's base URL and may carry a context path (https://host/jira).
    static QUrl requestTokenUrl(const QUrl &baseUrl);
    static QUrl accessTokenUrl(const QUrl &baseUrl);
    // <base>/plugins/servlet/oauth/authorize?oauth_token=…
    static QUrl authorizeUrl(const QUrl &baseUrl, const QString &requestToken);
    // The dance's POSTs carry their parameters in the header and send this with an empty body.
    static QByteArray formContentType() { return "application/x-www-form-urlencoded"; }

    static OAuth1TokenReply parseTokenReply(const QByteArray &body);
    // oauth_problem from "WWW-Authenticate: OAuth realm=\"…\", oauth_problem=\"…\"" (E7);
    // empty when the header is not an OAuth challenge or names no problem.
    static QString problemFromChallenge(const QByteArray &wwwAuthenticate);
};

} // namespace accessdesk
