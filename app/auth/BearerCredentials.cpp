#include "auth/BearerCredentials.h"

#include <QNetworkRequest>

namespace accessdesk {

BearerCredentials::BearerCredentials(QString token, AuthKind kind)
    : m_token(std::move(token))
    , m_kind(kind)
{
    Q_ASSERT(kind == AuthKind::PersonalToken || kind == AuthKind::OAuth2);
}

void BearerCredentials::authorize(QNetworkRequest &request, const QByteArray &,
                                  const QByteArray &) const
{
    // Never as a Basic password: PATs are refused there, and failed logins can trigger CAPTCHA.
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
}

} // namespace accessdesk
