// libFuzzer harness: the probe decoders (serverInfo, myself, mypermissions) and the session
// login's answer.
#include "CoreDecoders.h"
#include "FuzzCheck.h"
#include "SessionDecoders.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    fuzz::check(accessdesk::decodeServerInfo(body));
    fuzz::check(accessdesk::decodeMyself(body));
    fuzz::check(accessdesk::decodeSessionLogin(body));
    const auto permissions = accessdesk::decodeMyPermissions(body);
    fuzz::check(permissions);
    if (permissions)
        (void)permissions->isAdmin();
    return 0;
}
