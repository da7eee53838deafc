#include "PatSearch.h"

#include "PatSupport.h"
#include "http/ErrorBodies.h"
#include "store/Store.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <iterator>

namespace trackersim::routes::pat {

namespace {

const QString kSearchBean = QStringLiteral("com.atlassian.pats.rest.RestTokenSearchRequest");

// The six date bounds in RestValidator's order, the name its error message uses, and the SQL
// condition each adds. A non-expiring token counts as expiring on TokenDTO.NON_EXPIRING_DATE
// (the literal below is kNonExpiringMs), because that is what Jira stores for it.
struct DateField
{
    const char *field;
    const char *messageName;
    const char *condition;
};

constexpr DateField kDateFields[] = {
    {"tokenCreatedDateFrom", "tokenCreatedDateFrom", "p.created_at >= ?"},
    {"tokenCreatedDateTo", "tokenCreatedDateTo", "p.created_at <= ?"},
    {"tokenExpiryDateFrom", "expiryDateFrom", "IFNULL(p.expiring_at, 253402214400000) >= ?"},
    {"tokenExpiryDateTo", "expiryDateTo", "IFNULL(p.expiring_at, 253402214400000) <= ?"},
    {"lastAuthenticatedDateFrom", "lastAuthenticatedDateFrom", "p.last_accessed_at >= ?"},
    {"lastAuthenticatedDateTo", "lastAuthenticatedDateTo", "p.last_accessed_at <= ?"},
};

// RestValidator's SORT_CATEGORIES and the ORDER BY term for each. How the database orders NULLs
// is Jira's database's business; trackersim sorts never-used tokens as if used last (PostgreSQL).
struct SortField
{
    const char *name;
    const char *ascending;
    const char *descending;
};

constexpr SortField kSortFields[] = {
    {"createdAt", "p.created_at ASC", "p.created_at DESC"},
    {"expiringAt", "IFNULL(p.expiring_at, 253402214400000) ASC",
     "IFNULL(p.expiring_at, 253402214400000) DESC"},
    {"lastAccessedAt", "p.last_accessed_at IS NULL ASC, p.last_accessed_at ASC",
     "p.last_accessed_at IS NULL DESC, p.last_accessed_at DESC"},
    // trackersim's choice: names compare case-insensitively, as most Jira databases collate.
    {"name", "p.name COLLATE NOCASE ASC", "p.name COLLATE NOCASE DESC"},
    {"userKey", "p.user_key ASC", "p.user_key DESC"},
};

const SortField *sortField(const QString &name)
{
    for (const SortField &field : kSortFields) {
        if (name == QLatin1String(field.name))
            return &field;
    }
    return nullptr;
}

// DateTimeFormatter.ISO_DATE_TIME as ZonedDateTime needs it: a date-time with an offset
// ("Z" or "+01:00"). trackersim does not take bracketed region ids.
std::optional<qint64> parseZonedDateTime(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?"
                       ")?(Z|([+-])(\\d{2}):(\\d{2}))$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    auto number = [&match](int group) { return match.captured(group).toInt(); };
    const QDate date(number(1), number(2), number(3));
    const QString fraction = QString(match.captured(7) + QStringLiteral("00")).left(3);
    const QTime time(number(4), number(5), number(6), fraction.toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    qint64 offsetMs = 0;
    if (match.captured(8) != QLatin1String("Z")) {
        if (number(10) > 18 || number(11) > 59)
            return std::nullopt;
        offsetMs = (number(10) * 3600LL + number(11) * 60LL) * 1000;
        if (match.captured(9) == QLatin1String("-"))
            offsetMs = -offsetMs;
    }
    return QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch() - offsetMs;
}

bool readStringList(const QJsonValue &value, QStringList *out)
{
    if (value.isNull() || value.isUndefined())
        return true;
    if (!value.isArray())
        return false;
    for (const QJsonValue &item : value.toArray()) {
        std::optional<QString> text;
        if (!toOptionalString(item, &text))
            return false;
        if (text)
            out->append(*text);
    }
    return true;
}

// sortBy and orderBy: omitted keeps the default, null is kept as "no value" for the validator.
bool readSortString(const QJsonObject &object, const QString &key, std::optional<QString> *out)
{
    if (!object.contains(key))
        return true;
    return toOptionalString(object.value(key), out);
}

// page and limit are Java ints: omitted keeps the default, null becomes 0.
bool readPrimitiveInt(const QJsonObject &object, const QString &key, int *out)
{
    if (!object.contains(key))
        return true;
    std::optional<int> value;
    if (!toOptionalInt(object.value(key), &value))
        return false;
    *out = value.value_or(0);
    return true;
}

SimResponse fieldError(const char *field, const char *javaType)
{
    return fieldMappingError(kSearchBean, QString::fromLatin1(field),
                             QString::fromLatin1(javaType));
}

SimResponse invalidSort(const QString &message)
{
    return errors::pat(400, QStringLiteral("com.atlassian.pats.exception.InvalidSortException"),
                       message);
}

} // namespace

std::optional<SimResponse> parseSearchRequest(const QJsonValue &body, TokenSearchRequest *request)
{
    if (!body.isObject()) {
        return mappingError(QString(QStringLiteral("Can not deserialize instance of ") +
                                    kSearchBean + QStringLiteral(" out of START_ARRAY token")));
    }
    const QJsonObject object = body.toObject(); // unknown fields are ignored, as Jira does
    if (!readStringList(object.value(QStringLiteral("userKeys")), &request->userKeys))
        return fieldError("userKeys", "java.util.ArrayList");
    std::optional<QString> name;
    if (!toOptionalString(object.value(QStringLiteral("name")), &name))
        return fieldError("name", "java.lang.String");
    request->name = name.value_or(QString());
    for (int field = 0; field < int(std::size(kDateFields)); ++field) {
        const char *key = kDateFields[field].field;
        std::optional<QString> text;
        if (!toOptionalString(object.value(QLatin1String(key)), &text))
            return fieldError(key, "java.lang.String");
        if (text)
            request->dates.append(DateBound{field, *text});
    }
    if (!toOptionalBool(object.value(QStringLiteral("isUsed")), &request->isUsed))
        return fieldError("isUsed", "java.lang.Boolean");
    if (!readSortString(object, QStringLiteral("sortBy"), &request->sortBy))
        return fieldError("sortBy", "java.lang.String");
    if (!readSortString(object, QStringLiteral("orderBy"), &request->orderBy))
        return fieldError("orderBy", "java.lang.String");
    if (!readPrimitiveInt(object, QStringLiteral("page"), &request->page))
        return fieldError("page", "int");
    if (!readPrimitiveInt(object, QStringLiteral("limit"), &request->limit))
        return fieldError("limit", "int");
    return std::nullopt;
}

std::optional<SimResponse> validateSearchRequest(TokenSearchRequest *request)
{
    const QString sortBy = request->sortBy.value_or(QStringLiteral("null"));
    if (!request->sortBy || !sortField(sortBy))
        return invalidSort(QString(QStringLiteral("Invalid sort field: ") + sortBy));
    // Sort.Direction.fromString ignores case. A null orderBy makes Jira's validator throw a
    // NullPointerException (a 500); trackersim answers 400 like any other invalid order.
    const QString orderBy = request->orderBy.value_or(QStringLiteral("null")).toLower();
    if (orderBy != QLatin1String("asc") && orderBy != QLatin1String("desc")) {
        return invalidSort(QString(QStringLiteral("Invalid value for orderBy: ") +
                                   request->orderBy.value_or(QStringLiteral("null"))));
    }
    request->orderBy = orderBy;
    for (DateBound &bound : request->dates) {
        const auto ms = parseZonedDateTime(bound.text);
        if (!ms) {
            return errors::pat(
                400,
                QStringLiteral("com.atlassian.pats.exception.InvalidDateStringFormatException"),
                QString(QStringLiteral("Invalid date format for ") +
                        QString::fromLatin1(kDateFields[bound.field].messageName) +
                        QStringLiteral(": ") + bound.text));
        }
        bound.ms = *ms;
    }
    // Spring Data's PageRequest.of(page, limit) rejects these with IllegalArgumentException.
    if (request->page < 0)
        return illegalArgument(QStringLiteral("Page index must not be less than zero!"));
    if (request->limit < 1)
        return illegalArgument(QStringLiteral("Page size must not be less than one!"));
    return std::nullopt;
}

TokenSearchQuery searchQuery(const TokenSearchRequest &request)
{
    // Conditions are fixed fragments chosen by which filters were sent; every value is bound.
    // Each filter and sort term is written the way an index of schema version 7 is defined, so
    // that SQLite walks that index instead of sorting every token.
    QStringList conditions{QStringLiteral("1 = 1")};
    TokenSearchQuery query;
    if (!request.userKeys.isEmpty()) {
        conditions.append(QStringLiteral("p.user_key IN (SELECT value FROM json_each(?))"));
        query.values.append(
            QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(request.userKeys))
                                  .toJson(QJsonDocument::Compact)));
    }
    if (!request.name.isEmpty()) {
        // LIKE folds ASCII case as lower() does, at a third of the cost; the text's own % and _
        // are escaped so that they match themselves.
        QString literal = request.name;
        literal.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('%'), QStringLiteral("\\%"))
            .replace(QLatin1Char('_'), QStringLiteral("\\_"));
        conditions.append(QStringLiteral("p.name LIKE ? ESCAPE '\\'"));
        query.values.append(QString(QLatin1Char('%') + literal + QLatin1Char('%')));
    }
    for (const DateBound &bound : request.dates) {
        conditions.append(QString::fromLatin1(kDateFields[bound.field].condition));
        query.values.append(bound.ms);
    }
    if (request.isUsed) {
        conditions.append(*request.isUsed ? QStringLiteral("p.last_accessed_at IS NOT NULL")
                                          : QStringLiteral("p.last_accessed_at IS NULL"));
    }
    const QString where = QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    query.countSql = QStringLiteral("SELECT count(*) FROM pats p") + where;

    const SortField *sort = sortField(request.sortBy.value_or(QStringLiteral("name")));
    const bool descending = request.orderBy == QLatin1String("desc");
    // DefaultTokenService adds "createdAt DESC" after the chosen order; the id makes it total.
    const QString order = QStringLiteral(" ORDER BY ") +
                          QString::fromLatin1(descending ? sort->descending : sort->ascending) +
                          QStringLiteral(", p.created_at DESC, p.id ASC");
    // The page is chosen from an index alone; only its rows are then read in full and joined
    // with their owners (a join in the inner query would run for every skipped row too).
    query.pageSql = QStringLiteral("SELECT p.id, p.name, p.created_at, p.expiring_at,"
                                   " p.last_accessed_at, u.user_key, u.name AS username,"
                                   " u.display_name, u.email FROM (SELECT p.id FROM pats p") +
                    where + order +
                    QStringLiteral(" LIMIT ? OFFSET ?) page JOIN pats p ON p.id = page.id"
                                   " LEFT JOIN users u ON u.user_key = p.user_key") +
                    order;
    query.pageValues = query.values;
    query.pageValues << request.limit << qint64(request.page) * request.limit;
    return query;
}

TokenSearchPage searchTokens(const Store &store, const TokenSearchRequest &request)
{
    const TokenSearchQuery query = searchQuery(request);
    TokenSearchPage page;
    page.total = store.scalar(query.countSql, query.values).toLongLong();
    for (const QVariantMap &row : store.all(query.pageSql, query.pageValues)) {
        QJsonObject token = tokenJson(row);
        // A token whose owner no longer exists has no profile, as in TokenSearchResource.
        if (!row.value(QStringLiteral("user_key")).isNull())
            token.insert(QStringLiteral("userProfileResource"), userProfileJson(row));
        page.values.append(token);
    }
    return page;
}

} // namespace trackersim::routes::pat
