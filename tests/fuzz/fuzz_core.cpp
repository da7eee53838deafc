// libFuzzer harness: the probe decoders (serverInfo, myself, mypermissions).
#include "CoreDecoders.h"
#include "FuzzCheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    fuzz::check(accessdesk::decodeServerInfo(body));
    fuzz::check(accessdesk::decodeMyself(body));
    const auto permissions = accessdesk::decodeMyPermissions(body);
    fuzz::check(permissions);
    if (permissions)
        (void)permissions->isAdmin();
    return 0;
}
