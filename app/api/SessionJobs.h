#pragma once

#include "SessionDecoders.h"
#include "api/DecodingJob.h"

// Cookie sessions and websudo (spec 1.6, 2.4, 2.5): what a "session" connection needs.
namespace accessdesk {

// POST /rest/auth/1/session. The password travels in the body once; the cookie it returns is the
// session's credential from then on.
class CreateSession final : public DecodingJob<SessionCookie>
{
public:
    CreateSession(ServerConnection *connection, QString user, QString password,
                  QObject *parent = nullptr);
    static ApiRequest build(const QString &user, const QString &password);
    ApiRequest request() const override { return build(m_user, m_password); }

protected:
    Decoded<SessionCookie> decodeBody(const RawReply &reply) const override;

private:
    QString m_user;
    QString m_password;
};

// Websudo is an HTML form action, not REST: Jira answers 200 (the form again, on a wrong password)
// or a redirect. Whether it worked shows only when the refused request is tried again.
class AcquireWebSudo final : public StatusOnlyJob
{
public:
    AcquireWebSudo(ServerConnection *connection, QString password, QObject *parent = nullptr);
    static ApiRequest build(const QString &password);
    ApiRequest request() const override { return build(m_password); }

protected:
    bool isSuccess(const RawReply &reply) const override;

private:
    QString m_password;
};

class DropWebSudo final : public StatusOnlyJob
{
public:
    explicit DropWebSudo(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }
};

} // namespace accessdesk
