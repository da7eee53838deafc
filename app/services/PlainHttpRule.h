#pragma once

#include "storage/ConnectionProfile.h"

#include <QString>
#include <QUrl>

namespace accessdesk {

// When a secret may travel over plain http://, one rule for the CLI and the app: never to another
// computer unless the user said so for exactly that address. Loopback (127.0.0.0/8, ::1,
// localhost) is exempt: nothing there crosses a network. The consent is kept in the profile as
// the origin it was given for, so it lapses when the scheme, host or port changes.
namespace plainhttp {

// The profile option that records the consent; its value is originOf() the consented address.
inline constexpr char kConsentOption[] = "allowPlainHttp";

// "scheme://host:port", host lower-case, default port spelled out: what identifies a server.
QString originOf(const QUrl &url);
bool sameOrigin(const QUrl &a, const QUrl &b);
bool isLoopback(const QUrl &url);
// http:// to another computer: a password, token or session cookie sent there can be read on
// the way.
bool isExposed(const QUrl &url);
bool hasConsent(const ConnectionProfile &profile);
void setConsent(ConnectionProfile &profile, bool allowed);
// Whether signing in to this profile's server needs the user's explicit consent first.
bool needsConsent(const ConnectionProfile &profile);

} // namespace plainhttp

} // namespace accessdesk
