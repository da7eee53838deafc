#include "PatSearch.h"
#include "PatSupport.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "http/Router.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

// The Data Center admin resources of the PAT plugin (spec 7.2): TokenSearchResource and
// AdminTokenResource. All need a system administrator (PermissionChecker); trackersim always
// behaves as a Data Center licence, so the 403 for other licences never happens.
namespace trackersim::routes::pat {

namespace {

constexpr int kDefaultUserLimit = 20;

SimResponse searchTokensResource(RequestContext &context)
{
    QJsonValue body;
    if (auto rejected = readJsonBody(context.request, &body))
        return *rejected;
    TokenSearchRequest request;
    if (auto rejected = parseSearchRequest(body, &request))
        return *rejected;
    if (auto denied = requireSysadmin(context))
        return *denied;
    if (auto rejected = validateSearchRequest(&request))
        return *rejected;

    const TokenSearchPage page = searchTokens(context.store(), request);
    // Spring Data's Page: no results means no pages, and then the first page is the last one.
    const qint64 totalPages = (page.total + request.limit - 1) / request.limit;
    return SimResponse::json(200,
                             QJsonObject{
                                 {QStringLiteral("values"), page.values},
                                 {QStringLiteral("page"), request.page},
                                 {QStringLiteral("size"), request.limit},
                                 {QStringLiteral("isLastPage"), request.page + 1 >= totalPages},
                                 {QStringLiteral("totalPages"), totalPages},
                             });
}

// Users for the admin page's filter box: user name, display name or e-mail contain the text,
// like the Crowd query DefaultTokenService builds. Users without tokens are included.
SimResponse searchUsersResource(RequestContext &context)
{
    int limit = kDefaultUserLimit;
    if (context.request.query.hasQueryItem(QStringLiteral("limit"))) {
        bool numeric = false;
        limit = context.request.queryValue(QStringLiteral("limit")).toInt(&numeric);
        if (!numeric) // Jersey cannot convert the @QueryParam int: an empty 404
            return SimResponse::noContent(404);
    }
    if (auto denied = requireSysadmin(context))
        return *denied;
    QJsonArray users;
    if (limit <= 0)
        return SimResponse::json(200, users);
    const QString contains = context.request.queryValue(QStringLiteral("contains"));
    const auto rows = context.store().all(
        QStringLiteral(
            "SELECT user_key, name AS username, display_name, email FROM users"
            " WHERE IFNULL(?, '') = '' OR instr(lower(name), lower(?)) > 0"
            " OR instr(lower(display_name), lower(?)) > 0 OR instr(lower(email), lower(?)) > 0"
            " ORDER BY lower(name) LIMIT ?"),
        {contains, contains, contains, contains, limit});
    for (const QVariantMap &row : rows)
        users.append(userProfileJson(row));
    return SimResponse::json(200, users);
}

// Jackson's List<Long>: numbers (fractions truncated), numeric strings and nulls (skipped).
bool readTokenIds(const QJsonValue &body, QJsonArray *ids)
{
    if (!body.isArray())
        return false;
    for (const QJsonValue &item : body.toArray()) {
        if (item.isNull())
            continue;
        if (item.isDouble()) {
            ids->append(qint64(std::trunc(item.toDouble())));
            continue;
        }
        bool numeric = false;
        const qint64 id = item.toString().trimmed().toLongLong(&numeric);
        if (!item.isString() || !numeric)
            return false;
        ids->append(id);
    }
    return true;
}

SimResponse deleteTokensResource(RequestContext &context)
{
    QJsonValue body;
    if (auto rejected = readJsonBody(context.request, &body))
        return *rejected;
    QJsonArray ids;
    if (!readTokenIds(body, &ids)) {
        return mappingError(
            body.isArray()
                ? QStringLiteral(
                      "Can not construct instance of java.lang.Long from the given value")
                : QStringLiteral("Can not deserialize instance of java.util.ArrayList out of "
                                 "START_OBJECT token"));
    }
    if (auto denied = requireSysadmin(context))
        return *denied;
    // Ids that match no token are simply not deleted.
    context.store().exec(
        QStringLiteral("DELETE FROM pats WHERE id IN (SELECT value FROM json_each(?))"),
        {QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact))});
    return SimResponse::noContent(204);
}

// /tokens/search is its own Jersey resource with only POST, so GET and DELETE there do not
// fall through to /tokens/{id}.
SimResponse searchMethodNotAllowed(RequestContext &context)
{
    return errors::restStatus(context.request, 405, QStringLiteral("Method Not Allowed"));
}

} // namespace

void registerAdminRoutes(Router &router)
{
    const QString search = QStringLiteral("/rest/pat/latest/tokens/search");
    router.add("POST", search, searchTokensResource);
    router.add("GET", search, searchMethodNotAllowed);
    router.add("DELETE", search, searchMethodNotAllowed);
    router.add("GET", QString(search + QStringLiteral("/user")), searchUsersResource);
    router.add("DELETE", QStringLiteral("/rest/pat/latest/admin/tokens"), deleteTokensResource);
}

} // namespace trackersim::routes::pat
