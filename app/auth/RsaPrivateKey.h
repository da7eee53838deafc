#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

struct evp_pkey_st; // OpenSSL's EVP_PKEY; kept out of this header so users need no OpenSSL

namespace accessdesk {

// The RSA private key of an OAuth 1.0a consumer. Copies share one immutable OpenSSL key.
// The key lives in memory only; privateKeyPem() exists to hand it to the keychain.
class RsaPrivateKey
{
    Q_DECLARE_TR_FUNCTIONS(RsaPrivateKey)

public:
    // Reads "BEGIN RSA PRIVATE KEY" (PKCS#1) and "BEGIN PRIVATE KEY" (PKCS#8) PEM. Anything else
    // (garbage, a truncated key, a public key or certificate, a passphrase-protected key, an EC,
    // DSA or OpenSSH key) gives std::nullopt and a sentence for the user in *error.
    static std::optional<RsaPrivateKey> fromPem(const QByteArray &pem, QString *error);
    // A fresh key for a new consumer (Jira's own recipe, spec 4.6); bits >= 2048 is sensible.
    static std::optional<RsaPrivateKey> generate(int bits, QString *error);

    int bits() const;
    // PKCS#1 v1.5 signature over SHA-1 of message (RSA-SHA1, RFC 5849 section 3.4.3); empty
    // only if OpenSSL fails, which is logged.
    QByteArray signSha1(const QByteArray &message) const;

    // SubjectPublicKeyInfo as "BEGIN PUBLIC KEY" PEM: what the Jira admin pastes for the consumer.
    QByteArray publicKeyPem() const;
    // The same as bare base64 DER, as Jira stores and shows consumer keys.
    QByteArray publicKeyBase64() const;
    // Unencrypted PKCS#8 PEM. A secret: for the keychain only.
    QByteArray privateKeyPem() const;

private:
    explicit RsaPrivateKey(std::shared_ptr<evp_pkey_st> key);
    std::shared_ptr<evp_pkey_st> m_key;
};

} // namespace accessdesk
