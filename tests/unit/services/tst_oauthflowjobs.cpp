// The requests of the OAuth flows, checked offline: method, path, headers and body (issue #3 §2),
// plus the pure parts of the services that run them.
#include "api/OAuthFlowJobs.h"
#include "api/ServerConnection.h"
#include "auth/OAuth1Credentials.h"
#include "services/OAuth2Refresher.h"
#include "services/OAuth2Tokens.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace accessdesk;

namespace {

// application/x-www-form-urlencoded → ordered pairs, decoded.
QList<std::pair<QString, QString>> fieldsOf(const QByteArray &body)
{
    QList<std::pair<QString, QString>> fields;
    for (const QByteArray &pair : body.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        fields.append({QUrl::fromPercentEncoding(pair.left(equals)),
                       QUrl::fromPercentEncoding(pair.mid(equals + 1))});
    }
    return fields;
}

QString field(const QByteArray &body, const QString &name)
{
    for (const auto &[key, value] : fieldsOf(body)) {
        if (key == name)
            return value;
    }
    return QStringLiteral("<absent>");
}

AuthorizeRequest samplePage(const QUrl &action)
{
    AuthorizeRequest page;
    page.actionUrl = action;
    page.oauthToken = QStringLiteral("req token");
    page.atlToken = QStringLiteral("abc|lin");
    page.approveName = QStringLiteral("approve");
    page.approveValue = QStringLiteral("Allow");
    page.denyName = QStringLiteral("deny");
    page.denyValue = QStringLiteral("Deny");
    page.hiddenFields = {{QStringLiteral("oauth_token"), QStringLiteral("req token")},
                         {QStringLiteral("atl_token"), QStringLiteral("abc|lin")}};
    return page;
}

} // namespace

class TestOAuthFlowJobs final : public QObject
{
    Q_OBJECT

private slots:
    void tokenServletsArePostsWithTheParametersInTheHeader();
    void requestTokenIsSignedWithTheCallback();
    void tokenRepliesAreDecodedAndProblemsRefused();
    void authorizePageIsFetchedWithTheRequestToken();
    void answerPostsTheHiddenFieldsAndTheChosenButton();
    void answerStaysOnTheServerAndItsContextPath_data();
    void answerStaysOnTheServerAndItsContextPath();
    void callbackCarriesTheDecision();
    void everyRedirectIsTheAnswerAndNotFollowed_data();
    void everyRedirectIsTheAnswerAndNotFollowed();
    void codeExchangeIsAFormWithTheVerifier();
    void refreshAndRevokeAreForms();
    void tokensFromAResponse();
    void refreshIsDueOnlyNearExpiry();
};

void TestOAuthFlowJobs::tokenServletsArePostsWithTheParametersInTheHeader()
{
    const ApiRequest request = RequestOAuth1Token::build();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QStringLiteral("/plugins/servlet/oauth/request-token"));
    QCOMPARE(request.contentType, QByteArray("application/x-www-form-urlencoded"));
    QVERIFY(request.body.isEmpty());
    QVERIFY(request.query.isEmpty());
    QVERIFY(request.accept.startsWith("text/plain"));
    for (const ApiRequest &step : {ExchangeOAuth1Token::build(), RenewOAuth1Token::build()}) {
        QCOMPARE(step.method, QByteArray("POST"));
        QCOMPARE(step.path, QStringLiteral("/plugins/servlet/oauth/access-token"));
        QVERIFY(step.body.isEmpty());
    }
}

void TestOAuthFlowJobs::requestTokenIsSignedWithTheCallback()
{
    QTemporaryDir dir;
    const QString keyFile = dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), {QStringLiteral("genrsa"), QStringLiteral("-out"),
                                              keyFile, QStringLiteral("2048")});
    QVERIFY(openssl.waitForFinished(60000));
    QCOMPARE(openssl.exitCode(), 0);
    QFile file(keyFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    const auto signer = OAuth1Signer::fromPem(QStringLiteral("desk"), file.readAll(), &error);
    QVERIFY2(signer, qPrintable(error));

    QNetworkAccessManager network;
    ConnectionSettings settings;
    settings.baseUrl = QUrl(QStringLiteral("https://jira.example.com/jira"));
    ServerConnection connection(
        &network, settings,
        std::make_shared<OAuth1Credentials>(*signer, OAuth1TokenParameters::requestToken()));
    const QNetworkRequest request = connection.networkRequest(RequestOAuth1Token::build());
    QCOMPARE(request.url().toString(),
             QStringLiteral("https://jira.example.com/jira/plugins/servlet/oauth/request-token"));
    const QByteArray authorization = request.rawHeader("Authorization");
    QVERIFY(authorization.startsWith("OAuth "));
    QVERIFY(authorization.contains("oauth_callback=\"oob\""));
    QVERIFY(authorization.contains("oauth_consumer_key=\"desk\""));
    QVERIFY(authorization.contains("oauth_signature_method=\"RSA-SHA1\""));
    QVERIFY(!authorization.contains("oauth_token="));
}

