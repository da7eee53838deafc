#pragma once

#include "OAuth2Client.h"

#include <QDateTime>
#include <QString>

#include <functional>

namespace accessdesk {

// The tokens of one OAuth 2.0 authorisation as the client keeps them. Both tokens are secrets:
// they live in the keychain (SecretKind::OAuth2AccessToken, OAuth2RefreshToken) and never in
// logs, settings or the database.
struct OAuth2Tokens
{
    QString accessToken;
    QString refreshToken; // empty when the server gave none
    QDateTime expiresAt;  // of the access token, UTC; invalid when unknown
    QString scope;

    // The token endpoint's answer, received at now. A refresh that sends no new refresh token
    // leaves the previous one in force (RFC 6749 6).
    static OAuth2Tokens fromResponse(const OAuth2TokenResponse &response, const QDateTime &now,
                                     const QString &previousRefreshToken = {});
};

// Who the client application is at the token endpoint (client_secret_post, spec 6.5). The
// secret is a secret.
struct OAuth2ClientKeys
{
    QString clientId;
    QString clientSecret;
};

// "Now" for expiry times, injectable so tests need no waiting.
using UtcClock = std::function<QDateTime()>;

} // namespace accessdesk
