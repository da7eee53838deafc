#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

namespace accessdesk {

// Form bodies for Jira's token and revocation endpoints (spec 6.3, 6.4). They must be sent as
// application/x-www-form-urlencoded: Jira answers JSON bodies with a 500.
class OAuth2TokenRequest
{
public:
    OAuth2TokenRequest() = delete;

    static QUrl tokenUrl(const QUrl &baseUrl);  // <base>/rest/oauth2/latest/token
    static QUrl revokeUrl(const QUrl &baseUrl); // <base>/rest/oauth2/latest/revoke
    static QByteArray contentType() { return "application/x-www-form-urlencoded"; }

    // grant_type=authorization_code with the PKCE verifier; an empty clientSecret is left out.
    static QByteArray authorizationCodeBody(const QString &code, const QString &redirectUri,
                                            const QString &clientId, const QString &clientSecret,
                                            const QByteArray &codeVerifier);
    // grant_type=refresh_token.
    static QByteArray refreshBody(const QString &refreshToken, const QString &clientId,
                                  const QString &clientSecret);
    // Revokes a token and its pair (sign-out). hint: "access_token", "refresh_token" or empty.
    static QByteArray revokeBody(const QString &token, const QString &hint, const QString &clientId,
                                 const QString &clientSecret);
};

// The token endpoint's answer: tokens (RFC 6749 5.1), an E6b error (5.2), or something else.
struct OAuth2TokenReply
{
    enum class Status {
        Ok,            // access_token present
        ProviderError, // {"error": "invalid_grant", "error_description": "…"}
        Malformed,     // not JSON, wrong types, or neither tokens nor an error
    };

    Status status = Status::Malformed;
    QString accessToken;
    QString tokenType;               // "bearer"
    std::optional<qint64> expiresIn; // seconds
    QString refreshToken;            // empty when the server sent none: keep the old one
    QString scope;
    QString error;            // E6b error code, e.g. "invalid_grant"
    QString errorDescription; // E6b text, or what was wrong with a malformed body

    bool isOk() const { return status == Status::Ok; }
    static OAuth2TokenReply parse(int httpStatus, const QByteArray &body);
};

} // namespace accessdesk
