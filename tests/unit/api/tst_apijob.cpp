// ApiJob and ServerConnection against a real trackersim: headers, retries, pacing, cancellation,
// timeouts, redirects, malformed answers and TLS pinning.
#include "SimProcess.h"

#include "api/CoreJobs.h"
#include "api/PatJobs.h"
#include "api/ServerConnection.h"
#include "api/SessionJobs.h"
#include "auth/BasicCredentials.h"
#include "auth/SessionCredentials.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace accessdesk;

namespace {

// A websudo-protected read (applinks v1), with no decoding: what matters here is the status.
class ListLinksV1 final : public StatusOnlyJob
{
public:
    using StatusOnlyJob::StatusOnlyJob;
    ApiRequest request() const override
    {
        return ApiRequest::get(QStringLiteral("/rest/applinks/1.0/applicationlink"));
    }
};

} // namespace

class TestApiJob : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void decodesASuccessfulAnswer();
    void sendsTheCommonHeaders();
    void finishesExactlyOnceAndNeverInsideStart();
    void retriesIdempotentRequestsAfter503();
    void retryAfterZeroStillWaitsTheFloor();
    void doesNotRetryWrites();
    void givesUpAfterMaxAttempts();
    void cancelIsSafeTwice();
    void stalledServerTimesOut();
    void droppedConnectionIsANetworkError();
    void htmlInsteadOfJsonIsMalformed();
    void truncatedAnswerIsAnError();
    void wrongPasswordIsUnauthenticated();
    void redirectToAnotherServerIsRefused();
    void writeIsNeverRedirected();
    void webSudoIsConfirmedOnceWithThePassword();

private:
    std::unique_ptr<ServerConnection> connect(const QString &user,
                                              ConnectionSettings settings = {});
    void addFault(const QJsonObject &fault);
    static bool run(ApiJob &job, int timeoutMs = 30000);

    std::unique_ptr<SimProcess> m_sim;
    QNetworkAccessManager m_network;
};

void TestApiJob::initTestCase()
{
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
}

void TestApiJob::cleanup()
{
    QNetworkAccessManager manager;
    httpSend(manager, jsonRequest(m_sim->url() + QStringLiteral("/__trackersim/faults")), "DELETE");
}

std::unique_ptr<ServerConnection> TestApiJob::connect(const QString &user,
                                                      ConnectionSettings settings)
{
    settings.baseUrl = QUrl(m_sim->url());
    settings.retryFloorMs = 50; // keeps the suite fast; the floor logic is the same
    return std::make_unique<ServerConnection>(&m_network, settings,
                                              std::make_shared<BasicCredentials>(user, user));
}

void TestApiJob::addFault(const QJsonObject &fault)
{
    QNetworkAccessManager manager;
    QNetworkRequest request = jsonRequest(m_sim->url() + QStringLiteral("/__trackersim/faults"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QCOMPARE(httpSend(manager, request, "POST", QJsonDocument(fault).toJson()).status, 201);
}

bool TestApiJob::run(ApiJob &job, int timeoutMs)
{
    QSignalSpy finished(&job, &ApiJob::finished);
    job.start();
    return finished.wait(timeoutMs) && finished.size() == 1;
}

void TestApiJob::decodesASuccessfulAnswer()
{
    auto server = connect(QStringLiteral("alice"));
    GetMyself job(server.get());
    QVERIFY(run(job));
    QVERIFY2(job.succeeded(), qPrintable(job.error().userMessage()));
    QCOMPARE(job.result().name, QStringLiteral("alice"));
    QCOMPARE(job.attempts(), 1);
}

void TestApiJob::sendsTheCommonHeaders()
{
    auto server = connect(QStringLiteral("alice"));
    const QNetworkRequest get = server->networkRequest(GetMyself::build());
    QCOMPARE(get.rawHeader("Accept"), QByteArrayLiteral("application/json"));
    QVERIFY(get.rawHeader("User-Agent").startsWith("AccessDesk/"));
    QVERIFY(!get.hasRawHeader("X-Atlassian-Token")); // reads need no XSRF opt-out
    QVERIFY(get.rawHeader("Authorization").startsWith("Basic "));
    QCOMPARE(get.url().toString(), m_sim->url() + QStringLiteral("/rest/api/2/myself"));

    const QNetworkRequest write = server->networkRequest(RevokePersonalToken::build(7));
    QCOMPARE(write.rawHeader("X-Atlassian-Token"), QByteArrayLiteral("no-check"));
    QVERIFY(write.transferTimeout() > 0);
}

void TestApiJob::finishesExactlyOnceAndNeverInsideStart()
{
    auto server = connect(QStringLiteral("alice"));
    GetServerInfo job(server.get());
    QSignalSpy finished(&job, &ApiJob::finished);
    job.start();
    QCOMPARE(finished.size(), 0);
    QVERIFY(finished.wait(30000));
    job.cancel(); // after finishing: nothing happens
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
    QVERIFY(job.succeeded());
}

void TestApiJob::retriesIdempotentRequestsAfter503()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("status"), 503},
              {QStringLiteral("times"), 2}});
    auto server = connect(QStringLiteral("alice"));
    GetMyself job(server.get());
    QVERIFY(run(job));
    QVERIFY2(job.succeeded(), qPrintable(job.error().userMessage()));
    QCOMPARE(job.attempts(), 3);
}

