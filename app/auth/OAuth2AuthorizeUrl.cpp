#include "auth/OAuth2AuthorizeUrl.h"

#include "auth/FormEncoding.h"
#include "auth/Pkce.h"
#include "auth/ServerUrl.h"

namespace accessdesk {

QUrl OAuth2AuthorizeUrl::build() const
{
    FormFields fields{
        {QStringLiteral("client_id"), clientId},
        {QStringLiteral("redirect_uri"), redirectUri},
        {QStringLiteral("response_type"), QStringLiteral("code")},
    };
    if (!scope.isEmpty())
        fields.append({QStringLiteral("scope"), scope});
    fields.append({QStringLiteral("state"), QString::fromLatin1(state)});
    if (!codeChallenge.isEmpty()) {
        fields.append({QStringLiteral("code_challenge"), QString::fromLatin1(codeChallenge)});
        fields.append(
            {QStringLiteral("code_challenge_method"), QString::fromLatin1(Pkce::method())});
    }
    QUrl url = urlOnServer(baseUrl, u"/rest/oauth2/latest/authorize");
    // Every reserved character percent-encoded: a "+" or "&" in a value must survive any server's
    // form decoding.
    url.setQuery(QString::fromLatin1(formEncoding::encode(fields)), QUrl::StrictMode);
    return url;
}

} // namespace accessdesk
