#pragma once

#include "CoreDecoders.h"
#include "api/DecodingJob.h"

// Jira core resources every connection starts with (spec 2.1–2.3, 8.1).
namespace accessdesk {

class GetServerInfo final : public DecodingJob<ServerInfo>
{
public:
    explicit GetServerInfo(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    Decoded<ServerInfo> decodeBody(const RawReply &reply) const override;
};

class GetMyself final : public DecodingJob<UserInfo>
{
public:
    explicit GetMyself(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    Decoded<UserInfo> decodeBody(const RawReply &reply) const override;
};

// Asks for ADMINISTER and SYSTEM_ADMIN only; whether Jira DC filters by the parameter is
// uncertain (spec 2.3), so the decoder reads permissions by key either way.
class GetMyPermissions final : public DecodingJob<PermissionSet>
{
public:
    explicit GetMyPermissions(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    Decoded<PermissionSet> decodeBody(const RawReply &reply) const override;
};

// A feature probe (spec 8.1): does this server have the resource at all? 404 means no; any
// other answer, including 401/403, means the resource exists.
class ProbeFeature final : public ApiJob
{
public:
    ProbeFeature(ServerConnection *connection, QString path, QObject *parent = nullptr);
    static ApiRequest build(const QString &path) { return ApiRequest::get(path); }
    ApiRequest request() const override { return build(m_path); }
    bool present() const { return m_present; }

protected:
    bool isSuccess(const RawReply &reply) const override;
    ApiError decode(const RawReply &reply) override;

private:
    QString m_path;
    bool m_present = false;
};

} // namespace accessdesk