void TestApiJob::retryAfterZeroStillWaitsTheFloor()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/pat/latest/tokens")},
              {QStringLiteral("status"), 429},
              {QStringLiteral("body"), QStringLiteral("{\"message\":\"slow down\"}")},
              {QStringLiteral("contentType"), QStringLiteral("application/json")},
              {QStringLiteral("headers"),
               QJsonObject{{QStringLiteral("Retry-After"), QStringLiteral("0")}}},
              {QStringLiteral("times"), 1}});
    ConnectionSettings settings;
    auto server = connect(QStringLiteral("alice"));
    ListPersonalTokens job(server.get());
    QElapsedTimer timer;
    timer.start();
    QVERIFY(run(job));
    QVERIFY2(job.succeeded(), qPrintable(job.error().userMessage()));
    QCOMPARE(job.attempts(), 2);
    QVERIFY(timer.elapsed() >= 50); // a lower bound only: the floor, although the server said 0
}

void TestApiJob::doesNotRetryWrites()
{
    addFault({{QStringLiteral("method"), QStringLiteral("POST")},
              {QStringLiteral("path"), QStringLiteral("/rest/pat/latest/tokens")},
              {QStringLiteral("status"), 503},
              {QStringLiteral("times"), 1}});
    auto server = connect(QStringLiteral("alice"));
    CreatePersonalToken job(server.get(), QStringLiteral("never-made"), 5);
    QVERIFY(run(job));
    QCOMPARE(job.error().kind(), ApiError::Kind::Server);
    QCOMPARE(job.attempts(), 1);
}

void TestApiJob::givesUpAfterMaxAttempts()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("status"), 503}});
    auto server = connect(QStringLiteral("alice"));
    GetMyself job(server.get());
    QVERIFY(run(job));
    QCOMPARE(job.error().kind(), ApiError::Kind::Server);
    QCOMPARE(job.attempts(), 3);
}

void TestApiJob::cancelIsSafeTwice()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("action"), QStringLiteral("stall")}});
    auto server = connect(QStringLiteral("alice"));
    GetMyself job(server.get());
    QSignalSpy finished(&job, &ApiJob::finished);
    job.start();
    QTest::qWait(200);
    job.cancel();
    job.cancel();
    QVERIFY(finished.wait(10000));
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job.error().kind(), ApiError::Kind::Cancelled);

    GetMyself never(server.get()); // cancelled before it was sent
    QSignalSpy neverFinished(&never, &ApiJob::finished);
    never.start();
    never.cancel();
    never.cancel();
    QVERIFY(neverFinished.wait(10000));
    QCOMPARE(neverFinished.size(), 1);
    QCOMPARE(never.error().kind(), ApiError::Kind::Cancelled);
}

void TestApiJob::stalledServerTimesOut()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/serverInfo")},
              {QStringLiteral("action"), QStringLiteral("stall")}});
    ConnectionSettings settings;
    settings.timeoutMs = 500;
    settings.maxAttempts = 1;
    auto server = connect(QStringLiteral("alice"), settings);
    GetServerInfo job(server.get());
    QVERIFY(run(job));
    QCOMPARE(job.error().kind(), ApiError::Kind::Timeout);
}

void TestApiJob::droppedConnectionIsANetworkError()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/serverInfo")},
              {QStringLiteral("action"), QStringLiteral("reset")}});
    auto server = connect(QStringLiteral("alice"));
    GetServerInfo job(server.get());
    QVERIFY(run(job));
    QCOMPARE(job.error().kind(), ApiError::Kind::Network);
    QVERIFY(job.attempts() >= 2); // a dropped GET is retried
}

void TestApiJob::htmlInsteadOfJsonIsMalformed()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("status"), 200},
              {QStringLiteral("contentType"), QStringLiteral("text/html")},
              {QStringLiteral("body"), QStringLiteral("<html><title>Log in</title></html>")}});
    auto server = connect(QStringLiteral("alice"));
    GetMyself job(server.get());
    QVERIFY(run(job));
    QCOMPARE(job.error().kind(), ApiError::Kind::MalformedResponse);
    QVERIFY(!job.error().userMessage().isEmpty());
}

void TestApiJob::truncatedAnswerIsAnError()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("action"), QStringLiteral("truncate")}});
    auto server = connect(QStringLiteral("alice"));
    GetMyself job(server.get());
    QVERIFY(run(job));
    QVERIFY(job.error().isError());
    QVERIFY(job.error().kind() == ApiError::Kind::Network ||
            job.error().kind() == ApiError::Kind::MalformedResponse);
}

void TestApiJob::wrongPasswordIsUnauthenticated()
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    ServerConnection server(
        &m_network, settings,
        std::make_shared<BasicCredentials>(QStringLiteral("alice"), QStringLiteral("wrong")));
    GetMyself job(&server);
    QVERIFY(run(job));
    QCOMPARE(job.error().kind(), ApiError::Kind::Unauthenticated);
    QCOMPARE(job.attempts(), 1);
}

