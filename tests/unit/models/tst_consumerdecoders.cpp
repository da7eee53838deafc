#include "ConsumerDecoders.h"
#include "Fixtures.h"

#include <QTest>

using namespace accessdesk;

class TestConsumerDecoders final : public QObject
{
    Q_OBJECT

private slots:
    void consumerListFromTrackersim();
    void authenticationEntityFromTrackersim();
    void singleConsumerWithTwoLo();
    void consumerWrongTypes_data();
    void consumerWrongTypes();
    void authProviders();
    void consumerInfoFromTrackersim();
    void consumerInfoSpecExampleWithExtrasAndPem();
    void consumerInfoVariants_data();
    void consumerInfoVariants();
    void consumerInfoRejects_data();
    void consumerInfoRejects();
};

void TestConsumerDecoders::consumerListFromTrackersim()
{
    const auto consumers = decodeConsumers(fixture("consumers.json"));
    QVERIFY2(consumers, qPrintable(consumers.error));
    QCOMPARE(consumers->size(), 1);
    const OAuthConsumer &radar = consumers->first();
    QCOMPARE(radar.key, QStringLiteral("release-radar"));
    QCOMPARE(radar.name, QStringLiteral("Release Radar"));
    QCOMPARE(radar.callback, QStringLiteral("http://radar.example.test/oauth/callback"));
    QCOMPARE(radar.signatureMethod, QStringLiteral("RSA_SHA1"));
    QVERIFY(
        radar.publicKey.startsWith(QLatin1String("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")));
    QVERIFY(!radar.twoLoAllowed);
    QVERIFY(!radar.outgoing);
}

void TestConsumerDecoders::authenticationEntityFromTrackersim()
{
    const auto authentication = decodeAppLinkAuthentication(fixture("authentication.json"));
    QVERIFY2(authentication, qPrintable(authentication.error));
    QCOMPARE(authentication->consumers.size(), 1);
    QCOMPARE(authentication->consumers.first().key,
             QStringLiteral("confluence:8d2e5f10-3a4b-3c5d-8e6f-7a8b9c0d1e02"));
    QVERIFY(authentication->consumers.first().twoLoAllowed);
    QCOMPARE(authentication->providers.size(), 1);
    QCOMPARE(authentication->providers.first().provider,
             QStringLiteral("com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider"));
    QVERIFY(authentication->providers.first().config.isEmpty());
}

void TestConsumerDecoders::singleConsumerWithTwoLo()
{
    const auto consumer = decodeConsumer(
        R"({"key": "k", "name": "N", "twoLOAllowed": true, "executingTwoLOUser": "bot",
            "twoLOImpersonationAllowed": true, "callback": null, "futureField": [1]})");
    QVERIFY2(consumer, qPrintable(consumer.error));
    QVERIFY(consumer->twoLoAllowed);
    QCOMPARE(consumer->executingTwoLoUser, QStringLiteral("bot"));
    QVERIFY(consumer->twoLoImpersonationAllowed);
    QVERIFY(consumer->callback.isEmpty());
}

void TestConsumerDecoders::consumerWrongTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("key missing") << QByteArray(R"({"consumers": [{"name": "x"}]})")
                                 << "consumers[0].key: the consumer has no key";
    QTest::newRow("twoLOAllowed as string")
        << QByteArray(R"({"consumers": [{"key": "k", "twoLOAllowed": "false"}]})")
        << "consumers[0].twoLOAllowed: expected a boolean, got a string";
    QTest::newRow("publicKey as array")
        << QByteArray(R"({"consumers": [{"key": "k", "publicKey": ["MII"]}]})")
        << "consumers[0].publicKey: expected a string, got an array";
    QTest::newRow("consumers as object") << QByteArray(R"({"consumers": {"key": "k"}})")
                                         << "consumers: expected an array, got an object";
}

void TestConsumerDecoders::consumerWrongTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const auto consumers = decodeConsumers(json);
    QVERIFY(!consumers);
    QCOMPARE(consumers.error, error);
}

void TestConsumerDecoders::authProviders()
{
    const auto providers = decodeAuthProviders(
        R"({"authenticationProviders": [
             {"link": [{"href": "x", "rel": "self"}],
              "module": "com.atlassian.applinks.oauth.auth.OAuthAuthenticatorProviderPluginModule",
              "provider": "com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider",
              "config": {"consumerKey.outbound": "jira-at-example", "unset": null}}]})");
    QVERIFY2(providers, qPrintable(providers.error));
    QCOMPARE(providers->size(), 1);
    QCOMPARE(providers->first().config.value(QStringLiteral("consumerKey.outbound")),
             QStringLiteral("jira-at-example"));
    const auto wrong = decodeAuthProviders(
        R"({"authenticationProviders": [{"provider": "p", "config": {"a": 1}}]})");
    QCOMPARE(
        wrong.error,
        QStringLiteral("authenticationProviders[0].config.a: expected a string, got a number"));
}

