// The request that asks Jira's applinks form to remove a link's incoming consumer (spec 4.1), built
// offline: method, path (the id kept in one segment), form body, and the headers a servlet needs.
#include "api/ConsumerFormJobs.h"
#include "api/ServerConnection.h"

#include <QNetworkAccessManager>
#include <QTest>
#include <QUrlQuery>

using namespace accessdesk;

class TestConsumerFormJob final : public QObject
{
    Q_OBJECT

private slots:
    void postsTheFormWithIncomingDisabled();
    void theLinkIdStaysOneSegment();
};

void TestConsumerFormJob::postsTheFormWithIncomingDisabled()
{
    const QString link = QStringLiteral("c5b7a913-2d4f-3e6a-b8c0-d1e2f3a4b503");
    const ApiRequest request = DisableIncomingConsumerByForm::build(link);
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path,
             QStringLiteral("/plugins/servlet/applinks/auth/conf/oauth/add-consumer-manually/") +
                 link);
    QCOMPARE(request.contentType, QByteArray("application/x-www-form-urlencoded"));
    const QUrlQuery fields(QString::fromUtf8(request.body));
    QCOMPARE(fields.queryItems(),
             (QList<QPair<QString, QString>>{
                 {QStringLiteral("oauth-incoming-enabled"), QStringLiteral("false")}}));
    QCOMPARE(request.accept, QByteArray("text/html"));
    QVERIFY(request.query.isEmpty());

    // Every write carries the XSRF opt-out, which the servlet accepts instead of a form token.
    QNetworkAccessManager network;
    ConnectionSettings settings;
    settings.baseUrl = QUrl(QStringLiteral("https://jira.example.com/jira"));
    ServerConnection connection(&network, settings, nullptr);
    const QNetworkRequest sent = connection.networkRequest(request);
    QCOMPARE(sent.rawHeader("X-Atlassian-Token"), QByteArray("no-check"));
    QCOMPARE(
        sent.url().path(),
        QStringLiteral("/jira/plugins/servlet/applinks/auth/conf/oauth/add-consumer-manually/") +
            link);
}

void TestConsumerFormJob::theLinkIdStaysOneSegment()
{
    const ApiRequest request = DisableIncomingConsumerByForm::build(QStringLiteral("a/../b%"));
    QVERIFY(request.path.endsWith(QLatin1String("/add-consumer-manually/a%2F..%2Fb%25")));
}

QTEST_GUILESS_MAIN(TestConsumerFormJob)
#include "tst_consumerformjob.moc"
