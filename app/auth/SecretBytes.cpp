#include "auth/SecretBytes.h"

#include <openssl/crypto.h>

namespace accessdesk {

SecretBytes::SecretBytes(QByteArray bytes)
    : m_bytes(std::move(bytes))
{
    // Take sole ownership now, so wipe() overwrites the one copy instead of detaching from it.
    m_bytes.detach();
}

SecretBytes::~SecretBytes()
{
    wipe();
}

void SecretBytes::wipe()
{
    if (!m_bytes.isEmpty())
        OPENSSL_cleanse(m_bytes.data(), size_t(m_bytes.size()));
    m_bytes.clear();
}

} // namespace accessdesk
