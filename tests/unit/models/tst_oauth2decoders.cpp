#include "Fixtures.h"
#include "OAuth2Decoders.h"

#include <QTest>

using namespace accessdesk;

class TestOAuth2Decoders final : public QObject
{
    Q_OBJECT

private slots:
    void clientListFromTrackersim();
    void singleClientFromTrackersim();
    void clientToleratesNullsAndExtras();
    void clientWrongTypes_data();
    void clientWrongTypes();
    void tokenResponseFromTrackersim();
    void tokenResponseErrorBody();
    void tokenResponseWrongTypes_data();
    void tokenResponseWrongTypes();
    void metadata();
};

void TestOAuth2Decoders::clientListFromTrackersim()
{
    const auto clients = decodeOAuth2Clients(fixture("oauth2-clients.json"));
    QVERIFY2(clients, qPrintable(clients.error));
    QCOMPARE(clients->size(), 1);
    const OAuth2Client &client = clients->first();
    QCOMPARE(client.id, QStringLiteral("6b1d9e2f-4c3a-4b5d-8e7f-9a0b1c2d3e4f"));
    QCOMPARE(client.clientId, QStringLiteral("d3f1a2b4c5e6f708192a3b4c5d6e7f80"));
    QCOMPARE(client.clientSecret.size(), 64);
    QCOMPARE(client.name, QStringLiteral("Deploy Dashboard"));
    QCOMPARE(client.redirects, QStringList{QStringLiteral("http://127.0.0.1:8765/callback")});
    QCOMPARE(client.userKey, QStringLiteral("JIRAUSER10000"));
    QCOMPARE(client.scope, QStringLiteral("WRITE"));
}

void TestOAuth2Decoders::singleClientFromTrackersim()
{
    const auto client = decodeOAuth2Client(fixture("oauth2-client.json"));
    const auto list = decodeOAuth2Clients(fixture("oauth2-clients.json"));
    QVERIFY2(client, qPrintable(client.error));
    QCOMPARE(*client, list->first());
}

void TestOAuth2Decoders::clientToleratesNullsAndExtras()
{
    const auto client = decodeOAuth2Client(
        R"({"id": "i", "clientId": "c", "clientSecret": null, "redirects": ["a", null, "b"],
            "newField": {"x": 1}})");
    QVERIFY2(client, qPrintable(client.error));
    QVERIFY(client->clientSecret.isEmpty());
    QCOMPARE(client->redirects, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

void TestOAuth2Decoders::clientWrongTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("redirect not a string") << QByteArray(R"([{"id": "i", "redirects": ["a", 5]}])")
                                           << "[0].redirects[1]: expected a string, got a number";
    QTest::newRow("redirects a string") << QByteArray(R"([{"id": "i", "redirects": "a"}])")
                                        << "[0].redirects: expected an array, got a string";
    QTest::newRow("no id at all") << QByteArray(R"([{"name": "x"}])")
                                  << "[0].id: the client has neither id nor clientId";
    QTest::newRow("object instead of list")
        << QByteArray(R"({"id": "i"})") << "clients: expected an array, got an object";
}

void TestOAuth2Decoders::clientWrongTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const auto clients = decodeOAuth2Clients(json);
    QVERIFY(!clients);
    QCOMPARE(clients.error, error);
}

void TestOAuth2Decoders::tokenResponseFromTrackersim()
{
    const auto token = decodeOAuth2TokenResponse(fixture("oauth2-token.json"));
    QVERIFY2(token, qPrintable(token.error));
    QVERIFY(!token->accessToken.isEmpty());
    QVERIFY(!token->refreshToken.isEmpty());
    QCOMPARE(token->tokenType, QStringLiteral("bearer"));
    QCOMPARE(token->expiresIn, 3600);
    QCOMPARE(token->scope, QStringLiteral("WRITE"));
}

void TestOAuth2Decoders::tokenResponseErrorBody()
{
    const auto token = decodeOAuth2TokenResponse(
        R"({"error": "invalid_grant", "error_description": "The code has expired"})");
    QVERIFY(!token);
    QCOMPARE(token.error,
             QStringLiteral("the token endpoint refused: invalid_grant (The code has expired)"));
}

void TestOAuth2Decoders::tokenResponseWrongTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("expires_in as string")
        << QByteArray(R"({"access_token": "a", "expires_in": "3600"})")
        << "expires_in: expected a number, got a string";
    QTest::newRow("expires_in fraction")
        << QByteArray(R"({"access_token": "a", "expires_in": 3600.5})")
        << "expires_in: expected a whole number that fits 64 bits, got 3600.5";
    QTest::newRow("no access token")
        << QByteArray(R"({"token_type": "bearer"})") << "access_token: missing";
    QTest::newRow("access token a number")
        << QByteArray(R"({"access_token": 12})") << "access_token: expected a string, got a number";
}

void TestOAuth2Decoders::tokenResponseWrongTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const auto token = decodeOAuth2TokenResponse(json);
    QVERIFY(!token);
    QCOMPARE(token.error, error);
}

void TestOAuth2Decoders::metadata()
{
    const auto metadata = decodeOAuth2Metadata(
        R"({"issuer": "https://j", "authorization_endpoint": "https://j/rest/oauth2/latest/authorize",
            "token_endpoint": "https://j/rest/oauth2/latest/token",
            "revocation_endpoint": "https://j/rest/oauth2/latest/revoke",
            "scopes_supported": ["READ", "WRITE", "ADMIN", "SYSTEM_ADMIN"],
            "grant_types_supported": ["authorization_code"], "response_modes_supported": ["query"]})");
    QVERIFY2(metadata, qPrintable(metadata.error));
    QCOMPARE(metadata->scopesSupported.size(), 4);
    QCOMPARE(metadata->revocationEndpoint, QStringLiteral("https://j/rest/oauth2/latest/revoke"));
    QVERIFY(!decodeOAuth2Metadata("{}"));
}

QTEST_GUILESS_MAIN(TestOAuth2Decoders)
#include "tst_oauth2decoders.moc"
