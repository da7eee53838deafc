#pragma once

#include "auth/Credentials.h"

#include <QString>

namespace accessdesk {

// HTTP Basic (spec 1.2). Bypasses websudo on REST resources; the admin may have disabled it.
class BasicCredentials final : public Credentials
{
public:
    BasicCredentials(QString userName, QString password);

    AuthKind kind() const override { return AuthKind::Basic; }
    void authorize(QNetworkRequest &request, const QByteArray &method,
                   const QByteArray &body) const override;

    QString userName() const { return m_userName; }

private:
    QString m_userName;
    QString m_password;
};

} // namespace accessdesk