void TestOAuthFlowJobs::tokenRepliesAreDecodedAndProblemsRefused()
{
    const auto ok =
        decodeOAuth1TokenReply("oauth_token=t0k&oauth_token_secret=s3c&oauth_expires_in=157680000"
                               "&oauth_session_handle=h4&oauth_authorization_expires_in=160272000");
    QVERIFY2(ok, qPrintable(ok.error));
    QCOMPARE(ok->token, QStringLiteral("t0k"));
    QCOMPARE(ok->tokenSecret, QStringLiteral("s3c"));
    QCOMPARE(ok->sessionHandle, QStringLiteral("h4"));
    QCOMPARE(ok->expiresIn, std::optional<qint64>(157680000));

    const auto problem = decodeOAuth1TokenReply("oauth_problem=token_rejected");
    QVERIFY(!problem);
    QVERIFY(problem.error.contains(QLatin1String("token_rejected")));
    QVERIFY(!decodeOAuth1TokenReply("<html>login</html>"));
    QVERIFY(!decodeOAuth1TokenReply(""));
}

void TestOAuthFlowJobs::authorizePageIsFetchedWithTheRequestToken()
{
    const ApiRequest request = FetchAuthorizePage::build(QStringLiteral("a b+c/d"));
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QStringLiteral("/plugins/servlet/oauth/authorize"));
    QCOMPARE(request.query.queryItemValue(QStringLiteral("oauth_token"), QUrl::FullyDecoded),
             QStringLiteral("a b+c/d"));
    QCOMPARE(request.accept, QByteArray("text/html"));
}

void TestOAuthFlowJobs::answerPostsTheHiddenFieldsAndTheChosenButton()
{
    const QUrl base(QStringLiteral("https://jira.example.com"));
    const AuthorizeRequest page = samplePage(
        QUrl(QStringLiteral("https://jira.example.com/plugins/servlet/oauth/authorize")));

    const ApiRequest allow = AnswerAuthorizePage::build(page, true, base);
    QCOMPARE(allow.method, QByteArray("POST"));
    QCOMPARE(allow.contentType, QByteArray("application/x-www-form-urlencoded"));
    const QList<std::pair<QString, QString>> expected{
        {QStringLiteral("oauth_token"), QStringLiteral("req token")},
        {QStringLiteral("atl_token"), QStringLiteral("abc|lin")},
        {QStringLiteral("approve"), QStringLiteral("Allow")}};
    QCOMPARE(fieldsOf(allow.body), expected);

    const ApiRequest deny = AnswerAuthorizePage::build(page, false, base);
    QCOMPARE(field(deny.body, QStringLiteral("deny")), QStringLiteral("Deny"));
    QCOMPARE(field(deny.body, QStringLiteral("approve")), QStringLiteral("<absent>"));

    // A page without named buttons still gets the names Jira understands.
    AuthorizeRequest bare = page;
    bare.approveName.clear();
    bare.approveValue.clear();
    QCOMPARE(field(AnswerAuthorizePage::build(bare, true, base).body, QStringLiteral("approve")),
             QStringLiteral("Allow"));
}

void TestOAuthFlowJobs::answerStaysOnTheServerAndItsContextPath_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    const QString servlet = QStringLiteral("/plugins/servlet/oauth/authorize");
    QTest::newRow("same server") << QStringLiteral("https://jira.example.com")
                                 << QStringLiteral("https://jira.example.com") + servlet << servlet
                                 << QString();
    QTest::newRow("context path")
        << QStringLiteral("https://host.example.com/jira/")
        << QStringLiteral("https://host.example.com/jira/plugins/servlet/oauth/authorize?x=1")
        << servlet << QStringLiteral("x=1");
    QTest::newRow("server-relative") << QStringLiteral("https://host.example.com/jira")
                                     << QStringLiteral("/jira/plugins/servlet/oauth/other")
                                     << QStringLiteral("/plugins/servlet/oauth/other") << QString();
    QTest::newRow("other host") << QStringLiteral("https://jira.example.com")
                                << QStringLiteral("https://evil.example.net") + servlet << servlet
                                << QString();
    QTest::newRow("other port") << QStringLiteral("https://jira.example.com")
                                << QStringLiteral("https://jira.example.com:8443/x") << servlet
                                << QString();
    QTest::newRow("downgrade") << QStringLiteral("https://jira.example.com")
                               << QStringLiteral("http://jira.example.com/x") << servlet
                               << QString();
    QTest::newRow("outside the context path")
        << QStringLiteral("https://host.example.com/jira")
        << QStringLiteral("https://host.example.com/confluence/x") << servlet << QString();
    QTest::newRow("none") << QStringLiteral("https://jira.example.com") << QString() << servlet
                          << QString();
}

