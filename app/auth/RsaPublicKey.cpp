#include "auth/RsaPublicKey.h"

#include "auth/SecretBytes.h"

#include <QCryptographicHash>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>

namespace accessdesk {

namespace {

using Refusal = RsaPublicKey::Refusal;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// What a reading step decided: a key, or why there is none.
struct Step
{
    Key key{nullptr, &EVP_PKEY_free};
    Refusal refusal = Refusal::NotAKey;
    QString reason;
};

Step refuse(Refusal refusal, QString reason)
{
    Step step;
    step.refusal = refusal;
    step.reason = std::move(reason);
    return step;
}

QString notAKey()
{
    return RsaPublicKey::tr(
        "This is not a public key. Paste the consumer's RSA public key: a block that starts with "
        "\"-----BEGIN PUBLIC KEY-----\", or the bare base64 text (it usually starts with "
        "\"MII\").");
}

QString damaged()
{
    return RsaPublicKey::tr(
        "The public key is truncated or damaged. Copy it again in full: from "
        "\"-----BEGIN PUBLIC KEY-----\" to \"-----END PUBLIC KEY-----\", or the whole base64 "
        "text.");
}

QString privateKey()
{
    return RsaPublicKey::tr(
        "This is a private key. It must stay secret with the consumer application: do not paste "
        "it here or send it to anyone. Paste its public key instead (for example the output of "
        "\"openssl pkey -in private.pem -pubout\").");
}

// Markers of private key material in any common armour: PEM (PKCS#1, PKCS#8, encrypted, EC,
// DSA, OpenSSH), OpenPGP and PuTTY. Checked before anything else so a secret is never parsed
// further or quoted back.
bool looksPrivate(const QByteArray &text)
{
    return text.contains("PRIVATE KEY-----") || text.contains("PRIVATE KEY BLOCK-----") ||
           text.contains("Proc-Type: 4,ENCRYPTED") || text.contains("PuTTY-User-Key-File");
}

bool looksLikeSsh(const QByteArray &text)
{
    return text.startsWith("ssh-") || text.startsWith("ecdsa-sha2-") ||
           text.startsWith("sk-ssh-") || text.startsWith("sk-ecdsa-") ||
           text.contains("---- BEGIN SSH2 PUBLIC KEY ----");
}

bool isBase64Character(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// Base64 with any whitespace inside, as PEM bodies and pasted text have it. Missing trailing
// "=" padding is tolerated; *damaged is set when a final character is left over (a cut-off
// paste) or the padding is impossible. std::nullopt when a character is not base64 at all.
std::optional<QByteArray> decodeBase64(const QByteArray &text, bool *damaged)
{
    QByteArray compact;
    compact.reserve(text.size());
    qsizetype padding = 0;
    for (const char c : text) {
        if (isSpace(c))
            continue;
        if (c == '=') {
            ++padding;
        } else if (!isBase64Character(c) || padding > 0) {
            OPENSSL_cleanse(compact.data(), size_t(compact.size()));
            return std::nullopt;
        }
        if (c != '=')
            compact.append(c);
    }
    *damaged = compact.size() % 4 == 1 || padding > 2;
    compact.chop(compact.size() % 4 == 1 ? 1 : 0);
    const QByteArray decoded = QByteArray::fromBase64(compact);
    OPENSSL_cleanse(compact.data(), size_t(compact.size()));
    return decoded;
}

// A DER decoder that must consume its whole input: trailing bytes mean a damaged paste.
template<typename Decode> Key decodeWhole(const QByteArray &der, Decode decode)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(der.constData());
    const unsigned char *cursor = begin;
    Key key(decode(&cursor, long(der.size())), &EVP_PKEY_free);
    if (key && cursor != begin + der.size())
        key.reset();
    return key;
}

Key publicKeyFromDer(const QByteArray &der)
{
    if (Key spki = decodeWhole(der, [](const unsigned char **cursor, long size) {
            return d2i_PUBKEY(nullptr, cursor, size);
        }))
        return spki;
    if (Key pkcs1 = decodeWhole(der, [](const unsigned char **cursor, long size) {
            return d2i_PublicKey(EVP_PKEY_RSA, nullptr, cursor, size);
        }))
        return pkcs1;
    return decodeWhole(der, [](const unsigned char **cursor, long size) -> EVP_PKEY * {
        std::unique_ptr<X509, decltype(&X509_free)> certificate(d2i_X509(nullptr, cursor, size),
                                                                &X509_free);
        return certificate ? X509_get_pubkey(certificate.get()) : nullptr;
    });
}

bool isPrivateKeyDer(const QByteArray &der)
{
    return bool(decodeWhole(der, [](const unsigned char **cursor, long size) {
        return d2i_AutoPrivateKey(nullptr, cursor, size);
    }));
}

// DER that is no public key: a private key in bare base64, something damaged that starts like
// a key (an ASN.1 SEQUENCE), or not a key at all.
Step explainDer(const QByteArray &der, bool claimsToBeAKey)
{
    if (isPrivateKeyDer(der))
        return refuse(Refusal::PrivateKey, privateKey());
    const bool startsLikeDer = !der.isEmpty() && der.at(0) == '\x30';
    if (claimsToBeAKey || startsLikeDer)
        return refuse(Refusal::Damaged, damaged());
    return refuse(Refusal::NotAKey, notAKey());
}

Step fromBase64(const QByteArray &text, bool claimsToBeAKey)
{
    bool damagedBase64 = false;
    std::optional<QByteArray> decoded = decodeBase64(text, &damagedBase64);
    if (!decoded) {
        return claimsToBeAKey ? refuse(Refusal::Damaged, damaged())
                              : refuse(Refusal::NotAKey, notAKey());
    }
    SecretBytes der(std::move(*decoded)); // may be a private key pasted bare
    Step step;
    if (!damagedBase64)
        step.key = publicKeyFromDer(der.bytes());
    if (!step.key)
        step = explainDer(der.bytes(), claimsToBeAKey || damagedBase64);
    return step;
}

// The first "-----BEGIN X-----" … "-----END X-----" block. Only labels of capitals, digits and
// spaces count, so the label may be quoted back in a message.
Step fromPem(const QByteArray &text, qsizetype begin)
{
    const QByteArray open = "-----BEGIN ";
    const qsizetype labelStart = begin + open.size();
    const qsizetype labelEnd = text.indexOf("-----", labelStart);
    const QByteArray label = text.mid(labelStart, labelEnd - labelStart);
    const bool plainLabel = labelEnd > labelStart && label.size() <= 40 &&
                            std::all_of(label.begin(), label.end(), [](char c) {
                                return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
                            });
    if (!plainLabel)
        return refuse(Refusal::Damaged, damaged());
    const qsizetype bodyStart = labelEnd + 5;
    const QByteArray close = "-----END " + label + "-----";
    const qsizetype end = text.indexOf(close, bodyStart);
    const bool publicLabel = label == "PUBLIC KEY" || label == "RSA PUBLIC KEY" ||
                             label == "CERTIFICATE" || label == "X509 CERTIFICATE";
    if (!publicLabel) {
        return refuse(Refusal::WrongFormat,
                      RsaPublicKey::tr("This is a \"%1\" block, not a public key. Paste the "
                                       "consumer's \"-----BEGIN PUBLIC KEY-----\" block or its "
                                       "\"-----BEGIN CERTIFICATE-----\" block.")
                          .arg(QString::fromLatin1(label)));
    }
    if (end < 0)
        return refuse(Refusal::Damaged, damaged());
    return fromBase64(text.mid(bodyStart, end - bodyStart), true);
}

QString typeName(const EVP_PKEY *key)
{
    const QByteArray name = EVP_PKEY_get0_type_name(key);
    if (name == "EC" || name == "SM2")
        return RsaPublicKey::tr("an elliptic-curve (EC)");
    if (name == "DSA")
        return RsaPublicKey::tr("a DSA");
    if (name == "ED25519" || name == "ED448")
        return RsaPublicKey::tr("an EdDSA (%1)").arg(QString::fromLatin1(name));
    return RsaPublicKey::tr("a %1").arg(name.isEmpty() ? RsaPublicKey::tr("non-RSA")
                                                       : QString::fromLatin1(name));
}

// Jira verifies RSA-SHA1 (PKCS#1 v1.5) signatures with Java's RSA key factory.
Step checkSuitable(Step step)
{
    EVP_PKEY *key = step.key.get();
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA_PSS) {
        return refuse(Refusal::NotRsa,
                      RsaPublicKey::tr("This RSA key is restricted to RSA-PSS signatures, but "
                                       "Jira's OAuth consumers sign with RSA-SHA1. Generate a "
                                       "plain RSA key pair of at least %1 bits.")
                          .arg(RsaPublicKey::kMinimumBits));
    }
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
        return refuse(Refusal::NotRsa,
                      RsaPublicKey::tr("This is %1 key, not an RSA key. Jira's OAuth consumers "
                                       "sign with RSA-SHA1: generate an RSA key pair of at least "
                                       "%2 bits and paste its public key.")
                          .arg(typeName(key))
                          .arg(RsaPublicKey::kMinimumBits));
    }
    const int bits = EVP_PKEY_get_bits(key);
    if (bits < RsaPublicKey::kMinimumBits) {
        return refuse(Refusal::TooShort,
                      RsaPublicKey::tr("This RSA key has %1 bits, fewer than the %2 bits "
                                       "required. Generate a new key pair of at least %2 bits "
                                       "and paste its public key.")
                          .arg(bits)
                          .arg(RsaPublicKey::kMinimumBits));
    }
    if (bits > RsaPublicKey::kMaximumBits) {
        return refuse(Refusal::TooLong,
                      RsaPublicKey::tr("This RSA key has %1 bits; Jira accepts at most %2. "
                                       "Generate a key pair of 2048 to 4096 bits.")
                          .arg(bits)
                          .arg(RsaPublicKey::kMaximumBits));
    }
    return step;
}

