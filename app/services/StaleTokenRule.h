#pragma once

#include "PersonalToken.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace accessdesk {

struct TokenSearchFilter;

// One rule of the stale-token sweep (issue 8, section 4). Each rule has two halves:
//
// - narrow() adds server-side filters (spec 7.2) so that the search returns a superset of the
//   matching tokens. Every bound gets a second of slack: whether Jira's bounds are inclusive is not
//   known, and the request carries whole seconds.
// - matches() is the rule itself, checked on the client against every token the server listed.
//   What is revoked therefore never depends on how the server reads a filter.
//
// The definitions, with `now` the moment of the search and N days of 24 hours each (1 to kMaxDays):
// - never used: the token has no last-used time.
// - unused for N days: not used within the last N days, i.e. last used before now − N days, or
//   never used and created before now − N days (a newer token has not had N days to be used).
//   A token last used (or created) exactly N days ago is not stale yet.
// - expired: it has an expiry, at or before now. Tokens that never expire (Jira's 9999-12-31
//   sentinel) never are.
// - expiring within N days: not expired yet, and expiring at or before now + N days.
class StaleTokenRule final
{
    Q_DECLARE_TR_FUNCTIONS(StaleTokenRule)

public:
    enum class Kind { NeverUsed, UnusedForDays, Expired, ExpiringWithinDays };
    static constexpr int kMaxDays = 36500; // a hundred years; more is a typo

    static StaleTokenRule neverUsed() { return StaleTokenRule(Kind::NeverUsed, 0); }
    static StaleTokenRule unusedForDays(int days)
    {
        return StaleTokenRule(Kind::UnusedForDays, days);
    }
    static StaleTokenRule expired() { return StaleTokenRule(Kind::Expired, 0); }
    static StaleTokenRule expiringWithinDays(int days)
    {
        return StaleTokenRule(Kind::ExpiringWithinDays, days);
    }

    Kind kind() const { return m_kind; }
    int days() const { return m_days; } // 0 for the rules without days

    // Tightens filter so that the server lists at least every token this rule matches at now.
    // Bounds already set are kept where they are narrower, so several rules combine as "and".
    void narrow(TokenSearchFilter &filter, const QDateTime &now) const;
    bool matches(const PersonalToken &token, const QDateTime &now) const;

    // "never used", "not used in the last 90 days": for confirmations and summaries.
    QString description() const;

    bool operator==(const StaleTokenRule &) const = default;

private:
    StaleTokenRule(Kind kind, int days);

    Kind m_kind;
    int m_days;
};

} // namespace accessdesk
