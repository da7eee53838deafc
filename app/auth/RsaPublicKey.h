#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace accessdesk {

// The RSA public key of an OAuth 1.0a consumer, as an administrator approves it (spec 4.1):
// read from whatever the admin pastes or loads, checked the way Jira will need it, and given
// back in the forms the consumer form shows and Jira stores. Holds only the SubjectPublicKeyInfo
// DER, so copies are cheap and no OpenSSL type leaks out of app/auth.
class RsaPublicKey
{
    Q_DECLARE_TR_FUNCTIONS(RsaPublicKey)

public:
    // Why read() refused its input. Each comes with a sentence that says what to do instead.
    enum class Refusal {
        Empty,
        TooLarge,    // far more text than any key or certificate, refused before parsing
        NotAKey,     // neither PEM nor base64 of a key
        PrivateKey,  // a private key pasted by mistake; its text is never repeated back
        WrongFormat, // a key in a format Jira does not take (OpenSSH, a certificate request, ...)
        NotRsa,      // EC, DSA, Ed25519, RSA-PSS-only
        TooShort,    // fewer than kMinimumBits
        TooLong,     // more than kMaximumBits, which Java (and so Jira) refuses
        Damaged,     // looks like a key but is truncated or corrupt
    };

    static constexpr int kMinimumBits = 2048;
    static constexpr int kMaximumBits = 16384;
    // A 16384-bit key in PEM is under 3 KB and a certificate rarely passes 8 KB.
    static constexpr qsizetype kMaximumInputBytes = 64 * 1024;

    // Accepts, with any whitespace, line breaks (also CRLF or JSON-escaped "\n") and a UTF-8 BOM:
    // "BEGIN PUBLIC KEY" PEM (SubjectPublicKeyInfo), "BEGIN RSA PUBLIC KEY" PEM (PKCS#1, converted
    // to SubjectPublicKeyInfo), "BEGIN CERTIFICATE" PEM (its public key is taken, so an admin can
    // use the consumer's certificate), and bare base64 of any of those DER forms (what Jira and
    // consumer-info print). Anything else gives std::nullopt, *reason and *refusal.
    static std::optional<RsaPublicKey> read(const QByteArray &text, QString *reason,
                                            Refusal *refusal = nullptr);
    static std::optional<RsaPublicKey> read(const QString &text, QString *reason,
                                            Refusal *refusal = nullptr);

    int bits() const { return m_bits; }
    // DER SubjectPublicKeyInfo.
    QByteArray der() const { return m_der; }
    // Bare base64 of the DER on one line: what Jira's consumer "publicKey" field takes and shows.
    QByteArray base64() const;
    // "-----BEGIN PUBLIC KEY-----" PEM with 64-character lines, for display and for files.
    QByteArray pem() const;
    // SHA-256 of the DER as upper-case hex pairs joined by colons ("3F:A0:…"): how Jira, browsers
    // and AccessDesk's certificate dialogs show fingerprints.
    QString sha256Fingerprint() const;
    // The same digest as 64 lower-case hex digits, exactly what
    // "openssl pkey -pubin -outform DER | sha256sum" prints, so an admin can compare it by eye.
    QString sha256Hex() const;

    bool operator==(const RsaPublicKey &) const = default;

private:
    RsaPublicKey(QByteArray der, int bits);

    QByteArray m_der;
    int m_bits = 0;
};

} // namespace accessdesk
