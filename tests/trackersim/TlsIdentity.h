#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace trackersim {

// The certificate trackersim serves: loaded from PEM files, or a fresh self-signed one for
// 127.0.0.1/localhost so that clients meet a real "untrusted certificate" error.
class TlsIdentity final
{
public:
    // Empty paths generate a self-signed certificate.
    bool load(const QString &certFile, const QString &keyFile, QString *error);
    const QSslCertificate &certificate() const { return m_certificate; }
    const QSslKey &key() const { return m_key; }
    QString sha256Fingerprint() const; // "AB:CD:..." upper-case hex pairs

private:
    bool generate(QString *error);
    QSslCertificate m_certificate;
    QSslKey m_key;
};

} // namespace trackersim
