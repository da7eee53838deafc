#pragma once

#include "http/Router.h"
#include "http/SimResponse.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace trackersim {
class RequestContext;
class Store;
} // namespace trackersim

// Application links as the applinks plugin's resources see them (spec section 3): the stored
// rows, the rules all REST versions share, and who may use them.
namespace trackersim::applinks {

struct AppLink
{
    QString id;
    QString typeId;
    QString name;
    QString displayUrl;
    QString rpcUrl;
    bool primary = false;
    bool system = false;
    QJsonObject properties;
};

// One direction of a link's OAuth 1.0a configuration (RestOAuthConfig).
struct OAuthLevel
{
    bool enabled = false;
    bool twoLo = false;
    bool twoLoImpersonation = false;

    QJsonObject toJson() const;
    static std::optional<OAuthLevel> fromJson(const QJsonValue &value);
    bool isOff() const { return !enabled && !twoLo && !twoLoImpersonation; }
    bool operator==(const OAuthLevel &other) const = default;
};

struct OAuthLevels
{
    OAuthLevel incoming;
    OAuthLevel outgoing;

    QJsonObject toJson() const;
    // {"incoming": RestOAuthConfig, "outgoing": RestOAuthConfig}; nullopt when either is missing.
    static std::optional<OAuthLevels> fromJson(const QJsonObject &object);
};

// Registers one resource under every REST version that serves it, e.g. {"1.0", "latest"}.
void addRoute(Router &router, const QByteArray &method, const QStringList &versions,
              const QString &tail, Handler handler, RouteOptions options = {});
void addAsyncRoute(Router &router, const QByteArray &method, const QStringList &versions,
                   const QString &tail, AsyncHandler handler, RouteOptions options = {});

// --- stored links ---
std::optional<AppLink> find(const Store &store, const QString &id);
QList<AppLink> all(const Store &store);
QList<AppLink> ofType(const Store &store, const QString &typeId);
// exceptId may be a null string: then every link counts.
bool nameInUse(const Store &store, const QString &name, const QString &exceptId);
bool rpcUrlInUse(const Store &store, const QString &rpcUrl, const QString &exceptId);
// A new link becomes primary when asked to or when it is the first of its type.
bool insert(Store &store, const AppLink &link, qint64 nowMs);
bool updateDetails(Store &store, const AppLink &link);
void makePrimary(Store &store, const AppLink &link);
// Deletes the link with everything hanging off it: consumers, their tokens, providers, levels.
bool remove(Store &store, const AppLink &link);

// Incoming levels follow the link's consumer; outgoing ones are stored per link.
OAuthLevels oauthLevels(const Store &store, const AppLink &link, bool self);
void storeOutgoing(Store &store, const QString &linkId, const OAuthLevel &outgoing);
void storeIncoming(Store &store, const QString &linkId, const OAuthLevel &incoming);

// --- rules ---
// The provider class names of OAuth, 2-legged OAuth and 2-legged OAuth with impersonation, in
// that order (manifests, listApplicationlinks).
QStringList oauthProviderTypes();
bool isKnownType(const QString &typeId);
bool isAtlassian(const QString &typeId);
QString typeDisplayName(const QString &typeId);
QStringList entityTypes(const QString &typeId);
// Java's UUID.fromString() rules, which ApplicationId applies.
bool isApplicationId(const QString &id);
// ApplicationIdUtil.generate(): the name-based (v3) UUID of the URL without trailing slashes.
QString idForUrl(const QString &url);
QString withoutTrailingSlash(QString url);
bool isHttpUrl(const QString &url);
// Same scheme, host and port; "localhost" and "127.0.0.1" count as one host.
bool sameOrigin(const QString &a, const QString &b);
bool isSelf(const QString &url, const QString &baseUrl);
QString hostOf(const QString &url);
QString iconUrl(const QString &baseUrl, const QString &typeId);
QString iconUri(const QString &baseUrl, const QString &typeId);

// --- callers ---
bool callerIsAdmin(const RequestContext &context);
bool callerIsSysadmin(const RequestContext &context);
// AdminApplicationLinksInterceptor: 401 E2 for everyone who is not an admin (v1, v2, UI).
std::optional<SimResponse> requireAdminV1(RequestContext &context);
// PermissionValidationService: 401 E4 anonymous, 403 E4 non-admins (v3).
std::optional<SimResponse> requireAdminV3(const RequestContext &context, bool sysadmin = false);
// The REST filter's XSRF check for a GET annotated @RequiresXsrfCheck.
bool passesXsrfCheck(const RequestContext &context);

} // namespace trackersim::applinks