void TestOAuthFlowJobs::answerStaysOnTheServerAndItsContextPath()
{
    QFETCH(QString, base);
    QFETCH(QString, action);
    QFETCH(QString, path);
    QFETCH(QString, query);
    const ApiRequest request =
        AnswerAuthorizePage::build(samplePage(QUrl(action)), true, QUrl(base));
    QCOMPARE(request.path, path);
    QCOMPARE(request.query.query(), query);
}

void TestOAuthFlowJobs::callbackCarriesTheDecision()
{
    const AuthorizeDecision allowed = AnswerAuthorizePage::decisionFromCallback(
        QUrl(QStringLiteral("http://127.0.0.1:8765/cb?oauth_token=t&oauth_verifier=Ab12Cd")));
    QVERIFY(allowed.approved);
    QCOMPARE(allowed.verifier, QStringLiteral("Ab12Cd"));
    QCOMPARE(allowed.callback.host(), QStringLiteral("127.0.0.1"));

    const AuthorizeDecision denied = AnswerAuthorizePage::decisionFromCallback(
        QUrl(QStringLiteral("http://127.0.0.1:8765/cb?oauth_token=t&oauth_verifier=denied")));
    QVERIFY(!denied.approved);
    QVERIFY(denied.verifier.isEmpty());
}

void TestOAuthFlowJobs::everyRedirectIsTheAnswerAndNotFollowed_data()
{
    QTest::addColumn<int>("status");
    for (const int status : {301, 302, 303, 307, 308})
        QTest::addRow("%d", status) << status;
}

void TestOAuthFlowJobs::everyRedirectIsTheAnswerAndNotFollowed()
{
    QFETCH(int, status);
    // The consumer's side: anything that arrives here means the redirect was followed.
    QTcpServer consumer;
    QVERIFY(consumer.listen(QHostAddress::LocalHost));
    QSignalSpy hits(&consumer, &QTcpServer::newConnection);
    const QByteArray location = "http://127.0.0.1:" + QByteArray::number(consumer.serverPort()) +
                                "/cb?oauth_token=t&oauth_verifier=V3rif";
    // "Jira": answers the form with the redirect to the consumer.
    QTcpServer jira;
    QVERIFY(jira.listen(QHostAddress::LocalHost));
    QByteArray received;
    connect(&jira, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = jira.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
            received += socket->readAll();
            // The whole form has come once its last field, the chosen button, is there.
            if (!received.contains("\r\n\r\n") || !received.endsWith("approve=Allow"))
                return;
            socket->write("HTTP/1.1 " + QByteArray::number(status) + " Redirect\r\nLocation: " +
                          location + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    });

    QNetworkAccessManager network;
    ConnectionSettings settings;
    settings.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(jira.serverPort()));
    ServerConnection connection(&network, settings, nullptr);
    AnswerAuthorizePage job(
        &connection, samplePage(QUrl(QStringLiteral("/plugins/servlet/oauth/authorize"))), true);
    QSignalSpy finished(&job, &ApiJob::finished);
    job.start();
    QVERIFY(finished.wait(30000));
    QVERIFY2(job.succeeded(), qPrintable(job.error().userMessage()));
    QVERIFY(received.startsWith("POST /plugins/servlet/oauth/authorize"));
    QVERIFY(job.result().approved);
    QCOMPARE(job.result().verifier, QStringLiteral("V3rif"));
    QCOMPARE(job.result().callback.port(), int(consumer.serverPort()));
    QTest::qWait(200); // a followed redirect would be on its way by now
    QCOMPARE(hits.count(), 0);
}

