#include "api/CertificateInfo.h"

#include <QRegularExpression>

namespace accessdesk {

CertificateInfo CertificateInfo::from(const QSslCertificate &certificate, const QString &problem)
{
    CertificateInfo info;
    info.subject = certificate.subjectDisplayName();
    info.issuer = certificate.issuerDisplayName();
    info.validFrom = certificate.effectiveDate().toUTC();
    info.validUntil = certificate.expiryDate().toUTC();
    info.sha256 = fingerprint(certificate);
    info.problem = problem;
    return info;
}

QString CertificateInfo::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString CertificateInfo::normaliseFingerprint(const QString &text)
{
    QString hex = text;
    hex.remove(QRegularExpression(QStringLiteral("[\\s:]")));
    static const QRegularExpression sha256Hex(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    if (!sha256Hex.match(hex).hasMatch())
        return {};
    return QString::fromLatin1(QByteArray::fromHex(hex.toLatin1()).toHex(':').toUpper());
}

} // namespace accessdesk
