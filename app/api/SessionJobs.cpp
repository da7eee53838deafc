#include "api/SessionJobs.h"

#include <QJsonObject>

namespace accessdesk {

CreateSession::CreateSession(ServerConnection *connection, QString user, QString password,
                             QObject *parent)
    : DecodingJob(connection, parent)
    , m_user(std::move(user))
    , m_password(std::move(password))
{}

ApiRequest CreateSession::build(const QString &user, const QString &password)
{
    return ApiRequest::json("POST", QStringLiteral("/rest/auth/1/session"),
                            QJsonDocument(QJsonObject{{QStringLiteral("username"), user},
                                                      {QStringLiteral("password"), password}}));
}

Decoded<SessionCookie> CreateSession::decodeBody(const RawReply &reply) const
{
    return decodeSessionLogin(reply.body);
}

AcquireWebSudo::AcquireWebSudo(ServerConnection *connection, QString password, QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_password(std::move(password))
{}

ApiRequest AcquireWebSudo::build(const QString &password)
{
    QUrlQuery fields;
    fields.addQueryItem(QStringLiteral("webSudoPassword"),
                        QString::fromUtf8(QUrl::toPercentEncoding(password)));
    fields.addQueryItem(QStringLiteral("webSudoIsPost"), QStringLiteral("false"));
    ApiRequest request =
        ApiRequest::form("POST", QStringLiteral("/secure/admin/WebSudoAuthenticate.jspa"), fields);
    request.accept = "text/html";
    return request;
}

bool AcquireWebSudo::isSuccess(const RawReply &reply) const
{
    return reply.isSuccess() || reply.status == 302 || reply.status == 303;
}

DropWebSudo::DropWebSudo(ServerConnection *connection, QObject *parent)
    : StatusOnlyJob(connection, parent)
{}

ApiRequest DropWebSudo::build()
{
    return ApiRequest::bodyless("DELETE", QStringLiteral("/rest/auth/1/websudo"));
}

} // namespace accessdesk
