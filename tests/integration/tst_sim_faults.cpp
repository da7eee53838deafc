// trackersim's fault injection: every fault a client must survive, switched on per route.
#include "SimProcess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestSimFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void respondReplacesTheAnswer();
    void respondCanSendHtmlAndHeaders();
    void timesLimitsTheFault();
    void methodAndPrefixSelectRequests();
    void truncateCutsTheBody();
    void malformedKeepsStatusButBreaksJson();
    void resetDropsTheConnection();
    void stallAnswersNothing();
    void latencyDelaysTheRealAnswer();
    void invalidFaultsAreRejected();

private:
    int addFault(const QJsonObject &fault);
    HttpResult get(const QString &path, const QByteArray &method = "GET", int timeoutMs = 20000);

    QNetworkAccessManager m_manager;
    std::unique_ptr<SimProcess> m_sim;
};

void TestSimFaults::initTestCase()
{
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
}

void TestSimFaults::cleanup()
{
    QCOMPARE(httpSend(m_manager, jsonRequest(m_sim->url() + QStringLiteral("/__trackersim/faults")),
                      "DELETE")
                 .status,
             204);
}

int TestSimFaults::addFault(const QJsonObject &fault)
{
    QNetworkRequest request = jsonRequest(m_sim->url() + QStringLiteral("/__trackersim/faults"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const HttpResult result = httpSend(m_manager, request, "POST", QJsonDocument(fault).toJson());
    if (result.status != 201)
        return -1;
    return QJsonDocument::fromJson(result.body).object()[QStringLiteral("id")].toInt();
}

HttpResult TestSimFaults::get(const QString &path, const QByteArray &method, int timeoutMs)
{
    return httpSend(m_manager, jsonRequest(m_sim->url() + path, "alice"), method, {}, timeoutMs);
}

void TestSimFaults::respondReplacesTheAnswer()
{
    QVERIFY(addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
                      {QStringLiteral("status"), 503},
                      {QStringLiteral("body"), QStringLiteral("down for maintenance")}}) > 0);
    const HttpResult result = get(QStringLiteral("/rest/api/2/myself"));
    QCOMPARE(result.status, 503);
    QCOMPARE(result.body, QByteArrayLiteral("down for maintenance"));
    QCOMPARE(get(QStringLiteral("/rest/api/2/serverInfo")).status, 200); // other routes unaffected
}

void TestSimFaults::respondCanSendHtmlAndHeaders()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("status"), 429},
              {QStringLiteral("contentType"), QStringLiteral("text/html;charset=UTF-8")},
              {QStringLiteral("body"), QStringLiteral("<html><body>Too many</body></html>")},
              {QStringLiteral("headers"),
               QJsonObject{{QStringLiteral("Retry-After"), QStringLiteral("0")}}}});
    const HttpResult result = get(QStringLiteral("/rest/api/2/myself"));
    QCOMPARE(result.status, 429);
    QCOMPARE(result.header("Retry-After"), QByteArrayLiteral("0"));
    QVERIFY(result.header("Content-Type").startsWith("text/html"));
}

void TestSimFaults::timesLimitsTheFault()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("status"), 500},
              {QStringLiteral("times"), 2}});
    QCOMPARE(get(QStringLiteral("/rest/api/2/myself")).status, 500);
    QCOMPARE(get(QStringLiteral("/rest/api/2/myself")).status, 500);
    QCOMPARE(get(QStringLiteral("/rest/api/2/myself")).status, 200);
    const HttpResult list = httpSend(
        m_manager, jsonRequest(m_sim->url() + QStringLiteral("/__trackersim/faults")), "GET");
    QCOMPARE(QJsonDocument::fromJson(list.body).array().size(), 0);
}

