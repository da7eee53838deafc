#include "OAuth1.h"

#include "SimState.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QUrl>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>

namespace trackersim::oauth1 {

QString encode(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value, "-._~"));
}

QString paramValue(const Params &params, const QString &name)
{
    for (const auto &[key, value] : params) {
        if (key == name)
            return value;
    }
    return {};
}

static QString formDecode(QByteArray raw)
{
    raw.replace('+', ' ');
    return QUrl::fromPercentEncoding(raw);
}

static Params parseForm(const QByteArray &data)
{
    Params params;
    for (const QByteArray &pair : data.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        params.append(
            {formDecode(pair.left(eq)), eq < 0 ? QString() : formDecode(pair.mid(eq + 1))});
    }
    return params;
}

Params parseAuthorizationHeader(const QByteArray &header)
{
    Params params;
    const QByteArray trimmed = header.trimmed();
    if (!trimmed.startsWith("OAuth ") && !trimmed.startsWith("OAuth\t"))
        return params;
    static const QRegularExpression pair(
        QStringLiteral(R"re(([A-Za-z0-9_.~-]+)\s*=\s*"([^"]*)")re"));
    auto it = pair.globalMatch(QString::fromLatin1(trimmed.mid(6)));
    while (it.hasNext()) {
        const auto match = it.next();
        const QString key = QUrl::fromPercentEncoding(match.captured(1).toLatin1());
        if (key == QLatin1String("realm"))
            continue;
        params.append({key, QUrl::fromPercentEncoding(match.captured(2).toLatin1())});
    }
    return params;
}

static QByteArray rawQuery(const SimRequest &request)
{
    return request.query.query(QUrl::FullyEncoded).toLatin1();
}

Params requestParameters(const SimRequest &request)
{
    Params params = parseAuthorizationHeader(request.header("authorization"));
    params += parseForm(rawQuery(request));
    if (request.isFormEncoded())
        params += parseForm(request.body);
    return params;
}

bool isSigned(const SimRequest &request)
{
    // OAuthRequestUtils.isOAuthAccessAttempt: the OAuth filter leaves the request-token and
    // access-token servlets alone; they verify (and spend the nonce of) their own messages.
    if (request.path.endsWith(QLatin1String("/plugins/servlet/oauth/request-token")) ||
        request.path.endsWith(QLatin1String("/plugins/servlet/oauth/access-token")))
        return false;
    if (request.header("authorization").trimmed().startsWith("OAuth "))
        return true;
    return request.query.hasQueryItem(QStringLiteral("oauth_signature"));
}

QByteArray signatureBaseString(const SimRequest &request, const Params &params)
{
    // The base URI is what the client addressed: scheme and host lower case, default port dropped.
    QUrl url;
    url.setScheme(request.scheme.toLower());
    const QString host = request.host;
    const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
    const bool hasPort = colon > 0 && !host.endsWith(QLatin1Char(']'));
    url.setHost(hasPort ? host.left(colon).toLower() : host.toLower());
    if (hasPort) {
        const int port = host.mid(colon + 1).toInt();
        const bool defaultPort = (port == 80 && url.scheme() == QLatin1String("http")) ||
                                 (port == 443 && url.scheme() == QLatin1String("https"));
        if (!defaultPort)
            url.setPort(port);
    }
    // The context path is part of what the client signed (https://host/jira/rest/...).
    url.setPath(request.fullPath());
    return baseString(request.method, url, params);
}

QByteArray baseString(const QByteArray &method, const QUrl &baseUri, const Params &params)
{
    QList<QPair<QString, QString>> encoded;
    for (const auto &[key, value] : params) {
        if (key != QLatin1String("oauth_signature"))
            encoded.append({encode(key), encode(value)});
    }
    std::sort(encoded.begin(), encoded.end());
    QStringList joined;
    for (const auto &[key, value] : encoded)
        joined.append(key + QLatin1Char('=') + value);

    return (encode(QString::fromLatin1(method)) + QLatin1Char('&') +
            encode(baseUri.toString(QUrl::FullyEncoded)) + QLatin1Char('&') +
            encode(joined.join(QLatin1Char('&'))))
        .toLatin1();
}

QString normalisePublicKey(const QString &keyText, bool *valid)
{
    QString bare = keyText;
    bare.remove(QRegularExpression(QStringLiteral("-----(BEGIN|END)[^-]*-----")));
    bare.remove(QRegularExpression(QStringLiteral("\\s")));
    const QByteArray der = QByteArray::fromBase64(bare.toLatin1());
    const unsigned char *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        d2i_PUBKEY(nullptr, &cursor, der.size()), &EVP_PKEY_free);
    *valid = key && EVP_PKEY_base_id(key.get()) == EVP_PKEY_RSA;
    return *valid ? QString::fromLatin1(der.toBase64()) : QString();
}

bool verifyRsaSha1(const QByteArray &baseString, const QByteArray &signatureBase64,
                   const QString &publicKey)
{
    const QByteArray der = QByteArray::fromBase64(publicKey.toLatin1());
    const unsigned char *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        d2i_PUBKEY(nullptr, &cursor, der.size()), &EVP_PKEY_free);
    if (!key)
        return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const QByteArray signature = QByteArray::fromBase64(signatureBase64);
    return EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha1(), nullptr, key.get()) == 1 &&
           EVP_DigestVerify(ctx.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(baseString.constData()),
                            size_t(baseString.size())) == 1;
}

