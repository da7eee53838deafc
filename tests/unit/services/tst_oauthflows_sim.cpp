// The OAuth flows against a real trackersim: the OAuth 1.0a dance with the user's Allow/Deny done
// through AnswerAuthorizePage (as the desktop app's "Request for Access" does), renewal, and the
// OAuth 2.0 login with PKCE on a loopback redirect, refresh after expiry, and revocation.
#include "SimClient.h"
#include "SimProcess.h"
#include "SimSession.h"

#include "api/CoreJobs.h"
#include "api/OAuthFlowJobs.h"
#include "api/ServerConnection.h"
#include "auth/BasicCredentials.h"
#include "auth/BearerCredentials.h"
#include "auth/OAuth1Credentials.h"
#include "services/OAuth1Authorizer.h"
#include "services/OAuth2Authorizer.h"
#include "services/OAuth2Refresher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookieJar>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

using namespace accessdesk;

namespace {

const QString kConsumerKey = QStringLiteral("services-test-consumer");
const QString kConsumerName = QStringLiteral("Services Test Consumer");

// Waits for a job's single finished() and checks that nothing follows it.
template<class Job> bool finishesOnce(Job &job, int timeoutMs = 30000)
{
    // A job that already ended cannot be counted here; such callers keep their own spy.
    QSignalSpy spy(&job, &Job::finished);
    if (job.isFinished() || !spy.wait(timeoutMs))
        return false;
    QCoreApplication::processEvents();
    return spy.count() == 1;
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

} // namespace

class TestOAuthFlowsSim final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void oauth1DanceWithAllowOnTheAuthorizePage();
    void denyIsReportedAndTheTokenCannotBeExchanged();
    void callbackRedirectIsReadNotFollowed();
    void unknownConsumerFailsOnce();
    void cancelWhileWaitingForTheUserReportsOnce();
    void oauth2LoginRefreshAndRevoke();
    void oauth2DenialIsForbidden();

private:
    std::unique_ptr<ServerConnection> connection(std::shared_ptr<const Credentials> credentials);
    OAuth1Signer signer() const { return *m_signer; }
    AuthorizeDecision decide(const QString &requestToken, bool approve);
    QString jsonPost(const QString &path, const QJsonObject &body, int expectedStatus);
    void browserConsent(const QUrl &authorizeUrl, bool approve);

    std::unique_ptr<SimProcess> m_sim;
    QNetworkAccessManager m_network;
    QNetworkAccessManager m_control; // the admin's, apart from the client's under test
    std::optional<SimClient> m_server;
    std::optional<OAuth1Signer> m_signer;
    QJsonObject m_client;
    quint16 m_redirectPort = 0;
};

void TestOAuthFlowsSim::initTestCase()
{
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));

    m_server.emplace(&m_control, m_sim->url());

    // A generic application link with the incoming consumer, as an admin makes it.
    QString error;
    const std::optional<OAuth1Consumer> consumer = m_server->registerOAuth1Consumer(
        {kConsumerKey, kConsumerName, QStringLiteral("http://svc.example.test"), {}}, &error);
    QVERIFY2(consumer, qPrintable(error));
    m_signer = OAuth1Signer::fromPem(kConsumerKey, consumer->privateKeyPem, &error);
    QVERIFY2(m_signer, qPrintable(error));

    // An OAuth 2.0 client with a fixed loopback redirect: Jira matches redirect URIs exactly.
    m_redirectPort = freePort();
    QVERIFY(m_redirectPort != 0);
    m_client = QJsonDocument::fromJson(
                   jsonPost(QStringLiteral("/rest/oauth2/latest/client"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("Services test")},
                                        {QStringLiteral("redirects"),
                                         QJsonArray{QStringLiteral("http://127.0.0.1:%1/callback")
                                                        .arg(m_redirectPort)}},
                                        {QStringLiteral("scope"), QStringLiteral("WRITE")}},
                            200)
                       .toUtf8())
                   .object();
    QVERIFY(!m_client.value(QStringLiteral("clientId")).toString().isEmpty());
}

QString TestOAuthFlowsSim::jsonPost(const QString &path, const QJsonObject &body,
                                    int expectedStatus)
{
    const HttpResult result =
        m_server->sendJson("POST", path, QJsonDocument(body).toJson(), "admin");
    if (result.status != expectedStatus)
        qWarning() << "POST" << path << "answered" << result.status << result.body;
    return QString::fromUtf8(result.body);
}

std::unique_ptr<ServerConnection>
TestOAuthFlowsSim::connection(std::shared_ptr<const Credentials> credentials)
{
    return connectWith(&m_network, m_sim->url(), std::move(credentials));
}

