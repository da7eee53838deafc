#include "api/ConsumerJobs.h"

#include <QJsonObject>

namespace accessdesk {

namespace {

QString authenticationPath(const QString &linkId)
{
    return QStringLiteral("/rest/applinks-oauth/1.0/applicationlink/") + linkId +
           QStringLiteral("/authentication");
}

void insertIfSet(QJsonObject &body, const char *key, const QString &value)
{
    if (!value.isEmpty())
        body.insert(QLatin1String(key), value);
}

} // namespace

GetAppLinkAuthentication::GetAppLinkAuthentication(ServerConnection *connection, QString linkId,
                                                   QObject *parent)
    : DecodingJob(connection, parent)
    , m_linkId(std::move(linkId))
{}

ApiRequest GetAppLinkAuthentication::build(const QString &linkId)
{
    return ApiRequest::get(authenticationPath(linkId));
}

Decoded<AppLinkAuthentication> GetAppLinkAuthentication::decodeBody(const RawReply &reply) const
{
    return decodeAppLinkAuthentication(reply.body);
}

GetIncomingConsumer::GetIncomingConsumer(ServerConnection *connection, QString linkId,
                                         QObject *parent)
    : DecodingJob(connection, parent)
    , m_linkId(std::move(linkId))
{}

ApiRequest GetIncomingConsumer::build(const QString &linkId)
{
    return ApiRequest::get(authenticationPath(linkId) + QStringLiteral("/consumer"));
}

Decoded<QList<OAuthConsumer>> GetIncomingConsumer::decodeBody(const RawReply &reply) const
{
    return decodeConsumers(reply.body);
}

PutIncomingConsumer::PutIncomingConsumer(ServerConnection *connection, QString linkId,
                                         IncomingConsumerDraft draft, ConsumerSetup setup,
                                         QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_linkId(std::move(linkId))
    , m_draft(std::move(draft))
    , m_setup(setup)
{}

ApiRequest PutIncomingConsumer::build(const QString &linkId, const IncomingConsumerDraft &draft,
                                      ConsumerSetup setup)
{
    // Jira spells these flags twoLO…, unlike the v3 status resource's twoLo….
    QJsonObject body{
        {QStringLiteral("twoLOAllowed"), draft.twoLoAllowed},
        {QStringLiteral("twoLOImpersonationAllowed"), draft.twoLoImpersonationAllowed}};
    insertIfSet(body, "key", draft.key);
    insertIfSet(body, "name", draft.name);
    insertIfSet(body, "description", draft.description);
    insertIfSet(body, "publicKey", draft.publicKey);
    insertIfSet(body, "callback", draft.callback);
    insertIfSet(body, "executingTwoLOUser", draft.executingTwoLoUser);
    ApiRequest request = ApiRequest::json(
        "PUT", authenticationPath(linkId) + QStringLiteral("/consumer"), QJsonDocument(body));
    if (setup == ConsumerSetup::AutoConfigure)
        request.query.addQueryItem(QStringLiteral("autoConfigure"), QStringLiteral("true"));
    return request;
}

GetConsumerInfo::GetConsumerInfo(ServerConnection *connection, QObject *parent)
    : DecodingJob(connection, parent)
{}

ApiRequest GetConsumerInfo::build()
{
    ApiRequest request = ApiRequest::get(QStringLiteral("/plugins/servlet/oauth/consumer-info"));
    request.accept = "application/xml";
    return request;
}

Decoded<ConsumerInfo> GetConsumerInfo::decodeBody(const RawReply &reply) const
{
    return decodeConsumerInfo(reply.body);
}

} // namespace accessdesk
