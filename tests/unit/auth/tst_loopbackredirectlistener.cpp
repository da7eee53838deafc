#include "auth/LoopbackRedirectListener.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using accessdesk::LoopbackRedirectListener;
using Error = LoopbackRedirectListener::Error;

namespace {

struct Answer
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

// One real HTTP request through QNetworkAccessManager, as the browser's redirect would be.
Answer send(QNetworkAccessManager &network, const QUrl &url, const QByteArray &method = "GET")
{
    QNetworkRequest request(url);
    request.setTransferTimeout(20000);
    QNetworkReply *reply = network.sendCustomRequest(request, method);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    Answer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                  reply->readAll(), reply->error()};
    reply->deleteLater();
    return answer;
}

QUrl withQuery(QUrl url, const QString &query)
{
    url.setQuery(query);
    return url;
}

} // namespace

// The loopback redirect listener with real HTTP: good state, wrong state, access_denied, other
// errors, noise that must not end the sign-in, timeout, cancel and a port that is taken.
class TestLoopbackRedirectListener final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

private Q_SLOTS:
    void receivesTheCode();
    void refusesAWrongState_data();
    void refusesAWrongState();
    void reportsAccessDenied();
    void reportsOtherProviderErrors();
    void reportsARedirectWithoutCode();
    void ignoresOtherPathsAndMethods();
    void timesOut();
    void cancelReportsOnce();
    void reportsAPortThatIsTaken();
};

void TestLoopbackRedirectListener::receivesTheCode()
{
    LoopbackRedirectListener listener("st4te-xyz");
    QSignalSpy finished(&listener, &LoopbackRedirectListener::finished);
    QVERIFY(listener.redirectUri().isEmpty());
    QVERIFY(listener.start());
    QVERIFY(listener.isListening());

    const QUrl redirect = listener.redirectUri();
    QCOMPARE(redirect.scheme(), QStringLiteral("http"));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(redirect.path(), QStringLiteral("/callback"));
    QVERIFY(redirect.port() > 0);

    const Answer answer = send(
        m_network, withQuery(redirect, QStringLiteral("code=c0de%2Fwith%2Bsigns&state=st4te-xyz")));
    QCOMPARE(answer.status, 200);
    QVERIFY2(answer.body.contains("You may close this window and return to AccessDesk"),
             answer.body.constData());
    QCOMPARE(finished.count(), 1);
    QVERIFY(listener.isFinished());
    QCOMPARE(listener.error(), Error::None);
    QVERIFY(listener.errorString().isEmpty());
    QCOMPARE(listener.code(), QStringLiteral("c0de/with+signs"));
    QVERIFY(!answer.body.contains("c0de")); // the page never echoes the code

    // It stopped listening: a second redirect finds nobody, and nothing is reported again.
    QVERIFY(!listener.isListening());
    const Answer again =
        send(m_network, withQuery(redirect, QStringLiteral("code=x&state=st4te-xyz")));
    QCOMPARE(again.error, QNetworkReply::ConnectionRefusedError);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(listener.code(), QStringLiteral("c0de/with+signs"));
}

void TestLoopbackRedirectListener::refusesAWrongState_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("other state") << QStringLiteral("code=c&state=attacker");
    QTest::newRow("no state") << QStringLiteral("code=c");
    QTest::newRow("empty state") << QStringLiteral("code=c&state=");
    QTest::newRow("denied with other state")
        << QStringLiteral("error=access_denied&state=attacker");
}

void TestLoopbackRedirectListener::refusesAWrongState()
{
    QFETCH(QString, query);
    LoopbackRedirectListener listener("expected");
    QSignalSpy finished(&listener, &LoopbackRedirectListener::finished);
    QVERIFY(listener.start());
    const Answer answer = send(m_network, withQuery(listener.redirectUri(), query));
    QCOMPARE(answer.status, 400);
    QVERIFY(answer.body.contains("state mismatch"));
    // Anything on this machine can reach the port: a wrong state must not end the sign-in.
    QCOMPARE(finished.count(), 0);
    QVERIFY(!listener.isFinished());
    QVERIFY(listener.isListening());
    QCOMPARE(listener.refusedStates(), 1);
    QVERIFY(listener.code().isEmpty());

    // The browser's real redirect, with the right state, still arrives and is taken.
    const Answer right = send(
        m_network, withQuery(listener.redirectUri(), QStringLiteral("code=r1ght&state=expected")));
    QCOMPARE(right.status, 200);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(listener.error(), Error::None);
    QCOMPARE(listener.code(), QStringLiteral("r1ght"));
    QVERIFY(!listener.isListening());
}