// Alice on the "Request for Access" page: fetch it, answer it.
AuthorizeDecision TestOAuthFlowsSim::decide(const QString &requestToken, bool approve)
{
    auto alice = connection(
        std::make_shared<BasicCredentials>(QStringLiteral("alice"), QStringLiteral("alice")));
    FetchAuthorizePage fetch(alice.get(), requestToken);
    fetch.start();
    if (!finishesOnce(fetch) || !fetch.succeeded()) {
        qWarning() << "authorize page:" << fetch.error().userMessage();
        return {};
    }
    if (fetch.result().consumerName != kConsumerName || fetch.result().oauthToken != requestToken)
        qWarning() << "unexpected page for" << fetch.result().consumerName;
    AnswerAuthorizePage answer(alice.get(), fetch.result(), approve);
    answer.start();
    if (!finishesOnce(answer) || !answer.succeeded()) {
        qWarning() << "answer:" << answer.error().userMessage();
        return {};
    }
    return answer.result();
}

void TestOAuthFlowsSim::oauth1DanceWithAllowOnTheAuthorizePage()
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    OAuth1Authorizer authorizer(&m_network, settings, signer());
    QSignalSpy ready(&authorizer, &OAuth1Authorizer::authorizeUrlReady);
    QSignalSpy finished(&authorizer, &OAuth1Authorizer::finished);
    authorizer.start();
    QVERIFY(ready.wait(30000));
    QVERIFY(finished.isEmpty());
    QVERIFY(authorizer.isWaitingForVerifier());
    QVERIFY(authorizer.needsVerifier());
    const QUrl url = ready.first().first().toUrl();
    // Below the server's own path, when Jira lives under one (https://host/jira).
    QCOMPARE(url.path(),
             QUrl(m_sim->url()).path() + QStringLiteral("/plugins/servlet/oauth/authorize"));
    const QString requestToken = QUrlQuery(url).queryItemValue(QStringLiteral("oauth_token"));
    QVERIFY(!requestToken.isEmpty());

    const AuthorizeDecision decision = decide(requestToken, true);
    QVERIFY(decision.approved);
    QVERIFY(!decision.callback.isValid()); // "oob": the page shows the code
    QVERIFY(
        QRegularExpression(QStringLiteral("^[A-Za-z0-9]{6}$")).match(decision.verifier).hasMatch());

    authorizer.submitVerifier(QStringLiteral("  ") + decision.verifier + QStringLiteral("\n"));
    QVERIFY(finishesOnce(authorizer));
    QVERIFY2(!authorizer.error().isError(), qPrintable(authorizer.error().userMessage()));
    const OAuth1AccessGrant grant = authorizer.result();
    QVERIFY(!grant.token.isEmpty() && grant.token != requestToken);
    QVERIFY(!grant.sessionHandle.isEmpty());
    QCOMPARE(grant.expiresIn, std::optional<qint64>(157680000));

    auto signedIn = connection(std::make_shared<OAuth1Credentials>(
        signer(), OAuth1TokenParameters::access(grant.token, grant.tokenSecret)));
    GetMyself me(signedIn.get());
    me.start();
    QVERIFY(finishesOnce(me));
    QVERIFY2(me.succeeded(), qPrintable(me.error().userMessage()));
    QCOMPARE(me.result().name, QStringLiteral("alice"));

    // Step 3b: the session handle renews the token; the old one stops working.
    auto renewing = connection(std::make_shared<OAuth1Credentials>(
        signer(),
        OAuth1TokenParameters::renewal(grant.token, grant.tokenSecret, grant.sessionHandle)));
    RenewOAuth1Token renew(renewing.get());
    renew.start();
    QVERIFY(finishesOnce(renew));
    QVERIFY2(renew.succeeded(), qPrintable(renew.error().userMessage()));
    QCOMPARE(renew.result().sessionHandle, grant.sessionHandle);
    QVERIFY(renew.result().token != grant.token);
    auto renewed = connection(std::make_shared<OAuth1Credentials>(
        signer(), OAuth1TokenParameters::access(renew.result().token, renew.result().tokenSecret)));
    GetMyself again(renewed.get());
    again.start();
    QVERIFY(finishesOnce(again));
    QCOMPARE(again.result().name, QStringLiteral("alice"));
    GetMyself old(signedIn.get());
    old.start();
    QVERIFY(finishesOnce(old));
    QCOMPARE(old.error().kind(), ApiError::Kind::Unauthenticated);
    QCOMPARE(old.error().oauthProblem(), QStringLiteral("token_rejected"));
}

