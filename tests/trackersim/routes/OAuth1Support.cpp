#include "OAuth1Provider.h"

#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "store/Store.h"

#include <QUrl>
#include <QUuid>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace trackersim::routes::oauth1sp {

namespace {

struct KeyPair
{
    QString publicKey;  // bare base64 SubjectPublicKeyInfo
    QString privateKey; // PEM, PKCS#8
};

KeyPair newKeyPair()
{
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key.get(), &der);
    KeyPair pair;
    pair.publicKey =
        QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(der), length).toBase64());
    OPENSSL_free(der);

    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char *pem = nullptr;
    const long pemLength = BIO_get_mem_data(bio.get(), &pem);
    pair.privateKey = QString::fromLatin1(pem, pemLength);
    return pair;
}

} // namespace

Identity instanceIdentity(Store &store, qint64 nowMs)
{
    const auto load = [&store] {
        return store.one(
            QStringLiteral("SELECT consumer_key, public_key, private_key FROM instance_identity"
                           " WHERE id = 1"));
    };
    auto row = load();
    if (!row) {
        const KeyPair pair = newKeyPair();
        // Jira's consumer key is "jira:" plus a server-specific id.
        const QString key =
            QStringLiteral("jira:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        store.exec(QStringLiteral("INSERT OR IGNORE INTO instance_identity (id, consumer_key, "
                                  "public_key, private_key,"
                                  " created_at) VALUES (1, ?, ?, ?, ?)"),
                   {key, pair.publicKey, pair.privateKey, nowMs});
        row = load();
    }
    return Identity{row->value(QStringLiteral("consumer_key")).toString(),
                    row->value(QStringLiteral("public_key")).toString(),
                    row->value(QStringLiteral("private_key")).toString()};
}

QString pathAndQuery(const RequestContext &context)
{
    const QString query = context.request.query.query(QUrl::FullyEncoded);
    const QString path = QString::fromLatin1(QUrl::toPercentEncoding(context.request.path, "/"));
    return query.isEmpty() ? path : path + QLatin1Char('?') + query;
}

SimResponse redirectToLogin(const RequestContext &context)
{
    return SimResponse::redirect(
        302, context.baseUrl() + QStringLiteral("/login.jsp?os_destination=") +
                 QString::fromLatin1(QUrl::toPercentEncoding(pathAndQuery(context))));
}

std::optional<QString> parameter(const RequestContext &context, const QString &name)
{
    if (context.request.query.hasQueryItem(name))
        return context.request.queryValue(name);
    const QUrlQuery form = context.request.formFields();
    if (form.hasQueryItem(name))
        return form.queryItemValue(name, QUrl::FullyDecoded);
    return std::nullopt;
}

int problemStatus(const QString &problem)
{
    // net.oauth's OAuth.Problems.TO_HTTP_CODE, which OAuthServlet.handleException applies.
    static const QStringList badRequest{
        QStringLiteral("version_rejected"), QStringLiteral("parameter_absent"),
        QStringLiteral("parameter_rejected"), QStringLiteral("timestamp_refused"),
        QStringLiteral("signature_method_rejected")};
    static const QStringList unauthorized{QStringLiteral("nonce_used"),
                                          QStringLiteral("token_used"),
                                          QStringLiteral("token_expired"),
                                          QStringLiteral("token_revoked"),
                                          QStringLiteral("token_rejected"),
                                          QStringLiteral("token_not_authorized"),
                                          QStringLiteral("signature_invalid"),
                                          QStringLiteral("consumer_key_unknown"),
                                          QStringLiteral("consumer_key_rejected"),
                                          QStringLiteral("permission_unknown"),
                                          QStringLiteral("permission_denied"),
                                          QStringLiteral("additional_authorization_required"),
                                          QStringLiteral("user_refused")};
    if (badRequest.contains(problem))
        return 400;
    if (unauthorized.contains(problem))
        return 401;
    return problem == QLatin1String("consumer_key_refused") ? 503 : 403;
}

SimResponse problemResponse(const RequestContext &context, const QString &problem,
                            const oauth1::Params &extra)
{
    SimResponse response = errors::oauth1Problem(context.baseUrl(), problem, extra);
    response.status = problemStatus(problem);
    return response;
}

SimResponse servletError(int status)
{
    const QString code = QString::number(status);
    return SimResponse::html(
        status, QStringLiteral("<!doctype html><html lang=\"en\"><head><title>HTTP Status ") +
                    code + QStringLiteral("</title></head><body><h1>HTTP Status ") + code +
                    QStringLiteral("</h1></body></html>"));
}

} // namespace trackersim::routes::oauth1sp
