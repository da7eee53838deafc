#include "AppLinkEntities.h"
#include "AppLinkModel.h"
#include "AppLinkProviders.h"
#include "AppLinkWizard.h"
#include "OAuth1Provider.h"
#include "http/ErrorBodies.h"
#include "http/RequestContext.h"

#include <QJsonArray>

// POST /rest/applinks/1.0/applicationlinkForm/createAppLink (spec 3.4 (26)). With a remote that
// answers over HTTP and createTwoWayLink, the link is made the way Jira's wizard makes it: the
// remote administrator's credentials are checked, the remote creates its link back, and OAuth is
// configured on both ends from each other's consumer-info.
namespace trackersim::applinks {

namespace {

// POST applicationlinkForm/createAppLink, one step after the other.
class LinkCreation final : public std::enable_shared_from_this<LinkCreation>
{
public:
    LinkCreation(SharedContext context, Responder respond)
        : m_context(std::move(context))
        , m_respond(std::move(respond))
    {}

    void start()
    {
        RequestContext &context = *m_context;
        if (auto denied = requireAdminV1(context))
            return m_respond(*denied);
        const QJsonObject body = context.request.jsonBody().object();
        const QJsonObject entity = body.value(QStringLiteral("applicationLink")).toObject();
        m_link.name = entity.value(QStringLiteral("name")).toString().trimmed();
        m_link.typeId = entity.value(QStringLiteral("typeId")).toString();
        m_link.rpcUrl = entity.value(QStringLiteral("rpcUrl")).toString();
        m_link.displayUrl = entity.value(QStringLiteral("displayUrl")).toString();
        if (m_link.displayUrl.isEmpty()) // trackersim's choice: the UI always sends both
            m_link.displayUrl = m_link.rpcUrl;
        m_link.primary = entity.value(QStringLiteral("isPrimary")).toBool();
        const QJsonObject form = body.value(QStringLiteral("configFormValues")).toObject();
        m_twoWay = body.value(QStringLiteral("createTwoWayLink")).toBool();
        m_user = body.value(QStringLiteral("username")).toString();
        m_password = body.value(QStringLiteral("password")).toString();
        m_shareUserbase = form.value(QStringLiteral("shareUserbase")).toBool();
        // The URL the remote should call us on: ours, unless the admin gave another one.
        m_backUrl = body.value(QStringLiteral("customRpcURL")).toBool()
                        ? body.value(QStringLiteral("rpcUrl")).toString()
                        : context.baseUrl();

        if (m_link.name.isEmpty())
            return m_respond(formError(context.request,
                                       QStringLiteral("Please enter a name for the application."),
                                       QStringLiteral("application-name")));
        if (!isKnownType(m_link.typeId))
            return m_respond(formError(context.request,
                                       QStringLiteral("Please select a valid application type."),
                                       QStringLiteral("application-types")));
        if (m_shareUserbase && !callerIsSysadmin(context))
            return m_respond(
                formError(context.request,
                          QStringLiteral("Only system administrators may perform this operation."),
                          QStringLiteral("same-userbase")));
        if (!isHttpUrl(m_link.rpcUrl) || !isHttpUrl(m_link.displayUrl))
            return m_respond(invalidUrl(
                context.request, isHttpUrl(m_link.rpcUrl) ? m_link.displayUrl : m_link.rpcUrl));
        if (rpcUrlInUse(context.store(), m_link.rpcUrl, {}))
            return m_respond(exists());
        if (m_twoWay && !isHttpUrl(m_backUrl))
            return m_respond(invalidUrl(context.request, m_backUrl));
        m_reach = reachOf(context, m_link.rpcUrl);
        // The remote end of a two-way link is only really made when the remote answers over HTTP.
        m_reciprocate = m_twoWay && m_reach == Reach::Http;

        if (!isAtlassian(m_link.typeId)) {
            m_link.id = idForUrl(m_link.rpcUrl);
            return checkDuplicates();
        }
        // Atlassian applications are linked under the id from their manifest.
        fetchManifest(
            m_context, m_link.rpcUrl,
            [self = shared_from_this()](const ManifestLookup &f) { self->onManifest(f); });
    }

private:
    SimResponse exists() const
    {
        return listError(m_context->request, 400,
                         {QStringLiteral("An application link with this application URL already"
                                         " exists.")});
    }

