// libFuzzer harness: OAuth 1.0a consumer JSON and the consumer-info XML.
#include "ConsumerDecoders.h"
#include "FuzzCheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    fuzz::check(accessdesk::decodeConsumers(body));
    fuzz::check(accessdesk::decodeConsumer(body));
    fuzz::check(accessdesk::decodeAppLinkAuthentication(body));
    fuzz::check(accessdesk::decodeAuthProviders(body));
    fuzz::check(accessdesk::decodeConsumerInfo(body));
    return 0;
}
