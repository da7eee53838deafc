// libFuzzer harness: OAuth 1.0a consumer JSON and the consumer-info XML, whose public key is
// then read as `consumers fetch-info` and the app's approve form read it (ConsumerInfoFetcher).
// Built with app/auth/RsaPublicKey.cpp and OpenSSL (see run.sh).
#include "ConsumerDecoders.h"
#include "FuzzCheck.h"
#include "auth/RsaPublicKey.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    fuzz::check(accessdesk::decodeConsumers(body));
    fuzz::check(accessdesk::decodeConsumer(body));
    fuzz::check(accessdesk::decodeAppLinkAuthentication(body));
    fuzz::check(accessdesk::decodeAuthProviders(body));
    const auto info = accessdesk::decodeConsumerInfo(body);
    fuzz::check(info);
    if (info) {
        QString problem;
        const auto key = accessdesk::RsaPublicKey::read(info->publicKey, &problem);
        if (key.has_value() == !problem.isEmpty())
            std::abort();
    }
    return 0;
}
