#include "TestKeys.h"
#include "auth/OAuth1Credentials.h"
#include "auth/OAuth1Signer.h"

#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTest>

using namespace accessdesk;

namespace {

// The parameters of an "Authorization: OAuth …" header, realm included, in order.
FormFields parseHeader(const QByteArray &header)
{
    FormFields fields;
    if (!header.startsWith("OAuth "))
        return fields;
    static const QRegularExpression pair(QString::fromLatin1("([A-Za-z0-9_.~%-]+)=\"([^\"]*)\""));
    auto matches = pair.globalMatch(QString::fromLatin1(header.mid(6)));
    while (matches.hasNext()) {
        const auto match = matches.next();
        fields.append({QUrl::fromPercentEncoding(match.captured(1).toLatin1()),
                       QUrl::fromPercentEncoding(match.captured(2).toLatin1())});
    }
    return fields;
}

} // namespace

// RFC 5849 section 3.4 with RSA-SHA1: base string and normalisation against the RFC's examples,
// signatures checked with the public key through OpenSSL.
class TestOAuth1Signer final : public QObject
{
    Q_OBJECT

private:
    testkeys::Key m_rsa = testkeys::rsa();
    OAuth1Signer signer(qint64 now = 1700000000) const;

private Q_SLOTS:
    void percentEncodesPerSection3_6_data();
    void percentEncodesPerSection3_6();
    void normalisesTheBaseStringUri_data();
    void normalisesTheBaseStringUri();
    void buildsTheRfcBaseString();
    void headerCarriesTheProtocolParameters();
    void signatureVerifiesWithThePublicKey_data();
    void signatureVerifiesWithThePublicKey();
    void noncesDiffer();
    void stepParametersGoIntoTheSignature();
    void credentialsSignFormBodiesOnly();
    void fromPemReportsErrors();
};

OAuth1Signer TestOAuth1Signer::signer(qint64 now) const
{
    QString error;
    auto made = OAuth1Signer::fromPem(QStringLiteral("desk-client"), testkeys::pkcs8Pem(m_rsa),
                                      &error, [now] { return now; });
    if (!made)
        qFatal("test key unreadable: %s", qPrintable(error));
    return *made;
}

void TestOAuth1Signer::percentEncodesPerSection3_6_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("unreserved") << QStringLiteral("AZaz09-._~") << QByteArray("AZaz09-._~");
    QTest::newRow("space and plus")
        << QStringLiteral("Ladies + Gentlemen") << QByteArray("Ladies%20%2B%20Gentlemen");
    QTest::newRow("reserved") << QStringLiteral("Dogs, Cats & Mice!*'()/?=:@")
                              << QByteArray(
                                     "Dogs%2C%20Cats%20%26%20Mice%21%2A%27%28%29%2F%3F%3D%3A%40");
    QTest::newRow("UTF-8, upper-case hex")
        << QStringLiteral("\u2603é") << QByteArray("%E2%98%83%C3%A9");
    QTest::newRow("percent") << QStringLiteral("%3D") << QByteArray("%253D");
}

void TestOAuth1Signer::percentEncodesPerSection3_6()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, encoded);
    QCOMPARE(formEncoding::percentEncode(value), encoded);
}

void TestOAuth1Signer::normalisesTheBaseStringUri_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    // The two examples of RFC 5849 section 3.4.1.2.
    QTest::newRow("RFC: default port, case, query")
        << QStringLiteral("HTTP://EXAMPLE.COM:80/r%20v/X?id=123")
        << QStringLiteral("http://example.com/r%20v/X");
    QTest::newRow("RFC: other port kept") << QStringLiteral("https://www.example.net:8080/?q=1")
                                          << QStringLiteral("https://www.example.net:8080/");
    QTest::newRow("https default port") << QStringLiteral("https://Jira.Example.COM:443/rest/api/2")
                                        << QStringLiteral("https://jira.example.com/rest/api/2");
    QTest::newRow("http on 443 keeps it")
        << QStringLiteral("http://example.com:443/x") << QStringLiteral("http://example.com:443/x");
    QTest::newRow("empty path") << QStringLiteral("http://example.com")
                                << QStringLiteral("http://example.com/");
    QTest::newRow("fragment and user info")
        << QStringLiteral("https://bob:pw@example.com/jira/x#top")
        << QStringLiteral("https://example.com/jira/x");
    QTest::newRow("path case kept") << QStringLiteral("http://127.0.0.1:8090/Plugins/Servlet")
                                    << QStringLiteral("http://127.0.0.1:8090/Plugins/Servlet");
}

