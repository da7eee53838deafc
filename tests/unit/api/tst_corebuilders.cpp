// The requests of the core, PAT, access-token and session jobs, checked offline.
#include "api/AccessTokenJobs.h"
#include "api/CoreJobs.h"
#include "api/PatJobs.h"
#include "api/ServerConnection.h"
#include "api/SessionJobs.h"
#include "auth/BearerCredentials.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>
#include <QUrlQuery>

using namespace accessdesk;

class TestCoreBuilders : public QObject
{
    Q_OBJECT

private slots:
    void coreReads();
    void personalTokens();
    void tokenSearchOmitsUnsetFilters();
    void tokenUserSearch();
    void accessTokenPageAndRevokes();
    void oauth1RevokeUnderAContextPath_data();
    void oauth1RevokeUnderAContextPath();
    void sessionAndWebSudo();
    void connectionBuildsFullRequests();
};

void TestCoreBuilders::coreReads()
{
    QCOMPARE(GetServerInfo::build().path, QStringLiteral("/rest/api/2/serverInfo"));
    QCOMPARE(GetMyself::build().method, QByteArrayLiteral("GET"));
    const ApiRequest permissions = GetMyPermissions::build();
    QCOMPARE(permissions.path, QStringLiteral("/rest/api/2/mypermissions"));
    QCOMPARE(permissions.query.queryItemValue(QStringLiteral("permissions")),
             QStringLiteral("ADMINISTER,SYSTEM_ADMIN"));
    QVERIFY(permissions.body.isEmpty());
    QVERIFY(permissions.isIdempotent());
}

void TestCoreBuilders::personalTokens()
{
    QCOMPARE(ListPersonalTokens::build().path, QStringLiteral("/rest/pat/latest/tokens"));

    const ApiRequest create = CreatePersonalToken::build(QStringLiteral("ci \"bot\""), 30);
    QCOMPARE(create.method, QByteArrayLiteral("POST"));
    QCOMPARE(create.contentType, QByteArrayLiteral("application/json"));
    QCOMPARE(QJsonDocument::fromJson(create.body).object(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("ci \"bot\"")},
                          {QStringLiteral("expirationDuration"), 30}}));
    QVERIFY(!create.isIdempotent());
    // No expiry: the field is left out, not sent as null (the server's default means "never").
    QCOMPARE(
        QJsonDocument::fromJson(CreatePersonalToken::build(QStringLiteral("x"), std::nullopt).body)
            .object(),
        (QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}}));

    const ApiRequest revoke = RevokePersonalToken::build(123456789012);
    QCOMPARE(revoke.method, QByteArrayLiteral("DELETE"));
    QCOMPARE(revoke.path, QStringLiteral("/rest/pat/latest/tokens/123456789012"));
    QVERIFY(revoke.isIdempotent());

    const ApiRequest bulk = RevokePersonalTokensAsAdmin::build({1, 2});
    QCOMPARE(bulk.method, QByteArrayLiteral("DELETE"));
    QCOMPARE(bulk.path, QStringLiteral("/rest/pat/latest/admin/tokens"));
    QCOMPARE(QJsonDocument::fromJson(bulk.body).array(), (QJsonArray{1, 2}));
}

void TestCoreBuilders::tokenSearchOmitsUnsetFilters()
{
    const QJsonObject bare = QJsonDocument::fromJson(SearchPersonalTokens::build({}).body).object();
    QCOMPARE(bare, (QJsonObject{{QStringLiteral("page"), 0}, {QStringLiteral("limit"), 100}}));

    TokenSearchFilter filter;
    filter.userKeys = {QStringLiteral("JIRAUSER10100")};
    filter.nameContains = QStringLiteral("ci");
    filter.createdFrom = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    filter.used = false;
    filter.sortBy = QStringLiteral("expiringAt");
    filter.orderBy = QStringLiteral("desc");
    filter.page = 2;
    filter.limit = 10;
    const ApiRequest request = SearchPersonalTokens::build(filter);
    QCOMPARE(request.path, QStringLiteral("/rest/pat/latest/tokens/search"));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(QStringLiteral("userKeys")).toArray(),
             QJsonArray{QStringLiteral("JIRAUSER10100")});
    QCOMPARE(body.value(QStringLiteral("name")).toString(), QStringLiteral("ci"));
    QCOMPARE(body.value(QStringLiteral("tokenCreatedDateFrom")).toString(),
             QStringLiteral("2026-01-02T03:04:05Z"));
    QVERIFY(!body.contains(QStringLiteral("tokenCreatedDateTo")));
    QCOMPARE(body.value(QStringLiteral("isUsed")), QJsonValue(false));
    QCOMPARE(body.value(QStringLiteral("sortBy")).toString(), QStringLiteral("expiringAt"));
    QCOMPARE(body.value(QStringLiteral("orderBy")).toString(), QStringLiteral("desc"));
    QCOMPARE(body.value(QStringLiteral("page")).toInt(), 2);
}

