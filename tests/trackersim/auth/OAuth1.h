#pragma once

#include "http/SimRequest.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace trackersim {

struct SimState;

// OAuth 1.0a request checking as Jira's service provider does it: RSA-SHA1 signatures,
// a timestamp window and single-use nonces (RFC 5849 section 3).
namespace oauth1 {

using Params = QList<QPair<QString, QString>>;

QString encode(const QString &value); // RFC 5849 3.6 percent-encoding
QString paramValue(const Params &params, const QString &name);
Params parseAuthorizationHeader(const QByteArray &header); // "OAuth k="v", ..." without realm
// oauth_* from the Authorization header, the query and a form body.
Params requestParameters(const SimRequest &request);
// An OAuth access attempt for the authenticator; false for the dance servlets that check their own.
bool isSigned(const SimRequest &request);
QByteArray signatureBaseString(const SimRequest &request, const Params &params);
// RFC 5849 3.4.1 from its parts: baseUri has a lower-case scheme and host, no default port, no
// query; params are every oauth_* and query parameter (oauth_signature is left out).
QByteArray baseString(const QByteArray &method, const QUrl &baseUri, const Params &params);
bool verifyRsaSha1(const QByteArray &baseString, const QByteArray &signatureBase64,
                   const QString &publicKey);
// Bare base64 of an RSA public key, accepting PEM armour and newlines (RSAKeys.fromPemEncoding).
QString normalisePublicKey(const QString &keyText, bool *valid);

struct Check
{
    bool ok = false;
    QString problem; // oauth_problem when !ok
    Params extra;    // e.g. oauth_signature_base_string, oauth_acceptable_timestamps
    QString consumerKey;
    QString token; // oauth_token (may be empty)
    Params params;
};

constexpr qint64 kTimestampWindowSeconds = 300;

// Checks method, consumer, timestamp, nonce and signature. tokenSecret is not used by RSA-SHA1,
// so the token itself is left for the caller to judge.
Check verify(const SimRequest &request, SimState &state);

} // namespace oauth1
} // namespace trackersim
