#include "CoreDecoders.h"
#include "Fixtures.h"

#include <QTest>

using namespace accessdesk;

class TestCoreDecoders final : public QObject
{
    Q_OBJECT

private slots:
    void serverInfoFromTrackersim();
    void serverInfoFromTheSpecExample();
    void serverInfoToleratesMissingAndNullFields();
    void serverInfoIsStrictOnTypes_data();
    void serverInfoIsStrictOnTypes();
    void versionGate();
    void myselfFromTrackersim();
    void myselfNeedsAName();
    void myselfWrongType();
    void permissionsAdmin();
    void permissionsNonAdmin();
    void permissionsMissingKeysAreNotHeld();
    void permissionsWrongTypes_data();
    void permissionsWrongTypes();
};

void TestCoreDecoders::serverInfoFromTrackersim()
{
    const auto info = decodeServerInfo(fixture("serverInfo.json"));
    QVERIFY2(info, qPrintable(info.error));
    QCOMPARE(info->version, QStringLiteral("9.12.7"));
    QCOMPARE(info->versionNumbers, (QList<int>{9, 12, 7}));
    QCOMPARE(info->deploymentType, QStringLiteral("Server"));
    QCOMPARE(info->buildNumber, 9012007);
    QCOMPARE(info->serverTitle, QStringLiteral("AccessDesk demo Jira (trackersim)"));
    QVERIFY(info->baseUrl.startsWith(QLatin1String("http://127.0.0.1:")));
}

void TestCoreDecoders::serverInfoFromTheSpecExample()
{
    const auto info = decodeServerInfo(
        R"({"baseUrl": "https://jira.example.com", "version": "10.3.19",
            "versionNumbers": [10, 3, 19], "deploymentType": "Server", "buildNumber": 10030019,
            "buildDate": "2026-04-03T00:00:00.000-0700", "databaseBuildNumber": 10030019,
            "serverTime": "2026-09-04T16:07:42.487-0700",
            "scmInfo": "95508b3a08ac0f09fbef8676c203b44bdc6e1a12", "serverTitle": "Example Jira"})");
    QVERIFY2(info, qPrintable(info.error));
    QCOMPARE(info->baseUrl, QStringLiteral("https://jira.example.com"));
    QCOMPARE(info->buildNumber, 10030019);
}

void TestCoreDecoders::serverInfoToleratesMissingAndNullFields()
{
    const auto info = decodeServerInfo(R"({"version": "8.20.1", "serverTitle": null,
                                            "somethingNew": {"x": [1, 2]}})");
    QVERIFY2(info, qPrintable(info.error));
    QCOMPARE(info->version, QStringLiteral("8.20.1"));
    QVERIFY(info->serverTitle.isEmpty());
    QVERIFY(info->versionNumbers.isEmpty());
    QVERIFY(info->isAtLeast(8, 14));
    QVERIFY(!info->isAtLeast(8, 22));
}

void TestCoreDecoders::serverInfoIsStrictOnTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("version as number") << QByteArray(R"({"version": 9})") << "version";
    QTest::newRow("buildNumber as string")
        << QByteArray(R"({"buildNumber": "9012007"})") << "buildNumber";
    QTest::newRow("buildNumber fraction") << QByteArray(R"({"buildNumber": 1.5})") << "buildNumber";
    QTest::newRow("buildNumber huge")
        << QByteArray(R"({"buildNumber": 123456789012345678901234567890})") << "buildNumber";
    QTest::newRow("versionNumbers not an array")
        << QByteArray(R"({"versionNumbers": "9.12.7"})") << "versionNumbers";
    QTest::newRow("versionNumbers with a string")
        << QByteArray(R"({"versionNumbers": [9, "12", 7]})") << "versionNumbers[1]";
    QTest::newRow("root is an array") << QByteArray("[]") << "serverInfo";
}

void TestCoreDecoders::serverInfoIsStrictOnTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const auto info = decodeServerInfo(json);
    QVERIFY(!info);
    QVERIFY2(info.error.startsWith(field + QLatin1Char(':')), qPrintable(info.error));
}

void TestCoreDecoders::versionGate()
{
    ServerInfo info;
    info.versionNumbers = {9, 12, 7};
    QVERIFY(info.isAtLeast(8, 22));
    QVERIFY(info.isAtLeast(9, 12));
    QVERIFY(!info.isAtLeast(9, 13));
    QVERIFY(!info.isAtLeast(10, 0));
    info.versionNumbers.clear();
    info.version = QStringLiteral("garbage");
    QVERIFY(!info.isAtLeast(1, 0));
}

void TestCoreDecoders::myselfFromTrackersim()
{
    const auto user = decodeMyself(fixture("myself.json"));
    QVERIFY2(user, qPrintable(user.error));
    QCOMPARE(*user, (UserInfo{QStringLiteral("alice"), QStringLiteral("JIRAUSER10100"),
                              QStringLiteral("Alice Able"), QStringLiteral("alice@example.test"),
                              QStringLiteral("Europe/Berlin")}));
}

void TestCoreDecoders::myselfNeedsAName()
{
    const auto user = decodeMyself(R"({"displayName": "Nobody"})");
    QVERIFY(!user);
    QVERIFY(user.error.contains(QLatin1String("neither name nor key")));
}

void TestCoreDecoders::myselfWrongType()
{
    const auto user = decodeMyself(R"({"name": "alice", "timeZone": {"id": "UTC"}})");
    QVERIFY(!user);
    QCOMPARE(user.error, QStringLiteral("timeZone: expected a string, got an object"));
}

void TestCoreDecoders::permissionsAdmin()
{
    const auto set = decodeMyPermissions(fixture("mypermissions-admin.json"));
    QVERIFY2(set, qPrintable(set.error));
    QVERIFY(set->isAdmin());
    QVERIFY(set->isSysadmin());
}

void TestCoreDecoders::permissionsNonAdmin()
{
    const auto set = decodeMyPermissions(fixture("mypermissions-alice.json"));
    QVERIFY2(set, qPrintable(set.error));
    QVERIFY(!set->isAdmin());
    QVERIFY(!set->isSysadmin());
    QCOMPARE(set->permissions.size(), 2);
}

void TestCoreDecoders::permissionsMissingKeysAreNotHeld()
{
    const auto set = decodeMyPermissions(
        R"({"permissions": {"ADMINISTER": {"havePermission": true}, "BROWSE": null}})");
    QVERIFY2(set, qPrintable(set.error));
    QVERIFY(set->isAdmin());
    QVERIFY(!set->isSysadmin());
    const auto empty = decodeMyPermissions("{}");
    QVERIFY(empty);
    QVERIFY(!empty->isAdmin());
}

void TestCoreDecoders::permissionsWrongTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("havePermission as string")
        << QByteArray(R"({"permissions": {"ADMINISTER": {"havePermission": "true"}}})")
        << "permissions.ADMINISTER.havePermission: expected a boolean, got a string";
    QTest::newRow("entry not an object")
        << QByteArray(R"({"permissions": {"ADMINISTER": true}})")
        << "permissions.ADMINISTER: expected an object, got a boolean";
    QTest::newRow("permissions an array")
        << QByteArray(R"({"permissions": []})") << "permissions: expected an object, got an array";
}

void TestCoreDecoders::permissionsWrongTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const auto set = decodeMyPermissions(json);
    QVERIFY(!set);
    QCOMPARE(set.error, error);
}

QTEST_GUILESS_MAIN(TestCoreDecoders)
#include "tst_coredecoders.moc"
