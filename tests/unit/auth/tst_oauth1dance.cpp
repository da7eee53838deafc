#include "auth/OAuth1Dance.h"

#include <QTest>
#include <QUrlQuery>

using namespace accessdesk;

// The OAuth 1.0a dance's URLs and the servlets' form-encoded answers (spec 4.5, E7).
class TestOAuth1Dance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsServletUrls_data();
    void buildsServletUrls();
    void authorizeUrlEncodesTheToken();
    void parsesRequestTokenReply();
    void parsesAccessTokenReply();
    void parsesProblemReply();
    void parsesNothingFromGarbage();
    void readsTheProblemFromTheChallenge_data();
    void readsTheProblemFromTheChallenge();
};

void TestOAuth1Dance::buildsServletUrls_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("root") << QStringLiteral("https://jira.example.com")
                          << QStringLiteral("https://jira.example.com");
    QTest::newRow("root with slash") << QStringLiteral("https://jira.example.com/")
                                     << QStringLiteral("https://jira.example.com");
    QTest::newRow("context path") << QStringLiteral("http://127.0.0.1:8080/jira/")
                                  << QStringLiteral("http://127.0.0.1:8080/jira");
    QTest::newRow("query dropped") << QStringLiteral("https://jira.example.com/jira?x=1")
                                   << QStringLiteral("https://jira.example.com/jira");
}

void TestOAuth1Dance::buildsServletUrls()
{
    QFETCH(QString, base);
    QFETCH(QString, prefix);
    const QUrl baseUrl(base);
    QCOMPARE(OAuth1Dance::requestTokenUrl(baseUrl).toString(),
             prefix + QStringLiteral("/plugins/servlet/oauth/request-token"));
    QCOMPARE(OAuth1Dance::accessTokenUrl(baseUrl).toString(),
             prefix + QStringLiteral("/plugins/servlet/oauth/access-token"));
    QCOMPARE(OAuth1Dance::authorizeUrl(baseUrl, QStringLiteral("abc")).toString(),
             prefix + QStringLiteral("/plugins/servlet/oauth/authorize?oauth_token=abc"));
}

void TestOAuth1Dance::authorizeUrlEncodesTheToken()
{
    const QUrl url = OAuth1Dance::authorizeUrl(QUrl(QStringLiteral("https://jira.example.com")),
                                               QStringLiteral("a+b&c=d/e"));
    QCOMPARE(url.query(QUrl::FullyEncoded), QStringLiteral("oauth_token=a%2Bb%26c%3Dd%2Fe"));
}

void TestOAuth1Dance::parsesRequestTokenReply()
{
    const OAuth1TokenReply reply =
        OAuth1Dance::parseTokenReply("oauth_token=hdk48Djdsa&oauth_token_secret=xyz4992k83j47x0b&"
                                     "oauth_callback_confirmed=true\n");
    QVERIFY(reply.isValid());
    QCOMPARE(reply.token, QStringLiteral("hdk48Djdsa"));
    QCOMPARE(reply.tokenSecret, QStringLiteral("xyz4992k83j47x0b"));
    QVERIFY(reply.callbackConfirmed);
    QVERIFY(!reply.expiresIn);
    QVERIFY(reply.problem.isEmpty());

    // OAuth 1.0 (no callback sent): no confirmation.
    QVERIFY(!OAuth1Dance::parseTokenReply("oauth_token=a&oauth_token_secret=b").callbackConfirmed);
}

void TestOAuth1Dance::parsesAccessTokenReply()
{
    const OAuth1TokenReply reply = OAuth1Dance::parseTokenReply(
        "oauth_token=acc%2Btoken&oauth_token_secret=s&oauth_expires_in=157680000"
        "&oauth_session_handle=h%20one&oauth_authorization_expires_in=160272000");
    QVERIFY(reply.isValid());
    QCOMPARE(reply.token, QStringLiteral("acc+token"));
    QCOMPARE(reply.expiresIn, std::optional<qint64>(157680000));
    QCOMPARE(reply.authorizationExpiresIn, std::optional<qint64>(160272000));
    QCOMPARE(reply.sessionHandle, QStringLiteral("h one"));
}

void TestOAuth1Dance::parsesProblemReply()
{
    const OAuth1TokenReply reply = OAuth1Dance::parseTokenReply(
        "oauth_problem=parameter_rejected&oauth_parameters_rejected=oauth_callback"
        "&oauth_problem_advice=As+per+OAuth+spec");
    QVERIFY(!reply.isValid());
    QCOMPARE(reply.problem, QStringLiteral("parameter_rejected"));
    QCOMPARE(formEncoding::value(reply.fields, u"oauth_problem_advice"),
             QStringLiteral("As per OAuth spec"));

    // A problem makes a reply invalid even if a token is present.
    QVERIFY(!OAuth1Dance::parseTokenReply("oauth_token=x&oauth_problem=token_rejected").isValid());
}

void TestOAuth1Dance::parsesNothingFromGarbage()
{
    for (const QByteArray &body :
         {QByteArray(), QByteArray("<html>Error</html>"), QByteArray("oauth_expires_in=soon")}) {
        const OAuth1TokenReply reply = OAuth1Dance::parseTokenReply(body);
        QVERIFY(!reply.isValid());
        QVERIFY(!reply.expiresIn);
    }
}

void TestOAuth1Dance::readsTheProblemFromTheChallenge_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("problem");
    QTest::newRow("Jira")
        << QByteArray(
               R"(OAuth realm="https%3A%2F%2Fjira.example.com", oauth_problem="signature_invalid")")
        << QStringLiteral("signature_invalid");
    QTest::newRow("problem first")
        << QByteArray(R"(OAuth oauth_problem="token_rejected", realm="x")")
        << QStringLiteral("token_rejected");
    QTest::newRow("no problem") << QByteArray(R"(OAuth realm="x")") << QString();
    QTest::newRow("basic challenge") << QByteArray(R"(Basic realm="protected-area")") << QString();
    QTest::newRow("lookalike parameter")
        << QByteArray(R"(OAuth realm="x", xoauth_problem="nope")") << QString();
}

void TestOAuth1Dance::readsTheProblemFromTheChallenge()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, problem);
    QCOMPARE(OAuth1Dance::problemFromChallenge(header), problem);
}

QTEST_GUILESS_MAIN(TestOAuth1Dance)
#include "tst_oauth1dance.moc"
