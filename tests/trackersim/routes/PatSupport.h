#pragma once

#include "http/SimResponse.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace trackersim {
class RequestContext;
class Router;
struct SimRequest;
} // namespace trackersim

// Shared pieces of the personal access token resources (spec section 7): the RestToken and
// RestUserProfile shapes, the E5 errors the PAT plugin's exception mapper produces, and the
// way Jersey's Jackson provider rejects bodies before a resource method runs.
namespace trackersim::routes::pat {

// TokenDTO.NON_EXPIRING_DATE, 9999-12-31T00:00:00Z: what Jira stores and reports for a token
// without expiry. trackersim stores NULL instead and substitutes this in answers and searches.
constexpr qint64 kNonExpiringMs = 253402214400000LL;
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// DateAdapter's "yyyy-MM-dd'T'HH:mm:ss.SSS+00:00", always UTC.
QString patTime(qint64 ms);

// RestToken from a pats row (id, name, created_at, expiring_at, last_accessed_at).
QJsonObject tokenJson(const QVariantMap &row);
// RestUserProfile from a row with user_key, username, display_name and email.
QJsonObject userProfileJson(const QVariantMap &row);

// E5 bodies with the exception classes the real plugin names.
SimResponse notAuthenticated();
SimResponse notAuthorised(const QString &message);
SimResponse illegalArgument(const QString &message);
SimResponse mappingError(const QString &message);
// Jackson's complaint about one field of a request bean, with its reference chain.
SimResponse fieldMappingError(const QString &bean, const QString &field, const QString &javaType);

// PermissionChecker.verifyPermissions: anonymous and non-sysadmin callers get 401 E5.
std::optional<SimResponse> requireSysadmin(RequestContext &context);

// Reads a JSON request body as Jersey's Jackson provider would: a non-JSON media type is 415, an
// empty or malformed body is 400 E5. On success *value holds the parsed top-level value.
std::optional<SimResponse> readJsonBody(const SimRequest &request, QJsonValue *value);

// Jackson's lenient conversions for the bean fields the PAT resources read. Each returns false
// when Jackson would fail to map the value; null and undefined map to std::nullopt.
bool toOptionalInt(const QJsonValue &value, std::optional<int> *out);
bool toOptionalString(const QJsonValue &value, std::optional<QString> *out);
bool toOptionalBool(const QJsonValue &value, std::optional<bool> *out);

// /rest/pat/latest/tokens/search, /tokens/search/user and /admin/tokens (PatAdminRoutes.cpp).
void registerAdminRoutes(Router &router);

} // namespace trackersim::routes::pat
