#include "auth/BasicCredentials.h"

#include <QNetworkRequest>

namespace accessdesk {

BasicCredentials::BasicCredentials(QString userName, QString password)
    : m_userName(std::move(userName))
    , m_password(std::move(password))
{}

void BasicCredentials::authorize(QNetworkRequest &request, const QByteArray &,
                                 const QByteArray &) const
{
    // RFC 7617: UTF-8 is what Jira (Tomcat) decodes, and what browsers send for non-ASCII names.
    const QByteArray pair = m_userName.toUtf8() + ':' + m_password.toUtf8();
    request.setRawHeader("Authorization", "Basic " + pair.toBase64());
}

} // namespace accessdesk
