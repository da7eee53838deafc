#pragma once

#include <QString>

#include <optional>

namespace trackersim {

class Store;

// JSESSIONID sessions and their websudo (secure administrator session) state.
namespace sessions {

struct Session
{
    QString id;
    QString userName;
    qint64 webSudoUntilMs = 0;
};

QString create(Store &store, const QString &userName, qint64 nowMs);
std::optional<Session> find(const Store &store, const QString &id);
void destroy(Store &store, const QString &id);
void grantWebSudo(Store &store, const QString &id, qint64 untilMs);
void dropWebSudo(Store &store, const QString &id);
// Set-Cookie value; the cookie's path is the context path, as Tomcat scopes JSESSIONID.
QByteArray cookieHeader(const QString &id, const QString &contextPath);
QByteArray expiredCookieHeader(const QString &contextPath);

} // namespace sessions
} // namespace trackersim
