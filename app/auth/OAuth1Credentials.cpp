#include "auth/OAuth1Credentials.h"

#include <QNetworkRequest>

namespace accessdesk {

OAuth1Credentials::OAuth1Credentials(OAuth1Signer signer, OAuth1TokenParameters token)
    : m_signer(std::move(signer))
    , m_token(std::move(token))
{}

void OAuth1Credentials::authorize(QNetworkRequest &request, const QByteArray &method,
                                  const QByteArray &body) const
{
    const bool form = formEncoding::isFormContentType(request.rawHeader("Content-Type"));
    request.setRawHeader(
        "Authorization",
        m_signer.authorizationHeader(method, request.url(), form ? body : QByteArray(), m_token));
}

} // namespace accessdesk
