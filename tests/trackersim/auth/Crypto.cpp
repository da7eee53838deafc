#include "Crypto.h"

#include <QCryptographicHash>

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace trackersim::crypto {

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), count) != 1)
        qFatal("OpenSSL RAND_bytes failed");
    return bytes;
}

QString randomHex(int bytes)
{
    return QString::fromLatin1(randomBytes(bytes).toHex());
}

QString randomBase64Url(int bytes)
{
    return QString::fromLatin1(randomBytes(bytes).toBase64(QByteArray::Base64UrlEncoding |
                                                           QByteArray::OmitTrailingEquals));
}

static QString randomFrom(QLatin1StringView alphabet, int length)
{
    const QByteArray bytes = randomBytes(length);
    QString out;
    out.reserve(length);
    for (char byte : bytes)
        out.append(alphabet.at(static_cast<unsigned char>(byte) % alphabet.size()));
    return out;
}

QString randomAlphanumeric(int length)
{
    return randomFrom(
        QLatin1StringView("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
        length);
}

QString randomDigits(int length)
{
    return randomFrom(QLatin1StringView("0123456789"), length);
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool equalSecrets(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), a.size()) == 0;
}

} // namespace trackersim::crypto
