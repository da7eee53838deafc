// libFuzzer harness: application links v1/v3, link status and OAuth status.
#include "AppLinkDecoders.h"
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
    return 0;
}
