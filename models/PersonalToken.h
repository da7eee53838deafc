#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace accessdesk {

// A token's owner in the administrators' search (userProfileResource), and one user found by
// GET /rest/pat/latest/tokens/search/user (spec 7.2).
struct TokenOwner
{
    QString userKey;
    QString username;
    QString fullName;
    QString email;

    bool operator==(const TokenOwner &) const = default;
};

// A personal access token (RestToken, spec 7.1). rawToken is a secret, present only in the
// answer to POST /rest/pat/latest/tokens: show it once, never log or store it.
struct PersonalToken
{
    qint64 id = 0;
    QString name;
    QDateTime createdAt;                 // UTC
    std::optional<QDateTime> expiresAt;  // nullopt: never (Jira's 9999-12-31 sentinel)
    std::optional<QDateTime> lastUsedAt; // nullopt: not used yet
    QString rawToken;
    std::optional<TokenOwner> owner; // admin search only

    bool operator==(const PersonalToken &) const = default;
};

// POST /rest/pat/latest/tokens/search (spec 7.2).
struct TokenSearchPage
{
    QList<PersonalToken> values;
    int page = 0; // 0-based
    int size = 0;
    bool isLastPage = true;
    int totalPages = 0;

    bool operator==(const TokenSearchPage &) const = default;
};

} // namespace accessdesk
