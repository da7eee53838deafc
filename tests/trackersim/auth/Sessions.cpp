#include "Sessions.h"

#include "Crypto.h"
#include "store/Store.h"

namespace trackersim::sessions {

QString create(Store &store, const QString &userName, qint64 nowMs)
{
    const QString id = crypto::randomHex(16).toUpper();
    store.exec(QStringLiteral("INSERT INTO sessions (id, user_name, created_at) VALUES (?, ?, ?)"),
               {id, userName, nowMs});
    return id;
}

std::optional<Session> find(const Store &store, const QString &id)
{
    if (id.isEmpty())
        return std::nullopt;
    const auto row = store.one(QStringLiteral("SELECT * FROM sessions WHERE id = ?"), {id});
    if (!row)
        return std::nullopt;
    return Session{id, row->value(QStringLiteral("user_name")).toString(),
                   row->value(QStringLiteral("websudo_until")).toLongLong()};
}

void destroy(Store &store, const QString &id)
{
    store.exec(QStringLiteral("DELETE FROM sessions WHERE id = ?"), {id});
}

void grantWebSudo(Store &store, const QString &id, qint64 untilMs)
{
    store.exec(QStringLiteral("UPDATE sessions SET websudo_until = ? WHERE id = ?"), {untilMs, id});
}

void dropWebSudo(Store &store, const QString &id)
{
    store.exec(QStringLiteral("UPDATE sessions SET websudo_until = NULL WHERE id = ?"), {id});
}

namespace {

QByteArray cookiePath(const QString &contextPath)
{
    return contextPath.isEmpty() ? QByteArray("/") : contextPath.toUtf8();
}

} // namespace

QByteArray cookieHeader(const QString &id, const QString &contextPath)
{
    return "JSESSIONID=" + id.toLatin1() + "; Path=" + cookiePath(contextPath) + "; HttpOnly";
}

QByteArray expiredCookieHeader(const QString &contextPath)
{
    return "JSESSIONID=; Path=" + cookiePath(contextPath) + "; Max-Age=0";
}

} // namespace trackersim::sessions
