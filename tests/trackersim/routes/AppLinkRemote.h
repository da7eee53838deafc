#pragma once

#include "AppLinkModel.h"
#include "OAuth1Provider.h"
#include "remote/RemoteClient.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace trackersim {
class RequestContext;
}

// The application at the other end of a link, as applinks reaches it (spec 3, 4.4): this very
// instance, one of the made-up *.example.test hosts trackersim pretends to reach (so the demo and
// the older tests keep their answers), or a real server over HTTP, typically another trackersim.
namespace trackersim::applinks {

// A request context kept alive while a remote call is on its way.
using SharedContext = std::shared_ptr<RequestContext>;

enum class Reach {
    Self,    // the URL is this instance's base URL: answered from its own state
    Pretend, // a *.example.test host: never called, answers made up from its name
    Http,    // anything else: called for real
};
Reach reachOf(const RequestContext &context, const QString &url);

// AppLinksManifestDownloader: GET <url>/rest/applinks/1.0/manifest.
struct ManifestLookup
{
    enum class Outcome {
        Found,        // an applinks manifest
        NotAtlassian, // the site answered, but not with a manifest
        Redirected,   // the site sent the download elsewhere (details: where)
        Unreachable,  // nothing answered (failure, details)
    };
    Outcome outcome = Outcome::Unreachable;
    QJsonObject manifest;
    RemoteReply::Failure failure = RemoteReply::Failure::None;
    QString details;
};
void fetchManifest(const SharedContext &context, const QString &url,
                   std::function<void(const ManifestLookup &)> done);

// GET <url>/plugins/servlet/oauth/consumer-info (spec 4.4), read into a consumer for the link:
// key, name, description and public key from the remote, the 2LO options from `options`.
void fetchConsumer(const SharedContext &context, const QString &url,
                   const routes::oauth1sp::Consumer &options,
                   std::function<void(std::optional<routes::oauth1sp::Consumer>)> done);

// <base URL of the remote><path and query>.
QUrl remoteUrl(const QString &baseUrl, const QString &pathAndQuery);
// A JSON request with the remote administrator's credentials (used once, never kept).
RemoteRequest basicRequest(const QByteArray &method, const QUrl &url, const QString &user,
                           const QString &password, const QJsonObject &body = {});
// A request signed with this instance's consumer key and RSA key (2-legged OAuth); with a user
// name it asks the remote to act as that user (2-legged OAuth with impersonation).
RemoteRequest signedRequest(RequestContext &context, const QByteArray &method, QUrl url,
                            const QString &impersonatedUser = {});

// RestApplinkError {"category", "type", "details"?}.
QJsonObject applinkError(const char *category, const char *type, const QString &details = {});
// What applinks' NetworkErrorTranslator makes of a call that did not succeed: network failures,
// OAuth problems the remote reported, and unexpected statuses.
QJsonObject remoteCallError(const QUrl &url, const RemoteReply &reply);
QJsonObject unreachableError(const QString &url, RemoteReply::Failure failure,
                             const QString &details);
// oauth_problem from WWW-Authenticate or a form-encoded body; empty when there is none.
QString oauthProblemOf(const RemoteReply &reply);

} // namespace trackersim::applinks
