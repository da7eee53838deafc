#pragma once

#include <QByteArray>

namespace accessdesk {

// A buffer of secret bytes (private key PEM or DER, text that may hold one) that is overwritten
// with OPENSSL_cleanse when it goes out of scope, so the secret does not linger in freed heap
// memory. It wipes its own copy only: the caller's QByteArray, if it keeps one, is not touched.
class SecretBytes final
{
public:
    explicit SecretBytes(QByteArray bytes = {});
    ~SecretBytes();
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;

    QByteArray &bytes() { return m_bytes; }
    const QByteArray &bytes() const { return m_bytes; }

    // Overwrites the bytes now and leaves the buffer empty.
    void wipe();

private:
    QByteArray m_bytes;
};

} // namespace accessdesk