void TestOAuthFlowJobs::codeExchangeIsAFormWithTheVerifier()
{
    const ApiRequest request = ExchangeOAuth2Code::build(
        {QStringLiteral("c0de"), QStringLiteral("http://127.0.0.1:8765/callback"),
         QStringLiteral("client"), QStringLiteral("s+cret&"), QByteArray("v3rifier")});
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QStringLiteral("/rest/oauth2/latest/token"));
    // Jira answers JSON bodies with a 500 (spec 6.3).
    QCOMPARE(request.contentType, QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(field(request.body, QStringLiteral("grant_type")),
             QStringLiteral("authorization_code"));
    QCOMPARE(field(request.body, QStringLiteral("code")), QStringLiteral("c0de"));
    QCOMPARE(field(request.body, QStringLiteral("redirect_uri")),
             QStringLiteral("http://127.0.0.1:8765/callback"));
    QCOMPARE(field(request.body, QStringLiteral("client_id")), QStringLiteral("client"));
    QCOMPARE(field(request.body, QStringLiteral("client_secret")), QStringLiteral("s+cret&"));
    QCOMPARE(field(request.body, QStringLiteral("code_verifier")), QStringLiteral("v3rifier"));
    QVERIFY(request.extraHeaders.isEmpty());
}

void TestOAuthFlowJobs::refreshAndRevokeAreForms()
{
    const ApiRequest refresh =
        RefreshOAuth2Token::build(QStringLiteral("r1"), QStringLiteral("client"), QString());
    QCOMPARE(refresh.path, QStringLiteral("/rest/oauth2/latest/token"));
    QCOMPARE(field(refresh.body, QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
    QCOMPARE(field(refresh.body, QStringLiteral("refresh_token")), QStringLiteral("r1"));
    // A public client sends no secret at all rather than an empty one.
    QCOMPARE(field(refresh.body, QStringLiteral("client_secret")), QStringLiteral("<absent>"));

    const ApiRequest revoke = RevokeOAuth2TokenByValue::build(
        QStringLiteral("a1"), RevokeOAuth2TokenByValue::Hint::AccessToken, QStringLiteral("client"),
        QStringLiteral("secret"));
    QCOMPARE(revoke.method, QByteArray("POST"));
    QCOMPARE(revoke.path, QStringLiteral("/rest/oauth2/latest/revoke"));
    QCOMPARE(field(revoke.body, QStringLiteral("token")), QStringLiteral("a1"));
    QCOMPARE(field(revoke.body, QStringLiteral("token_type_hint")), QStringLiteral("access_token"));
    QCOMPARE(field(revoke.body, QStringLiteral("client_secret")), QStringLiteral("secret"));
    const ApiRequest noHint =
        RevokeOAuth2TokenByValue::build(QStringLiteral("a1"), RevokeOAuth2TokenByValue::Hint::None,
                                        QStringLiteral("client"), QStringLiteral("secret"));
    QCOMPARE(field(noHint.body, QStringLiteral("token_type_hint")), QStringLiteral("<absent>"));
}

void TestOAuthFlowJobs::tokensFromAResponse()
{
    const QDateTime now(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
    OAuth2TokenResponse response;
    response.accessToken = QStringLiteral("a2");
    response.refreshToken = QStringLiteral("r2");
    response.expiresIn = 3600;
    response.scope = QStringLiteral("WRITE");
    OAuth2Tokens tokens = OAuth2Tokens::fromResponse(response, now, QStringLiteral("r1"));
    QCOMPARE(tokens.accessToken, QStringLiteral("a2"));
    QCOMPARE(tokens.refreshToken, QStringLiteral("r2"));
    QCOMPARE(tokens.expiresAt, now.addSecs(3600));
    QCOMPARE(tokens.scope, QStringLiteral("WRITE"));

    response.refreshToken.clear();
    response.expiresIn.reset();
    tokens = OAuth2Tokens::fromResponse(response, now, QStringLiteral("r1"));
    QCOMPARE(tokens.refreshToken, QStringLiteral("r1"));
    QVERIFY(!tokens.expiresAt.isValid());
}

void TestOAuthFlowJobs::refreshIsDueOnlyNearExpiry()
{
    const QDateTime now(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
    OAuth2Tokens tokens;
    QVERIFY(!OAuth2Refresher::isDue(tokens, now)); // unknown expiry: ask the server instead
    tokens.expiresAt = now.addSecs(3600);
    QVERIFY(!OAuth2Refresher::isDue(tokens, now));
    QVERIFY(OAuth2Refresher::isDue(tokens, now.addSecs(3600 - 30)));
    QVERIFY(OAuth2Refresher::isDue(tokens, now.addSecs(7200)));
    QVERIFY(!OAuth2Refresher::isDue(tokens, now.addSecs(3600 - 30), std::chrono::seconds(10)));
}

QTEST_GUILESS_MAIN(TestOAuthFlowJobs)
#include "tst_oauthflowjobs.moc"
