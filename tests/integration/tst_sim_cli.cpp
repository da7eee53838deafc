// trackersim's command line: bad flags are refused with exit code 2 and a plain message, and
// each switch changes what the server reports.
#include "SimProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestSimCli : public QObject
{
    Q_OBJECT

private slots:
    void badFlagsAreUsageErrors_data();
    void badFlagsAreUsageErrors();
    void unknownSeedIsRefused();
    void versionAndBaseUrlAreReported();
    void olderJiraHasNoTokensOrOAuth2();

private:
    QNetworkAccessManager m_manager;
};

void TestSimCli::badFlagsAreUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("port") << QStringList{QStringLiteral("--port"), QStringLiteral("http")}
                          << QStringLiteral("--port");
    QTest::newRow("websudo") << QStringList{QStringLiteral("--websudo"), QStringLiteral("maybe")}
                             << QStringLiteral("--websudo");
    QTest::newRow("rate-limit") << QStringList{QStringLiteral("--rate-limit"),
                                               QStringLiteral("10,1")}
                                << QStringLiteral("--rate-limit");
    QTest::newRow("cert-without-key")
        << QStringList{QStringLiteral("--cert"), QStringLiteral("c.pem")}
        << QStringLiteral("--cert and --key");
    QTest::newRow("base-url") << QStringList{QStringLiteral("--base-url"),
                                             QStringLiteral("ftp://x")}
                              << QStringLiteral("--base-url");
}

void TestSimCli::badFlagsAreUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QProcess process;
    process.start(SimProcess::binary(), arguments);
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(message));
}

void TestSimCli::unknownSeedIsRefused()
{
    QProcess process;
    process.start(SimProcess::binary(), {QStringLiteral("--port"), QStringLiteral("0"),
                                         QStringLiteral("--seed"), QStringLiteral("everything")});
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(process.readAllStandardError().contains("--seed must be demo, none or scale:N"));
}

void TestSimCli::versionAndBaseUrlAreReported()
{
    SimProcess sim({QStringLiteral("--jira-version"), QStringLiteral("8.20.14"),
                    QStringLiteral("--base-url"), QStringLiteral("https://jira.example.test/")});
    QVERIFY2(sim.start(), qPrintable(sim.errorText()));
    const HttpResult result = httpSend(
        m_manager, jsonRequest(sim.url() + QStringLiteral("/rest/api/2/serverInfo")), "GET");
    const QJsonObject info = QJsonDocument::fromJson(result.body).object();
    QCOMPARE(info[QStringLiteral("version")].toString(), QStringLiteral("8.20.14"));
    QCOMPARE(info[QStringLiteral("baseUrl")].toString(),
             QStringLiteral("https://jira.example.test"));
    QCOMPARE(info[QStringLiteral("versionNumbers")].toVariant().toList(),
             (QVariantList{8, 20, 14}));
}

void TestSimCli::olderJiraHasNoTokensOrOAuth2()
{
    SimProcess sim({QStringLiteral("--no-pat"), QStringLiteral("--no-oauth2")});
    QVERIFY2(sim.start(), qPrintable(sim.errorText()));
    QCOMPARE(httpSend(m_manager,
                      jsonRequest(sim.url() + QStringLiteral("/rest/pat/latest/tokens"), "alice"),
                      "GET")
                 .status,
             404);
    QCOMPARE(
        httpSend(m_manager,
                 jsonRequest(
                     sim.url() +
                     QStringLiteral("/rest/oauth2/latest/.well-known/oauth-authorization-server")),
                 "GET")
            .status,
        404);
    QCOMPARE(httpSend(m_manager,
                      jsonRequest(sim.url() + QStringLiteral("/rest/api/2/myself"), "alice"), "GET")
                 .status,
             200);
}

QTEST_GUILESS_MAIN(TestSimCli)
#include "tst_sim_cli.moc"
