// libFuzzer harness: the application-link manifest (ours and the create wizard's probe of a
// remote one), the admin list with authenticators and the REST Status body of v1/v2 writes.
#include "AdminDecoders.h"
#include "FuzzCheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    fuzz::check(accessdesk::decodeManifest(body));
    const auto probe = accessdesk::decodeManifestProbe(body);
    fuzz::check(probe);
    // A manifest without an id cannot be linked to, so none comes out without one.
    if (probe && probe->manifest && probe->manifest->id.isEmpty())
        std::abort();
    fuzz::check(accessdesk::decodeAppLinksWithAuth(body));
    const auto status = accessdesk::decodeRestStatus(body);
    fuzz::check(status);
    if (status) {
        for (const QString &href : status->hrefs) {
            // The id of a created link comes out of these hrefs; it is one path segment.
            const QString id = accessdesk::appLinkIdFromHref(href);
            if (id.contains(QLatin1Char('/')) || id.contains(QLatin1Char('?')) ||
                id.contains(QLatin1Char('#')))
                std::abort();
        }
    }
    (void)accessdesk::appLinkIdFromHref(QString::fromUtf8(body));
    return 0;
}
