#include "auth/Pkce.h"

#include "auth/SecureRandom.h"

#include <QCryptographicHash>

#include <algorithm>

namespace accessdesk {

namespace {

constexpr char kUnreserved[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

} // namespace

Pkce Pkce::generate(int length)
{
    return fromVerifier(secureRandom::fromAlphabet(std::clamp(length, kMinLength, kMaxLength),
                                                   QByteArrayView(kUnreserved)));
}

Pkce Pkce::fromVerifier(QByteArray verifier)
{
    Pkce pkce;
    pkce.challenge = s256Challenge(verifier);
    pkce.verifier = std::move(verifier);
    return pkce;
}

QByteArray Pkce::s256Challenge(const QByteArray &verifier)
{
    // RFC 7636 4.2: the verifier's ASCII octets are hashed as they are.
    return secureRandom::base64Url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256));
}

bool Pkce::isValidVerifier(const QByteArray &verifier)
{
    if (verifier.size() < kMinLength || verifier.size() > kMaxLength)
        return false;
    const QByteArrayView allowed(kUnreserved);
    return std::all_of(verifier.cbegin(), verifier.cend(),
                       [&allowed](char c) { return allowed.contains(c); });
}

QByteArray Pkce::generateState()
{
    return secureRandom::base64Url(secureRandom::bytes(24));
}

} // namespace accessdesk