    SimResponse fail(const QString &message) const
    {
        return errors::restStatus(m_context->request, 500, message);
    }

    void onManifest(const ManifestLookup &found)
    {
        // A two-way link to a remote that does not answer fails at the credentials check, as
        // in Jira, whose wizard makes the reciprocal link before downloading the manifest.
        if (m_reciprocate && found.outcome == ManifestLookup::Outcome::Unreachable)
            return m_respond(cannotCheckCredentials(*m_context));
        const bool rightType =
            found.outcome == ManifestLookup::Outcome::Found &&
            (m_reach != Reach::Http ||
             found.manifest.value(QStringLiteral("typeId")).toString() == m_link.typeId);
        if (!rightType)
            return m_respond(fail(QStringLiteral(
                "The application at this URL is not of the selected application type.")));
        m_link.id = found.manifest.value(QStringLiteral("id")).toString();
        checkDuplicates();
    }

    void checkDuplicates()
    {
        RequestContext &context = *m_context;
        if (find(context.store(), m_link.id))
            return m_respond(exists());
        if (nameInUse(context.store(), m_link.name, {}))
            return m_respond(formError(context.request,
                                       QStringLiteral("An application link named '") + m_link.name +
                                           QStringLiteral("' already exists."),
                                       QStringLiteral("application-name")));
        if (!m_reciprocate)
            return createLocal();
        askWhetherAdmin(m_context, m_link.rpcUrl, m_user, m_password,
                        [self = shared_from_this()](std::optional<bool> admin) {
                            self->onAdminChecked(admin);
                        });
    }

    void onAdminChecked(std::optional<bool> admin)
    {
        if (!admin)
            return m_respond(cannotCheckCredentials(*m_context));
        if (!*admin)
            return m_respond(formError(m_context->request,
                                       QStringLiteral("The user name or password is not that of"
                                                      " an administrator of the remote"
                                                      " application."),
                                       QStringLiteral("authorization")));
        // The remote's link back: this instance's id, name and base URL (createReciprocalLink).
        const RequestContext &context = *m_context;
        const QJsonObject back{{QStringLiteral("id"), context.state.applicationId},
                               {QStringLiteral("typeId"), QStringLiteral("jira")},
                               {QStringLiteral("name"), context.config().serverTitle},
                               {QStringLiteral("displayUrl"), context.baseUrl()},
                               {QStringLiteral("rpcUrl"), m_backUrl},
                               {QStringLiteral("isPrimary"), false}};
        const QUrl url =
            remoteUrl(m_link.rpcUrl, QStringLiteral("/rest/applinks/1.0/applicationlink/") +
                                         context.state.applicationId);
        m_context->state.remote->send(basicRequest("PUT", url, m_user, m_password, back),
                                      [self = shared_from_this()](const RemoteReply &reply) {
                                          self->onReciprocalLink(reply);
                                      });
    }

    void onReciprocalLink(const RemoteReply &reply)
    {
        if (reply.answered() && reply.status / 100 == 2)
            return createLocal();
        bool ok = false;
        const QJsonObject errorList = reply.jsonObject(&ok);
        // RemoteErrorListException: the remote's own E3 messages come back as a 400.
        if (reply.answered() && reply.status == 400 && ok &&
            errorList.value(QStringLiteral("message")).isArray()) {
            QStringList messages{QStringLiteral("The remote application could not create its link"
                                                " to this server:")};
            for (const QJsonValue &message : errorList.value(QStringLiteral("message")).toArray())
                messages.append(message.toString());
            return m_respond(listError(m_context->request, 400, messages));
        }
        m_respond(fail(QStringLiteral("An error occurred while creating the link in the remote"
                                      " application.")));
    }

