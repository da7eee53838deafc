// libFuzzer harness: application links v1/v3, link status, OAuth status and the create wizard's
// answer.
#include "AppLinkDecoders.h"
#include "AppLinkFormDecoders.h"
#include "FuzzCheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    fuzz::check(accessdesk::decodeAppLinksV1(body));
    fuzz::check(accessdesk::decodeAppLinkV1(body));
    fuzz::check(accessdesk::decodeAppLinksV3(body));
    fuzz::check(accessdesk::decodeAppLinkV3(body));
    fuzz::check(accessdesk::decodeAppLinkStatus(body));
    fuzz::check(accessdesk::decodeOAuthStatus(body));
    fuzz::check(accessdesk::decodeCreatedAppLinkForm(body));
    return 0;
}
