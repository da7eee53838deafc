#include "services/AdminTokenQuery.h"

#include "PersonalTokenModel.h"
#include "services/TokenInventorySearch.h"

namespace accessdesk {

namespace {

constexpr qint64 kSlackSeconds = 1;

QDateTime startOf(const QDate &day, const QTimeZone &zone)
{
    return QDateTime(day, QTime(0, 0), zone).toUTC();
}

// The first moment after the day, so "to 31 March" takes in every moment of 31 March.
QDateTime endOf(const QDate &day, const QTimeZone &zone)
{
    return startOf(day.addDays(1), zone);
}

void narrow(const TokenDayRange &range, const QTimeZone &zone, std::optional<QDateTime> &from,
            std::optional<QDateTime> &to)
{
    if (range.from)
        from = startOf(*range.from, zone).addSecs(-kSlackSeconds);
    if (range.to)
        to = endOf(*range.to, zone).addSecs(kSlackSeconds);
}

} // namespace

bool TokenDayRange::contains(const std::optional<QDateTime> &when, const QTimeZone &zone) const
{
    if (!when || !when->isValid())
        return false;
    if (from && *when < startOf(*from, zone))
        return false;
    return !to || *when < endOf(*to, zone);
}

std::optional<AdminTokenQuery::Problem> AdminTokenQuery::problem() const
{
    const std::pair<const TokenDayRange *, Field> ranges[] = {{&created, Field::CreatedFrom},
                                                              {&expires, Field::ExpiresFrom},
                                                              {&lastUsed, Field::LastUsedFrom}};
    for (const auto &[range, field] : ranges) {
        if (range->from && range->to && *range->from > *range->to)
            return Problem{field, tr("The first day is after the last day: swap them or clear "
                                     "one.")};
    }
    if (neverUsed && lastUsed.isSet())
        return Problem{Field::NeverUsed, tr("A token that was never used has no last-used day: "
                                            "clear “Never used” or the last-used days.")};
    return std::nullopt;
}

bool AdminTokenQuery::matches(const PersonalToken &token, const QTimeZone &zone) const
{
    if (neverUsed && token.lastUsedAt && token.lastUsedAt->isValid())
        return false;
    if (created.isSet() && !created.contains(token.createdAt, zone))
        return false;
    if (expires.isSet() && !expires.contains(PersonalTokenModel::expiryOf(token), zone))
        return false;
    return !lastUsed.isSet() || lastUsed.contains(token.lastUsedAt, zone);
}

TokenInventoryQuery AdminTokenQuery::toInventoryQuery(const QTimeZone &zone) const
{
    TokenInventoryQuery query;
    query.owner = owner.trimmed();
    query.filter.nameContains = name.trimmed();
    narrow(created, zone, query.filter.createdFrom, query.filter.createdTo);
    narrow(expires, zone, query.filter.expiresFrom, query.filter.expiresTo);
    narrow(lastUsed, zone, query.filter.lastUsedFrom, query.filter.lastUsedTo);
    if (neverUsed)
        query.filter.used = false;
    if (neverUsed || created.isSet() || expires.isSet() || lastUsed.isSet()) {
        query.accept = [copy = *this, zone](const PersonalToken &token) {
            return copy.matches(token, zone);
        };
    }
    return query;
}

} // namespace accessdesk
