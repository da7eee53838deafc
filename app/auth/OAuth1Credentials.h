#pragma once

#include "auth/Credentials.h"
#include "auth/OAuth1Signer.h"

namespace accessdesk {

// OAuth 1.0a as an application-link consumer: every request is signed (spec 1.2, 4.6); the
// access token is never sent as a bearer token. The same class signs the dance's own requests,
// with the token parameters of that step (OAuth1TokenParameters::requestToken(), exchange(), …).
class OAuth1Credentials final : public Credentials
{
public:
    explicit OAuth1Credentials(OAuth1Signer signer, OAuth1TokenParameters token = {});

    AuthKind kind() const override { return AuthKind::OAuth1; }
    // Signs method, URL (with its query) and, when the Content-Type already on the request is
    // application/x-www-form-urlencoded, the body's fields. Sets Authorization: OAuth ….
    void authorize(QNetworkRequest &request, const QByteArray &method,
                   const QByteArray &body) const override;

    const OAuth1Signer &signer() const { return m_signer; }
    QString token() const { return m_token.token; }
    QString tokenSecret() const { return m_token.tokenSecret; }

private:
    OAuth1Signer m_signer;
    OAuth1TokenParameters m_token;
};

} // namespace accessdesk
