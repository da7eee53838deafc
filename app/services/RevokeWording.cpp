#include "RevokeWording.h"

#include <algorithm>

namespace accessdesk {

namespace {

struct KindCount
{
    qsizetype applications = 0;
    qsizetype tokens = 0;
};

KindCount countKinds(const QList<AccessGrant> &grants)
{
    KindCount count;
    for (const AccessGrant &grant : grants)
        ++(RevokeWording::isApplication(grant) ? count.applications : count.tokens);
    return count;
}

} // namespace

bool RevokeWording::isApplication(const AccessGrant &grant)
{
    return grant.kind != GrantKind::PersonalToken;
}

QString RevokeWording::question(const QList<AccessGrant> &grants)
{
    if (grants.size() == 1)
        return tr("Revoke this grant?");
    return tr("Revoke these %1 grants?").arg(grants.size());
}

QString RevokeWording::consequence(const AccessGrant &grant)
{
    if (isApplication(grant))
        return tr("%1 can then see only public data.").arg(grant.application);
    return tr("Scripts and tools using %1 will be refused.").arg(grant.application);
}

QString RevokeWording::ifRevoked(const AccessGrant &grant)
{
    if (isApplication(grant))
        return tr("If you revoke it, %1 can then see only public data.").arg(grant.application);
    return tr("If you revoke it, scripts and tools using %1 will be refused.")
        .arg(grant.application);
}

QStringList RevokeWording::consequences(const QList<AccessGrant> &grants)
{
    const qsizetype named =
        grants.size() > namedInConfirmation + 2 ? namedInConfirmation : grants.size();
    QStringList lines;
    for (const AccessGrant &grant : grants.first(named))
        lines << consequence(grant);
    const KindCount rest = countKinds(grants.sliced(named));
    if (rest.applications > 0)
        lines << tr("…and %n more application(s); they too can then see only public data.", nullptr,
                    int(rest.applications));
    if (rest.tokens > 0)
        lines << tr("…and %n more personal access token(s); scripts and tools using them will be "
                    "refused.",
                    nullptr, int(rest.tokens));
    return lines;
}

QString RevokeWording::summary(const QList<AccessGrant> &grants)
{
    if (grants.size() == 1)
        return consequence(grants.first());
    const KindCount count = countKinds(grants);
    if (count.tokens == 0)
        return tr("These applications can then see only public data.");
    if (count.applications == 0)
        return tr("Scripts and tools using these tokens will be refused.");
    return tr("The applications can then see only public data, and scripts and tools using the "
              "personal access tokens will be refused.");
}

QString RevokeWording::closing(const QList<AccessGrant> &grants)
{
    const KindCount count = countKinds(grants);
    if (count.tokens == 0)
        return tr("This cannot be undone; the application would have to ask again.");
    if (count.applications == 0)
        return tr("This cannot be undone; a new token would have to be created and put in place.");
    return tr("This cannot be undone; the applications would have to ask again, and new tokens "
              "would have to be created and put in place.");
}

QString RevokeWording::message(const QList<AccessGrant> &grants)
{
    QStringList lines{question(grants), QString()};
    for (const QString &line : consequences(grants))
        lines << tr("• %1", "a line of a bulleted list").arg(line);
    lines << QString() << closing(grants);
    return lines.join(QLatin1Char('\n'));
}

} // namespace accessdesk
