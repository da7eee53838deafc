#include "AppLinkHealth.h"

#include "AppLinkEntities.h"
#include "http/RequestContext.h"

namespace trackersim::applinks {

namespace {

QJsonObject minimalLink(const AppLink &link)
{
    return QJsonObject{{QStringLiteral("id"), link.id},
                       {QStringLiteral("name"), link.name},
                       {QStringLiteral("displayUrl"), link.displayUrl},
                       {QStringLiteral("rpcUrl"), link.rpcUrl},
                       {QStringLiteral("type"), link.typeId}};
}

bool unsupported(const OAuthLevel &level)
{
    return level.enabled && !level.twoLo; // 3LO-only is a deprecated configuration
}

// The checks of ApplinkStatusValidationService that need only the two OAuth configurations.
std::optional<QJsonObject> configurationError(const OAuthLevels &local, const OAuthLevels &remote)
{
    for (const OAuthLevel &level :
         {local.incoming, local.outgoing, remote.incoming, remote.outgoing}) {
        if (unsupported(level))
            return applinkError("DEPRECATED", "AUTH_LEVEL_UNSUPPORTED");
    }
    if (local.outgoing != remote.incoming || local.incoming != remote.outgoing)
        return applinkError("CONFIG_ERROR", "AUTH_LEVEL_MISMATCH");
    if (local.incoming.isOff() && local.outgoing.isOff())
        return applinkError("DISABLED", "DISABLED");
    return std::nullopt;
}

// Whether a link URL the remote stores reaches this instance.
bool pointsAtUs(const RequestContext &context, const QString &url)
{
    const auto path = [](const QString &u) { return withoutTrailingSlash(QUrl(u).path()); };
    return (sameOrigin(url, context.baseUrl()) && path(url) == path(context.baseUrl())) ||
           sameOrigin(url, context.state.listeningUrl);
}

// One status check of a link whose remote is called over HTTP. Each step either ends the check
// with an error or hands over to the next, the order of DefaultApplinkStatusService:
// reachability, the remote's own link to us and its OAuth levels, the configuration checks, then
// a 2-legged OAuth call (TwoLeggedOAuthConnectionVerifier).
class RemoteCheck final : public std::enable_shared_from_this<RemoteCheck>
{
public:
    RemoteCheck(SharedContext context, AppLink link, std::function<void(QJsonObject)> done)
        : m_context(std::move(context))
        , m_link(std::move(link))
        , m_done(std::move(done))
    {
        m_local = oauthLevels(m_context->store(), m_link, false);
    }

    void start()
    {
        fetchManifest(
            m_context, m_link.rpcUrl,
            [self = shared_from_this()](const ManifestLookup &found) { self->onManifest(found); });
    }

private:
    void onManifest(const ManifestLookup &found)
    {
        using Outcome = ManifestLookup::Outcome;
        if (found.outcome == Outcome::Unreachable)
            return finish(unreachableError(m_link.rpcUrl, found.failure, found.details));
        if (found.outcome == Outcome::Redirected)
            return finish(applinkError("NETWORK_ERROR", "UNEXPECTED_RESPONSE_STATUS",
                                       QStringLiteral("redirected to ") + found.details));
        if (found.outcome == Outcome::NotAtlassian)
            return finish(applinkError("NON_ATLASSIAN", "NON_ATLASSIAN"));
        // trackersim's choice: another application answering at the link's URL (for example a
        // new server on an old port) is reported like a remote without our link.
        const QString remoteId = found.manifest.value(QStringLiteral("id")).toString();
        if (remoteId != m_link.id) {
            return finish(applinkError(
                "CONFIG_ERROR", "NO_REMOTE_APPLINK",
                QStringLiteral("The application at %1 has the id %2, not the id of this link.")
                    .arg(m_link.rpcUrl, remoteId)));
        }
        RemoteRequest request;
        m_statusUrl =
            remoteUrl(m_link.rpcUrl, QStringLiteral("/rest/applinks/3.0/status/") +
                                         m_context->state.applicationId + QStringLiteral("/oauth"));
        request.url = m_statusUrl;
        request.headers = {{"Accept", "application/json"}};
        m_context->state.remote->send(request, [self = shared_from_this()](const RemoteReply &r) {
            self->onRemoteLevels(r);
        });
    }

