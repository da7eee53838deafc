#pragma once

#include "auth/FormEncoding.h"
#include "auth/RsaPrivateKey.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace accessdesk {

// The token-side oauth_* parameters of one request. Which ones are set depends on the step of the
// dance (spec 4.5); the static helpers name the steps.
struct OAuth1TokenParameters
{
    QString token;         // oauth_token: the request token (step 3) or the access token
    QString tokenSecret;   // kept with the token; RSA-SHA1 does not use it (RFC 5849 3.4.3)
    QString callback;      // oauth_callback, step 1 only; "oob" means "show me the verifier"
    QString verifier;      // oauth_verifier, step 3 only
    QString sessionHandle; // oauth_session_handle, when renewing an access token (step 3b)

    // Step 4: every REST call made with an access token.
    static OAuth1TokenParameters access(QString token, QString tokenSecret);
    // Step 1: POST request-token. A callback makes it OAuth 1.0a (with a verifier).
    static OAuth1TokenParameters requestToken(QString callback = QStringLiteral("oob"));
    // Step 3: POST access-token with the authorised request token.
    static OAuth1TokenParameters exchange(QString requestToken, QString requestTokenSecret,
                                          QString verifier);
    // Step 3b: POST access-token with the access token and its session handle.
    static OAuth1TokenParameters renewal(QString accessToken, QString tokenSecret,
                                         QString sessionHandle);
};

// Signs requests as an OAuth 1.0a consumer with RSA-SHA1 (RFC 5849 section 3), the only method
// Jira's application links accept for incoming consumers. Copyable; copies share the key.
class OAuth1Signer
{
public:
    using Clock = std::function<qint64()>; // seconds since the epoch, for oauth_timestamp

    // An empty clock means the system clock.
    OAuth1Signer(QString consumerKey, RsaPrivateKey key, Clock clock = {});
    // std::nullopt with the reason in *error when the PEM holds no usable RSA private key.
    static std::optional<OAuth1Signer> fromPem(QString consumerKey, const QByteArray &pem,
                                               QString *error, Clock clock = {});

    QString consumerKey() const { return m_consumerKey; }
    const RsaPrivateKey &privateKey() const { return m_key; }

    // The protocol parameters of one request, oauth_signature last. formBody is the body only
    // when it is application/x-www-form-urlencoded (RFC 5849 3.4.1.3.1), else empty.
    FormFields sign(const QByteArray &method, const QUrl &url, const QByteArray &formBody,
                    const OAuth1TokenParameters &token) const;
    // sign() as an Authorization header value: OAuth realm="", oauth_consumer_key="…", …
    QByteArray authorizationHeader(const QByteArray &method, const QUrl &url,
                                   const QByteArray &formBody,
                                   const OAuth1TokenParameters &token) const;

    // The pure steps, public so tests check them against RFC 5849's examples.
    // Section 3.4.1.2: scheme and host lower case, default port dropped, no query or fragment.
    static QString baseStringUri(const QUrl &url);
    // Section 3.4.1: METHOD&uri&parameters, from the URL's query, the form body and the protocol
    // parameters (oauth_signature and realm left out).
    static QByteArray signatureBaseString(const QByteArray &method, const QUrl &url,
                                          const QByteArray &formBody,
                                          const FormFields &protocolParameters);
    // Section 3.5.1.
    static QByteArray headerValue(const FormFields &protocolParameters);

private:
    QString m_consumerKey;
    RsaPrivateKey m_key;
    Clock m_clock;
};

} // namespace accessdesk
