#pragma once

#include "OAuth1.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

// OAuth 1.0a on the consumer side: trackersim signing its own requests to a linked application
// with the instance's RSA key, as Jira's applinks do for 2-legged OAuth (spec 4.2, 4.4).
namespace trackersim::oauth1 {

struct Signing
{
    QString consumerKey;
    QString privateKeyPem;   // PKCS#8 PEM; never logged
    qint64 timestampSeconds; // from the instance's clock, so a skewed clock is visible remotely
};

// The Authorization header value for a 2-legged (token-less) RSA-SHA1 request. The URL's query
// parameters are signed with it; they must be sent as they are in `url`.
QByteArray twoLeggedHeader(const QByteArray &method, const QUrl &url, const Signing &signing);

} // namespace trackersim::oauth1
