// What a pasted "Request for Access" link is, checked against the connected server: only the
// authorisation page of that very server (same scheme, host, port and context path) with a
// request token is accepted; every other paste gets the problem a message can explain.
#include "services/AccessRequest.h"

#include <QTest>

using namespace accessdesk;
using Problem = AccessRequestLink::Problem;

Q_DECLARE_METATYPE(AccessRequestLink::Problem)

class TestAccessRequestLink final : public QObject
{
    Q_OBJECT

private slots:
    void classifies_data();
    void classifies();
    void authorizeUrlKeepsTheContextPath();
};

void TestAccessRequestLink::classifies_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("pasted");
    QTest::addColumn<Problem>("problem");
    QTest::addColumn<QString>("token");

    const QString jira = QStringLiteral("https://jira.example.test/jira");
    const QString page = jira + QStringLiteral("/plugins/servlet/oauth/authorize");
    QTest::newRow("the link") << jira << QString(page + QStringLiteral("?oauth_token=abc123"))
                              << Problem::None << QStringLiteral("abc123");
    QTest::newRow("spaces around it")
        << jira << QString(QStringLiteral("  ") + page + QStringLiteral("?oauth_token=t1 \n"))
        << Problem::None << QStringLiteral("t1");
    QTest::newRow("other parameters too")
        << jira << QString(page + QStringLiteral("?oauth_callback=oob&oauth_token=t2&x=%20y"))
        << Problem::None << QStringLiteral("t2");
    QTest::newRow("encoded token")
        << jira << QString(page + QStringLiteral("?oauth_token=a%2Bb%3D")) << Problem::None
        << QStringLiteral("a+b=");
    QTest::newRow("base with trailing slash")
        << QString(jira + QLatin1Char('/')) << QString(page + QStringLiteral("?oauth_token=t3"))
        << Problem::None << QStringLiteral("t3");

    QTest::newRow("empty") << jira << QStringLiteral("   ") << Problem::Empty << QString();
    QTest::newRow("words") << jira << QStringLiteral("please allow my app") << Problem::NotALink
                           << QString();
    QTest::newRow("ftp") << jira << QStringLiteral("ftp://jira.example.test/x") << Problem::NotALink
                         << QString();
    QTest::newRow("other host")
        << jira
        << QStringLiteral(
               "https://evil.example.test/jira/plugins/servlet/oauth/authorize?oauth_token=t")
        << Problem::OtherServer << QString();
    QTest::newRow("other port")
        << jira
        << QStringLiteral(
               "https://jira.example.test:8443/jira/plugins/servlet/oauth/authorize?oauth_token=t")
        << Problem::OtherServer << QString();
    QTest::newRow("plain http to an https server")
        << jira
        << QStringLiteral(
               "http://jira.example.test/jira/plugins/servlet/oauth/authorize?oauth_token=t")
        << Problem::OtherServer << QString();
    QTest::newRow("other context path")
        << jira
        << QStringLiteral(
               "https://jira.example.test/other/plugins/servlet/oauth/authorize?oauth_token=t")
        << Problem::OtherServer << QString();
    QTest::newRow("another page of the server")
        << jira << QString(jira + QStringLiteral("/browse/SEC-1?oauth_token=t"))
        << Problem::NotARequestForAccess << QString();
    QTest::newRow("no token") << jira << page << Problem::NoRequestToken << QString();
    QTest::newRow("empty token") << jira << QString(page + QStringLiteral("?oauth_token="))
                                 << Problem::NoRequestToken << QString();
}

void TestAccessRequestLink::classifies()
{
    QFETCH(QString, base);
    QFETCH(QString, pasted);
    QFETCH(Problem, problem);
    QFETCH(QString, token);
    const AccessRequestLink link = AccessRequestLink::parse(pasted, QUrl(base));
    QCOMPARE(link.problem, problem);
    QCOMPARE(link.requestToken, token);
}

void TestAccessRequestLink::authorizeUrlKeepsTheContextPath()
{
    QCOMPARE(
        AccessRequestLink::authorizeUrl(QUrl(QStringLiteral("https://h.test/jira/"))).toString(),
        QStringLiteral("https://h.test/jira/plugins/servlet/oauth/authorize"));
    QCOMPARE(
        AccessRequestLink::authorizeUrl(QUrl(QStringLiteral("http://127.0.0.1:8080"))).toString(),
        QStringLiteral("http://127.0.0.1:8080/plugins/servlet/oauth/authorize"));
}

QTEST_GUILESS_MAIN(TestAccessRequestLink)
#include "tst_accessrequestlink.moc"
