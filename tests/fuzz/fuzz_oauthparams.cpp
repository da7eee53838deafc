// libFuzzer harness: OAuth parameter strings of app/auth. The form-encoded replies of the
// OAuth 1.0a request-token and access-token servlets (oauth_token=…&oauth_token_secret=…, or
// oauth_problem=…), the OAuth challenge of WWW-Authenticate, the browser's redirect query
// (code=…&state=…), the parameters a signature covers, the OAuth 2.0 token endpoint's answer,
// and a pasted "Request for Access" link (…/oauth/authorize?oauth_token=…). Built with those
// sources of app/auth (see run.sh); seeded from seeds/oauthparams.
#include "FuzzCheck.h"
#include "auth/FormEncoding.h"
#include "auth/OAuth1Dance.h"
#include "auth/OAuth1Signer.h"
#include "auth/OAuth2Token.h"
#include "services/AccessRequestLink.h"

#include <cstdlib>

namespace {

using namespace accessdesk;

void require(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    // Whatever was decoded encodes to a string that decodes to the same fields.
    const FormFields fields = formEncoding::decode(input);
    require(formEncoding::decode(formEncoding::encode(fields)) == fields);
    // The first hundred only: a lookup is linear, so all of them would make the harness slow.
    for (qsizetype i = 0; i < fields.size() && i < 100; ++i)
        require(formEncoding::contains(fields, fields.at(i).first));
    (void)formEncoding::isFormContentType(input);

    const OAuth1TokenReply reply = OAuth1Dance::parseTokenReply(input);
    require(!reply.isValid() || (!reply.token.isEmpty() && reply.problem.isEmpty()));
    (void)OAuth1Dance::problemFromChallenge(input);

    // The signed parameters: the input as the query and as the form body. Every name and value
    // is percent-encoded, so the base string is exactly three parts.
    QUrl url(QStringLiteral("https://jira.example.com/plugins/servlet/oauth/request-token"));
    url.setQuery(QString::fromLatin1(input));
    const QByteArray base = OAuth1Signer::signatureBaseString("POST", url, input, fields);
    require(base.count('&') == 2);
    const QByteArray header = OAuth1Signer::headerValue(fields);
    require(header.startsWith("OAuth realm=\"\"") && !header.contains('\n'));

    static const QUrl server(QStringLiteral("https://jira.example.com/jira"));
    const AccessRequestLink link = AccessRequestLink::parse(QString::fromUtf8(input), server);
    if (link.problem == AccessRequestLink::Problem::None)
        require(!link.requestToken.isEmpty() &&
                link.url.host().compare(server.host(), Qt::CaseInsensitive) == 0);

    for (const int status : {200, 400}) {
        const OAuth2TokenReply token = OAuth2TokenReply::parse(status, input);
        require(!token.isOk() || (!token.accessToken.isEmpty() && token.error.isEmpty()));
    }
    return 0;
}
