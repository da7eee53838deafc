#pragma once

#include <QByteArray>

namespace accessdesk {

// Proof Key for Code Exchange (RFC 7636) with the S256 method, plus the OAuth 2.0 state value
// that ties a redirect to the authorisation request this client made (RFC 6749 10.12).
struct Pkce
{
    static constexpr int kMinLength = 43;
    static constexpr int kMaxLength = 128;
    static constexpr int kDefaultLength = 64;

    QByteArray verifier;  // secret until the token request; never logged
    QByteArray challenge; // base64url(SHA-256(verifier)) without padding
    static constexpr const char *method() { return "S256"; }

    // A fresh random verifier of length characters (clamped to 43–128) and its challenge.
    static Pkce generate(int length = kDefaultLength);
    static Pkce fromVerifier(QByteArray verifier);
    static QByteArray s256Challenge(const QByteArray &verifier);
    // 43–128 characters from the unreserved set ALPHA DIGIT "-._~" (RFC 7636 4.1).
    static bool isValidVerifier(const QByteArray &verifier);
    // 32 base64url characters (192 random bits).
    static QByteArray generateState();
};

} // namespace accessdesk
