// libFuzzer harness: the RSA public key reader of app/auth, fed what an admin might paste.
// Built with app/auth/RsaPublicKey.cpp and OpenSSL (see run.sh); seeded from seeds/publickey.
#include "FuzzCheck.h"
#include "auth/RsaPublicKey.h"

#include <QRegularExpression>

#include <cstdlib>

namespace {

using accessdesk::RsaPublicKey;

void require(bool condition)
{
    if (!condition)
        std::abort();
}

// A key, or a reason: never both, never neither. A key read is one Jira takes, and each of
// its output forms reads back as the same key.
void checkReading(const std::optional<RsaPublicKey> &key, const QString &reason)
{
    require(key.has_value() == reason.isEmpty());
    if (!key)
        return;
    require(key->bits() >= RsaPublicKey::kMinimumBits && key->bits() <= RsaPublicKey::kMaximumBits);
    static const QRegularExpression colonHex(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"));
    require(colonHex.match(key->sha256Fingerprint()).hasMatch());
    require(RsaPublicKey::read(key->pem(), nullptr) == key);
    require(RsaPublicKey::read(key->base64(), nullptr) == key);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = fuzz::bytes(data, size);
    QString reason;
    checkReading(RsaPublicKey::read(text, &reason), reason);
    QString textReason;
    checkReading(RsaPublicKey::read(QString::fromUtf8(text), &textReason), textReason);
    return 0;
}