Step readText(const QByteArray &input)
{
    if (input.size() > RsaPublicKey::kMaximumInputBytes) {
        return refuse(Refusal::TooLarge,
                      RsaPublicKey::tr("This is %1 KB of text, far more than a public key (a "
                                       "few hundred characters). Check that you chose the "
                                       "public key file.")
                          .arg(input.size() / 1024));
    }
    SecretBytes text(input.trimmed());
    QByteArray &bytes = text.bytes();
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    // Line breaks escaped by a JSON file or a shell; base64 never holds a backslash.
    bytes.replace("\\r", "\r").replace("\\n", "\n");
    if (bytes.trimmed().isEmpty()) {
        return refuse(Refusal::Empty,
                      RsaPublicKey::tr("The public key is empty. Paste the consumer's RSA public "
                                       "key or load it from a file."));
    }
    if (looksPrivate(bytes))
        return refuse(Refusal::PrivateKey, privateKey());
    if (looksLikeSsh(bytes.trimmed())) {
        return refuse(Refusal::WrongFormat,
                      RsaPublicKey::tr("This is an OpenSSH public key. Convert it to PEM first "
                                       "(for example with \"ssh-keygen -e -m PKCS8 -f key.pub\") "
                                       "and paste the result."));
    }
    const qsizetype armour = bytes.indexOf("-----BEGIN ");
    Step step = armour >= 0 ? fromPem(bytes, armour) : fromBase64(bytes, false);
    if (!step.key)
        return step;
    return checkSuitable(std::move(step));
}

