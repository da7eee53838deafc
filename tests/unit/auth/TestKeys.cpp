#include "TestKeys.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

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

// algorithm is "RSA" or "RSA-PSS".
Key rsaKind(const char *algorithm, int bits)
{
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(
        EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr), &EVP_PKEY_CTX_free);
    EVP_PKEY *key = nullptr;
    if (EVP_PKEY_keygen_init(context.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_keygen_bits(context.get(), bits) != 1 ||
        EVP_PKEY_keygen(context.get(), &key) != 1)
        return {};
    return own(key);
}

} // namespace

Key rsa(int bits)
{
    return rsaKind("RSA", bits);
}

Key ec()
{
    return own(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

Key dsa()
{
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> paramsContext(
        EVP_PKEY_CTX_new_from_name(nullptr, "DSA", nullptr), &EVP_PKEY_CTX_free);
    EVP_PKEY *params = nullptr;
    if (EVP_PKEY_paramgen_init(paramsContext.get()) != 1 ||
        EVP_PKEY_CTX_set_dsa_paramgen_bits(paramsContext.get(), 2048) != 1 ||
        EVP_PKEY_paramgen(paramsContext.get(), &params) != 1)
        return {};
    const Key ownedParams = own(params);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(
        EVP_PKEY_CTX_new_from_pkey(nullptr, params, nullptr), &EVP_PKEY_CTX_free);
    EVP_PKEY *key = nullptr;
    if (EVP_PKEY_keygen_init(context.get()) != 1 || EVP_PKEY_keygen(context.get(), &key) != 1)
        return {};
    return own(key);
}

Key ed25519()
{
    return own(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
}

Key rsaPss(int bits)
{
    return rsaKind("RSA-PSS", bits);
}

Key rsaPublicOnly(int bits)
{
    std::unique_ptr<BIGNUM, decltype(&BN_free)> modulus(BN_new(), &BN_free);
    std::unique_ptr<BIGNUM, decltype(&BN_free)> exponent(BN_new(), &BN_free);
    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> builder(OSSL_PARAM_BLD_new(),
                                                                            &OSSL_PARAM_BLD_free);
    if (BN_set_bit(modulus.get(), bits - 1) != 1 || BN_set_bit(modulus.get(), 0) != 1 ||
        BN_set_word(exponent.get(), 65537) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1)
        return {};
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(
        OSSL_PARAM_BLD_to_param(builder.get()), &OSSL_PARAM_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(
        EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), &EVP_PKEY_CTX_free);
    EVP_PKEY *key = nullptr;
    if (EVP_PKEY_fromdata_init(context.get()) != 1 ||
        EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return {};
    return own(key);
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

QByteArray publicDer(const Key &key)
{
    const int length = i2d_PUBKEY(key.get(), nullptr);
    QByteArray der(length > 0 ? length : 0, Qt::Uninitialized);
    auto *cursor = reinterpret_cast<unsigned char *>(der.data());
    i2d_PUBKEY(key.get(), &cursor);
    return der;
}

QByteArray pkcs1PublicPem(const Key &key)
{
    std::unique_ptr<OSSL_ENCODER_CTX, decltype(&OSSL_ENCODER_CTX_free)> encoder(
        OSSL_ENCODER_CTX_new_for_pkey(key.get(), EVP_PKEY_PUBLIC_KEY, "PEM", "type-specific",
                                      nullptr),
        &OSSL_ENCODER_CTX_free);
    return write([&encoder](BIO *bio) { return OSSL_ENCODER_to_bio(encoder.get(), bio); });
}

QByteArray certificatePem(const Key &key)
{
    std::unique_ptr<X509, decltype(&X509_free)> certificate(X509_new(), &X509_free);
    X509_NAME *name = X509_get_subject_name(certificate.get());
    const bool ok =
        X509_set_version(certificate.get(), 2) == 1 &&
        ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1) == 1 &&
        X509_gmtime_adj(X509_getm_notBefore(certificate.get()), 0) != nullptr &&
        X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 86400) != nullptr &&
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>("consumer.example.test"),
                                   -1, -1, 0) == 1 &&
        X509_set_issuer_name(certificate.get(), name) == 1 &&
        X509_set_pubkey(certificate.get(), key.get()) == 1 &&
        X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0;
    if (!ok)
        return {};
    return write([&certificate](BIO *bio) { return PEM_write_bio_X509(bio, certificate.get()); });
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
