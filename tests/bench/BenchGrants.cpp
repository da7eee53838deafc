#include "BenchGrants.h"

#include <QDateTime>
#include <QStringList>

namespace bench {

using accessdesk::AccessGrant;
using accessdesk::GrantKind;

QList<AccessGrant> makeGrants(int count)
{
    static const QStringList applications = {
        QStringLiteral("Bamboo"),
        QStringLiteral("Confluence"),
        QStringLiteral("Bitbucket"),
        QStringLiteral("Jenkins pipeline"),
        QStringLiteral("Deploy Dashboard"),
        QStringLiteral("laptop-cli"),
        QStringLiteral("Release notes bot"),
        QStringLiteral("Grafana"),
        QStringLiteral("Slack integration"),
        QStringLiteral("Backup job"),
    };
    static const QStringList scopes = {QStringLiteral("READ"), QStringLiteral("WRITE"),
                                       QStringLiteral("ADMIN")};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<AccessGrant> grants;
    grants.reserve(count);
    for (int i = 0; i < count; ++i) {
        AccessGrant grant;
        grant.kind = GrantKind(i % 3);
        grant.id = grant.kind == GrantKind::PersonalToken
                       ? QString::number(100000 + i)
                       : QStringLiteral("grant-%1-%2").arg(i).arg(i * 7919 % 100003);
        grant.application =
            QStringLiteral("%1 %2").arg(applications.at(i % applications.size())).arg(i);
        if (grant.kind == GrantKind::OAuth1)
            grant.description = QStringLiteral("Linked application number %1").arg(i % 97);
        grant.issuedAt = now.addSecs(-qint64(i % 900) * 86400 - i);
        if (i % 4 != 0)
            grant.expiresAt = grant.issuedAt.addDays(30 + i % 400);
        if (i % 5 != 0)
            grant.lastUsedAt = grant.issuedAt.addSecs(3600 * (i % 200));
        if (grant.kind == GrantKind::OAuth2)
            grant.scopes = scopes.mid(0, 1 + i % 3);
        grant.revokeKey = grant.kind == GrantKind::PersonalToken ? grant.id : QString();
        grants.append(grant);
    }
    return grants;
}

QString typedFilter()
{
    return QStringLiteral("pipeline 3");
}

} // namespace bench
