#include "auth/SessionCredentials.h"

#include <QNetworkCookie>
#include <QNetworkRequest>

namespace accessdesk {

SessionCredentials::SessionCredentials(QString cookieValue, QString cookieName)
    : m_value(std::move(cookieValue))
    , m_name(std::move(cookieName))
{}

void SessionCredentials::authorize(QNetworkRequest &request, const QByteArray &,
                                   const QByteArray &) const
{
    // Keep cookies the caller set, but ours wins for its own name.
    QList<QNetworkCookie> cookies =
        request.header(QNetworkRequest::CookieHeader).value<QList<QNetworkCookie>>();
    const QByteArray name = m_name.toUtf8();
    cookies.removeIf([&name](const QNetworkCookie &cookie) { return cookie.name() == name; });
    cookies.append(QNetworkCookie(name, m_value.toUtf8()));
    request.setHeader(QNetworkRequest::CookieHeader, QVariant::fromValue(cookies));
    // With automatic loading, QNetworkAccessManager replaces the Cookie header with its jar's
    // cookies for the URL as soon as the server has set any (Jira sets atlassian.xsrf.token),
    // which would silently drop the session.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
}

} // namespace accessdesk
