#include "auth/RsaKeyPairFile.h"

#include "auth/RsaPrivateKey.h"
#include "auth/SecretBytes.h"

namespace accessdesk {

QList<int> RsaKeyPairFile::allowedBits()
{
    return {2048, 3072, 4096};
}

RsaKeyPairFile::Result RsaKeyPairFile::create(const QString &privateKeyPath, int bits,
                                              PrivateKeyFile::Existing existing)
{
    Result result;
    if (!allowedBits().contains(bits)) {
        result.error =
            tr("AccessDesk generates RSA keys of 2048, 3072 or 4096 bits, not %1.").arg(bits);
        return result;
    }
    const std::optional<RsaPrivateKey> key = RsaPrivateKey::generate(bits, &result.error);
    if (!key)
        return result;
    // The public half is read back through RsaPublicKey so the form gets exactly what a pasted
    // key would give, fingerprint included.
    std::optional<RsaPublicKey> publicKey =
        RsaPublicKey::read(key->publicKeyBase64(), &result.error);
    if (!publicKey)
        return result;
    const SecretBytes pem(key->privateKeyPem());
    if (pem.bytes().isEmpty()) {
        result.error = tr("Could not export the new private key.");
        return result;
    }
    result.fileProblem =
        PrivateKeyFile::write(privateKeyPath, pem.bytes(), existing, &result.error);
    if (result.fileProblem == PrivateKeyFile::Problem::None)
        result.publicKey = std::move(publicKey);
    return result;
}

} // namespace accessdesk