    // RemoteOAuthStatusService: the remote's levels for its link to us (read anonymously).
    void onRemoteLevels(const RemoteReply &reply)
    {
        if (reply.answered() && reply.status == 404) {
            return finish(applinkError("CONFIG_ERROR", "NO_REMOTE_APPLINK",
                                       QStringLiteral("The remote application has no link to"
                                                      " this server.")));
        }
        if (!reply.answered() || reply.status != 200)
            return finish(remoteCallError(m_statusUrl, reply));
        bool ok = false;
        const auto levels = OAuthLevels::fromJson(reply.jsonObject(&ok));
        if (!ok || !levels)
            return finish(applinkError("NETWORK_ERROR", "UNEXPECTED_RESPONSE"));
        m_remote = *levels;
        if (const auto error = configurationError(m_local, *m_remote))
            return finish(*error);
        if (!m_local.outgoing.twoLo)
            return checkReciprocalUrl();
        // TwoLeggedOAuthConnectionVerifier: a 2LO-signed GET of the remote's manifest.
        const QUrl manifest =
            remoteUrl(m_link.rpcUrl, QStringLiteral("/rest/applinks/1.0/manifest"));
        m_context->state.remote->send(signedRequest(*m_context, "GET", manifest),
                                      [self = shared_from_this(), manifest](const RemoteReply &r) {
                                          if (r.answered() && r.status == 200)
                                              self->checkReciprocalUrl();
                                          else
                                              self->finish(remoteCallError(manifest, r));
                                      });
    }

    // trackersim's addition: when the link may act as the admin on the remote (2-legged OAuth
    // with impersonation), it reads the remote's link to us and checks that it points back here;
    // a base URL that changed on one side shows as NO_REMOTE_APPLINK. Without impersonation the
    // remote does not let us see its link, and Jira would not notice either.
    void checkReciprocalUrl()
    {
        if (!m_local.outgoing.twoLoImpersonation || m_context->caller.isAnonymous())
            return finish(std::nullopt);
        const QUrl url = remoteUrl(m_link.rpcUrl, QStringLiteral("/rest/applinks/3.0/applinks/") +
                                                      m_context->state.applicationId);
        m_context->state.remote->send(
            signedRequest(*m_context, "GET", url, m_context->caller.userName),
            [self = shared_from_this()](const RemoteReply &reply) {
                bool ok = false;
                const QString back =
                    reply.jsonObject(&ok).value(QStringLiteral("rpcUrl")).toString();
                if (!reply.answered() || reply.status != 200 || !ok || self->pointsBack(back))
                    return self->finish(std::nullopt);
                self->finish(applinkError(
                    "CONFIG_ERROR", "NO_REMOTE_APPLINK",
                    QStringLiteral("The remote application's link to this server points at %1,"
                                   " not at this server's base URL %2.")
                        .arg(back, self->m_context->baseUrl())));
            });
    }

    bool pointsBack(const QString &url) const { return pointsAtUs(*m_context, url); }

    void finish(const std::optional<QJsonObject> &error)
    {
        QJsonObject body{{QStringLiteral("link"), minimalLink(m_link)},
                         {QStringLiteral("working"), !error.has_value()},
                         {QStringLiteral("localAuthentication"), m_local.toJson()}};
        // DefaultApplinkStatus leaves out what the remote did not tell.
        if (m_remote)
            body.insert(QStringLiteral("remoteAuthentication"), m_remote->toJson());
        if (error)
            body.insert(QStringLiteral("error"), *error);
        m_done(body);
    }

    SharedContext m_context;
    AppLink m_link;
    std::function<void(QJsonObject)> m_done;
    OAuthLevels m_local;
    std::optional<OAuthLevels> m_remote;
    QUrl m_statusUrl;
};

// The answer without calling anyone: system and generic links, a link to this instance, and the
// made-up *.example.test hosts (which do not resolve for Jira's HTTP client).
QJsonObject localStatus(const RequestContext &context, const AppLink &link)
{
    const bool self = reachOf(context, link.rpcUrl) == Reach::Self;
    const OAuthLevels local = oauthLevels(context.store(), link, self);
    QJsonObject body{{QStringLiteral("link"), minimalLink(link)},
                     {QStringLiteral("localAuthentication"), local.toJson()}};
    std::optional<QJsonObject> error = remoteError(link, context.baseUrl());
    if (!error) {
        // The remote end is this instance, which sees the same link the same way.
        body.insert(QStringLiteral("remoteAuthentication"), local.toJson());
        if (unsupported(local.incoming) || unsupported(local.outgoing))
            error = applinkError("DEPRECATED", "AUTH_LEVEL_UNSUPPORTED");
        else if (local.incoming.isOff() && local.outgoing.isOff())
            error = applinkError("DISABLED", "DISABLED");
    }
    body.insert(QStringLiteral("working"), !error.has_value());
    if (error)
        body.insert(QStringLiteral("error"), *error);
    return body;
}

} // namespace

void checkHealth(const SharedContext &context, const AppLink &link,
                 std::function<void(QJsonObject)> done)
{
    const bool callsRemote =
        !link.system && isAtlassian(link.typeId) && reachOf(*context, link.rpcUrl) == Reach::Http;
    if (!callsRemote)
        return done(localStatus(*context, link));
    std::make_shared<RemoteCheck>(context, link, std::move(done))->start();
}

} // namespace trackersim::applinks
