#pragma once

#include "auth/Credentials.h"

#include <QString>

namespace accessdesk {

// A bearer token: a personal access token (Jira 8.14+) or an OAuth 2.0 access token (8.22+).
// Jira answers an invalid or expired one as if the request were anonymous (spec 1.2), so a 401
// or an anonymous answer is the only sign that it stopped working.
class BearerCredentials final : public Credentials
{
public:
    // kind is AuthKind::PersonalToken or AuthKind::OAuth2; anything else is a programming error.
    explicit BearerCredentials(QString token, AuthKind kind = AuthKind::PersonalToken);

    AuthKind kind() const override { return m_kind; }
    void authorize(QNetworkRequest &request, const QByteArray &method,
                   const QByteArray &body) const override;

private:
    QString m_token;
    AuthKind m_kind;
};

} // namespace accessdesk
