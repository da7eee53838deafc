#include "auth/BasicCredentials.h"
#include "auth/BearerCredentials.h"
#include "auth/SessionCredentials.h"

#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace accessdesk;

// Basic, bearer and session credentials on a QNetworkRequest, and the kind names the CLI and
// profiles use.
class TestCredentials final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kindNamesRoundTrip();
    void basicUsesUtf8();
    void bearerForBothTokenKinds();
    void sessionSetsTheCookie();
    void sessionCookieSurvivesTheCookieJar();
};

void TestCredentials::kindNamesRoundTrip()
{
    const QStringList names{QStringLiteral("basic"), QStringLiteral("pat"),
                            QStringLiteral("session"), QStringLiteral("oauth1"),
                            QStringLiteral("oauth2")};
    for (const QString &name : names) {
        const auto kind = authKindFromName(name);
        QVERIFY2(kind, qPrintable(name));
        QCOMPARE(authKindName(*kind), name);
    }
    QCOMPARE(authKindFromName(u"PAT"), AuthKind::PersonalToken);
    QVERIFY(!authKindFromName(u"kerberos"));
    QVERIFY(!authKindFromName(u""));
}

void TestCredentials::basicUsesUtf8()
{
    const BasicCredentials credentials(QStringLiteral("jürgen"), QStringLiteral("pa:ss wörd"));
    QCOMPARE(credentials.kind(), AuthKind::Basic);
    QCOMPARE(credentials.userName(), QStringLiteral("jürgen"));
    QNetworkRequest request(QUrl(QStringLiteral("https://jira.example.com/rest/api/2/myself")));
    credentials.authorize(request, "GET", {});
    const QByteArray header = request.rawHeader("Authorization");
    QVERIFY(header.startsWith("Basic "));
    QCOMPARE(QByteArray::fromBase64(header.mid(6)), QStringLiteral("jürgen:pa:ss wörd").toUtf8());
}

void TestCredentials::bearerForBothTokenKinds()
{
    const BearerCredentials pat(QStringLiteral("NjE0OTk2OTQ1MTg3Oo"));
    QCOMPARE(pat.kind(), AuthKind::PersonalToken);
    QNetworkRequest request(QUrl(QStringLiteral("https://jira.example.com/")));
    pat.authorize(request, "GET", {});
    QCOMPARE(request.rawHeader("Authorization"), QByteArray("Bearer NjE0OTk2OTQ1MTg3Oo"));

    const BearerCredentials oauth2(QStringLiteral("eyJhbGciOi.x.y"), AuthKind::OAuth2);
    QCOMPARE(oauth2.kind(), AuthKind::OAuth2);
    oauth2.authorize(request, "POST", "{}"); // replaces, never adds a second header
    QCOMPARE(request.rawHeader("Authorization"), QByteArray("Bearer eyJhbGciOi.x.y"));
}

void TestCredentials::sessionSetsTheCookie()
{
    const SessionCredentials session(QStringLiteral("51A4730040DD0663E633998751CEE13E"));
    QCOMPARE(session.kind(), AuthKind::Session);
    QCOMPARE(session.cookieName(), QStringLiteral("JSESSIONID"));

    QNetworkRequest request(QUrl(QStringLiteral("https://jira.example.com/")));
    request.setHeader(QNetworkRequest::CookieHeader,
                      QVariant::fromValue(QList<QNetworkCookie>{
                          QNetworkCookie("JSESSIONID", "stale"), QNetworkCookie("seraph", "x")}));
    session.authorize(request, "GET", {});
    const QByteArray cookie = request.rawHeader("Cookie");
    QVERIFY2(cookie.contains("JSESSIONID=51A4730040DD0663E633998751CEE13E"), cookie.constData());
    QVERIFY2(cookie.contains("seraph=x"), cookie.constData());
    QVERIFY2(!cookie.contains("stale"), cookie.constData());
    QVERIFY(!request.hasRawHeader("Authorization"));
}

void TestCredentials::sessionCookieSurvivesTheCookieJar()
{
    // A real QNetworkAccessManager whose jar already holds cookies for the server (as after any
    // Jira answer that set atlassian.xsrf.token): the session cookie must still be sent.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QByteArray received;
    connect(&server, &QTcpServer::newConnection, this, [&server, &received] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, &received] {
            received += socket->readAll();
            if (!received.contains("\r\n\r\n"))
                return;
            socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
    });
    const QUrl url(
        QStringLiteral("http://127.0.0.1:%1/rest/api/2/myself").arg(server.serverPort()));

    QNetworkAccessManager network;
    network.cookieJar()->setCookiesFromUrl({QNetworkCookie("atlassian.xsrf.token", "abc")}, url);
    QNetworkRequest request(url);
    SessionCredentials(QStringLiteral("S3SS10N")).authorize(request, "GET", {});
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    reply->deleteLater();
    QVERIFY2(received.contains("JSESSIONID=S3SS10N"), received.constData());
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
