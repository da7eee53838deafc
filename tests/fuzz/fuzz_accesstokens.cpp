// libFuzzer harness: the access-tokens HTML page (libgumbo and the row finder).
#include "AccessTokensPage.h"
#include "FuzzCheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QTimeZone zone(QByteArrayLiteral("Europe/Berlin"));
    static const QUrl page(
        QStringLiteral("https://jira.example.com/plugins/servlet/oauth/users/access-tokens"));
    const auto decoded = accessdesk::decodeAccessTokensPage(fuzz::bytes(data, size), zone, page);
    fuzz::check(decoded);
    if (decoded) {
        for (const accessdesk::AccessGrant &grant : decoded->grants) {
            // Every row is found through a token, so none may come out without one.
            if (grant.id.isEmpty() || grant.revokeKey != grant.id)
                std::abort();
            // A revoke address is only ever one on the page's own server.
            if (!grant.revokeUrl.isEmpty() &&
                (grant.revokeUrl.host() != page.host() || grant.revokeUrl.port() != page.port() ||
                 grant.revokeUrl.scheme() != page.scheme()))
                std::abort();
        }
        for (const accessdesk::UnreadableGrantRow &row : decoded->unreadable) {
            if (row.reason.isEmpty() || row.excerpt.size() > 80)
                std::abort();
        }
    }
    return 0;
}