void TestSimFaults::methodAndPrefixSelectRequests()
{
    addFault({{QStringLiteral("method"), QStringLiteral("get")},
              {QStringLiteral("path"), QStringLiteral("/rest/api/2/pro*")},
              {QStringLiteral("status"), 502}});
    QCOMPARE(get(QStringLiteral("/rest/api/2/project")).status, 502);
    QCOMPARE(get(QStringLiteral("/rest/api/2/project/PUB")).status, 502);
    QCOMPARE(get(QStringLiteral("/rest/api/2/project"), "HEAD").status, 200);
    QCOMPARE(get(QStringLiteral("/rest/api/2/myself")).status, 200);
}

void TestSimFaults::truncateCutsTheBody()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/serverInfo")},
              {QStringLiteral("action"), QStringLiteral("truncate")}});
    const HttpResult result = get(QStringLiteral("/rest/api/2/serverInfo"));
    // The connection closes before Content-Length bytes arrived: a transport error, never valid
    // JSON.
    QVERIFY(result.error != QNetworkReply::NoError);
    QVERIFY(QJsonDocument::fromJson(result.body).isNull());
}

void TestSimFaults::malformedKeepsStatusButBreaksJson()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("action"), QStringLiteral("malformed")}});
    const HttpResult result = get(QStringLiteral("/rest/api/2/myself"));
    QCOMPARE(result.status, 200);
    QVERIFY(result.header("Content-Type").startsWith("application/json"));
    QJsonParseError error{};
    QJsonDocument::fromJson(result.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
}

void TestSimFaults::resetDropsTheConnection()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("action"), QStringLiteral("reset")}});
    const HttpResult result = get(QStringLiteral("/rest/api/2/myself"));
    QCOMPARE(result.status, 0);
    QVERIFY(result.error == QNetworkReply::RemoteHostClosedError ||
            result.error == QNetworkReply::ConnectionRefusedError ||
            result.error == QNetworkReply::UnknownNetworkError);
    QCOMPARE(get(QStringLiteral("/rest/api/2/serverInfo")).status, 200); // the server lives on
}

void TestSimFaults::stallAnswersNothing()
{
    // No answer ever comes: the client's own timeout (here 1.5 s) must end the wait.
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("action"), QStringLiteral("stall")}});
    const HttpResult result = get(QStringLiteral("/rest/api/2/myself"), "GET", 1500);
    QCOMPARE(result.status, 0);
    QCOMPARE(result.error, QNetworkReply::OperationCanceledError);

    // With delayMs the stalled connection is closed after that time, still without an answer.
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/project")},
              {QStringLiteral("action"), QStringLiteral("stall")},
              {QStringLiteral("delayMs"), 200}});
    const HttpResult closed = get(QStringLiteral("/rest/api/2/project"));
    QCOMPARE(closed.status, 0);
    QVERIFY(closed.error != QNetworkReply::NoError);
}

void TestSimFaults::latencyDelaysTheRealAnswer()
{
    addFault({{QStringLiteral("path"), QStringLiteral("/rest/api/2/myself")},
              {QStringLiteral("action"), QStringLiteral("latency")},
              {QStringLiteral("delayMs"), 300}});
    QElapsedTimer timer;
    timer.start();
    const HttpResult result = get(QStringLiteral("/rest/api/2/myself"));
    // A lower bound only: the answer cannot arrive before the injected delay.
    QVERIFY(timer.elapsed() >= 300);
    QCOMPARE(result.status, 200);
    QCOMPARE(QJsonDocument::fromJson(result.body).object()[QStringLiteral("name")].toString(),
             QStringLiteral("alice"));
}

void TestSimFaults::invalidFaultsAreRejected()
{
    QCOMPARE(addFault({{QStringLiteral("path"), QStringLiteral("no-slash")}}), -1);
    QCOMPARE(addFault({{QStringLiteral("path"), QStringLiteral("/x")},
                       {QStringLiteral("action"), QStringLiteral("explode")}}),
             -1);
    QCOMPARE(
        addFault({{QStringLiteral("path"), QStringLiteral("/x")}, {QStringLiteral("status"), 42}}),
        -1);
}

QTEST_GUILESS_MAIN(TestSimFaults)
#include "tst_sim_faults.moc"