void TestOAuth1Signer::normalisesTheBaseStringUri()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(OAuth1Signer::baseStringUri(QUrl(url)), expected);
}

void TestOAuth1Signer::buildsTheRfcBaseString()
{
    // RFC 5849 section 3.4.1.1 (parameters from 3.4.1.3.1): query, form body and header.
    const QUrl url(QStringLiteral("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"));
    const QByteArray body = "c2&a3=2+q";
    const FormFields protocol{
        {QStringLiteral("realm"), QStringLiteral("Example")},
        {QStringLiteral("oauth_consumer_key"), QStringLiteral("9djdj82h48djs9d2")},
        {QStringLiteral("oauth_token"), QStringLiteral("kkk9d7dh3k39sjv7")},
        {QStringLiteral("oauth_signature_method"), QStringLiteral("HMAC-SHA1")},
        {QStringLiteral("oauth_timestamp"), QStringLiteral("137131201")},
        {QStringLiteral("oauth_nonce"), QStringLiteral("7d8f3e4a")},
        {QStringLiteral("oauth_signature"), QStringLiteral("bYT5CMsGcbgUdFHObYMEfcx6bsw=")},
    };
    const QByteArray expected =
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
        "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_"
        "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m"
        "ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk"
        "9d7dh3k39sjv7";
    QCOMPARE(OAuth1Signer::signatureBaseString("POST", url, body, protocol), expected);
    // The method is upper-cased (3.4.1.1 item 1).
    QCOMPARE(OAuth1Signer::signatureBaseString("post", url, body, protocol), expected);
}

void TestOAuth1Signer::headerCarriesTheProtocolParameters()
{
    const QByteArray header = signer().authorizationHeader(
        "GET", QUrl(QStringLiteral("https://jira.example.com/x")), {},
        OAuth1TokenParameters::access(QStringLiteral("tok en"), QStringLiteral("secret")));
    QVERIFY(header.startsWith("OAuth realm=\"\", oauth_consumer_key=\"desk-client\""));
    QVERIFY(header.contains("oauth_token=\"tok%20en\""));
    QVERIFY(!header.contains("secret")); // RSA-SHA1 never sends the token secret
    const FormFields fields = parseHeader(header);
    QCOMPARE(formEncoding::value(fields, u"oauth_signature_method"), QStringLiteral("RSA-SHA1"));
    QCOMPARE(formEncoding::value(fields, u"oauth_timestamp"), QStringLiteral("1700000000"));
    QCOMPARE(formEncoding::value(fields, u"oauth_version"), QStringLiteral("1.0"));
    QCOMPARE(formEncoding::value(fields, u"oauth_nonce").size(), 32);
    QVERIFY(!formEncoding::contains(fields, u"oauth_callback"));
    QVERIFY(!formEncoding::contains(fields, u"oauth_verifier"));
    QCOMPARE(fields.constLast().first, QStringLiteral("oauth_signature"));
}

void TestOAuth1Signer::signatureVerifiesWithThePublicKey_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("formBody");
    QTest::newRow("GET with query") << QByteArray("GET")
                                    << QStringLiteral("https://Jira.example.com:443/rest/api/2/"
                                                      "search?jql=project%20%3D%20AD&b=2&a=1")
                                    << QByteArray();
    QTest::newRow("POST form body") << QByteArray("POST")
                                    << QStringLiteral("http://127.0.0.1:8080/jira/plugins/servlet/"
                                                      "oauth/users/revoke-token")
                                    << QByteArray("token=abc%2Bdef&x=a+b");
    QTest::newRow("non-ASCII") << QByteArray("DELETE")
                               << QStringLiteral("http://example.com/r%C3%A9?name=J%C3%BCrgen")
                               << QByteArray();
}

void TestOAuth1Signer::signatureVerifiesWithThePublicKey()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, url);
    QFETCH(QByteArray, formBody);
    const FormFields signedFields = signer().sign(
        method, QUrl(url), formBody,
        OAuth1TokenParameters::access(QStringLiteral("access-1"), QStringLiteral("s")));
    const QByteArray signature =
        QByteArray::fromBase64(formEncoding::value(signedFields, u"oauth_signature").toLatin1());
    const QByteArray baseString =
        OAuth1Signer::signatureBaseString(method, QUrl(url), formBody, signedFields);
    QVERIFY(testkeys::verifySha1(m_rsa, baseString, signature));

    // What the provider would rebuild from a tampered request does not verify.
    QUrl tampered(url);
    tampered.setPath(tampered.path() + QLatin1Char('x'));
    QVERIFY(!testkeys::verifySha1(
        m_rsa, OAuth1Signer::signatureBaseString(method, tampered, formBody, signedFields),
        signature));
    QVERIFY(!testkeys::verifySha1(
        m_rsa,
        OAuth1Signer::signatureBaseString(method, QUrl(url), formBody + "&z=1", signedFields),
        signature));
}

