#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace accessdesk {

// An incoming OAuth 2.0 client (RestClientEntity, spec 6.1). clientSecret is a secret: callers
// must not log it or store it outside the keychain.
struct OAuth2Client
{
    QString id; // UUID, used in the management URLs
    QString clientId;
    QString clientSecret;
    QString name;
    QStringList redirects;
    QString userKey; // creator
    QString scope;   // READ | WRITE | ADMIN | SYSTEM_ADMIN

    bool operator==(const OAuth2Client &) const = default;
};

// POST /rest/oauth2/latest/token (spec 6.3). Both tokens are secrets.
struct OAuth2TokenResponse
{
    QString accessToken;
    QString tokenType;               // "bearer"
    std::optional<qint64> expiresIn; // seconds
    QString refreshToken;
    QString scope;

    bool operator==(const OAuth2TokenResponse &) const = default;
};

// GET /rest/oauth2/latest/.well-known/oauth-authorization-server (spec 6.5).
struct OAuth2Metadata
{
    QString issuer;
    QString authorizationEndpoint;
    QString tokenEndpoint;
    QString revocationEndpoint;
    QStringList scopesSupported;
    QStringList grantTypesSupported;

    bool operator==(const OAuth2Metadata &) const = default;
};

} // namespace accessdesk
