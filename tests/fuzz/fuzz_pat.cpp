// libFuzzer harness: personal access tokens, user and admin payloads.
#include "AccessGrant.h"
#include "FuzzCheck.h"
#include "PatDecoders.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    const auto tokens = accessdesk::decodePersonalTokens(body);
    fuzz::check(tokens);
    if (tokens) {
        for (const accessdesk::PersonalToken &token : *tokens)
            (void)accessdesk::toAccessGrant(token);
    }
    fuzz::check(accessdesk::decodePersonalToken(body));
    fuzz::check(accessdesk::decodeCreatedPersonalToken(body));
    fuzz::check(accessdesk::decodeTokenSearchPage(body));
    fuzz::check(accessdesk::decodeTokenSearchUsers(body));
    return 0;
}