static Check failure(const QString &problem, const Params &extra = {})
{
    Check check;
    check.problem = problem;
    check.extra = extra;
    return check;
}

Check verify(const SimRequest &request, SimState &state)
{
    const Params params = requestParameters(request);
    const QString consumerKey = paramValue(params, QStringLiteral("oauth_consumer_key"));
    const QString method = paramValue(params, QStringLiteral("oauth_signature_method"));
    const QString signature = paramValue(params, QStringLiteral("oauth_signature"));
    const QString timestamp = paramValue(params, QStringLiteral("oauth_timestamp"));
    const QString nonce = paramValue(params, QStringLiteral("oauth_nonce"));
    const QString version = paramValue(params, QStringLiteral("oauth_version"));

    QStringList absent;
    for (const auto &[name, value] :
         {std::pair{"oauth_consumer_key", consumerKey}, std::pair{"oauth_signature_method", method},
          std::pair{"oauth_signature", signature}, std::pair{"oauth_timestamp", timestamp},
          std::pair{"oauth_nonce", nonce}}) {
        if (value.isEmpty())
            absent.append(QString::fromLatin1(name));
    }
    if (!absent.isEmpty())
        return failure(
            QStringLiteral("parameter_absent"),
            {{QStringLiteral("oauth_parameters_absent"), absent.join(QLatin1Char('&'))}});
    if (!version.isEmpty() && version != QLatin1String("1.0"))
        return failure(QStringLiteral("version_rejected"),
                       {{QStringLiteral("oauth_acceptable_versions"), QStringLiteral("1.0-1.0")}});
    if (method != QLatin1String("RSA-SHA1"))
        return failure(
            QStringLiteral("signature_method_rejected"),
            {{QStringLiteral("oauth_acceptable_signature_methods"), QStringLiteral("RSA-SHA1")}});

    const auto consumer = state.store.one(
        QStringLiteral(
            "SELECT public_key FROM oauth_consumers WHERE consumer_key = ? AND outgoing = 0"),
        {consumerKey});
    if (!consumer || consumer->value(QStringLiteral("public_key")).toString().isEmpty())
        return failure(QStringLiteral("consumer_key_unknown"));

    // Clients sign with their real clock, so the window is checked against real time, not the
    // test-adjustable SimClock.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    bool numeric = false;
    const qint64 stamp = timestamp.toLongLong(&numeric);
    if (!numeric || qAbs(now - stamp) > kTimestampWindowSeconds) {
        return failure(QStringLiteral("timestamp_refused"),
                       {{QStringLiteral("oauth_acceptable_timestamps"),
                         QStringLiteral("%1-%2")
                             .arg(now - kTimestampWindowSeconds)
                             .arg(now + kTimestampWindowSeconds)}});
    }

    const QByteArray baseString = signatureBaseString(request, params);
    if (!verifyRsaSha1(baseString, signature.toLatin1(),
                       consumer->value(QStringLiteral("public_key")).toString())) {
        return failure(
            QStringLiteral("signature_invalid"),
            {{QStringLiteral("oauth_signature"), signature},
             {QStringLiteral("oauth_signature_base_string"), QString::fromLatin1(baseString)},
             {QStringLiteral("oauth_signature_method"), method}});
    }

    const QString token = paramValue(params, QStringLiteral("oauth_token"));
    const QString nonceKey = consumerKey + QLatin1Char('\n') + token + QLatin1Char('\n') +
                             timestamp + QLatin1Char('\n') + nonce;
    if (!state.nonces.remember(nonceKey, stamp, now, kTimestampWindowSeconds))
        return failure(QStringLiteral("nonce_used"));

    Check check;
    check.ok = true;
    check.consumerKey = consumerKey;
    check.token = token;
    check.params = params;
    return check;
}

} // namespace trackersim::oauth1
