#include "AccessGrant.h"
#include "Fixtures.h"
#include "PatDecoders.h"

#include <QTest>

using namespace accessdesk;

class TestPatDecoders final : public QObject
{
    Q_OBJECT

private slots:
    void listFromTrackersim();
    void singleFromTrackersim();
    void createdFromTrackersim();
    void createdWithoutRawTokenIsAnError();
    void specExampleAndNulls();
    void searchPageFromTrackersim();
    void searchPageDefaults();
    void wrongTypes_data();
    void wrongTypes();
    void asAccessGrant();
    void grantKindNames();
};

void TestPatDecoders::listFromTrackersim()
{
    const auto tokens = decodePersonalTokens(fixture("pat-list.json"));
    QVERIFY2(tokens, qPrintable(tokens.error));
    QCOMPARE(tokens->size(), 2);
    const PersonalToken &laptop = tokens->at(0);
    QCOMPARE(laptop.id, Q_INT64_C(175094922064));
    QCOMPARE(laptop.name, QStringLiteral("laptop-cli"));
    QCOMPARE(laptop.createdAt, utc("2026-09-02T10:47:11.937Z"));
    QCOMPARE(laptop.expiresAt, utc("2026-12-01T10:47:11.937Z"));
    QCOMPARE(laptop.lastUsedAt, utc("2026-11-27T10:47:11.937Z"));
    QVERIFY(laptop.rawToken.isEmpty());
    QVERIFY(!laptop.owner);
    const PersonalToken &ci = tokens->at(1);
    QCOMPARE(ci.name, QStringLiteral("ci-pipeline"));
    QVERIFY(!ci.expiresAt); // 9999-12-31: never
    QVERIFY(!ci.lastUsedAt);
}

void TestPatDecoders::singleFromTrackersim()
{
    const auto token = decodePersonalToken(fixture("pat-single.json"));
    QVERIFY2(token, qPrintable(token.error));
    QCOMPARE(*token, decodePersonalTokens(fixture("pat-list.json"))->first());
}

void TestPatDecoders::createdFromTrackersim()
{
    const auto token = decodeCreatedPersonalToken(fixture("pat-created.json"));
    QVERIFY2(token, qPrintable(token.error));
    QCOMPARE(token->name, QStringLiteral("fixture"));
    QCOMPARE(token->rawToken.size(), 44); // base64 of 33 bytes
    QCOMPARE(token->createdAt.daysTo(*token->expiresAt), 30);
}

void TestPatDecoders::createdWithoutRawTokenIsAnError()
{
    const auto token = decodeCreatedPersonalToken(fixture("pat-single.json"));
    QVERIFY(!token);
    QVERIFY(token.error.startsWith(QLatin1String("rawToken: missing")));
}

void TestPatDecoders::specExampleAndNulls()
{
    const auto token = decodePersonalToken(
        R"({"id": 101, "name": "desktop-admin", "createdAt": "2025-05-02T09:15:30.123+00:00",
            "expiringAt": "2025-07-31T09:15:30.123+00:00", "lastAccessedAt": null,
            "rawToken": null, "userProfileResource": null, "somethingNew": true})");
    QVERIFY2(token, qPrintable(token.error));
    QCOMPARE(token->id, 101);
    QCOMPARE(token->createdAt, utc("2025-05-02T09:15:30.123Z"));
    QVERIFY(!token->lastUsedAt);
    QVERIFY(!token->owner);
}

void TestPatDecoders::searchPageFromTrackersim()
{
    const auto page = decodeTokenSearchPage(fixture("pat-search.json"));
    QVERIFY2(page, qPrintable(page.error));
    QCOMPARE(page->values.size(), 3);
    QCOMPARE(page->page, 0);
    QCOMPARE(page->size, 3);
    QVERIFY(!page->isLastPage);
    QCOMPARE(page->totalPages, 2);
    QCOMPARE(page->values.at(0).owner,
             (TokenOwner{QStringLiteral("JIRAUSER10100"), QStringLiteral("alice"),
                         QStringLiteral("Alice Able"), QStringLiteral("alice@example.test")}));
    QCOMPARE(page->values.at(2).owner->username, QStringLiteral("bob"));
}