void TestOAuthFlowsSim::denyIsReportedAndTheTokenCannotBeExchanged()
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    OAuth1Authorizer authorizer(&m_network, settings, signer());
    QSignalSpy ready(&authorizer, &OAuth1Authorizer::authorizeUrlReady);
    authorizer.start();
    QVERIFY(ready.wait(30000));
    const QString requestToken =
        QUrlQuery(ready.first().first().toUrl()).queryItemValue(QStringLiteral("oauth_token"));
    const AuthorizeDecision decision = decide(requestToken, false);
    QVERIFY(!decision.approved);
    QVERIFY(decision.verifier.isEmpty());

    authorizer.submitVerifier(QStringLiteral("ABC123"));
    QVERIFY(finishesOnce(authorizer));
    QCOMPARE(authorizer.error().kind(), ApiError::Kind::Unauthenticated);
    QCOMPARE(authorizer.error().oauthProblem(), QStringLiteral("permission_denied"));
    QVERIFY(authorizer.result().token.isEmpty());
}

void TestOAuthFlowsSim::callbackRedirectIsReadNotFollowed()
{
    // A consumer with a callback on its own server: the 302 there is the answer.
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    OAuth1Authorizer authorizer(&m_network, settings, signer());
    const QString callback = QStringLiteral("http://consumer.invalid/oauth/callback");
    authorizer.setCallback(callback);
    QSignalSpy ready(&authorizer, &OAuth1Authorizer::authorizeUrlReady);
    authorizer.start();
    QVERIFY(ready.wait(30000));
    const QString requestToken =
        QUrlQuery(ready.first().first().toUrl()).queryItemValue(QStringLiteral("oauth_token"));

    const AuthorizeDecision decision = decide(requestToken, true);
    // The 302 to the consumer's callback is read, never followed (credentials stay here).
    QVERIFY(decision.approved);
    QVERIFY(decision.callback.toString().startsWith(callback + QLatin1Char('?')));
    QCOMPARE(QUrlQuery(decision.callback).queryItemValue(QStringLiteral("oauth_token")),
             requestToken);
    authorizer.submitVerifier(decision.verifier);
    QVERIFY(finishesOnce(authorizer));
    QVERIFY2(!authorizer.error().isError(), qPrintable(authorizer.error().userMessage()));
}

void TestOAuthFlowsSim::unknownConsumerFailsOnce()
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    OAuth1Authorizer authorizer(&m_network, settings,
                                OAuth1Signer(QStringLiteral("nobody"), signer().privateKey()));
    QSignalSpy ready(&authorizer, &OAuth1Authorizer::authorizeUrlReady);
    authorizer.start();
    QVERIFY(finishesOnce(authorizer));
    QVERIFY(ready.isEmpty());
    QCOMPARE(authorizer.error().kind(), ApiError::Kind::Unauthenticated);
    QCOMPARE(authorizer.error().oauthProblem(), QStringLiteral("consumer_key_unknown"));
}

void TestOAuthFlowsSim::cancelWhileWaitingForTheUserReportsOnce()
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    OAuth1Authorizer authorizer(&m_network, settings, signer());
    QSignalSpy ready(&authorizer, &OAuth1Authorizer::authorizeUrlReady);
    QSignalSpy finished(&authorizer, &OAuth1Authorizer::finished);
    authorizer.start();
    QVERIFY(ready.wait(30000));
    authorizer.cancel();
    authorizer.cancel();
    QVERIFY(finished.isEmpty()); // never from inside the call
    QVERIFY(finishesOnce(authorizer));
    QCOMPARE(authorizer.error().kind(), ApiError::Kind::Cancelled);
    authorizer.submitVerifier(QStringLiteral("ABC123")); // too late: ignored
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
}

// The user's browser: log in, follow authorize → consent, press Allow or Deny, and go back to
// the loopback redirect with the answer.
void TestOAuthFlowsSim::browserConsent(const QUrl &authorizeUrl, bool approve)
{
    QString problem;
    const QUrl back =
        answerOAuth2Consent(m_sim->url(), authorizeUrl, QStringLiteral("alice"), approve, &problem);
    QVERIFY2(back.isValid(), qPrintable(problem));
    QCOMPARE(back.port(), int(m_redirectPort));
}

