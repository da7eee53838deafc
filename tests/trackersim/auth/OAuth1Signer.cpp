#include "OAuth1Signer.h"

#include "Crypto.h"

#include <QUrlQuery>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace trackersim::oauth1 {

namespace {

QByteArray signRsaSha1(const QByteArray &baseString, const QString &privateKeyPem)
{
    const QByteArray pem = privateKeyPem.toLatin1();
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())),
                                                  &BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    if (!key)
        return {};
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    size_t length = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(baseString.constData());
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha1(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, data, size_t(baseString.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       data, size_t(baseString.size())) != 1)
        return {};
    signature.truncate(qsizetype(length));
    return signature.toBase64();
}

} // namespace

QByteArray twoLeggedHeader(const QByteArray &method, const QUrl &url, const Signing &signing)
{
    Params oauth{{QStringLiteral("oauth_consumer_key"), signing.consumerKey},
                 {QStringLiteral("oauth_nonce"), crypto::randomAlphanumeric(24)},
                 {QStringLiteral("oauth_signature_method"), QStringLiteral("RSA-SHA1")},
                 {QStringLiteral("oauth_timestamp"), QString::number(signing.timestampSeconds)},
                 {QStringLiteral("oauth_version"), QStringLiteral("1.0")}};
    Params signedParams = oauth;
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        signedParams.append({key, value});
    QUrl baseUri = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    baseUri.setScheme(baseUri.scheme().toLower());
    baseUri.setHost(baseUri.host().toLower());
    if ((baseUri.scheme() == QLatin1String("http") && baseUri.port() == 80) ||
        (baseUri.scheme() == QLatin1String("https") && baseUri.port() == 443))
        baseUri.setPort(-1);
    oauth.append({QStringLiteral("oauth_signature"),
                  QString::fromLatin1(signRsaSha1(baseString(method, baseUri, signedParams),
                                                  signing.privateKeyPem))});

    QByteArray header = "OAuth realm=\"\"";
    for (const auto &[key, value] : oauth)
        header += ", " + encode(key).toLatin1() + "=\"" + encode(value).toLatin1() + '"';
    return header;
}

} // namespace trackersim::oauth1
