#include "SimProcess.h"
#include "auth/OAuth1Credentials.h"
#include "auth/OAuth1Dance.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTest>

using namespace accessdesk;

namespace {

const QString kConsumerKey = QStringLiteral("accessdesk-auth-tests");

QString unescapeHtml(QString text)
{
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

// The value of <input name="name" value="…"> in page, or empty. A regex is enough here: the real
// HTML decoder is models/' business, this only drives the page as a browser would.
QString inputValue(const QByteArray &page, const QString &name)
{
    const QRegularExpression input(
        QString::fromLatin1("<input[^>]*\\bname=\"%1\"[^>]*\\bvalue=\"([^\"]*)\"")
            .arg(QRegularExpression::escape(name)));
    return unescapeHtml(input.match(QString::fromUtf8(page)).captured(1));
}

// What went wrong, for failure messages: the E7 problem, never a body that may hold a token.
QString problemOf(const HttpResult &reply)
{
    const QString challenge = OAuth1Dance::problemFromChallenge(reply.header("WWW-Authenticate"));
    return challenge.isEmpty() ? OAuth1Dance::parseTokenReply(reply.body).problem : challenge;
}

QNetworkRequest signedRequest(const QUrl &url, const OAuth1Signer &signer,
                              const OAuth1TokenParameters &token, const QByteArray &method,
                              const QByteArray &body = {},
                              const QByteArray &contentType = OAuth1Dance::formContentType())
{
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", "AccessDesk-tests/1.0");
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    OAuth1Credentials(signer, token).authorize(request, method, body);
    return request;
}

} // namespace

// The OAuth 1.0a dance done with AccessDesk's signer against trackersim, which verifies RSA-SHA1
// like Jira: link + consumer as admin, request token, Allow as alice, access token, signed REST,
// renewal, a form-body signed revoke, and the E7 answers for a wrong key and a revoked token.
class TestAuthOAuth1Sim final : public QObject
{
    Q_OBJECT

private:
    SimProcess m_sim;
    QNetworkAccessManager m_network;
    QUrl m_base;
    std::optional<OAuth1Signer> m_signer;

