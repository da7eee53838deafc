#pragma once

#include <QList>
#include <QString>

namespace accessdesk {

// Which secret of a connection profile. The list is closed on purpose: deleteAllFor() can only
// remove what it can name, because keychains cannot be enumerated portably.
enum class SecretKind {
    Password,
    PersonalToken,
    OAuth1Token,
    OAuth1TokenSecret,
    OAuth1PrivateKey,
    OAuth2AccessToken,
    OAuth2RefreshToken,
    OAuth2ClientSecret,
    SessionCookie,
};

// Stable, untranslated name used inside keychain keys ("oauth2-refresh-token").
QString secretKindName(SecretKind kind);
QList<SecretKind> allSecretKinds();

// Addresses one secret of one profile. The keychain entry is "accessdesk/<profileId>/<kind>"
// under the service "AccessDesk", so profiles never see each other's entries.
struct SecretKey
{
    QString profileId;
    SecretKind kind = SecretKind::Password;

    bool isValid() const { return !profileId.isEmpty(); }
    QString storageKey() const;

    friend bool operator==(const SecretKey &, const SecretKey &) = default;
};

// The keychain service every AccessDesk entry is filed under.
inline QString secretServiceName()
{
    return QStringLiteral("AccessDesk");
}

} // namespace accessdesk