void TestApiJob::redirectToAnotherServerIsRefused()
{
    // "localhost" is another host name than the 127.0.0.1 the connection uses: even though it is
    // the same machine, credentials must not go there.
    const QUrl here(m_sim->url());
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("status"), 302},
              {QStringLiteral("times"), 1},
              {QStringLiteral("headers"),
               QJsonObject{
                   {QStringLiteral("Location"),
                    QStringLiteral("http://localhost:%1/rest/api/2/myself").arg(here.port())}}}});
    auto server = connect(QStringLiteral("alice"));
    GetMyself job(server.get());
    QVERIFY(run(job));
    QCOMPARE(job.error().kind(), ApiError::Kind::Network);
    QVERIFY(job.error().serverMessage().contains(QLatin1String("not the same server")));

    // A redirect on the same server is followed.
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/latest/myself")},
              {QStringLiteral("status"), 302},
              {QStringLiteral("times"), 1},
              {QStringLiteral("headers"),
               QJsonObject{{QStringLiteral("Location"),
                            QString(m_sim->url() + QStringLiteral("/rest/api/2/myself"))}}}});
    ApiRequest latest = GetMyself::build();
    latest.path = QStringLiteral("/rest/api/latest/myself");
    struct Latest final : public StatusOnlyJob
    {
        Latest(ServerConnection *c, ApiRequest r)
            : StatusOnlyJob(c)
            , m_r(std::move(r))
        {}
        ApiRequest request() const override { return m_r; }
        ApiRequest m_r;
    } followed(server.get(), latest);
    QVERIFY(run(followed));
    QVERIFY2(followed.succeeded(), qPrintable(followed.error().userMessage()));
}

void TestApiJob::writeIsNeverRedirected()
{
    // A change answered with a redirect was not made; following it (here to a page that answers
    // 200) would report a success. Where it leads says why, as far as it can.
    struct Case
    {
        QString location;
        ApiError::Kind kind;
    };
    const QList<Case> cases{
        {QStringLiteral("/rest/api/2/myself"), ApiError::Kind::MalformedResponse},
        {QStringLiteral("/login.jsp?os_destination=%2Frest"), ApiError::Kind::Unauthenticated},
    };
    auto server = connect(QStringLiteral("alice"));
    for (const Case &c : cases) {
        addFault({{QStringLiteral("method"), QStringLiteral("DELETE")},
                  {QStringLiteral("path"), QStringLiteral("/rest/pat/latest/tokens/*")},
                  {QStringLiteral("status"), 302},
                  {QStringLiteral("times"), 1},
                  {QStringLiteral("headers"),
                   QJsonObject{{QStringLiteral("Location"), QString(m_sim->url() + c.location)}}}});
        RevokePersonalToken job(server.get(), 424242);
        QVERIFY(run(job));
        QCOMPARE(job.error().kind(), c.kind);
        QCOMPARE(job.error().httpStatus(), 302);
        QCOMPARE(job.attempts(), 1);
        const QString said = job.error().serverMessage();
        QVERIFY2(said.contains(QStringLiteral("redirect to ") + m_sim->url() +
                               QUrl(c.location).path()) &&
                     said.endsWith(QStringLiteral("the change was not made")) &&
                     !said.contains(QStringLiteral("os_destination")),
                 qPrintable(said));
    }
    // Jira's websudo form: the job confirms with the password when it has one.
    QCOMPARE(ApiJob::redirectedWriteError(
                 QUrl(QStringLiteral("https://jira.example/secure/admin/"
                                     "WebSudoAuthenticate.jspa?webSudoDestination=%2F")),
                 302)
                 .kind(),
             ApiError::Kind::WebSudoRequired);
}

void TestApiJob::webSudoIsConfirmedOnceWithThePassword()
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    ServerConnection server(&m_network, settings, nullptr);
    CreateSession login(&server, QStringLiteral("admin"), QStringLiteral("admin"));
    QVERIFY(run(login));
    QVERIFY2(login.succeeded(), qPrintable(login.error().userMessage()));
    server.setCredentials(
        std::make_shared<SessionCredentials>(login.result().value, login.result().name));

    ListLinksV1 refused(&server);
    QVERIFY(run(refused));
    QCOMPARE(refused.error().kind(), ApiError::Kind::WebSudoRequired);

    server.setWebSudoPassword(QStringLiteral("wrong"));
    ListLinksV1 wrong(&server);
    QVERIFY(run(wrong));
    QCOMPARE(wrong.error().kind(), ApiError::Kind::WebSudoRequired); // asked once, then gave up

    server.setWebSudoPassword(QStringLiteral("admin"));
    ListLinksV1 confirmed(&server);
    QVERIFY(run(confirmed));
    QVERIFY2(confirmed.succeeded(), qPrintable(confirmed.error().userMessage()));
    QCOMPARE(confirmed.attempts(), 2);
}

QTEST_GUILESS_MAIN(TestApiJob)
#include "tst_apijob.moc"