    QString createConsumer();
    OAuth1TokenReply requestToken();
    QString approveAsAlice(const QString &requestToken);
    int myselfStatus(const OAuth1Signer &signer, const QString &token, QByteArray *name = nullptr,
                     QByteArray *challenge = nullptr);

private Q_SLOTS:
    void initTestCase();
    void fullDance();
    void refusesAnUnknownConsumer();
    void refusesAWrongKey();
};

void TestAuthOAuth1Sim::initTestCase()
{
    QVERIFY2(m_sim.start(), qPrintable(m_sim.errorText()));
    m_base = QUrl(m_sim.url());
    QString error;
    const auto key = RsaPrivateKey::generate(2048, &error);
    QVERIFY2(key, qPrintable(error));
    m_signer.emplace(kConsumerKey, *key);
    const QString linkId = createConsumer();
    QVERIFY(!linkId.isEmpty());
}

QString TestAuthOAuth1Sim::createConsumer()
{
    const QJsonObject link{
        {QStringLiteral("name"), QStringLiteral("AccessDesk auth tests")},
        {QStringLiteral("typeId"), QStringLiteral("generic")},
        {QStringLiteral("rpcUrl"), QStringLiteral("http://desk.example.test")},
        {QStringLiteral("displayUrl"), QStringLiteral("http://desk.example.test")}};
    QNetworkRequest create =
        jsonRequest(m_sim.url() + QStringLiteral("/rest/applinks/2.0/applicationlink"), "admin");
    create.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    const HttpResult created =
        httpSend(m_network, create, "PUT", QJsonDocument(link).toJson(QJsonDocument::Compact));
    if (created.status != 201) {
        qWarning() << "creating the link:" << created.status << created.body;
        return {};
    }
    const QString href = QJsonDocument::fromJson(created.body)
                             .object()
                             .value(QStringLiteral("resources-created"))
                             .toArray()
                             .at(0)
                             .toObject()
                             .value(QStringLiteral("href"))
                             .toString();
    const QString id = href.section(QLatin1Char('/'), -1);

    // The public key as the admin would paste it: PEM armour and all.
    const QJsonObject consumer{
        {QStringLiteral("key"), kConsumerKey},
        {QStringLiteral("name"), QStringLiteral("AccessDesk")},
        {QStringLiteral("publicKey"), QString::fromLatin1(m_signer->privateKey().publicKeyPem())}};
    QNetworkRequest put = jsonRequest(m_sim.url() +
                                          QStringLiteral("/rest/applinks-oauth/1.0/"
                                                         "applicationlink/") +
                                          id + QStringLiteral("/authentication/consumer"),
                                      "admin");
    put.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    const HttpResult stored =
        httpSend(m_network, put, "PUT", QJsonDocument(consumer).toJson(QJsonDocument::Compact));
    if (stored.status != 201) {
        qWarning() << "creating the consumer:" << stored.status << stored.body;
        return {};
    }
    return id;
}

OAuth1TokenReply TestAuthOAuth1Sim::requestToken()
{
    const HttpResult reply =
        httpSend(m_network,
                 signedRequest(OAuth1Dance::requestTokenUrl(m_base), *m_signer,
                               OAuth1TokenParameters::requestToken(QStringLiteral("oob")), "POST"),
                 "POST");
    if (reply.status != 200)
        qWarning() << "request-token:" << reply.status << problemOf(reply);
    return OAuth1Dance::parseTokenReply(reply.body);
}

QString TestAuthOAuth1Sim::approveAsAlice(const QString &requestToken)
{
    const QUrl authorize = OAuth1Dance::authorizeUrl(m_base, requestToken);
    const HttpResult page = httpSend(m_network, jsonRequest(authorize.toString(), "alice"), "GET");
    if (page.status != 200) {
        qWarning() << "authorize page:" << page.status << problemOf(page);
        return {};
    }
    const QString atlToken = inputValue(page.body, QStringLiteral("atl_token"));
    const QString formToken = inputValue(page.body, QStringLiteral("oauth_token"));
    if (atlToken.isEmpty() || formToken != requestToken) {
        qWarning() << "authorize page without its form";
        return {};
    }

    QNetworkRequest post = jsonRequest(
        OAuth1Dance::authorizeUrl(m_base, {}).adjusted(QUrl::RemoveQuery).toString(), "alice");
    post.setHeader(QNetworkRequest::ContentTypeHeader, OAuth1Dance::formContentType());
    const QByteArray form =
        formEncoding::encode({{QStringLiteral("oauth_token"), formToken},
                              {QStringLiteral("atl_token"), atlToken},
                              {QStringLiteral("approve"), QStringLiteral("Allow")}});
    const HttpResult approved = httpSend(m_network, post, "POST", form);
    static const QRegularExpression verifier(
        QString::fromLatin1("id=\"oauth-verifier\"[^>]*>\\s*([^<\\s]+)\\s*<"));
    const QString value = verifier.match(QString::fromUtf8(approved.body)).captured(1);
    if (approved.status != 200 || value.isEmpty())
        qWarning() << "approving:" << approved.status << problemOf(approved);
    return value;
}

int TestAuthOAuth1Sim::myselfStatus(const OAuth1Signer &signer, const QString &token,
                                    QByteArray *name, QByteArray *challenge)
{
    QUrl myself = m_base;
    myself.setPath(myself.path() + QStringLiteral("/rest/api/2/myself"));
    const HttpResult reply =
        httpSend(m_network,
                 signedRequest(myself, signer,
                               OAuth1TokenParameters::access(token, QStringLiteral("unused")),
                               "GET", {}, {}),
                 "GET");
    if (name)
        *name = QJsonDocument::fromJson(reply.body)
                    .object()
                    .value(QStringLiteral("name"))
                    .toString()
                    .toUtf8();
    if (challenge)
        *challenge = reply.header("WWW-Authenticate");
    return reply.status;
}

void TestAuthOAuth1Sim::fullDance()
{
    // Step 1: request token, out of band (OAuth 1.0a with a verifier shown to the user).
    const OAuth1TokenReply request = requestToken();
    QVERIFY2(request.isValid(), qPrintable(request.problem));
    QVERIFY(request.callbackConfirmed);

    // Step 2: alice allows access; the page shows the verifier.
    const QString verifier = approveAsAlice(request.token);
    QVERIFY(!verifier.isEmpty());

    // Step 3: the access token, signed with the request token and the verifier.
    const HttpResult exchanged = httpSend(
        m_network,
        signedRequest(OAuth1Dance::accessTokenUrl(m_base), *m_signer,
                      OAuth1TokenParameters::exchange(request.token, request.tokenSecret, verifier),
                      "POST"),
        "POST");
    QCOMPARE(exchanged.status, 200);
    const OAuth1TokenReply access = OAuth1Dance::parseTokenReply(exchanged.body);
    QVERIFY2(access.isValid(), qPrintable(access.problem));
    QVERIFY(access.token != request.token);
    QVERIFY(access.expiresIn.value_or(0) > 0);
    QVERIFY(!access.sessionHandle.isEmpty());

    // Step 4: signed REST as alice.
    QByteArray name;
    QCOMPARE(myselfStatus(*m_signer, access.token, &name), 200);
    QCOMPARE(name, QByteArray("alice"));

    // Step 3b: renewal with the session handle gives a new, working access token.
    const HttpResult renewed =
        httpSend(m_network,
                 signedRequest(OAuth1Dance::accessTokenUrl(m_base), *m_signer,
                               OAuth1TokenParameters::renewal(access.token, access.tokenSecret,
                                                              access.sessionHandle),
                               "POST"),
                 "POST");
    QCOMPARE(renewed.status, 200);
    const OAuth1TokenReply renewal = OAuth1Dance::parseTokenReply(renewed.body);
    QVERIFY2(renewal.isValid(), qPrintable(renewal.problem));
    QCOMPARE(myselfStatus(*m_signer, renewal.token, &name), 200);
    QCOMPARE(name, QByteArray("alice"));

    // A signed form POST (its body is part of the signature): alice revokes the renewed token.
    QUrl revoke = m_base;
    revoke.setPath(revoke.path() + QStringLiteral("/plugins/servlet/oauth/users/revoke-token"));
    const QByteArray form = formEncoding::encode({{QStringLiteral("token"), renewal.token}});
    QNetworkRequest revokeRequest = signedRequest(
        revoke, *m_signer, OAuth1TokenParameters::access(renewal.token, renewal.tokenSecret),
        "POST", form);
    revokeRequest.setRawHeader("X-Atlassian-Token", "no-check");
    const HttpResult revoked = httpSend(m_network, revokeRequest, "POST", form);
    QCOMPARE(revoked.status, 200);

    // The revoked token now counts as anonymous, and the challenge says why (E7).
    QByteArray challenge;
    QCOMPARE(myselfStatus(*m_signer, renewal.token, &name, &challenge), 401);
    QCOMPARE(OAuth1Dance::problemFromChallenge(challenge), QStringLiteral("token_rejected"));
}

void TestAuthOAuth1Sim::refusesAnUnknownConsumer()
{
    const OAuth1Signer stranger(QStringLiteral("nobody-knows-me"), m_signer->privateKey());
    const HttpResult reply = httpSend(m_network,
                                      signedRequest(OAuth1Dance::requestTokenUrl(m_base), stranger,
                                                    OAuth1TokenParameters::requestToken(), "POST"),
                                      "POST");
    QCOMPARE(reply.status, 401);
    const OAuth1TokenReply parsed = OAuth1Dance::parseTokenReply(reply.body);
    QVERIFY(!parsed.isValid());
    QCOMPARE(parsed.problem, QStringLiteral("consumer_key_unknown"));
    QCOMPARE(OAuth1Dance::problemFromChallenge(reply.header("WWW-Authenticate")),
             QStringLiteral("consumer_key_unknown"));
}

void TestAuthOAuth1Sim::refusesAWrongKey()
{
    // The right consumer key with another private key: the provider's RSA check fails.
    QString error;
    const auto other = RsaPrivateKey::generate(2048, &error);
    QVERIFY2(other, qPrintable(error));
    const OAuth1Signer impostor(kConsumerKey, *other);
    const HttpResult reply = httpSend(m_network,
                                      signedRequest(OAuth1Dance::requestTokenUrl(m_base), impostor,
                                                    OAuth1TokenParameters::requestToken(), "POST"),
                                      "POST");
    QCOMPARE(reply.status, 401);
    QCOMPARE(OAuth1Dance::parseTokenReply(reply.body).problem, QStringLiteral("signature_invalid"));
}

QTEST_GUILESS_MAIN(TestAuthOAuth1Sim)
#include "tst_auth_oauth1_sim.moc"
