#pragma once

#include <QString>

#include <chrono>

namespace accessdesk {

// The one way a secret (a new personal access token, a client secret) reaches the clipboard.
// It is marked with the password-manager hint "x-kde-passwordManagerHint: secret" (the
// convention of KDE's Klipper and KeePassXC), so clipboard histories and managers that honour it
// do not record it; it is wiped after clearAfter and again when AccessDesk quits
// (QCoreApplication::aboutToQuit) — each time only if the clipboard still holds that secret,
// never what the user copied since. Only hashes of the secrets are kept, on an object owned by
// the clipboard, so the wiping outlives the dialog that copied.
namespace SecretClipboard {

inline constexpr char kHintFormat[] = "x-kde-passwordManagerHint";
inline constexpr char kHintValue[] = "secret";

void copy(const QString &secret, std::chrono::milliseconds clearAfter);

// True while the clipboard (or the selection) holds a secret copied with copy().
bool holdsSecret();

// Clears the clipboard and the selection where they still hold a secret copied with copy(). What
// aboutToQuit runs; callable directly.
void wipe();

} // namespace SecretClipboard

} // namespace accessdesk
