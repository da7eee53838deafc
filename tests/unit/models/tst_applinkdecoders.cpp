#include "AppLinkDecoders.h"
#include "Fixtures.h"

#include <QTest>

using namespace accessdesk;

namespace {

const QString kConfluence = QStringLiteral("8d2e5f10-3a4b-3c5d-8e6f-7a8b9c0d1e02");

AppLink confluence()
{
    return AppLink{kConfluence,
                   QStringLiteral("confluence"),
                   QStringLiteral("Confluence"),
                   QStringLiteral("http://wiki.example.test"),
                   QStringLiteral("http://wiki.example.test"),
                   true,
                   false};
}

} // namespace

class TestAppLinkDecoders final : public QObject
{
    Q_OBJECT

private slots:
    void v1ListFromTrackersim();
    void v1Single();
    void v1SingleWrapped();
    void v1SystemLinkWithoutRpcUrl();
    void v3ListFromTrackersim();
    void v3Single();
    void v1AndV3AgreeOnTheSameLinks();
    void linkWithoutIdIsAnError();
    void wrongTypesNameTheField_data();
    void wrongTypesNameTheField();
    void statusWithNetworkError();
    void statusOfGenericLink();
    void statusWorking();
    void oauthStatus();
};

void TestAppLinkDecoders::v1ListFromTrackersim()
{
    const auto links = decodeAppLinksV1(fixture("applinks-v1-list.json"));
    QVERIFY2(links, qPrintable(links.error));
    QCOMPARE(links->size(), 4);
    QCOMPARE(links->at(1), confluence());
    QCOMPARE(links->at(2).typeId, QStringLiteral("generic"));
    QCOMPARE(links->at(2).primary, false);
}

void TestAppLinkDecoders::v1Single()
{
    const auto link = decodeAppLinkV1(fixture("applinks-v1-single.json"));
    QVERIFY2(link, qPrintable(link.error));
    QCOMPARE(*link, confluence());
}

void TestAppLinkDecoders::v1SingleWrapped()
{
    const auto link = decodeAppLinkV1(
        R"({"applicationLink": {"id": "x-1", "typeId": "jira", "name": "J", "isPrimary": true}})");
    QVERIFY2(link, qPrintable(link.error));
    QCOMPARE(link->id, QStringLiteral("x-1"));
    QVERIFY(link->primary);
    const auto bad = decodeAppLinkV1(R"({"applicationLink": {"id": 5}})");
    QCOMPARE(bad.error, QStringLiteral("applicationLink.id: expected a string, got a number"));
}

void TestAppLinkDecoders::v1SystemLinkWithoutRpcUrl()
{
    const auto links = decodeAppLinksV1(
        R"({"applicationLinks": [{"id": "s", "typeId": "crowd", "name": "Crowd",
            "displayUrl": "https://crowd", "isSystem": true, "isPrimary": false}, null]})");
    QVERIFY2(links, qPrintable(links.error));
    QCOMPARE(links->size(), 1);
    QVERIFY(links->first().system);
    QVERIFY(links->first().rpcUrl.isEmpty());
}

void TestAppLinkDecoders::v3ListFromTrackersim()
{
    const auto links = decodeAppLinksV3(fixture("applinks-v3-list.json"));
    QVERIFY2(links, qPrintable(links.error));
    QCOMPARE(links->size(), 5); // the four links and Deploy Dashboard's OAuth 2.0 pseudo-link
    QCOMPARE(links->at(1), confluence());
    QCOMPARE(links->last().name, QStringLiteral("Deploy Dashboard"));
    QCOMPARE(links->last().typeId, QStringLiteral("generic"));
}

void TestAppLinkDecoders::v3Single()
{
    const auto link = decodeAppLinkV3(fixture("applinks-v3-single.json"));
    QVERIFY2(link, qPrintable(link.error));
    QCOMPARE(*link, confluence());
}

void TestAppLinkDecoders::v1AndV3AgreeOnTheSameLinks()
{
    const auto v1 = decodeAppLinksV1(fixture("applinks-v1-list.json"));
    const auto v3 = decodeAppLinksV3(fixture("applinks-v3-list.json"));
    QVERIFY(v1 && v3);
    QCOMPARE(*v1, v3->mid(0, 4));
}

void TestAppLinkDecoders::linkWithoutIdIsAnError()
{
    const auto links = decodeAppLinksV3(R"([{"id": "a"}, {"name": "no id"}])");
    QVERIFY(!links);
    QCOMPARE(links.error, QStringLiteral("[1].id: the link has no id"));
}

