#include "auth/RsaPrivateKey.h"

#include "auth/AuthLogging.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace accessdesk {

namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

std::shared_ptr<evp_pkey_st> own(EVP_PKEY *key)
{
    return std::shared_ptr<evp_pkey_st>(key, &EVP_PKEY_free);
}

QByteArray drain(BIO *bio)
{
    QByteArray out(qsizetype(BIO_ctrl_pending(bio)), Qt::Uninitialized);
    const int read = BIO_read(bio, out.data(), int(out.size()));
    out.resize(read > 0 ? read : 0);
    return out;
}

// Never prompt on the terminal for a passphrase (OpenSSL's default): AccessDesk asks for keys
// without one, and a CLI run must not hang waiting for input.
int refusePassphrase(char *, int, int, void *)
{
    return -1;
}

QString notRsa()
{
    return RsaPrivateKey::tr("This is not an RSA key. Jira's OAuth 1.0a consumers sign with "
                             "RSA-SHA1, so the key must be an RSA key.");
}

// The labels of every "-----BEGIN X-----" line, in order.
QStringList pemLabels(const QByteArray &pem)
{
    static const QRegularExpression begin(QStringLiteral("-----BEGIN ([A-Z0-9 ]+)-----"));
    QStringList labels;
    auto matches = begin.globalMatch(QString::fromLatin1(pem));
    while (matches.hasNext())
        labels.append(matches.next().captured(1));
    return labels;
}

// Explains a PEM that holds no RSA private key OpenSSL could read, from its armour alone.
QString explainByLabel(const QStringList &labels, const QByteArray &pem)
{
    if (labels.isEmpty())
        return RsaPrivateKey::tr(
            "This is not a PEM private key: there is no \"-----BEGIN PRIVATE KEY-----\" or "
            "\"-----BEGIN RSA PRIVATE KEY-----\" line.");
    if (labels.contains(QLatin1String("ENCRYPTED PRIVATE KEY")) ||
        pem.contains("Proc-Type: 4,ENCRYPTED"))
        return RsaPrivateKey::tr(
            "The private key is protected by a passphrase. Save it without one (for "
            "example with \"openssl pkey -in key.pem -out plain.pem\"); AccessDesk keeps it "
            "in the system keychain instead.");
    for (const QString &label : labels) {
        if (label == QLatin1String("RSA PRIVATE KEY") || label == QLatin1String("PRIVATE KEY"))
            return RsaPrivateKey::tr(
                "The private key could not be read; it is truncated or damaged.");
    }
    const QString &first = labels.constFirst();
    if (first.endsWith(QLatin1String("PUBLIC KEY")) || first == QLatin1String("CERTIFICATE"))
        return RsaPrivateKey::tr(
            "This is a public key or certificate. Jira holds the public key; AccessDesk "
            "needs the private key that belongs to it.");
    if (first == QLatin1String("EC PRIVATE KEY") || first == QLatin1String("DSA PRIVATE KEY"))
        return notRsa();
    if (first == QLatin1String("OPENSSH PRIVATE KEY"))
        return RsaPrivateKey::tr(
            "This is an OpenSSH key. Convert it to PEM first (for example with "
            "\"ssh-keygen -p -m PEM -f key\").");
    return RsaPrivateKey::tr("Unsupported PEM block \"%1\"; expected \"BEGIN PRIVATE KEY\" or "
                             "\"BEGIN RSA PRIVATE KEY\".")
        .arg(first);
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

} // namespace

RsaPrivateKey::RsaPrivateKey(std::shared_ptr<evp_pkey_st> key)
    : m_key(std::move(key))
{}

std::optional<RsaPrivateKey> RsaPrivateKey::fromPem(const QByteArray &pem, QString *error)
{
    if (pem.trimmed().isEmpty()) {
        setError(error, RsaPrivateKey::tr("The private key is empty."));
        return std::nullopt;
    }
    const QStringList labels = pemLabels(pem);
    const bool hasPrivateBlock = labels.contains(QLatin1String("RSA PRIVATE KEY")) ||
                                 labels.contains(QLatin1String("PRIVATE KEY"));
    std::shared_ptr<evp_pkey_st> key;
    if (hasPrivateBlock && !pem.contains("Proc-Type: 4,ENCRYPTED")) {
        Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
        if (bio)
            key = own(PEM_read_bio_PrivateKey(bio.get(), nullptr, &refusePassphrase, nullptr));
    }
    // The reasons are ours; OpenSSL's queue would only leak into the next unrelated call.
    ERR_clear_error();
    if (!key) {
        setError(error, explainByLabel(labels, pem));
        return std::nullopt;
    }
    if (EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA) {
        setError(error, notRsa());
        return std::nullopt;
    }
    // OpenSSL reads a key whose numbers do not belong together (a damaged CRT coefficient, say),
    // and only signing fails, on every request. Such a key is damaged, and is said to be now
    // (found by tests/fuzz/fuzz_privatekey).
    const std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> check(
        EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr), &EVP_PKEY_CTX_free);
    const bool consistent = check && EVP_PKEY_pairwise_check(check.get()) == 1;
    ERR_clear_error();
    if (!consistent) {
        setError(error, RsaPrivateKey::tr(
                            "The private key could not be read; it is truncated or damaged."));
        return std::nullopt;
    }
    return RsaPrivateKey(std::move(key));
}

std::optional<RsaPrivateKey> RsaPrivateKey::generate(int bits, QString *error)
{
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(
        EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nullptr), &EVP_PKEY_CTX_free);
    EVP_PKEY *raw = nullptr;
    const bool ok = context && EVP_PKEY_keygen_init(context.get()) == 1 &&
                    EVP_PKEY_CTX_set_rsa_keygen_bits(context.get(), bits) == 1 &&
                    EVP_PKEY_keygen(context.get(), &raw) == 1;
    ERR_clear_error();
    if (!ok) {
        EVP_PKEY_free(raw);
        setError(error, RsaPrivateKey::tr("Could not generate an RSA key of %1 bits.").arg(bits));
        return std::nullopt;
    }
    return RsaPrivateKey(own(raw));
}

int RsaPrivateKey::bits() const
{
    return EVP_PKEY_get_bits(m_key.get());
}

QByteArray RsaPrivateKey::signSha1(const QByteArray &message) const
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    const auto *data = reinterpret_cast<const unsigned char *>(message.constData());
    size_t length = 0;
    if (!context ||
        EVP_DigestSignInit(context.get(), nullptr, EVP_sha1(), nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &length, data, size_t(message.size())) != 1) {
        ERR_clear_error();
        qCWarning(lcAuth) << "RSA-SHA1 signing could not start";
        return {};
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       data, size_t(message.size())) != 1) {
        ERR_clear_error();
        qCWarning(lcAuth) << "RSA-SHA1 signing failed";
        return {};
    }
    signature.resize(qsizetype(length));
    return signature;
}

QByteArray RsaPrivateKey::publicKeyPem() const
{
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    return drain(bio.get());
}

QByteArray RsaPrivateKey::publicKeyBase64() const
{
    const int length = i2d_PUBKEY(m_key.get(), nullptr);
    if (length <= 0) {
        ERR_clear_error();
        return {};
    }
    QByteArray der(length, Qt::Uninitialized);
    auto *cursor = reinterpret_cast<unsigned char *>(der.data());
    i2d_PUBKEY(m_key.get(), &cursor);
    return der.toBase64();
}

QByteArray RsaPrivateKey::privateKeyPem() const
{
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1) {
        ERR_clear_error();
        return {};
    }
    return drain(bio.get());
}

} // namespace accessdesk