void TestPatDecoders::searchPageDefaults()
{
    const auto empty = decodeTokenSearchPage(R"({"values": []})");
    QVERIFY2(empty, qPrintable(empty.error));
    QVERIFY(empty->isLastPage);
    QCOMPARE(empty->totalPages, 1);
    const auto negative = decodeTokenSearchPage(R"({"values": [], "page": -1})");
    QCOMPARE(negative.error, QStringLiteral("page: out of range: -1"));
}

void TestPatDecoders::wrongTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("id as string") << QByteArray(R"([{"id": "101", "name": "n"}])")
                                  << "[0].id: expected a number, got a string";
    QTest::newRow("id missing") << QByteArray(R"([{"name": "n"}])") << "[0].id: missing";
    QTest::newRow("id too big for 64 bits")
        << QByteArray(R"([{"id": 99999999999999999999, "name": "n"}])")
        << "[0].id: expected a whole number that fits 64 bits, got 1e+20";
    QTest::newRow("id fractional") << QByteArray(R"([{"id": 1.25}])")
                                   << "[0].id: expected a whole number that fits 64 bits, got 1.25";
    QTest::newRow("date as number") << QByteArray(R"([{"id": 1, "createdAt": 1714641330123}])")
                                    << "[0].createdAt: expected a string, got a number";
    QTest::newRow("date unparsable") << QByteArray(R"([{"id": 1, "expiringAt": "next week"}])")
                                     << "[0].expiringAt: expected a date-time, got \"next week\"";
    QTest::newRow("owner not an object")
        << QByteArray(R"([{"id": 1, "userProfileResource": "alice"}])")
        << "[0].userProfileResource: expected an object, got a string";
    QTest::newRow("owner field wrong")
        << QByteArray(R"([{"id": 1, "userProfileResource": {"username": false}}])")
        << "[0].userProfileResource.username: expected a string, got a boolean";
    QTest::newRow("wrapped list") << QByteArray(R"({"values": []})")
                                  << "tokens: expected an array, got an object";
}

void TestPatDecoders::wrongTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const auto tokens = decodePersonalTokens(json);
    QVERIFY(!tokens);
    QCOMPARE(tokens.error, error);
}

void TestPatDecoders::asAccessGrant()
{
    const auto tokens = decodePersonalTokens(fixture("pat-list.json"));
    QVERIFY(tokens);
    const AccessGrant grant = toAccessGrant(tokens->first());
    QCOMPARE(grant.kind, GrantKind::PersonalToken);
    QCOMPARE(grant.id, QStringLiteral("175094922064"));
    QCOMPARE(grant.revokeKey, grant.id);
    QCOMPARE(grant.application, QStringLiteral("laptop-cli"));
    QCOMPARE(grant.issuedAt, tokens->first().createdAt);
    QCOMPARE(grant.expiresAt, tokens->first().expiresAt);
    QCOMPARE(grant.lastUsedAt, tokens->first().lastUsedAt);
    QVERIFY(grant.scopes.isEmpty());
    QVERIFY(grant.revokeUrl.isEmpty());
}

void TestPatDecoders::grantKindNames()
{
    QCOMPARE(grantKindName(GrantKind::OAuth1), QStringLiteral("oauth1"));
    QCOMPARE(grantKindName(GrantKind::OAuth2), QStringLiteral("oauth2"));
    QCOMPARE(grantKindName(GrantKind::PersonalToken), QStringLiteral("pat"));
    QCOMPARE(grantKindFromName(QStringLiteral("oauth2")), GrantKind::OAuth2);
    QVERIFY(!grantKindFromName(QStringLiteral("OAuth2")));
}

QTEST_GUILESS_MAIN(TestPatDecoders)
#include "tst_patdecoders.moc"
