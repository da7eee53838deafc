#pragma once

#include "PersonalToken.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace accessdesk {

enum class GrantKind { OAuth1, OAuth2, PersonalToken };

// "oauth1", "oauth2", "pat": the names the CLI's JSON output uses.
QString grantKindName(GrantKind kind);
std::optional<GrantKind> grantKindFromName(const QString &name);

// One thing that can act as the user, whatever made it: an OAuth 1.0a access token or an OAuth 2.0
// authorisation (both from the access-tokens page), or a personal access token (REST).
struct AccessGrant
{
    // OAuth 1.0a: the token value; OAuth 2.0: the refresh token's id; PAT: the numeric id.
    QString id;
    GrantKind kind = GrantKind::OAuth1;
    QString application;    // consumer, OAuth 2.0 client or PAT name
    QString description;    // the consumer's description, when the page shows it
    QString applicationUrl; // the consumer's link, when the page shows one
    QDateTime issuedAt;     // UTC
    std::optional<QDateTime> expiresAt;
    std::optional<QDateTime> lastUsedAt;
    QStringList scopes; // OAuth 2.0 only, lowest first as Jira lists them

    // How to revoke it. OAuth 1.0a: POST form field token=revokeKey to revokeUrl (the page's form
    // action or revoke link; empty when the page had none, then the servlet's default applies).
    // OAuth 2.0: POST revokeUrl (…/rest/oauth2/latest/revoke/{revokeKey}). PAT: DELETE
    // /rest/pat/latest/tokens/{revokeKey}, revokeUrl empty.
    QString revokeKey;
    QUrl revokeUrl;

    bool operator==(const AccessGrant &) const = default;
};

AccessGrant toAccessGrant(const PersonalToken &token);

} // namespace accessdesk