QByteArray spkiDer(EVP_PKEY *key)
{
    const int length = i2d_PUBKEY(key, nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, Qt::Uninitialized);
    auto *cursor = reinterpret_cast<unsigned char *>(der.data());
    i2d_PUBKEY(key, &cursor);
    return der;
}

} // namespace

RsaPublicKey::RsaPublicKey(QByteArray der, int bits)
    : m_der(std::move(der))
    , m_bits(bits)
{}

std::optional<RsaPublicKey> RsaPublicKey::read(const QByteArray &text, QString *reason,
                                               Refusal *refusal)
{
    Step step = readText(text);
    QByteArray der = step.key ? spkiDer(step.key.get()) : QByteArray();
    // The reasons are ours; OpenSSL's queue would only leak into the next unrelated call.
    ERR_clear_error();
    if (step.key && der.isEmpty())
        step = refuse(Refusal::Damaged, damaged());
    if (!step.key || der.isEmpty()) {
        if (reason)
            *reason = step.reason;
        if (refusal)
            *refusal = step.refusal;
        return std::nullopt;
    }
    return RsaPublicKey(std::move(der), EVP_PKEY_get_bits(step.key.get()));
}

std::optional<RsaPublicKey> RsaPublicKey::read(const QString &text, QString *reason,
                                               Refusal *refusal)
{
    SecretBytes utf8(text.toUtf8());
    return read(utf8.bytes(), reason, refusal);
}

QByteArray RsaPublicKey::base64() const
{
    return m_der.toBase64();
}

QByteArray RsaPublicKey::pem() const
{
    const QByteArray body = base64();
    QByteArray pem = "-----BEGIN PUBLIC KEY-----\n";
    for (qsizetype at = 0; at < body.size(); at += 64)
        pem += body.mid(at, 64) + '\n';
    return pem + "-----END PUBLIC KEY-----\n";
}

QString RsaPublicKey::sha256Fingerprint() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(m_der, QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString RsaPublicKey::sha256Hex() const
{
    return QString::fromLatin1(QCryptographicHash::hash(m_der, QCryptographicHash::Sha256).toHex());
}

} // namespace accessdesk
