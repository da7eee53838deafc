#pragma once

#include "http/SimResponse.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace trackersim {
class Store;
}

// The admin token search, POST /rest/pat/latest/tokens/search (spec 7.2): RestTokenSearchRequest
// as Jackson maps it, RestValidator's checks, and the filtered, sorted, paged query in SQL.
namespace trackersim::routes::pat {

struct DateBound
{
    int field = 0; // which of the six date fields, in RestValidator's order
    QString text;  // as sent
    qint64 ms = 0; // once validated
};

struct TokenSearchRequest
{
    QStringList userKeys;
    QString name; // case-insensitive "contains"; empty means no filter
    QList<DateBound> dates;
    std::optional<bool> isUsed;
    // Defaults apply only when a field is omitted: an explicit null fails validation.
    std::optional<QString> sortBy = QStringLiteral("name");
    std::optional<QString> orderBy = QStringLiteral("asc");
    int page = 0;
    int limit = 100;
};

struct TokenSearchPage
{
    QJsonArray values;
    qint64 total = 0;
};

// Maps the body like Jackson (400 E5 on wrong types); runs before any permission check.
std::optional<SimResponse> parseSearchRequest(const QJsonValue &body, TokenSearchRequest *request);
// RestValidator.verifyTokenSearchRequest and Spring's PageRequest checks (400 E5).
std::optional<SimResponse> validateSearchRequest(TokenSearchRequest *request);
// The SQL of one search: the total count and one page, with their bound values.
struct TokenSearchQuery
{
    QString countSql;
    QVariantList values;
    QString pageSql;
    QVariantList pageValues;
};
TokenSearchQuery searchQuery(const TokenSearchRequest &request);
// One page of matching tokens, each with its owner's userProfileResource.
TokenSearchPage searchTokens(const Store &store, const TokenSearchRequest &request);

} // namespace trackersim::routes::pat
