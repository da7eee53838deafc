#pragma once

#include "auth/Credentials.h"

#include <QString>

namespace accessdesk {

// The session cookie that POST /rest/auth/1/session returned (spec 2.4). Admin resources may
// still answer "This resource requires WebSudo."; acquiring websudo is the REST layer's job.
class SessionCredentials final : public Credentials
{
public:
    explicit SessionCredentials(QString cookieValue,
                                QString cookieName = QStringLiteral("JSESSIONID"));

    AuthKind kind() const override { return AuthKind::Session; }
    void authorize(QNetworkRequest &request, const QByteArray &method,
                   const QByteArray &body) const override;

    QString cookieName() const { return m_name; }

private:
    QString m_value;
    QString m_name;
};

} // namespace accessdesk