    void createLocal()
    {
        RequestContext &context = *m_context;
        if (!insert(context.store(), m_link, context.nowMs()))
            return m_respond(uncaught(context.request,
                                      QStringLiteral("The application link could not be stored.")));
        if (!m_reciprocate) // a one-way link has nothing to configure; the made-up hosts cannot
            return answer(!m_twoWay);
        configureLocalOAuth();
    }

    OAuthLevel level() const { return OAuthLevel{true, true, m_shareUserbase}; }

    // This end: the remote's consumer-info becomes the link's incoming consumer; outgoing OAuth
    // uses the remote's standard OAuth endpoints.
    void configureLocalOAuth()
    {
        routes::oauth1sp::Consumer options;
        options.linkId = m_link.id;
        options.twoLOAllowed = level().twoLo;
        options.twoLOImpersonationAllowed = level().twoLoImpersonation;
        fetchConsumer(
            m_context, m_link.rpcUrl, options,
            [self = shared_from_this()](const std::optional<routes::oauth1sp::Consumer> &consumer) {
                self->onRemoteConsumer(consumer);
            });
    }

    void onRemoteConsumer(const std::optional<routes::oauth1sp::Consumer> &consumer)
    {
        Store &store = m_context->store();
        if (!consumer || !find(store, m_link.id) ||
            !routes::oauth1sp::putConsumer(store, *consumer, m_context->nowMs()))
            return answer(false);
        storeIncoming(store, m_link.id, level());
        storeOutgoing(store, m_link.id, level());
        setOutgoingProviders(store, m_link.id, level());
        // The other end configures itself the same way, fetching our consumer-info.
        const OAuthLevels levels{level(), level()};
        const QUrl url =
            remoteUrl(m_link.rpcUrl, QStringLiteral("/rest/applinks/3.0/status/") +
                                         m_context->state.applicationId + QStringLiteral("/oauth"));
        m_context->state.remote->send(basicRequest("PUT", url, m_user, m_password, levels.toJson()),
                                      [self = shared_from_this()](const RemoteReply &reply) {
                                          self->answer(reply.answered() && reply.status / 100 == 2);
                                      });
    }

    void answer(bool autoConfigured)
    {
        const auto created = find(m_context->store(), m_link.id);
        if (!created)
            return m_respond(uncaught(
                m_context->request, QStringLiteral("The application link was removed meanwhile.")));
        m_respond(negotiated(
            m_context->request, 200, QStringLiteral("createdApplicationLink"),
            QJsonObject{{QStringLiteral("applicationLink"),
                         v1Entity(*m_context, *created, QStringLiteral("1.0"))},
                        {QStringLiteral("autoConfigurationSuccessful"), autoConfigured}}));
    }

    SharedContext m_context;
    Responder m_respond;
    AppLink m_link;
    bool m_twoWay = false;
    bool m_reciprocate = false;
    bool m_shareUserbase = false;
    Reach m_reach = Reach::Http;
    QString m_backUrl;
    // The remote administrator's credentials live only as long as this request.
    QString m_user;
    QString m_password;
};

} // namespace

void createAppLink(const SharedContext &context, Responder respond)
{
    std::make_shared<LinkCreation>(context, std::move(respond))->start();
}

SimResponse cannotCheckCredentials(const RequestContext &context)
{
    return errors::restStatus(
        context.request, 500,
        QStringLiteral("The remote application did not answer when asked to check the"
                       " administrator's credentials."));
}

void askWhetherAdmin(const SharedContext &context, const QString &remote, const QString &user,
                     const QString &password, std::function<void(std::optional<bool>)> done)
{
    const QUrl url = remoteUrl(remote, QStringLiteral("/rest/applinks/1.0/authenticationinfo"));
    context->state.remote->send(
        basicRequest("GET", url, user, password), [done](const RemoteReply &reply) {
            if (reply.answered() && reply.status / 100 == 2)
                done(true);
            else if (reply.answered() && (reply.status == 401 || reply.status == 403))
                done(false);
            else
                done(std::nullopt);
        });
}

} // namespace trackersim::applinks