void TestOAuthFlowsSim::oauth2LoginRefreshAndRevoke()
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    const OAuth2ClientKeys client{m_client.value(QStringLiteral("clientId")).toString(),
                                  m_client.value(QStringLiteral("clientSecret")).toString()};
    OAuth2Authorizer::Options options;
    options.client = client;
    options.scope = QStringLiteral("WRITE");
    options.redirectPort = m_redirectPort;
    OAuth2Authorizer authorizer(&m_network, settings, options);
    QSignalSpy ready(&authorizer, &OAuth2Authorizer::authorizeUrlReady);
    // The exchange may end while the "browser" below still waits for its own replies.
    QSignalSpy finished(&authorizer, &OAuth2Authorizer::finished);
    authorizer.start();
    QVERIFY(ready.wait(10000));
    const QUrl url = ready.first().first().toUrl();
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
             QStringLiteral("http://127.0.0.1:%1/callback").arg(m_redirectPort));
    QCOMPARE(authorizer.redirectUri(),
             QStringLiteral("http://127.0.0.1:%1/callback").arg(m_redirectPort));

    browserConsent(url, true);
    QVERIFY(!finished.isEmpty() || finished.wait(30000));
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
    QVERIFY2(!authorizer.error().isError(), qPrintable(authorizer.error().userMessage()));
    const OAuth2Tokens first = authorizer.result();
    QVERIFY(!first.accessToken.isEmpty() && !first.refreshToken.isEmpty());
    QCOMPARE(first.scope, QStringLiteral("WRITE"));
    QVERIFY(first.expiresAt > QDateTime::currentDateTimeUtc().addSecs(3500));

    auto whoAmI = [this](const QString &accessToken) {
        auto bearer =
            connection(std::make_shared<BearerCredentials>(accessToken, AuthKind::OAuth2));
        GetMyself me(bearer.get());
        me.start();
        finishesOnce(me);
        return me.succeeded() ? me.result().name : ApiError::kindName(me.error().kind());
    };
    QCOMPARE(whoAmI(first.accessToken), QStringLiteral("alice"));

    // A working token is left alone.
    OAuth2Refresher unneeded(&m_network, settings, client, first);
    unneeded.start();
    QVERIFY(finishesOnce(unneeded));
    QVERIFY(!unneeded.error().isError());
    QVERIFY(!unneeded.refreshed());
    QCOMPARE(unneeded.tokens().accessToken, first.accessToken);

    // An hour later the server refuses it (the client's clock did not move): refresh once.
    QVERIFY(m_server->advanceClock(3601));
    QCOMPARE(whoAmI(first.accessToken), QStringLiteral("unauthenticated"));
    OAuth2Refresher refresher(&m_network, settings, client, first);
    refresher.start();
    QVERIFY(finishesOnce(refresher));
    QVERIFY2(!refresher.error().isError(), qPrintable(refresher.error().userMessage()));
    QVERIFY(refresher.refreshed());
    const OAuth2Tokens second = refresher.tokens();
    QVERIFY(second.accessToken != first.accessToken);
    QVERIFY(second.refreshToken != first.refreshToken);
    QCOMPARE(whoAmI(second.accessToken), QStringLiteral("alice"));

    // Rotation: the old refresh token is dead, and only a new sign-in helps.
    OAuth2Refresher stale(&m_network, settings, client, first);
    stale.setPolicy(OAuth2Refresher::Policy::Always);
    stale.start();
    QVERIFY(finishesOnce(stale));
    QCOMPARE(stale.error().kind(), ApiError::Kind::Unauthenticated);
    QVERIFY(!stale.refreshed());

    // Sign-out by value revokes the pair.
    auto anonymous = connection(nullptr);
    RevokeOAuth2TokenByValue revoke(anonymous.get(), second.refreshToken,
                                    RevokeOAuth2TokenByValue::Hint::RefreshToken, client.clientId,
                                    client.clientSecret);
    revoke.start();
    QVERIFY(finishesOnce(revoke));
    QVERIFY2(revoke.succeeded(), qPrintable(revoke.error().userMessage()));
    QCOMPARE(whoAmI(second.accessToken), QStringLiteral("unauthenticated"));
}

void TestOAuthFlowsSim::oauth2DenialIsForbidden()
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    OAuth2Authorizer::Options options;
    options.client = {m_client.value(QStringLiteral("clientId")).toString(),
                      m_client.value(QStringLiteral("clientSecret")).toString()};
    options.scope = QStringLiteral("READ");
    options.redirectPort = m_redirectPort;
    OAuth2Authorizer authorizer(&m_network, settings, options);
    QSignalSpy ready(&authorizer, &OAuth2Authorizer::authorizeUrlReady);
    // The exchange may end while the "browser" below still waits for its own replies.
    QSignalSpy finished(&authorizer, &OAuth2Authorizer::finished);
    authorizer.start();
    QVERIFY(ready.wait(10000));
    browserConsent(ready.first().first().toUrl(), false);
    QVERIFY(!finished.isEmpty() || finished.wait(30000));
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(authorizer.error().kind(), ApiError::Kind::Forbidden);
    QCOMPARE(authorizer.error().oauthProblem(), QStringLiteral("access_denied"));
    QVERIFY(authorizer.result().accessToken.isEmpty());
}

QTEST_GUILESS_MAIN(TestOAuthFlowsSim)
#include "tst_oauthflows_sim.moc"