void TestAppLinkDecoders::wrongTypesNameTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("v3");
    QTest::addColumn<QString>("error");
    QTest::newRow("v1 isPrimary as string")
        << QByteArray(R"({"applicationLinks": [{"id": "a", "isPrimary": "true"}]})") << false
        << "applicationLinks[0].isPrimary: expected a boolean, got a string";
    QTest::newRow("v1 list not an array")
        << QByteArray(R"({"applicationLinks": {"id": "a"}})") << false
        << "applicationLinks: expected an array, got an object";
    QTest::newRow("v1 item a string") << QByteArray(R"({"applicationLinks": ["a"]})") << false
                                      << "applicationLinks[0]: expected an object, got a string";
    QTest::newRow("v3 name as number") << QByteArray(R"([{"id": "a", "name": 7}])") << true
                                       << "[0].name: expected a string, got a number";
    QTest::newRow("v3 wrapped list") << QByteArray(R"({"applicationLinks": []})") << true
                                     << "applinks: expected an array, got an object";
}

void TestAppLinkDecoders::wrongTypesNameTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, v3);
    QFETCH(QString, error);
    const auto links = v3 ? decodeAppLinksV3(json) : decodeAppLinksV1(json);
    QVERIFY(!links);
    QCOMPARE(links.error, error);
}

void TestAppLinkDecoders::statusWithNetworkError()
{
    const auto status = decodeAppLinkStatus(fixture("applink-status-confluence.json"));
    QVERIFY2(status, qPrintable(status.error));
    QVERIFY(!status->working);
    QCOMPARE(status->link.id, kConfluence);
    QCOMPARE(status->link.typeId, QStringLiteral("confluence"));
    QCOMPARE(status->errorCategory, QStringLiteral("NETWORK_ERROR"));
    QCOMPARE(status->errorType, QStringLiteral("UNKNOWN_HOST"));
    QCOMPARE(status->errorDetails, QStringLiteral("wiki.example.test"));
    QVERIFY(status->localAuthentication);
    QCOMPARE(status->localAuthentication->incoming, (OAuthConfig{true, true, false}));
    QVERIFY(!status->remoteAuthentication);
}

void TestAppLinkDecoders::statusOfGenericLink()
{
    const auto status = decodeAppLinkStatus(fixture("applink-status-generic.json"));
    QVERIFY2(status, qPrintable(status.error));
    QCOMPARE(status->errorCategory, QStringLiteral("NON_ATLASSIAN"));
    QCOMPARE(status->errorType, QStringLiteral("GENERIC_LINK"));
    QCOMPARE(status->localAuthentication->outgoing, (OAuthConfig{false, false, false}));
}

void TestAppLinkDecoders::statusWorking()
{
    // The spec's example shape: details null, remoteAuthentication null, authorisationUri set.
    const auto status = decodeAppLinkStatus(
        R"({"link": {"id": "l"}, "working": false, "remoteAuthentication": null,
            "error": {"category": "ACCESS_ERROR", "type": "REMOTE_AUTH_TOKEN_REQUIRED",
                      "details": null, "authorisationUri": "https://wiki/authorize?oauth_token=t"}})");
    QVERIFY2(status, qPrintable(status.error));
    QCOMPARE(status->authorisationUri, QStringLiteral("https://wiki/authorize?oauth_token=t"));
    QVERIFY(!status->remoteAuthentication);
    const auto working = decodeAppLinkStatus(R"({"link": {"id": "l"}, "working": true})");
    QVERIFY(working && working->working && working->errorType.isEmpty());
    const auto wrong = decodeAppLinkStatus(R"({"working": "yes"})");
    QCOMPARE(wrong.error, QStringLiteral("working: expected a boolean, got a string"));
}

void TestAppLinkDecoders::oauthStatus()
{
    const auto status = decodeOAuthStatus(
        R"({"incoming": {"enabled": true, "twoLoEnabled": true, "twoLoImpersonationEnabled": true},
            "outgoing": {"enabled": false}})");
    QVERIFY2(status, qPrintable(status.error));
    QCOMPARE(status->incoming, (OAuthConfig{true, true, true}));
    QCOMPARE(status->outgoing, (OAuthConfig{}));
    const auto wrong = decodeOAuthStatus(R"({"incoming": {"enabled": 1}})");
    QCOMPARE(wrong.error, QStringLiteral("incoming.enabled: expected a boolean, got a number"));
}

QTEST_GUILESS_MAIN(TestAppLinkDecoders)
#include "tst_applinkdecoders.moc"
