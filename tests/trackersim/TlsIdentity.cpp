#include "TlsIdentity.h"

#include <QFile>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace trackersim {

namespace {

template<typename T, void (*Free)(T *)>
using Owned = std::unique_ptr<T, decltype([](T *p) { Free(p); })>;

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, size);
}

bool addExtension(X509 *certificate, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, certificate, certificate, nullptr, nullptr, 0);
    Owned<X509_EXTENSION, X509_EXTENSION_free> extension(
        X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

} // namespace

bool TlsIdentity::load(const QString &certFile, const QString &keyFile, QString *error)
{
    if (certFile.isEmpty() && keyFile.isEmpty())
        return generate(error);
    QFile cert(certFile);
    QFile key(keyFile);
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the certificate or key file");
        return false;
    }
    const auto certificates = QSslCertificate::fromData(cert.readAll(), QSsl::Pem);
    const QByteArray keyPem = key.readAll();
    m_key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (m_key.isNull()) // not RSA: try EC
        m_key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (certificates.isEmpty() || m_key.isNull()) {
        *error = QStringLiteral("the certificate or key file is not valid PEM");
        return false;
    }
    m_certificate = certificates.first();
    return true;
}

bool TlsIdentity::generate(QString *error)
{
    Owned<EVP_PKEY, EVP_PKEY_free> key(EVP_RSA_gen(2048));
    Owned<X509, X509_free> certificate(X509_new());
    if (!key || !certificate) {
        *error = QStringLiteral("OpenSSL could not generate a key");
        return false;
    }
    X509_set_version(certificate.get(), 2);
    Owned<BIGNUM, BN_free> serial(BN_new());
    BN_rand(serial.get(), 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
    BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get()));
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 365L * 24 * 3600);
    X509_set_pubkey(certificate.get(), key.get());
    X509_NAME *name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("trackersim"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(certificate.get(), name);
    // Like `openssl req -x509`: a self-signed CA:TRUE certificate, so that a client may also
    // trust it as its own anchor (a profile's CA file), not only by fingerprint.
    if (!addExtension(certificate.get(), NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost") ||
        !addExtension(certificate.get(), NID_basic_constraints, "critical,CA:TRUE") ||
        !addExtension(certificate.get(), NID_subject_key_identifier, "hash") ||
        X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0) {
        *error = QStringLiteral("OpenSSL could not sign the certificate");
        return false;
    }

    Owned<BIO, BIO_free_all> certPem(BIO_new(BIO_s_mem()));
    Owned<BIO, BIO_free_all> keyPem(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(certPem.get(), certificate.get());
    PEM_write_bio_PrivateKey(keyPem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    m_certificate = QSslCertificate(bioContents(certPem.get()), QSsl::Pem);
    m_key = QSslKey(bioContents(keyPem.get()), QSsl::Rsa, QSsl::Pem);
    return !m_certificate.isNull() && !m_key.isNull();
}

QString TlsIdentity::sha256Fingerprint() const
{
    return QString::fromLatin1(
        m_certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace trackersim
