#include "TestKeys.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace testkeys {

namespace {

char kPassphrase[] = "correct horse";

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

Key own(EVP_PKEY *key)
{
    return Key(key, &EVP_PKEY_free);
}

template<typename Writer> QByteArray write(Writer writer)
{
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || writer(bio.get()) != 1)
        return {};
    QByteArray out(qsizetype(BIO_ctrl_pending(bio.get())), Qt::Uninitialized);
    out.resize(BIO_read(bio.get(), out.data(), int(out.size())));
    return out;
}

} // namespace

Key rsa(int bits)
{
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(
        EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nullptr), &EVP_PKEY_CTX_free);
    EVP_PKEY *key = nullptr;
    if (EVP_PKEY_keygen_init(context.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_keygen_bits(context.get(), bits) != 1 ||
        EVP_PKEY_keygen(context.get(), &key) != 1)
        return {};
    return own(key);
}

Key ec()
{
    return own(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

QByteArray pkcs1Pem(const Key &key)
{
    return write([&key](BIO *bio) {
        return PEM_write_bio_PrivateKey_traditional(bio, key.get(), nullptr, nullptr, 0, nullptr,
                                                    nullptr);
    });
}

QByteArray pkcs8Pem(const Key &key)
{
    return write([&key](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
}

QByteArray encryptedPkcs8Pem(const Key &key)
{
    return write([&key](BIO *bio) {
        return PEM_write_bio_PKCS8PrivateKey(bio, key.get(), EVP_aes_256_cbc(), nullptr, 0, nullptr,
                                             kPassphrase);
    });
}

QByteArray encryptedPkcs1Pem(const Key &key)
{
    return write([&key](BIO *bio) {
        return PEM_write_bio_PrivateKey_traditional(bio, key.get(), EVP_aes_128_cbc(), nullptr, 0,
                                                    nullptr, kPassphrase);
    });
}

QByteArray publicPem(const Key &key)
{
    return write([&key](BIO *bio) { return PEM_write_bio_PUBKEY(bio, key.get()); });
}

bool verifySha1(const Key &key, const QByteArray &message, const QByteArray &signature)
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    const bool ok =
        EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha1(), nullptr, key.get()) == 1 &&
        EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                         size_t(signature.size()),
                         reinterpret_cast<const unsigned char *>(message.data()),
                         size_t(message.size())) == 1;
    ERR_clear_error();
    return ok;
}

} // namespace testkeys
