#include "services/ExpiryNotice.h"

#include "AccessGrantModel.h"

#include <QLocale>

#include <cmath>

namespace accessdesk {

ExpiryNotice ExpiryNotice::forAnnounced(const QList<AccessGrant> &grants, int windowDays)
{
    if (grants.isEmpty())
        return {};
    ExpiryNotice notice;
    notice.title = tr("Access expiring within %n day(s)", "notification title", windowDays);
    if (grants.size() == 1) {
        notice.message = bannerLine(grants.first());
        return notice;
    }
    QStringList names;
    for (const AccessGrant &grant : grants)
        names << QStringLiteral("“%1”").arg(grant.application);
    notice.message = tr("%n grant(s) expire soon: %1. Open My access to replace or revoke them.",
                        nullptr, int(grants.size()))
                         .arg(QLocale().createSeparatedList(names));
    return notice;
}

QString ExpiryNotice::bannerHeading(int count)
{
    return tr("%n grant(s) expire soon. Create a replacement for what you still need, and revoke "
              "the rest.",
              nullptr, count);
}

QString ExpiryNotice::bannerLine(const AccessGrant &grant)
{
    const QString when =
        grant.expiresAt ? AccessGrantModel::shortDateTime(*grant.expiresAt) : QString();
    if (grant.kind == GrantKind::PersonalToken)
        return tr("The personal access token “%1” expires on %2.").arg(grant.application, when);
    return tr("The access you gave “%1” expires on %2.").arg(grant.application, when);
}

std::optional<PersonalTokenCreator::Request> ExpiryNotice::replacementFor(const AccessGrant &grant)
{
    if (grant.kind != GrantKind::PersonalToken || !grant.expiresAt || !grant.expiresAt->isValid() ||
        !grant.issuedAt.isValid())
        return std::nullopt;
    constexpr double dayMs = 24.0 * 3600 * 1000;
    // Jira sets the expiry to creation + days; rounding absorbs clock and storage jitter.
    const auto days = std::lround(double(grant.issuedAt.msecsTo(*grant.expiresAt)) / dayMs);
    return PersonalTokenCreator::Request{grant.application, int(std::max(days, 1L))};
}

} // namespace accessdesk
