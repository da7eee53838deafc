#include "AdminFormsSupport.h"

#include "GuiTestSupport.h"
#include "services/AdminListController.h"

#include <QCryptographicHash>
#include <QNetworkRequest>
#include <QProcess>
#include <QUrlQuery>

namespace accessdesk {

namespace {

std::optional<QByteArray> openssl(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForStarted(30000))
        return std::nullopt;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return std::nullopt;
    return process.readAllStandardOutput();
}

} // namespace

bool waitListed(AdminListController *list)
{
    return waitUntil(list, &AdminListController::changed, [list] {
        const AdminListState &state = list->state();
        return !state.loading && (state.loaded || state.error.isError());
    });
}

std::optional<TestKeyPair> makeRsaKey(int bits)
{
    const auto privatePem =
        openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"),
                 QStringLiteral("-pkeyopt"), QStringLiteral("rsa_keygen_bits:%1").arg(bits)});
    if (!privatePem)
        return std::nullopt;
    const auto publicPem =
        openssl({QStringLiteral("pkey"), QStringLiteral("-pubout")}, *privatePem);
    if (!publicPem)
        return std::nullopt;
    return TestKeyPair{*privatePem, *publicPem};
}

QString fingerprintOf(const QByteArray &publicKey)
{
    QByteArray base64;
    for (const QByteArray &line : publicKey.split('\n')) {
        if (!line.startsWith("-----"))
            base64 += line.trimmed();
    }
    const QByteArray digest =
        QCryptographicHash::hash(QByteArray::fromBase64(base64), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

HttpResult tokenRequest(QNetworkAccessManager &network, const QString &baseUrl,
                        const QString &clientId, const QString &secret)
{
    QNetworkRequest request(QUrl(baseUrl + QStringLiteral("/rest/oauth2/latest/token")));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("X-Atlassian-Token", "no-check");
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    form.addQueryItem(QStringLiteral("code"), QStringLiteral("no-such-code"));
    form.addQueryItem(QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:9/cb"));
    form.addQueryItem(QStringLiteral("client_id"), clientId);
    form.addQueryItem(QStringLiteral("client_secret"), secret);
    return httpSend(network, request, "POST", form.toString(QUrl::FullyEncoded).toLatin1());
}

} // namespace accessdesk
