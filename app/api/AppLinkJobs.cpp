#include "api/AppLinkJobs.h"

#include <QJsonArray>
#include <QJsonObject>

namespace accessdesk {

namespace {

const QString kV1 = QStringLiteral("/rest/applinks/1.0/");
const QString kV2 = QStringLiteral("/rest/applinks/2.0/");
const QString kV3 = QStringLiteral("/rest/applinks/3.0/");

// A query value exactly as given: QUrlQuery would otherwise decode "%41" and keep "+", which
// the server reads as a space.
QString queryValue(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QJsonObject oauthConfigJson(const OAuthConfig &config)
{
    return QJsonObject{
        {QStringLiteral("enabled"), config.enabled},
        {QStringLiteral("twoLoEnabled"), config.twoLoEnabled},
        {QStringLiteral("twoLoImpersonationEnabled"), config.twoLoImpersonationEnabled}};
}

} // namespace

ListAppLinks::ListAppLinks(ServerConnection *connection, QStringList data, QObject *parent)
    : DecodingJob(connection, parent)
    , m_data(std::move(data))
{}

ApiRequest ListAppLinks::build(const QStringList &data)
{
    QUrlQuery query;
    for (const QString &key : data)
        query.addQueryItem(QStringLiteral("data"), queryValue(key));
    return ApiRequest::get(kV3 + QStringLiteral("applinks"), query);
}

Decoded<QList<AppLink>> ListAppLinks::decodeBody(const RawReply &reply) const
{
    return decodeAppLinksV3(reply.body);
}

GetAppLink::GetAppLink(ServerConnection *connection, QString id, QObject *parent)
    : DecodingJob(connection, parent)
    , m_id(std::move(id))
{}

ApiRequest GetAppLink::build(const QString &id)
{
    return ApiRequest::get(kV3 + QStringLiteral("applinks/") + id);
}

Decoded<AppLink> GetAppLink::decodeBody(const RawReply &reply) const
{
    return decodeAppLinkV3(reply.body);
}

CreateAppLink::CreateAppLink(ServerConnection *connection, AppLinkDraft draft, QObject *parent)
    : DecodingJob(connection, parent)
    , m_draft(std::move(draft))
{}

ApiRequest CreateAppLink::build(const AppLinkDraft &draft)
{
    // The fields the applinks UI sends (AppLinks.SPI.createApplicationLink); the server ignores
    // unknown ones and derives the id itself when none is given.
    QJsonObject body{{QStringLiteral("typeId"), draft.typeId},
                     {QStringLiteral("name"), draft.name},
                     {QStringLiteral("rpcUrl"), draft.rpcUrl},
                     {QStringLiteral("displayUrl"), draft.displayUrl}};
    if (!draft.id.isEmpty())
        body.insert(QStringLiteral("id"), draft.id);
    if (draft.primary)
        body.insert(QStringLiteral("isPrimary"), true);
    return ApiRequest::json("PUT", kV2 + QStringLiteral("applicationlink"), QJsonDocument(body));
}

Decoded<CreatedAppLink> CreateAppLink::decodeBody(const RawReply &reply) const
{
    CreatedAppLink created;
    QStringList hrefs;
    if (const QByteArray location = reply.header("location"); !location.isEmpty())
        hrefs.append(QString::fromUtf8(location));
    if (!reply.body.trimmed().isEmpty()) {
        const Decoded<RestStatus> status = decodeRestStatus(reply.body);
        if (!status)
            return Decoded<CreatedAppLink>::failure(status.error);
        created.message = status->message;
        hrefs += status->hrefs;
    }
    for (const QString &href : std::as_const(hrefs)) {
        created.id = appLinkIdFromHref(href);
        if (!created.id.isEmpty())
            break;
    }
    // The server keeps a given id, except for generic links, whose id it derives from rpcUrl.
    if (created.id.isEmpty() && !m_draft.id.isEmpty() && m_draft.typeId != QLatin1String("generic"))
        created.id = m_draft.id;
    return Decoded<CreatedAppLink>::success(created);
}

UpdateAppLink::UpdateAppLink(ServerConnection *connection, QString id, AppLinkUpdate update,
                             QObject *parent)
    : DecodingJob(connection, parent)
    , m_id(std::move(id))
    , m_update(std::move(update))
{}

ApiRequest UpdateAppLink::build(const QString &id, const AppLinkUpdate &update)
{
    const QJsonObject body{{QStringLiteral("name"), update.name},
                           {QStringLiteral("rpcUrl"), update.rpcUrl},
                           {QStringLiteral("displayUrl"), update.displayUrl},
                           {QStringLiteral("primary"), update.primary}};
    return ApiRequest::json("PUT", kV3 + QStringLiteral("applinks/") + id, QJsonDocument(body));
}

Decoded<AppLink> UpdateAppLink::decodeBody(const RawReply &reply) const
{
    return decodeAppLinkV3(reply.body);
}

DeleteAppLink::DeleteAppLink(ServerConnection *connection, QString id, AppLinkDeletion scope,
                             QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_id(std::move(id))
    , m_scope(scope)
{}

ApiRequest DeleteAppLink::build(const QString &id, AppLinkDeletion scope)
{
    if (scope == AppLinkDeletion::ThisEndOnly)
        return ApiRequest::bodyless("DELETE", kV3 + QStringLiteral("applinks/") + id);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("reciprocate"), QStringLiteral("true"));
    return ApiRequest::bodyless("DELETE", kV1 + QStringLiteral("applicationlink/") + id, query);
}

MakeAppLinkPrimary::MakeAppLinkPrimary(ServerConnection *connection, QString id, QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_id(std::move(id))
{}

ApiRequest MakeAppLinkPrimary::build(const QString &id)
{
    return ApiRequest::bodyless("POST", kV1 + QStringLiteral("applicationlink/primary/") + id);
}

GetAppLinkStatus::GetAppLinkStatus(ServerConnection *connection, QString id,
                                   QUrl authorisationCallback, QObject *parent)
    : DecodingJob(connection, parent)
    , m_id(std::move(id))
    , m_callback(std::move(authorisationCallback))
{}

ApiRequest GetAppLinkStatus::build(const QString &id, const QUrl &authorisationCallback)
{
    QUrlQuery query;
    if (!authorisationCallback.isEmpty())
        query.addQueryItem(QStringLiteral("authorisationCallback"),
                           queryValue(authorisationCallback.toString(QUrl::FullyEncoded)));
    return ApiRequest::get(kV3 + QStringLiteral("status/") + id, query);
}

Decoded<AppLinkStatus> GetAppLinkStatus::decodeBody(const RawReply &reply) const
{
    return decodeAppLinkStatus(reply.body);
}

GetAppLinkOAuthStatus::GetAppLinkOAuthStatus(ServerConnection *connection, QString id,
                                             QObject *parent)
    : DecodingJob(connection, parent)
    , m_id(std::move(id))
{}

ApiRequest GetAppLinkOAuthStatus::build(const QString &id)
{
    return ApiRequest::get(kV3 + QStringLiteral("status/") + id + QStringLiteral("/oauth"));
}

Decoded<OAuthStatus> GetAppLinkOAuthStatus::decodeBody(const RawReply &reply) const
{
    return decodeOAuthStatus(reply.body);
}

SetAppLinkOAuthStatus::SetAppLinkOAuthStatus(ServerConnection *connection, QString id,
                                             OAuthStatus status, QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_id(std::move(id))
    , m_status(status)
{}

ApiRequest SetAppLinkOAuthStatus::build(const QString &id, const OAuthStatus &status)
{
    const QJsonObject body{{QStringLiteral("incoming"), oauthConfigJson(status.incoming)},
                           {QStringLiteral("outgoing"), oauthConfigJson(status.outgoing)}};
    return ApiRequest::json("PUT", kV3 + QStringLiteral("status/") + id + QStringLiteral("/oauth"),
                            QJsonDocument(body));
}

GetManifest::GetManifest(ServerConnection *connection, QObject *parent)
    : DecodingJob(connection, parent)
{}

ApiRequest GetManifest::build()
{
    return ApiRequest::get(kV1 + QStringLiteral("manifest"));
}

Decoded<AppManifest> GetManifest::decodeBody(const RawReply &reply) const
{
    return decodeManifest(reply.body);
}

ProbeRemoteManifest::ProbeRemoteManifest(ServerConnection *connection, QString url, QObject *parent)
    : DecodingJob(connection, parent)
    , m_url(std::move(url))
{}

ApiRequest ProbeRemoteManifest::build(const QString &url)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("url"), queryValue(url));
    ApiRequest request =
        ApiRequest::get(kV1 + QStringLiteral("applicationlinkForm/manifest"), query);
    // @RequiresXsrfCheck on a GET: ServerConnection adds the opt-out to writes only.
    request.extraHeaders.append(qMakePair(QByteArray("X-Atlassian-Token"), QByteArray("no-check")));
    return request;
}

Decoded<ManifestProbe> ProbeRemoteManifest::decodeBody(const RawReply &reply) const
{
    return decodeManifestProbe(reply.body);
}

RelocateAppLink::RelocateAppLink(ServerConnection *connection, QString id, QString newUrl,
                                 bool noWarning, QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_id(std::move(id))
    , m_newUrl(std::move(newUrl))
    , m_noWarning(noWarning)
{}

ApiRequest RelocateAppLink::build(const QString &id, const QString &newUrl, bool noWarning)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("newUrl"), queryValue(newUrl));
    query.addQueryItem(QStringLiteral("nowarning"),
                       noWarning ? QStringLiteral("true") : QStringLiteral("false"));
    return ApiRequest::bodyless("POST", kV1 + QStringLiteral("relocateApplicationlink/") + id,
                                query);
}

ListAuthProviders::ListAuthProviders(ServerConnection *connection, QString id, QObject *parent)
    : DecodingJob(connection, parent)
    , m_id(std::move(id))
{}

ApiRequest ListAuthProviders::build(const QString &id)
{
    return ApiRequest::get(kV2 + QStringLiteral("applicationlink/") + id +
                           QStringLiteral("/authentication/provider"));
}

Decoded<QList<AuthProvider>> ListAuthProviders::decodeBody(const RawReply &reply) const
{
    return decodeAuthProviders(reply.body);
}

ListAppLinksWithAuth::ListAppLinksWithAuth(ServerConnection *connection, QObject *parent)
    : DecodingJob(connection, parent)
{}

ApiRequest ListAppLinksWithAuth::build()
{
    return ApiRequest::get(kV1 + QStringLiteral("listApplicationlinks"));
}

Decoded<QList<AppLinkWithAuth>> ListAppLinksWithAuth::decodeBody(const RawReply &reply) const
{
    return decodeAppLinksWithAuth(reply.body);
}

} // namespace accessdesk
