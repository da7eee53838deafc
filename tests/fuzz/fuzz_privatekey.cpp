// libFuzzer harness: the RSA private key reader of app/auth (an OAuth 1.0a consumer's key file,
// --private-key and the app's "choose key file"). Built with app/auth/RsaPrivateKey.cpp and
// OpenSSL (see run.sh); seeded from seeds/privatekey.
#include "FuzzCheck.h"
#include "auth/RsaPrivateKey.h"
#include "auth/RsaPublicKey.h"

#include <cstdlib>

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using accessdesk::RsaPrivateKey;
    using accessdesk::RsaPublicKey;
    QString error;
    const auto key = RsaPrivateKey::fromPem(fuzz::bytes(data, size), &error);
    // A key, or a sentence for the user: never both, never neither.
    require(key.has_value() == error.isEmpty());
    if (!key)
        return 0;
    require(key->bits() > 0);
    // What goes to the keychain reads back as the same key.
    const auto again = RsaPrivateKey::fromPem(key->privateKeyPem(), nullptr);
    require(again && again->publicKeyBase64() == key->publicKeyBase64());
    require(!key->signSha1(QByteArrayLiteral("POST&https%3A%2F%2Fjira&oauth_nonce%3D1")).isEmpty());
    // The public half, as the admin pastes it into Jira, is the same key for the public reader.
    if (key->bits() >= RsaPublicKey::kMinimumBits && key->bits() <= RsaPublicKey::kMaximumBits) {
        const auto pub = RsaPublicKey::read(key->publicKeyPem(), nullptr);
        require(pub && pub->base64() == key->publicKeyBase64());
    }
    return 0;
}
