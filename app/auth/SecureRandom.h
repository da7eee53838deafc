#pragma once

#include <QByteArray>

namespace accessdesk::secureRandom {

// Bytes from OpenSSL's CSPRNG, for nonces, PKCE verifiers and OAuth 2.0 state values.
// Never returns fewer bytes: an RNG failure aborts, because a guessable nonce or verifier is
// worse than no request at all.
QByteArray bytes(int count);

// count characters, each drawn uniformly from alphabet (rejection sampling, no modulo bias).
QByteArray fromAlphabet(int count, QByteArrayView alphabet);

// base64url without padding (RFC 4648 section 5), as PKCE and state values use.
QByteArray base64Url(const QByteArray &data);

} // namespace accessdesk::secureRandom
