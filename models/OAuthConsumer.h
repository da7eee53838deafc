#pragma once

#include <QList>
#include <QMap>
#include <QString>

namespace accessdesk {

// An application link's incoming OAuth 1.0a consumer (ConsumerEntity, spec 4.1).
struct OAuthConsumer
{
    QString key;
    QString name;
    QString description;
    QString publicKey; // bare base64 SubjectPublicKeyInfo, as Jira prints it
    QString callback;
    QString signatureMethod; // "RSA_SHA1" or "HMAC_SHA1"
    bool twoLoAllowed = false;
    QString executingTwoLoUser;
    bool twoLoImpersonationAllowed = false;
    bool outgoing = false;

    bool operator==(const OAuthConsumer &) const = default;
};

// An authentication provider configured on a link (AuthenticationProviderEntity).
struct AuthProvider
{
    QString provider; // class name, e.g.
                      // com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider
    QString module;
    QMap<QString, QString> config;

    bool operator==(const AuthProvider &) const = default;
};

// GET /rest/applinks-oauth/1.0/applicationlink/{id}/authentication.
struct AppLinkAuthentication
{
    QList<OAuthConsumer> consumers;
    QList<AuthProvider> providers;

    bool operator==(const AppLinkAuthentication &) const = default;
};

// GET /plugins/servlet/oauth/consumer-info (XML, spec 4.4): this server's consumer identity.
struct ConsumerInfo
{
    QString key;
    QString name;
    QString publicKey;
    QString description;
    QString callback;

    bool operator==(const ConsumerInfo &) const = default;
};

} // namespace accessdesk
