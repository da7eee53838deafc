#include "auth/OAuth1Signer.h"

#include "auth/SecureRandom.h"

#include <QDateTime>

#include <algorithm>

namespace accessdesk {

OAuth1TokenParameters OAuth1TokenParameters::access(QString token, QString tokenSecret)
{
    return {std::move(token), std::move(tokenSecret), {}, {}, {}};
}

OAuth1TokenParameters OAuth1TokenParameters::requestToken(QString callback)
{
    return {{}, {}, std::move(callback), {}, {}};
}

OAuth1TokenParameters OAuth1TokenParameters::exchange(QString requestToken,
                                                      QString requestTokenSecret, QString verifier)
{
    return {std::move(requestToken), std::move(requestTokenSecret), {}, std::move(verifier), {}};
}

OAuth1TokenParameters OAuth1TokenParameters::renewal(QString accessToken, QString tokenSecret,
                                                     QString sessionHandle)
{
    return {std::move(accessToken), std::move(tokenSecret), {}, {}, std::move(sessionHandle)};
}

OAuth1Signer::OAuth1Signer(QString consumerKey, RsaPrivateKey key, Clock clock)
    : m_consumerKey(std::move(consumerKey))
    , m_key(std::move(key))
    , m_clock(clock ? std::move(clock) : Clock(&QDateTime::currentSecsSinceEpoch))
{}

std::optional<OAuth1Signer> OAuth1Signer::fromPem(QString consumerKey, const QByteArray &pem,
                                                  QString *error, Clock clock)
{
    auto key = RsaPrivateKey::fromPem(pem, error);
    if (!key)
        return std::nullopt;
    return OAuth1Signer(std::move(consumerKey), std::move(*key), std::move(clock));
}

FormFields OAuth1Signer::sign(const QByteArray &method, const QUrl &url, const QByteArray &formBody,
                              const OAuth1TokenParameters &token) const
{
    FormFields parameters{{QStringLiteral("oauth_consumer_key"), m_consumerKey}};
    if (!token.token.isEmpty())
        parameters.append({QStringLiteral("oauth_token"), token.token});
    parameters.append({QStringLiteral("oauth_signature_method"), QStringLiteral("RSA-SHA1")});
    parameters.append({QStringLiteral("oauth_timestamp"), QString::number(m_clock())});
    // Only unique per timestamp is required (RFC 5849 3.3); random makes it unique everywhere.
    parameters.append({QStringLiteral("oauth_nonce"),
                       QString::fromLatin1(secureRandom::fromAlphabet(
                           32, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))});
    parameters.append({QStringLiteral("oauth_version"), QStringLiteral("1.0")});
    if (!token.callback.isEmpty())
        parameters.append({QStringLiteral("oauth_callback"), token.callback});
    if (!token.verifier.isEmpty())
        parameters.append({QStringLiteral("oauth_verifier"), token.verifier});
    if (!token.sessionHandle.isEmpty())
        parameters.append({QStringLiteral("oauth_session_handle"), token.sessionHandle});

    const QByteArray baseString = signatureBaseString(method, url, formBody, parameters);
    parameters.append({QStringLiteral("oauth_signature"),
                       QString::fromLatin1(m_key.signSha1(baseString).toBase64())});
    return parameters;
}

QByteArray OAuth1Signer::authorizationHeader(const QByteArray &method, const QUrl &url,
                                             const QByteArray &formBody,
                                             const OAuth1TokenParameters &token) const
{
    return headerValue(sign(method, url, formBody, token));
}

QString OAuth1Signer::baseStringUri(const QUrl &url)
{
    QUrl base = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    const QString scheme = base.scheme().toLower();
    base.setScheme(scheme);
    base.setHost(base.host().toLower());
    const int port = base.port();
    if ((scheme == QLatin1String("http") && port == 80) ||
        (scheme == QLatin1String("https") && port == 443))
        base.setPort(-1);
    // The request line of "http://example.com" is "GET / HTTP/1.1", so that is what is signed.
    if (base.path().isEmpty())
        base.setPath(QStringLiteral("/"));
    return base.toString(QUrl::FullyEncoded);
}

QByteArray OAuth1Signer::signatureBaseString(const QByteArray &method, const QUrl &url,
                                             const QByteArray &formBody,
                                             const FormFields &protocolParameters)
{
    FormFields all = formEncoding::decode(url.query(QUrl::FullyEncoded).toLatin1());
    all += formEncoding::decode(formBody);
    for (const auto &parameter : protocolParameters) {
        if (parameter.first != QLatin1String("oauth_signature") &&
            parameter.first != QLatin1String("realm"))
            all.append(parameter);
    }

    // Section 3.4.1.3.2: encode first, then sort by name and by value, byte by byte.
    QList<std::pair<QByteArray, QByteArray>> encoded;
    encoded.reserve(all.size());
    for (const auto &[name, value] : all)
        encoded.append({formEncoding::percentEncode(name), formEncoding::percentEncode(value)});
    std::sort(encoded.begin(), encoded.end());
    QByteArray normalized;
    for (const auto &[name, value] : encoded) {
        if (!normalized.isEmpty())
            normalized += '&';
        normalized += name + '=' + value;
    }

    return method.toUpper().toPercentEncoding() + '&' +
           formEncoding::percentEncode(baseStringUri(url)) + '&' + normalized.toPercentEncoding();
}

QByteArray OAuth1Signer::headerValue(const FormFields &protocolParameters)
{
    // An empty realm, as Jira's own consumers send; the provider ignores it.
    QByteArray header = "OAuth realm=\"\"";
    for (const auto &[name, value] : protocolParameters) {
        header += ", " + formEncoding::percentEncode(name) + "=\"" +
                  formEncoding::percentEncode(value) + '"';
    }
    return header;
}

} // namespace accessdesk
