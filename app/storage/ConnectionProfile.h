#pragma once

#include "AuthKind.h"

#include <QMap>
#include <QString>
#include <QUrl>

#include <optional>

namespace accessdesk {

// How to reach one server. Holds no secret: passwords, tokens and private keys live in the
// keychain (SecretStore), keyed by the profile name, which is the profile's id.
struct ConnectionProfile
{
    QString name;
    QUrl baseUrl; // http(s)://host[:port][/context]; never with user info
    AuthKind authKind = AuthKind::Basic;
    QString username;
    QString pinnedCertificateSha256; // 64 lowercase hex digits, or empty
    QString caFile;                  // PEM file of a CA to trust for this server, or empty
    QString consumerKey;             // OAuth 1.0a consumer key (public, not a secret)
    QString privateKeyFile;          // OAuth 1.0a: path of the PEM file, never its contents
    QString oauth2ClientId;          // OAuth 2.0 client id (public, not a secret)
    int timeoutSeconds = 30;
    QMap<QString, QString> options; // free-form settings; keys that look secret are refused

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

// "AB:cd:…" or "abcd…" → "abcd…" (lowercase, no separators); input that is not 64 hex digits
// after that is returned as given, for validation to refuse.
QString normalisedSha256(const QString &fingerprint);

} // namespace accessdesk
