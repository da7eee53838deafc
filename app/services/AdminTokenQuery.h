#pragma once

#include "PersonalToken.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace accessdesk {

struct TokenInventoryQuery;

// Whole days, both ends included, in the administrator's time zone: "created from 1 March to
// 31 March" means from the first moment of 1 March to the last of 31 March. An open end is unset.
struct TokenDayRange
{
    std::optional<QDate> from;
    std::optional<QDate> to;

    bool isSet() const { return from || to; }
    // Whether the moment falls within the days; a token without that moment never does.
    bool contains(const std::optional<QDateTime> &when, const QTimeZone &zone) const;

    bool operator==(const TokenDayRange &) const = default;
};

// What an administrator searches every user's personal access tokens by: the filters of Jira's
// own administration page (spec 7.2). Empty fields match every token.
//
// Like StaleTokenRule, each filter has a server half and a client half: the server is asked for
// a superset (a second of slack on each bound, since whether Jira's bounds are inclusive is not
// known), and every listed token is checked here against the exact days. So what is shown never
// depends on how the server reads a bound, and a token that never expires (Jira's 9999 date) is
// never inside an expiry range.
struct AdminTokenQuery
{
    Q_DECLARE_TR_FUNCTIONS(AdminTokenQuery)

public:
    enum class Field {
        Owner,
        Name,
        CreatedFrom,
        CreatedTo,
        ExpiresFrom,
        ExpiresTo,
        LastUsedFrom,
        LastUsedTo,
        NeverUsed
    };
    struct Problem
    {
        Field field;
        QString text;
    };

    QString owner; // part of a user name, display name or e-mail (TokenInventoryQuery::owner)
    QString name;  // part of the token's name, case ignored
    TokenDayRange created;
    TokenDayRange expires;
    TokenDayRange lastUsed;
    bool neverUsed = false;

    // The first contradiction in the filters (a range that ends before it starts, "never used"
    // with last-used days), in plain words and at the field to fix; nullopt when there is none.
    std::optional<Problem> problem() const;
    bool matches(const PersonalToken &token, const QTimeZone &zone) const;
    TokenInventoryQuery toInventoryQuery(const QTimeZone &zone) const;

    bool operator==(const AdminTokenQuery &) const = default;
};

} // namespace accessdesk
