#include "services/StaleTokenRule.h"

#include "JiraDateTime.h"
#include "api/PatJobs.h"

#include <QtGlobal>

namespace accessdesk {

namespace {

constexpr qint64 kSlackSeconds = 1;

void tightenFrom(std::optional<QDateTime> &bound, const QDateTime &from)
{
    if (!bound || *bound < from)
        bound = from;
}

void tightenTo(std::optional<QDateTime> &bound, const QDateTime &to)
{
    if (!bound || *bound > to)
        bound = to;
}

// A token without an expiry, or with the PAT plugin's "never" date, does not expire.
std::optional<QDateTime> expiryOf(const PersonalToken &token)
{
    if (!token.expiresAt || !token.expiresAt->isValid() ||
        jiradate::isNeverSentinel(*token.expiresAt))
        return std::nullopt;
    return token.expiresAt;
}

} // namespace

StaleTokenRule::StaleTokenRule(Kind kind, int days)
    : m_kind(kind)
    , m_days(kind == Kind::UnusedForDays || kind == Kind::ExpiringWithinDays
                 ? qBound(1, days, kMaxDays)
                 : 0)
{}

void StaleTokenRule::narrow(TokenSearchFilter &filter, const QDateTime &now) const
{
    switch (m_kind) {
    case Kind::NeverUsed:
        filter.used = false;
        break;
    case Kind::UnusedForDays:
        // Used before the threshold implies created before it, and so does the never-used half:
        // the creation bound alone selects a superset of both.
        tightenTo(filter.createdTo, now.addDays(-m_days).addSecs(kSlackSeconds));
        break;
    case Kind::Expired:
        tightenTo(filter.expiresTo, now.addSecs(kSlackSeconds));
        break;
    case Kind::ExpiringWithinDays:
        tightenFrom(filter.expiresFrom, now.addSecs(-kSlackSeconds));
        tightenTo(filter.expiresTo, now.addDays(m_days).addSecs(kSlackSeconds));
        break;
    }
}

bool StaleTokenRule::matches(const PersonalToken &token, const QDateTime &now) const
{
    switch (m_kind) {
    case Kind::NeverUsed:
        return !token.lastUsedAt || !token.lastUsedAt->isValid();
    case Kind::UnusedForDays: {
        const QDateTime threshold = now.addDays(-m_days);
        if (token.lastUsedAt && token.lastUsedAt->isValid())
            return *token.lastUsedAt < threshold;
        // Never used: stale once it has existed for the whole period. Without a creation time
        // the age is unknown, and an unknown age is not proof of staleness.
        return token.createdAt.isValid() && token.createdAt < threshold;
    }
    case Kind::Expired: {
        const auto expiry = expiryOf(token);
        return expiry && *expiry <= now;
    }
    case Kind::ExpiringWithinDays: {
        const auto expiry = expiryOf(token);
        return expiry && *expiry > now && *expiry <= now.addDays(m_days);
    }
    }
    return false;
}

QString StaleTokenRule::description() const
{
    switch (m_kind) {
    case Kind::NeverUsed:
        return tr("never used");
    case Kind::UnusedForDays:
        return tr("not used in the last %n day(s)", nullptr, m_days);
    case Kind::Expired:
        return tr("expired");
    case Kind::ExpiringWithinDays:
        return tr("expiring within %n day(s)", nullptr, m_days);
    }
    return {};
}

} // namespace accessdesk
