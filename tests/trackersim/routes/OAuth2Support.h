#pragma once

#include "http/SimRequest.h"
#include "http/SimResponse.h"
#include "store/Users.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace trackersim {
class RequestContext;
class Router;
class Store;
} // namespace trackersim

// What the OAuth 2.0 provider's route files share (spec section 6).
namespace trackersim::routes::oauth2 {

// Lifetimes from the plugin's SystemProperty defaults (spec 6.2, 6.3).
constexpr qint64 kCodeLifetimeMs = 10LL * 60 * 1000;
constexpr qint64 kAccessLifetimeSeconds = 3600;
constexpr qint64 kRefreshLifetimeMs = 90LL * 24 * 3600 * 1000;

using Parameters = QList<QPair<QString, QString>>;

// The basic scope set READ ⊂ WRITE ⊂ ADMIN ⊂ SYSTEM_ADMIN (spec 6.6).
QStringList allScopes();
int scopeRank(const QString &scope); // 0 for anything that is not a scope
QString lowerScope(const QString &a, const QString &b);
// The highest scope a user can grant: sysadmin ⇒ SYSTEM_ADMIN, admin ⇒ ADMIN, else WRITE.
QString userLevel(const UserRecord &user);

// Sysadmin, and when the caller uses an OAuth 2.0 token, one with SYSTEM_ADMIN scope.
bool actsAsSysadmin(RequestContext &context);
// The SysadminOnlyResourceFilter answer for callers who may not use a sysadmin resource.
std::optional<SimResponse> refuseUnlessSysadmin(RequestContext &context);

std::optional<QVariantMap> clientByClientId(const Store &store, const QString &clientId);
QStringList redirectsOf(const QVariantMap &client);

// A query parameter with '+' read as a space, as browsers and form encoders send it.
QString queryParam(const SimRequest &request, const QString &key);
QString encodeQuery(const Parameters &parameters);
QString withQuery(const QString &url, const Parameters &parameters);
SimResponse &noStore(SimResponse &response);

// The Jersey failure a non-form body causes on @FormParam resources (spec issue I6).
std::optional<SimResponse> refuseUnlessFormEncoded(const SimRequest &request);

void registerClients(Router &router);       // /rest/oauth2/latest/client (6.1)
void registerAuthorization(Router &router); // authorize, consent and error servlets (6.2)
void registerTokens(Router &router);        // token, revoke, metadata, jwt reset (6.3–6.5)

} // namespace trackersim::routes::oauth2