void TestOAuth1Signer::noncesDiffer()
{
    const QUrl url(QStringLiteral("http://example.com/"));
    const FormFields first = signer().sign("GET", url, {}, {});
    const FormFields second = signer().sign("GET", url, {}, {});
    QVERIFY(formEncoding::value(first, u"oauth_nonce") !=
            formEncoding::value(second, u"oauth_nonce"));
    QVERIFY(!formEncoding::contains(first, u"oauth_token")); // no token: none is sent
}

void TestOAuth1Signer::stepParametersGoIntoTheSignature()
{
    const QUrl url(QStringLiteral("http://example.com/plugins/servlet/oauth/request-token"));
    const FormFields step1 = signer().sign("POST", url, {}, OAuth1TokenParameters::requestToken());
    QCOMPARE(formEncoding::value(step1, u"oauth_callback"), QStringLiteral("oob"));
    QVERIFY(
        OAuth1Signer::signatureBaseString("POST", url, {}, step1).contains("oauth_callback%3Doob"));

    const FormFields step3 =
        signer().sign("POST", url, {},
                      OAuth1TokenParameters::exchange(QStringLiteral("req"), QStringLiteral("s"),
                                                      QStringLiteral("v3rif1")));
    QCOMPARE(formEncoding::value(step3, u"oauth_token"), QStringLiteral("req"));
    QCOMPARE(formEncoding::value(step3, u"oauth_verifier"), QStringLiteral("v3rif1"));

    const FormFields renewal =
        signer().sign("POST", url, {},
                      OAuth1TokenParameters::renewal(QStringLiteral("acc"), QStringLiteral("s"),
                                                     QStringLiteral("handle")));
    QCOMPARE(formEncoding::value(renewal, u"oauth_session_handle"), QStringLiteral("handle"));
    const QByteArray signature =
        QByteArray::fromBase64(formEncoding::value(renewal, u"oauth_signature").toLatin1());
    QVERIFY(testkeys::verifySha1(m_rsa, OAuth1Signer::signatureBaseString("POST", url, {}, renewal),
                                 signature));
}

void TestOAuth1Signer::credentialsSignFormBodiesOnly()
{
    const OAuth1Credentials credentials(
        signer(), OAuth1TokenParameters::access(QStringLiteral("acc"), QStringLiteral("s")));
    QCOMPARE(credentials.kind(), AuthKind::OAuth1);
    QCOMPARE(credentials.token(), QStringLiteral("acc"));
    QCOMPARE(credentials.tokenSecret(), QStringLiteral("s"));
    const QUrl url(QStringLiteral("http://example.com/rest/thing?x=1"));

    const auto verifies = [this, &url](const QNetworkRequest &request,
                                       const QByteArray &signedBody) {
        const FormFields fields = parseHeader(request.rawHeader("Authorization"));
        const QByteArray signature =
            QByteArray::fromBase64(formEncoding::value(fields, u"oauth_signature").toLatin1());
        return testkeys::verifySha1(
            m_rsa, OAuth1Signer::signatureBaseString("POST", url, signedBody, fields), signature);
    };

    QNetworkRequest form(url);
    form.setHeader(QNetworkRequest::ContentTypeHeader,
                   QByteArray("application/x-www-form-urlencoded; charset=UTF-8"));
    credentials.authorize(form, "POST", "token=t1");
    QVERIFY(verifies(form, "token=t1"));
    QVERIFY(!verifies(form, {}));

    QNetworkRequest json(url);
    json.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    credentials.authorize(json, "POST", R"({"token":"t1"})");
    QVERIFY(verifies(json, {}));
}

void TestOAuth1Signer::fromPemReportsErrors()
{
    QString error;
    QVERIFY(!OAuth1Signer::fromPem(QStringLiteral("k"), testkeys::publicPem(m_rsa), &error));
    QVERIFY2(error.contains(QLatin1String("public key")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestOAuth1Signer)
#include "tst_oauth1signer.moc"
