#pragma once

#include <QDateTime>
#include <QSslCertificate>
#include <QString>

namespace accessdesk {

// What a person needs to decide whether to trust a server certificate.
struct CertificateInfo
{
    QString subject;
    QString issuer;
    QDateTime validFrom;
    QDateTime validUntil;
    QString sha256;  // upper-case hex pairs joined by ':'
    QString problem; // why it was refused, e.g. "The certificate is self-signed, and untrusted"

    bool isNull() const { return sha256.isEmpty(); }
    static CertificateInfo from(const QSslCertificate &certificate, const QString &problem = {});
    static QString fingerprint(const QSslCertificate &certificate);
    // Accepts "AB:CD:…", "abcd…" and spaced forms; empty when it is not 32 bytes of hex.
    static QString normaliseFingerprint(const QString &text);
};

} // namespace accessdesk