void TestCoreBuilders::tokenUserSearch()
{
    const ApiRequest plain = SearchTokenUsers::build(QStringLiteral("alice"));
    QCOMPARE(plain.method, QByteArrayLiteral("GET"));
    QCOMPARE(plain.path, QStringLiteral("/rest/pat/latest/tokens/search/user"));
    QCOMPARE(plain.query.queryItemValue(QStringLiteral("contains")), QStringLiteral("alice"));
    QCOMPARE(plain.query.queryItemValue(QStringLiteral("limit")), QStringLiteral("20"));
    QVERIFY(plain.body.isEmpty());
    QVERIFY(plain.isIdempotent());
    QVERIFY(!plain.isWrite());

    // What an administrator types reaches the server as typed: '+' is not a space, '&' and '='
    // do not start new parameters, "%41" is not "A".
    const QString typed = QStringLiteral("O'Brien+Sons & co=1 %41 #x Zoë");
    QNetworkAccessManager network;
    ConnectionSettings settings;
    settings.baseUrl = QUrl(QStringLiteral("https://jira.example.test/jira"));
    ServerConnection connection(&network, settings, nullptr);
    const QUrl url = connection.urlFor(SearchTokenUsers::build(typed, 100));
    QCOMPARE(url.toString(QUrl::FullyEncoded),
             QStringLiteral("https://jira.example.test/jira/rest/pat/latest/tokens/search/user"
                            "?contains=O%27Brien%2BSons%20%26%20co%3D1%20%2541%20%23x%20Zo%C3%AB"
                            "&limit=100"));
    const QUrlQuery received(url.query(QUrl::FullyEncoded));
    QCOMPARE(received.queryItemValue(QStringLiteral("contains"), QUrl::FullyDecoded), typed);
    QCOMPARE(received.queryItemValue(QStringLiteral("limit")), QStringLiteral("100"));
}

