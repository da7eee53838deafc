#include "api/OAuth2ClientJobs.h"

#include <QJsonArray>
#include <QJsonObject>

namespace accessdesk {

namespace {

const QString kClients = QStringLiteral("/rest/oauth2/latest/client");

QJsonDocument draftJson(const OAuth2ClientDraft &draft)
{
    return QJsonDocument(
        QJsonObject{{QStringLiteral("name"), draft.name},
                    {QStringLiteral("redirects"), QJsonArray::fromStringList(draft.redirects)},
                    {QStringLiteral("scope"), draft.scope}});
}

} // namespace

ListOAuth2Clients::ListOAuth2Clients(ServerConnection *connection, QObject *parent)
    : DecodingJob(connection, parent)
{}

ApiRequest ListOAuth2Clients::build()
{
    return ApiRequest::get(kClients);
}

Decoded<QList<OAuth2Client>> ListOAuth2Clients::decodeBody(const RawReply &reply) const
{
    return decodeOAuth2Clients(reply.body);
}

GetOAuth2Client::GetOAuth2Client(ServerConnection *connection, QString id, QObject *parent)
    : DecodingJob(connection, parent)
    , m_id(std::move(id))
{}

ApiRequest GetOAuth2Client::build(const QString &id)
{
    return ApiRequest::get(kClients + QLatin1Char('/') + id);
}

Decoded<OAuth2Client> GetOAuth2Client::decodeBody(const RawReply &reply) const
{
    return decodeOAuth2Client(reply.body);
}

CreateOAuth2Client::CreateOAuth2Client(ServerConnection *connection, OAuth2ClientDraft draft,
                                       QObject *parent)
    : DecodingJob(connection, parent)
    , m_draft(std::move(draft))
{}

ApiRequest CreateOAuth2Client::build(const OAuth2ClientDraft &draft)
{
    return ApiRequest::json("POST", kClients, draftJson(draft));
}

Decoded<OAuth2Client> CreateOAuth2Client::decodeBody(const RawReply &reply) const
{
    return decodeOAuth2Client(reply.body);
}

UpdateOAuth2Client::UpdateOAuth2Client(ServerConnection *connection, QString id,
                                       OAuth2ClientDraft draft, QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_id(std::move(id))
    , m_draft(std::move(draft))
{}

ApiRequest UpdateOAuth2Client::build(const QString &id, const OAuth2ClientDraft &draft)
{
    // All three fields always go: blank and empty are the documented "keep" (spec 6.1), whereas
    // what the server makes of an absent field is not.
    return ApiRequest::json("PUT", kClients + QLatin1Char('/') + id, draftJson(draft));
}

DeleteOAuth2Client::DeleteOAuth2Client(ServerConnection *connection, QString id, QObject *parent)
    : DecodingJob(connection, parent)
    , m_id(std::move(id))
{}

ApiRequest DeleteOAuth2Client::build(const QString &id)
{
    return ApiRequest::bodyless("DELETE", kClients + QLatin1Char('/') + id);
}

Decoded<OAuth2Client> DeleteOAuth2Client::decodeBody(const RawReply &reply) const
{
    // The deleted entity is a courtesy; a server that answers 204 has deleted it just the same.
    if (reply.body.trimmed().isEmpty() && reply.status == 204) {
        OAuth2Client deleted;
        deleted.id = m_id;
        return Decoded<OAuth2Client>::success(deleted);
    }
    return decodeOAuth2Client(reply.body);
}

ResetOAuth2ClientSecret::ResetOAuth2ClientSecret(ServerConnection *connection, QString clientId,
                                                 QObject *parent)
    : DecodingJob(connection, parent)
    , m_clientId(std::move(clientId))
{}

ApiRequest ResetOAuth2ClientSecret::build(const QString &clientId)
{
    return ApiRequest::bodyless("PUT", kClients + QStringLiteral("/reset/") + clientId);
}

Decoded<OAuth2Client> ResetOAuth2ClientSecret::decodeBody(const RawReply &reply) const
{
    return decodeOAuth2Client(reply.body);
}

GetOAuth2Metadata::GetOAuth2Metadata(ServerConnection *connection, QObject *parent)
    : DecodingJob(connection, parent)
{}

ApiRequest GetOAuth2Metadata::build()
{
    return ApiRequest::get(
        QStringLiteral("/rest/oauth2/latest/.well-known/oauth-authorization-server"));
}

Decoded<OAuth2Metadata> GetOAuth2Metadata::decodeBody(const RawReply &reply) const
{
    return decodeOAuth2Metadata(reply.body);
}

} // namespace accessdesk
