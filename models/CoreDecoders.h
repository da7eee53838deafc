#pragma once

#include "Decoded.h"
#include "PermissionSet.h"
#include "ServerInfo.h"
#include "UserInfo.h"

#include <QByteArray>

// Decoders of the probe's payloads (spec 2.1–2.3).
namespace accessdesk {

Decoded<ServerInfo> decodeServerInfo(const QByteArray &json);
Decoded<UserInfo> decodeMyself(const QByteArray &json);
Decoded<PermissionSet> decodeMyPermissions(const QByteArray &json);

} // namespace accessdesk