void TestCoreBuilders::accessTokenPageAndRevokes()
{
    const ApiRequest page = FetchAccessTokensPage::build();
    QCOMPARE(page.path, QStringLiteral("/plugins/servlet/oauth/users/access-tokens"));
    QCOMPARE(page.accept, QByteArrayLiteral("text/html"));

    const ApiRequest oauth1 = RevokeOAuth1Token::build(QStringLiteral("a+b&c=d"));
    QCOMPARE(oauth1.method, QByteArrayLiteral("POST"));
    QCOMPARE(oauth1.path, QStringLiteral("/plugins/servlet/oauth/users/access-tokens"));
    QCOMPARE(oauth1.contentType, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QCOMPARE(oauth1.body, QByteArrayLiteral("token=a%2Bb%26c%3Dd"));
    const QUrl root(QStringLiteral("https://jira.example.com"));
    QCOMPARE(RevokeOAuth1Token::build(
                 QStringLiteral("t"),
                 QUrl(QStringLiteral(
                     "https://jira.example.com/plugins/servlet/oauth/users/revoke-token")),
                 root)
                 .path,
             QStringLiteral("/plugins/servlet/oauth/users/revoke-token"));

    const ApiRequest oauth2 = RevokeOAuth2Token::build(QStringLiteral("abc/def"));
    QCOMPARE(oauth2.method, QByteArrayLiteral("POST"));
    QCOMPARE(oauth2.path, QStringLiteral("/rest/oauth2/latest/revoke/abc%2Fdef"));
    QVERIFY(oauth2.body.isEmpty());
}

void TestCoreBuilders::oauth1RevokeUnderAContextPath_data()
{
    QTest::addColumn<QString>("formUrl");
    QTest::addColumn<QString>("sentTo");
    const QString servlet = QStringLiteral("http://host/jira/plugins/servlet/oauth/users/");
    QTest::newRow("revoke servlet under /jira")
        << servlet + QStringLiteral("revoke-token") << servlet + QStringLiteral("revoke-token");
    QTest::newRow("legacy page target, other query items kept")
        << servlet + QStringLiteral("access-tokens?action=revoke")
        << servlet + QStringLiteral("access-tokens?action=revoke");
    QTest::newRow("none: the default") << QString() << servlet + QStringLiteral("access-tokens");
    // Never posted to: the default servlet under the base is used instead.
    QTest::newRow("other host")
        << QStringLiteral("http://evil.example/jira/plugins/servlet/oauth/users/revoke-token")
        << servlet + QStringLiteral("access-tokens");
    QTest::newRow("other port")
        << QStringLiteral("http://host:8080/jira/plugins/servlet/oauth/users/revoke-token")
        << servlet + QStringLiteral("access-tokens");
    QTest::newRow("outside the context path")
        << QStringLiteral("http://host/plugins/servlet/oauth/users/revoke-token")
        << servlet + QStringLiteral("access-tokens");
    QTest::newRow("a sibling path that only starts alike")
        << QStringLiteral("http://host/jira2/plugins/servlet/oauth/users/revoke-token")
        << servlet + QStringLiteral("access-tokens");
    QTest::newRow("unknown path under the base")
        << QStringLiteral("http://host/jira/secure/admin/DeleteUser.jspa")
        << servlet + QStringLiteral("access-tokens");
    QTest::newRow("climbs out with dot segments")
        << QStringLiteral("http://host/jira/plugins/servlet/oauth/users/revoke-token/../../../x")
        << servlet + QStringLiteral("access-tokens");
}

void TestCoreBuilders::oauth1RevokeUnderAContextPath()
{
    // The page of a Jira at http://host/jira gives absolute addresses that already carry /jira;
    // the request path is below the base URL, so /jira must be taken off exactly once.
    QFETCH(QString, formUrl);
    QFETCH(QString, sentTo);
    ConnectionSettings settings;
    settings.baseUrl = QUrl(QStringLiteral("http://host/jira"));
    QNetworkAccessManager network;
    ServerConnection connection(&network, settings, nullptr);
    const ApiRequest request =
        RevokeOAuth1Token::build(QStringLiteral("tok"), QUrl(formUrl), settings.baseUrl);
    QCOMPARE(connection.urlFor(request).toString(), sentTo);
    QCOMPARE(request.body, QByteArrayLiteral("token=tok"));
    // The job itself reads the base URL from its connection.
    RevokeOAuth1Token job(&connection, QStringLiteral("tok"), QUrl(formUrl));
    QCOMPARE(connection.urlFor(job.request()).toString(), sentTo);
}

void TestCoreBuilders::sessionAndWebSudo()
{
    const ApiRequest login = CreateSession::build(QStringLiteral("alice"), QStringLiteral("p&ss"));
    QCOMPARE(login.path, QStringLiteral("/rest/auth/1/session"));
    QCOMPARE(
        QJsonDocument::fromJson(login.body).object().value(QStringLiteral("password")).toString(),
        QStringLiteral("p&ss"));

    const ApiRequest sudo = AcquireWebSudo::build(QStringLiteral("p&ss word"));
    QCOMPARE(sudo.path, QStringLiteral("/secure/admin/WebSudoAuthenticate.jspa"));
    QCOMPARE(sudo.body, QByteArrayLiteral("webSudoPassword=p%26ss%20word&webSudoIsPost=false"));
    QCOMPARE(DropWebSudo::build().method, QByteArrayLiteral("DELETE"));
}

void TestCoreBuilders::connectionBuildsFullRequests()
{
    QNetworkAccessManager network;
    ConnectionSettings settings;
    settings.baseUrl = QUrl(QStringLiteral("https://jira.example.test/jira/"));
    settings.timeoutMs = 1234;
    ServerConnection connection(
        &network, settings, std::make_shared<BearerCredentials>(QStringLiteral("secret-token")));
    const QNetworkRequest request = connection.networkRequest(GetMyPermissions::build());
    QCOMPARE(request.url().toString(),
             QStringLiteral("https://jira.example.test/jira/rest/api/2/"
                            "mypermissions?permissions=ADMINISTER,SYSTEM_ADMIN"));
    QCOMPARE(request.rawHeader("Authorization"), QByteArrayLiteral("Bearer secret-token"));
    QCOMPARE(request.transferTimeout(), 1234);
    QCOMPARE(request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
             int(QNetworkRequest::UserVerifiedRedirectPolicy));

    const QNetworkRequest write =
        connection.networkRequest(CreatePersonalToken::build(QStringLiteral("x"), 1));
    QCOMPARE(write.header(QNetworkRequest::ContentTypeHeader).toByteArray(),
             QByteArrayLiteral("application/json"));
    QCOMPARE(write.rawHeader("X-Atlassian-Token"), QByteArrayLiteral("no-check"));

    QVERIFY(!connection.acceptsCertificate(QSslCertificate()));

    // Escapes in a path segment reach the wire once, not twice.
    QCOMPARE(
        connection.urlFor(RevokeOAuth2Token::build(QStringLiteral("a/b c%")))
            .toString(QUrl::FullyEncoded),
        QStringLiteral("https://jira.example.test/jira/rest/oauth2/latest/revoke/a%2Fb%20c%25"));
}

QTEST_GUILESS_MAIN(TestCoreBuilders)
#include "tst_corebuilders.moc"
