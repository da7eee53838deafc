// libFuzzer harness: OAuth 2.0 clients, token responses and metadata.
#include "FuzzCheck.h"
#include "OAuth2Decoders.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    fuzz::check(accessdesk::decodeOAuth2Clients(body));
    fuzz::check(accessdesk::decodeOAuth2Client(body));
    fuzz::check(accessdesk::decodeOAuth2TokenResponse(body));
    fuzz::check(accessdesk::decodeOAuth2Metadata(body));
    return 0;
}
