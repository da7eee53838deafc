#pragma once

#include <QByteArray>
#include <QString>

// Random values and digests for tokens, secrets and ids. Secrets are stored only as hashes.
namespace trackersim::crypto {

QByteArray randomBytes(int count);
QString randomHex(int bytes);
QString randomBase64Url(int bytes);
QString randomAlphanumeric(int length);
QString randomDigits(int length);
QString sha256Hex(const QByteArray &data);
// Constant-time comparison for secrets.
bool equalSecrets(const QByteArray &a, const QByteArray &b);

} // namespace trackersim::crypto
