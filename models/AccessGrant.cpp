#include "AccessGrant.h"

namespace accessdesk {

QString grantKindName(GrantKind kind)
{
    switch (kind) {
    case GrantKind::OAuth1:
        return QStringLiteral("oauth1");
    case GrantKind::OAuth2:
        return QStringLiteral("oauth2");
    case GrantKind::PersonalToken:
        return QStringLiteral("pat");
    }
    return QString();
}

std::optional<GrantKind> grantKindFromName(const QString &name)
{
    for (GrantKind kind : {GrantKind::OAuth1, GrantKind::OAuth2, GrantKind::PersonalToken}) {
        if (name == grantKindName(kind))
            return kind;
    }
    return std::nullopt;
}

AccessGrant toAccessGrant(const PersonalToken &token)
{
    AccessGrant grant;
    grant.id = QString::number(token.id);
    grant.kind = GrantKind::PersonalToken;
    grant.application = token.name;
    grant.issuedAt = token.createdAt;
    grant.expiresAt = token.expiresAt;
    grant.lastUsedAt = token.lastUsedAt;
    grant.revokeKey = grant.id;
    return grant;
}

} // namespace accessdesk
