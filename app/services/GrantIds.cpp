#include "services/GrantIds.h"

#include <QCryptographicHash>

namespace accessdesk::grantids {

QString publicId(const AccessGrant &grant)
{
    switch (grant.kind) {
    case GrantKind::OAuth1:
        return QStringLiteral("oauth1:") +
               QString::fromLatin1(
                   QCryptographicHash::hash(grant.revokeKey.toUtf8(), QCryptographicHash::Sha256)
                       .toHex()
                       .left(12));
    case GrantKind::OAuth2:
        return QStringLiteral("oauth2:") + grant.revokeKey;
    case GrantKind::PersonalToken:
        return QStringLiteral("pat:") + grant.revokeKey;
    }
    return {};
}

} // namespace accessdesk::grantids