void TestConsumerDecoders::consumerInfoFromTrackersim()
{
    const auto info = decodeConsumerInfo(fixture("consumer-info.xml"));
    QVERIFY2(info, qPrintable(info.error));
    QVERIFY(info->key.startsWith(QLatin1String("jira:")));
    QCOMPARE(info->name, QStringLiteral("AccessDesk demo Jira (trackersim)"));
    QVERIFY(
        info->publicKey.startsWith(QLatin1String("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")));
    QVERIFY(info->description.startsWith(QLatin1String("Atlassian Jira at http://127.0.0.1:")));
    QVERIFY(info->callback.isEmpty());
}

void TestConsumerDecoders::consumerInfoSpecExampleWithExtrasAndPem()
{
    const auto info = decodeConsumerInfo(R"(<?xml version="1.0"?>
<consumer>
  <key>jira:9f3c</key>
  <unknown><nested>ignored</nested></unknown>
  <name>Example &amp; Co</name>
  <publicKey>-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3
DQEBAQUAA4GNADCB
-----END PUBLIC KEY-----</publicKey>
  <description>Atlassian Jira at https://jira.example.com</description>
  <callback>https://jira.example.com/plugins/servlet/applinks/oauth/login-dance/access</callback>
</consumer>)");
    QVERIFY2(info, qPrintable(info.error));
    QCOMPARE(info->key, QStringLiteral("jira:9f3c"));
    QCOMPARE(info->name, QStringLiteral("Example & Co"));
    QCOMPARE(info->publicKey, QStringLiteral("MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCB"));
    QVERIFY(info->callback.endsWith(QLatin1String("/access")));
}

// Variants a remote may send; each key is the same 2048-bit RSA key, written bare (SPKI) or as
// PKCS#1 inside the element. tst_rsapublickey reads every decoded key with RsaPublicKey.
void TestConsumerDecoders::consumerInfoVariants_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("publicKeyStart");

    const QString spki = QStringLiteral("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmGSPmjke34g1");
    QTest::newRow("CRLF, key wrapped and indented with tabs")
        << fixture("consumer-info-wrapped.xml") << "jira:0c3a7d0e-5b7f-4c1e-9a55-2f1d8e6b4a90"
        << "Wrapped Jira" << spki;
    QTest::newRow("PEM armour inside the element") << fixture("consumer-info-pem.xml") << "jira:pem"
                                                   << "PEM & Co Jira" << spki;
    QTest::newRow("PKCS#1 armour inside the element")
        << fixture("consumer-info-pkcs1.xml") << "jira:pkcs1"
        << "PKCS#1 Jira"
        << "MIIBCgKCAQEAmGSPmjke34g1";
    QTest::newRow("no name") << fixture("consumer-info-noname.xml") << "jira:noname" << QString()
                             << spki;
}

void TestConsumerDecoders::consumerInfoVariants()
{
    QFETCH(QByteArray, xml);
    QFETCH(QString, key);
    QFETCH(QString, name);
    QFETCH(QString, publicKeyStart);
    const auto info = decodeConsumerInfo(xml);
    QVERIFY2(info, qPrintable(info.error));
    QCOMPARE(info->key, key);
    QCOMPARE(info->name, name);
    // Bare base64 on one line: no armour, no whitespace of any kind.
    QVERIFY2(info->publicKey.startsWith(publicKeyStart), qPrintable(info->publicKey));
    QVERIFY(!info->publicKey.contains(QLatin1Char('-')));
    for (const QChar c : info->publicKey)
        QVERIFY2(!c.isSpace(), qPrintable(info->publicKey));
    QVERIFY(info->publicKey.endsWith(QLatin1String("IDAQAB")));
}

void TestConsumerDecoders::consumerInfoRejects_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QByteArray() << "empty body";
    QTest::newRow("html page") << QByteArray("<!DOCTYPE html><html><body>Oops</body></html>")
                               << "expected a <consumer> element, got <html>";
    QTest::newRow("login page (HTML, not XML)")
        << fixture("consumer-info-login.html") << "expected a <consumer> element, got <html>";
    QTest::newRow("upper-case HTML") << QByteArray("\n\n<HTML><BODY><P>Moved<BR></BODY></HTML>")
                                     << "expected a <consumer> element, got <HTML>";
    QTest::newRow("plain text") << QByteArray("Service Unavailable") << "malformed";
    QTest::newRow("truncated") << QByteArray("<consumer><key>jira:1</key><name>Jir") << "malformed";
    QTest::newRow("no key") << QByteArray("<consumer><name>Jira</name></consumer>")
                            << "consumer-info.key: missing";
    QTest::newRow("json") << QByteArray(R"({"key": "k"})") << "malformed";
}

void TestConsumerDecoders::consumerInfoRejects()
{
    QFETCH(QByteArray, xml);
    QFETCH(QString, error);
    const auto info = decodeConsumerInfo(xml);
    QVERIFY(!info);
    QVERIFY2(info.error.contains(error), qPrintable(info.error));
}

QTEST_GUILESS_MAIN(TestConsumerDecoders)
#include "tst_consumerdecoders.moc"