void TestLoopbackRedirectListener::reportsAccessDenied()
{
    LoopbackRedirectListener listener("s");
    QSignalSpy finished(&listener, &LoopbackRedirectListener::finished);
    QVERIFY(listener.start());
    const Answer answer = send(
        m_network,
        withQuery(listener.redirectUri(),
                  QStringLiteral("error=access_denied&error_description=User+said+no&state=s")));
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.body.contains("You may close this window and return to AccessDesk"));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(listener.error(), Error::AccessDenied);
    QCOMPARE(listener.providerError(), QStringLiteral("access_denied"));
    QCOMPARE(listener.providerErrorDescription(), QStringLiteral("User said no"));
    QVERIFY(listener.code().isEmpty());
}

void TestLoopbackRedirectListener::reportsOtherProviderErrors()
{
    LoopbackRedirectListener listener("s");
    QSignalSpy finished(&listener, &LoopbackRedirectListener::finished);
    QVERIFY(listener.start());
    const Answer answer =
        send(m_network,
             withQuery(listener.redirectUri(),
                       QStringLiteral("error=invalid_scope&error_description=%3Cb%3Enope%3C%2Fb%3E"
                                      "&state=s")));
    QCOMPARE(answer.status, 400);
    QVERIFY2(answer.body.contains("&lt;b&gt;nope&lt;/b&gt;"), answer.body.constData()); // escaped
    QVERIFY(!answer.body.contains("<b>nope"));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(listener.error(), Error::ProviderError);
    QCOMPARE(listener.providerError(), QStringLiteral("invalid_scope"));
    QVERIFY(listener.errorString().contains(QLatin1String("invalid_scope")));
}

void TestLoopbackRedirectListener::reportsARedirectWithoutCode()
{
    LoopbackRedirectListener listener("s");
    QSignalSpy finished(&listener, &LoopbackRedirectListener::finished);
    QVERIFY(listener.start());
    const Answer answer =
        send(m_network, withQuery(listener.redirectUri(), QStringLiteral("state=s")));
    QCOMPARE(answer.status, 400);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(listener.error(), Error::BadRequest);
}

void TestLoopbackRedirectListener::ignoresOtherPathsAndMethods()
{
    LoopbackRedirectListener listener("s");
    QSignalSpy finished(&listener, &LoopbackRedirectListener::finished);
    QVERIFY(listener.start());
    QUrl favicon = listener.redirectUri();
    favicon.setPath(QStringLiteral("/favicon.ico"));
    QCOMPARE(send(m_network, favicon).status, 404);
    QCOMPARE(
        send(m_network, withQuery(listener.redirectUri(), QStringLiteral("code=c&state=s")), "POST")
            .status,
        405);
    QCOMPARE(finished.count(), 0);
    QVERIFY(listener.isListening());

    QCOMPARE(
        send(m_network, withQuery(listener.redirectUri(), QStringLiteral("code=c&state=s"))).status,
        200);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(listener.error(), Error::None);
    QCOMPARE(listener.code(), QStringLiteral("c"));
}

void TestLoopbackRedirectListener::timesOut()
{
    LoopbackRedirectListener listener("s");
    listener.setTimeout(std::chrono::milliseconds(1));
    QCOMPARE(listener.timeout(), std::chrono::milliseconds(1));
    QSignalSpy finished(&listener, &LoopbackRedirectListener::finished);
    QVERIFY(listener.start());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(listener.error(), Error::Timeout);
    QVERIFY(!listener.isListening());
    listener.cancel(); // after finishing: nothing more
    QCOMPARE(finished.count(), 1);
    QCOMPARE(listener.error(), Error::Timeout);
}

void TestLoopbackRedirectListener::cancelReportsOnce()
{
    LoopbackRedirectListener listener("s");
    QSignalSpy finished(&listener, &LoopbackRedirectListener::finished);
    QVERIFY(listener.start());
    const QUrl redirect = listener.redirectUri();
    listener.cancel();
    listener.cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(listener.error(), Error::Cancelled);
    QCOMPARE(send(m_network, withQuery(redirect, QStringLiteral("code=c&state=s"))).error,
             QNetworkReply::ConnectionRefusedError);
    QCOMPARE(finished.count(), 1);
}

void TestLoopbackRedirectListener::reportsAPortThatIsTaken()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost));
    LoopbackRedirectListener listener("s");
    QSignalSpy finished(&listener, &LoopbackRedirectListener::finished);
    QVERIFY(!listener.start(occupant.serverPort()));
    QCOMPARE(finished.count(), 0); // reported from the event loop, after start() returned
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(listener.error(), Error::ListenFailed);
    QVERIFY(listener.redirectUri().isEmpty());
}

QTEST_GUILESS_MAIN(TestLoopbackRedirectListener)
#include "tst_loopbackredirectlistener.moc"
