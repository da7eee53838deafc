// libFuzzer harness: the OAuth 1.0a "Request for Access" page and the verifier page.
#include "AuthorizePage.h"
#include "FuzzCheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QUrl page(
        QStringLiteral("https://jira.example.com/plugins/servlet/oauth/authorize"));
    const QByteArray body = fuzz::bytes(data, size);
    fuzz::check(accessdesk::decodeAuthorizePage(body, page));
    fuzz::check(accessdesk::decodeVerifierPage(body));
    return 0;
}
