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
    void searchUsers();
    void searchUsersEmpty();
    void searchUsersToleratesNullAndMissing();
    void searchUsersMalformed_data();
    void searchUsersMalformed();
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

void TestPatDecoders::searchUsers()
{
    // The spec's shape (7.2), as trackersim sends it: every field present, extra ones ignored.
    const auto users = decodeTokenSearchUsers(
        R"([{"userKey": "JIRAUSER10100", "username": "alice", "fullName": "Alice Able",
             "email": "alice@example.test"},
            {"userKey": "bob", "username": "bob", "fullName": "Bob Baker",
             "email": "bob@example.test", "avatarUrl": "https://x.test/a.png"}])");
    QVERIFY2(users, qPrintable(users.error));
    QCOMPARE(*users, (QList<TokenOwner>{
                         {QStringLiteral("JIRAUSER10100"), QStringLiteral("alice"),
                          QStringLiteral("Alice Able"), QStringLiteral("alice@example.test")},
                         {QStringLiteral("bob"), QStringLiteral("bob"), QStringLiteral("Bob Baker"),
                          QStringLiteral("bob@example.test")}}));
}

void TestPatDecoders::searchUsersEmpty()
{
    const auto users = decodeTokenSearchUsers("[]");
    QVERIFY2(users, qPrintable(users.error));
    QVERIFY(users->isEmpty());
    const auto spaced = decodeTokenSearchUsers(" [ ]\n");
    QVERIFY2(spaced, qPrintable(spaced.error));
    QVERIFY(spaced->isEmpty());
}

void TestPatDecoders::searchUsersToleratesNullAndMissing()
{
    // Whether Jira omits null fields or sends null is uncertain (spec 7.1): both are "unknown".
    const auto users = decodeTokenSearchUsers(
        R"([{"userKey": "JIRAUSER10200", "username": "carol", "fullName": null, "email": null},
            null,
            {"userKey": "JIRAUSER10300"}])");
    QVERIFY2(users, qPrintable(users.error));
    QCOMPARE(users->size(), 2);
    QCOMPARE(users->at(0), (TokenOwner{QStringLiteral("JIRAUSER10200"), QStringLiteral("carol"),
                                       QString(), QString()}));
    QCOMPARE(users->at(1).userKey, QStringLiteral("JIRAUSER10300"));
    QVERIFY(users->at(1).username.isEmpty());
}

void TestPatDecoders::searchUsersMalformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty body") << QByteArray()
                                << "the server sent an empty body where JSON was expected";
    QTest::newRow("html page") << QByteArray(
                                      "<!DOCTYPE html>\n<html><head><title>Log in</title></head>"
                                      "<body><form id=\"login-form\"></form></body></html>")
                               << "the server sent an HTML page where JSON was expected";
    QTest::newRow("truncated") << QByteArray(R"([{"userKey": "JIRAUSER10100", "userna)")
                               << "the server's JSON is malformed at byte "; // the offset is Qt's
    QTest::newRow("object root") << QByteArray(R"({"values": []})")
                                 << "users: expected an array, got an object";
    QTest::newRow("item not an object")
        << QByteArray(R"(["alice"])") << "[0]: expected an object, got a string";
    QTest::newRow("userKey missing")
        << QByteArray(R"([{"userKey": "k"}, {"username": "alice"}])") << "[1].userKey: missing";
    QTest::newRow("userKey null") << QByteArray(R"([{"userKey": null}])") << "[0].userKey: missing";
    QTest::newRow("userKey a number")
        << QByteArray(R"([{"userKey": 10100}])") << "[0].userKey: expected a string, got a number";
    QTest::newRow("email an array") << QByteArray(R"([{"userKey": "k", "email": ["a@b.test"]}])")
                                    << "[0].email: expected a string, got an array";
}

void TestPatDecoders::searchUsersMalformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const auto users = decodeTokenSearchUsers(json);
    QVERIFY(!users);
    QVERIFY2(users.error.startsWith(error), qPrintable(users.error));
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
