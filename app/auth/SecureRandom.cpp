#include "auth/SecureRandom.h"

#include <openssl/rand.h>

#include <cstdlib>

namespace accessdesk::secureRandom {

QByteArray bytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        qFatal("OpenSSL's random generator failed; refusing to continue with weak randomness");
    return out;
}

QByteArray fromAlphabet(int count, QByteArrayView alphabet)
{
    Q_ASSERT(!alphabet.isEmpty() && alphabet.size() <= 256);
    const int size = int(alphabet.size());
    // The largest multiple of the alphabet size that fits a byte; bytes above it are redrawn.
    const int limit = 256 - 256 % size;
    QByteArray out;
    out.reserve(count);
    while (out.size() < count) {
        for (const char byte : bytes(count)) {
            const int value = static_cast<unsigned char>(byte);
            if (value < limit && out.size() < count)
                out.append(alphabet.at(value % size));
        }
    }
    return out;
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace accessdesk::secureRandom
