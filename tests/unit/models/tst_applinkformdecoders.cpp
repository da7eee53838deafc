// The create wizard's answer (spec 3.4 (26)), recorded from trackersim, and what is not one.
#include "AppLinkFormDecoders.h"
#include "Fixtures.h"

#include <QTest>

using namespace accessdesk;

class TestAppLinkFormDecoders final : public QObject
{
    Q_OBJECT

private slots:
    void createdTwoWayLink();
    void autoConfigurationAbsentReadsFalse();
    void errorBodiesAreNoAnswer_data();
    void errorBodiesAreNoAnswer();
    void wrongTypesNameTheField_data();
    void wrongTypesNameTheField();
};

void TestAppLinkFormDecoders::createdTwoWayLink()
{
    const auto created = decodeCreatedAppLinkForm(fixture("applink-form-created.json"));
    QVERIFY2(created, qPrintable(created.error));
    const AppLink expected{QStringLiteral("1abef1ce-82fd-3dab-9ba9-9a54de2c4c04"),
                           QStringLiteral("confluence"),
                           QStringLiteral("Docs Wiki"),
                           QStringLiteral("http://docswiki.example.test"),
                           QStringLiteral("http://docswiki.example.test"),
                           false,
                           false};
    QCOMPARE(created->link, expected);
    // trackersim never reaches the remote, so OAuth could not be set up on both ends.
    QCOMPARE(created->autoConfigurationSuccessful, false);
}

void TestAppLinkFormDecoders::autoConfigurationAbsentReadsFalse()
{
    const auto created = decodeCreatedAppLinkForm(
        R"({"applicationLink": {"id": "x-1", "typeId": "jira", "name": "J",
            "rpcUrl": "https://j.test", "displayUrl": "https://j.test"}})");
    QVERIFY2(created, qPrintable(created.error));
    QCOMPARE(created->link.id, QStringLiteral("x-1"));
    QVERIFY(!created->autoConfigurationSuccessful);

    const auto configured = decodeCreatedAppLinkForm(
        R"({"applicationLink": {"id": "x-1"}, "autoConfigurationSuccessful": true})");
    QVERIFY2(configured, qPrintable(configured.error));
    QVERIFY(configured->autoConfigurationSuccessful);
}

void TestAppLinkFormDecoders::errorBodiesAreNoAnswer_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("E3 authorization") << fixture("applink-form-error-authorization.json");
    QTest::newRow("E3 same-userbase") << fixture("applink-form-error-same-userbase.json");
    QTest::newRow("E2") << QByteArray(R"({"status-code": 500, "message": "remote failed"})");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("html") << QByteArray("<html><body>Login</body></html>");
    QTest::newRow("array") << QByteArray("[]");
}

void TestAppLinkFormDecoders::errorBodiesAreNoAnswer()
{
    QFETCH(QByteArray, body);
    const auto created = decodeCreatedAppLinkForm(body);
    QVERIFY(!created);
    QVERIFY(!created.error.isEmpty());
}

void TestAppLinkFormDecoders::wrongTypesNameTheField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("flag") << QByteArray(R"({"applicationLink": {"id": "a"},
                                            "autoConfigurationSuccessful": "yes"})")
                          << QStringLiteral("autoConfigurationSuccessful");
    QTest::newRow("link id") << QByteArray(R"({"applicationLink": {"id": 7},
                                               "autoConfigurationSuccessful": true})")
                             << QStringLiteral("id");
    QTest::newRow("no id") << QByteArray(R"({"applicationLink": {"name": "n"},
                                             "autoConfigurationSuccessful": true})")
                           << QStringLiteral("id");
}

void TestAppLinkFormDecoders::wrongTypesNameTheField()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const auto created = decodeCreatedAppLinkForm(body);
    QVERIFY(!created);
    QVERIFY2(created.error.contains(field), qPrintable(created.error));
}

QTEST_GUILESS_MAIN(TestAppLinkFormDecoders)
#include "tst_applinkformdecoders.moc"
