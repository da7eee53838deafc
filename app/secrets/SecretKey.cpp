#include "secrets/SecretKey.h"

namespace accessdesk {

QString secretKindName(SecretKind kind)
{
    switch (kind) {
    case SecretKind::Password:
        return QStringLiteral("password");
    case SecretKind::PersonalToken:
        return QStringLiteral("personal-token");
    case SecretKind::OAuth1Token:
        return QStringLiteral("oauth1-token");
    case SecretKind::OAuth1TokenSecret:
        return QStringLiteral("oauth1-token-secret");
    case SecretKind::OAuth1PrivateKey:
        return QStringLiteral("oauth1-private-key");
    case SecretKind::OAuth2AccessToken:
        return QStringLiteral("oauth2-access-token");
    case SecretKind::OAuth2RefreshToken:
        return QStringLiteral("oauth2-refresh-token");
    case SecretKind::OAuth2ClientSecret:
        return QStringLiteral("oauth2-client-secret");
    case SecretKind::SessionCookie:
        return QStringLiteral("session-cookie");
    }
    Q_UNREACHABLE();
    return {};
}

QList<SecretKind> allSecretKinds()
{
    return {SecretKind::Password,           SecretKind::PersonalToken,
            SecretKind::OAuth1Token,        SecretKind::OAuth1TokenSecret,
            SecretKind::OAuth1PrivateKey,   SecretKind::OAuth2AccessToken,
            SecretKind::OAuth2RefreshToken, SecretKind::OAuth2ClientSecret,
            SecretKind::SessionCookie};
}

QString SecretKey::storageKey() const
{
    // The kind is always the last segment and never contains '/', so a profile id that contains
    // '/' still cannot collide with another profile's key.
    return QStringLiteral("accessdesk/") + profileId + QLatin1Char('/') + secretKindName(kind);
}

} // namespace accessdesk
