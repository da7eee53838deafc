#include "api/CoreJobs.h"

namespace accessdesk {

GetServerInfo::GetServerInfo(ServerConnection *connection, QObject *parent)
    : DecodingJob(connection, parent)
{}

ApiRequest GetServerInfo::build()
{
    return ApiRequest::get(QStringLiteral("/rest/api/2/serverInfo"));
}

Decoded<ServerInfo> GetServerInfo::decodeBody(const RawReply &reply) const
{
    return decodeServerInfo(reply.body);
}

GetMyself::GetMyself(ServerConnection *connection, QObject *parent)
    : DecodingJob(connection, parent)
{}

ApiRequest GetMyself::build()
{
    return ApiRequest::get(QStringLiteral("/rest/api/2/myself"));
}

Decoded<UserInfo> GetMyself::decodeBody(const RawReply &reply) const
{
    return decodeMyself(reply.body);
}

GetMyPermissions::GetMyPermissions(ServerConnection *connection, QObject *parent)
    : DecodingJob(connection, parent)
{}

ApiRequest GetMyPermissions::build()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("permissions"), QStringLiteral("ADMINISTER,SYSTEM_ADMIN"));
    return ApiRequest::get(QStringLiteral("/rest/api/2/mypermissions"), query);
}

Decoded<PermissionSet> GetMyPermissions::decodeBody(const RawReply &reply) const
{
    return decodeMyPermissions(reply.body);
}

ProbeFeature::ProbeFeature(ServerConnection *connection, QString path, QObject *parent)
    : ApiJob(connection, parent)
    , m_path(std::move(path))
{}

bool ProbeFeature::isSuccess(const RawReply &reply) const
{
    return reply.status != 0 && reply.status < 500 && reply.status != 429;
}

ApiError ProbeFeature::decode(const RawReply &reply)
{
    m_present = reply.status != 404;
    return {};
}

} // namespace accessdesk
