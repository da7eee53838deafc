#include "AccessTokensPage.h"
#include "Fixtures.h"
#include "WebUrl.h"

#include <QElapsedTimer>
#include <QTest>

using namespace accessdesk;

namespace {

const QUrl
    kPageUrl(QStringLiteral("http://127.0.0.1:39645/plugins/servlet/oauth/users/access-tokens"));
const QTimeZone kBerlin(QByteArrayLiteral("Europe/Berlin")); // alice's zone in trackersim

const QString kBambooToken = QStringLiteral("qwbU6gIpmnWdMMbXEjNVYGjjBhS58AbO");
const QString kRadarToken = QStringLiteral("frx9IpmJPIJxXvOEL439j9uUFqYODi1O");
const QString kDashboardId = QStringLiteral("610421c7438fa90fabe06ae21b4c2edd");
const QUrl kDashboardRevoke(QStringLiteral(
    "http://127.0.0.1:39645/rest/oauth2/latest/revoke/610421c7438fa90fabe06ae21b4c2edd"));

QDateTime toMinute(const QDateTime &when)
{
    return when.addSecs(-(when.time().second())).addMSecs(-when.time().msec());
}

// What every markup of the page carries: identity, kind, name, link, the authorisation time
// (text shows minutes only), scopes and how to revoke. Descriptions, expiry dates and OAuth 1.0a
// revoke targets differ between layouts and are checked per layout.
void compareCommon(const AccessGrant &actual, const AccessGrant &expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.application, expected.application);
    QCOMPARE(actual.applicationUrl, expected.applicationUrl);
    QCOMPARE(toMinute(actual.issuedAt), toMinute(expected.issuedAt));
    QCOMPARE(actual.scopes, expected.scopes);
    QCOMPARE(actual.revokeKey, expected.revokeKey);
    QVERIFY(!actual.lastUsedAt);
    if (expected.kind == GrantKind::OAuth2)
        QCOMPARE(actual.revokeUrl, expected.revokeUrl);
}

QByteArray page(const QByteArray &body)
{
    return "<!DOCTYPE html><html><head><title>OAuth Access Tokens</title></head><body>" + body +
           "</body></html>";
}

} // namespace

class TestAccessTokensPage final : public QObject
{
    Q_OBJECT

private slots:
    void trackersimPage();
    void threeMarkupsDecodeToTheSameGrants_data();
    void threeMarkupsDecodeToTheSameGrants();
    void jira8TableSpecifics();
    void cardLayoutSpecifics();
    void textDatesAreInTheUsersZone();
    void emptyPage();
    void rowVariants_data();
    void rowVariants();
    void lastUsedAndNeverExpires();
    void notTheTokensPage_data();
    void notTheTokensPage();
    void rowsWinOverAnEmbeddedLoginForm();
    void truncatedPageKeepsWholeRows();
    void deeplyNestedPageDoesNotCrash();
    void hundredThousandNestedDivsAreRefusedQuickly();
    void existingFixturesHaveNoUnreadableRows_data();
    void existingFixturesHaveNoUnreadableRows();
    void markupVariants_data();
    void markupVariants();
    void placeholderHrefNoLongerHidesTheAddress();
    void revokeAllIsNoGrant();
    void twoTokensOnOneControlAreReported();
    void excerptsNeverShowTokens();
    void manyRowsAreReadInLinearTime();
    void pathBelowTheBase_data();
    void pathBelowTheBase();
};

void TestAccessTokensPage::trackersimPage()
{
    const auto decoded =
        decodeAccessTokensPage(fixture("access-tokens-trackersim.html"), kBerlin, kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QCOMPARE(decoded->atlToken, QStringLiteral("1a45773273167182f2e9fa3f1c968ef3493d4fa1|lin"));
    const QList<AccessGrant> &grants = decoded->grants;
    QCOMPARE(grants.size(), 3);

    const QUrl servlet(
        QStringLiteral("http://127.0.0.1:39645/plugins/servlet/oauth/users/revoke-token"));
    AccessGrant bamboo;
    bamboo.id = bamboo.revokeKey = kBambooToken;
    bamboo.kind = GrantKind::OAuth1;
    bamboo.application = QStringLiteral("Bamboo");
    bamboo.applicationUrl = QStringLiteral("http://bamboo.example.test:8085");
    bamboo.issuedAt = utc("2026-10-29T10:47:14.941Z"); // from data-issued, to the millisecond
    bamboo.revokeUrl = servlet;
    QCOMPARE(grants.at(0), bamboo);

    QCOMPARE(grants.at(1).id, kRadarToken);
    QCOMPARE(grants.at(1).application, QStringLiteral("Release Radar"));
    QCOMPARE(grants.at(1).applicationUrl, QStringLiteral("https://radar.example.test/about"));
    QCOMPARE(grants.at(1).issuedAt, utc("2026-11-25T10:47:14.941Z"));
    QCOMPARE(grants.at(1).revokeUrl, servlet);

    const AccessGrant &dashboard = grants.at(2);
    QCOMPARE(dashboard.kind, GrantKind::OAuth2);
    QCOMPARE(dashboard.id, kDashboardId);
    QCOMPARE(dashboard.application, QStringLiteral("Deploy Dashboard"));
    QCOMPARE(dashboard.applicationUrl, QStringLiteral("http://127.0.0.1:8765/callback"));
    QCOMPARE(dashboard.issuedAt, utc("2026-11-21T10:47:14.941Z"));
    QCOMPARE(dashboard.scopes, (QStringList{QStringLiteral("READ"), QStringLiteral("WRITE")}));
    QCOMPARE(dashboard.revokeUrl, kDashboardRevoke);
    QVERIFY(!dashboard.expiresAt);
}

void TestAccessTokensPage::threeMarkupsDecodeToTheSameGrants_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::newRow("jira 8 table") << fixture("access-tokens-jira8-table.html");
    QTest::newRow("cards") << fixture("access-tokens-cards.html");
}

void TestAccessTokensPage::threeMarkupsDecodeToTheSameGrants()
{
    QFETCH(QByteArray, html);
    const auto reference =
        decodeAccessTokensPage(fixture("access-tokens-trackersim.html"), kBerlin, kPageUrl);
    const auto decoded = decodeAccessTokensPage(html, kBerlin, kPageUrl);
    QVERIFY2(reference, qPrintable(reference.error));
    QVERIFY2(decoded, qPrintable(decoded.error));
    QCOMPARE(decoded->grants.size(), reference->grants.size());
    for (qsizetype i = 0; i < decoded->grants.size(); ++i) {
        compareCommon(decoded->grants.at(i), reference->grants.at(i));
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(QStringLiteral("grant %1 differs").arg(i)));
    }
}

void TestAccessTokensPage::jira8TableSpecifics()
{
    const auto decoded =
        decodeAccessTokensPage(fixture("access-tokens-jira8-table.html"), kBerlin, kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QCOMPARE(decoded->atlToken, QStringLiteral("b7d2c0ffee1a2b3c4d5e6f708192a3b4c5d6e7f8|lin"));
    const AccessGrant &bamboo = decoded->grants.at(0);
    QCOMPARE(bamboo.description,
             QStringLiteral("Atlassian Bamboo at http://bamboo.example.test:8085"));
    QCOMPARE(bamboo.issuedAt, utc("2026-10-29T10:47:00Z"));
    QCOMPARE(bamboo.expiresAt, utc("2031-10-28T10:47:00Z"));
    // The link's token query is dropped (the token goes in the POST body); other items stay.
    QCOMPARE(
        bamboo.revokeUrl,
        QUrl(QStringLiteral(
            "http://127.0.0.1:39645/plugins/servlet/oauth/users/access-tokens?action=revoke")));
    QCOMPARE(decoded->grants.at(2).expiresAt, utc("2027-02-19T10:47:00Z"));
}

void TestAccessTokensPage::cardLayoutSpecifics()
{
    const auto decoded =
        decodeAccessTokensPage(fixture("access-tokens-cards.html"), kBerlin, kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    const QList<AccessGrant> &grants = decoded->grants;
    QCOMPARE(grants.at(0).issuedAt, utc("2026-10-29T10:47:14.941Z")); // <time datetime>
    QCOMPARE(grants.at(1).description,
             QStringLiteral("Release Radar reads your issues to plan releases. "
                            "https://radar.example.test/about"));
    QCOMPARE(grants.at(1).revokeUrl, kPageUrl);
    QVERIFY(grants.at(0).revokeUrl.isEmpty()); // a bare data-token button: the default applies
}

void TestAccessTokensPage::textDatesAreInTheUsersZone()
{
    const QByteArray html = fixture("access-tokens-jira8-table.html");
    const auto berlin = decodeAccessTokensPage(html, kBerlin, kPageUrl);
    const auto utcZone = decodeAccessTokensPage(html, QTimeZone::utc(), kPageUrl);
    QVERIFY(berlin && utcZone);
    QCOMPARE(berlin->grants.at(0).issuedAt.secsTo(utcZone->grants.at(0).issuedAt), 3600);
}

void TestAccessTokensPage::emptyPage()
{
    const auto decoded =
        decodeAccessTokensPage(fixture("access-tokens-empty.html"), kBerlin, kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QVERIFY(decoded->grants.isEmpty());
}

void TestAccessTokensPage::rowVariants_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("application");
    QTest::addColumn<QDateTime>("issued");
    QTest::addColumn<bool>("oauth2");

    QTest::newRow("div with data-consumer-name and ISO data attribute")
        << page(R"(<div class="row" data-consumer-name="Tool">
                     <span data-authorised="2026-01-02T03:04:05Z">2 Jan</span>
                     <form action="revoke"><input type="hidden" name="token" value="T1"></form>
                   </div>)")
        << "T1"
        << "Tool" << utc("2026-01-02T03:04:05Z") << false;
    QTest::newRow("heading names a section")
        << page(R"(<section><h4>Build Bot</h4><p>Granted 02/Jan/26 3:04 AM</p>
                   <a href="?token=T2">Revoke</a></section>
                   <section><h4>Other</h4><a href="?token=T3">Revoke</a></section>)")
        << "T2"
        << "Build Bot" << utc("2026-01-02T03:04:00Z") << false;
    QTest::newRow("oauth2 revoke link only, first cell name, th row header")
        << page(R"(<table><tr><th>App</th><th>When</th><th></th></tr>
                   <tr><th scope="row">CI</th><td>2026-01-02 03:04</td>
                   <td><a href="/rest/oauth2/1.0/revoke/abc">x</a></td></tr></table>)")
        << "abc"
        << "CI" << utc("2026-01-02T03:04:00Z") << true;
    QTest::newRow("data-oauth2 flag and title date")
        << page(R"(<ul><li data-token="Z9" data-oauth2="TRUE"><b>Zed</b>
                   <span title="02/Jan/26 03:04">a while ago</span></li></ul>)")
        << "Z9"
        << "Zed" << utc("2026-01-02T03:04:00Z") << true;
}

void TestAccessTokensPage::rowVariants()
{
    QFETCH(QByteArray, html);
    QFETCH(QString, id);
    QFETCH(QString, application);
    QFETCH(QDateTime, issued);
    QFETCH(bool, oauth2);
    const auto decoded = decodeAccessTokensPage(html, QTimeZone::utc(), kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QVERIFY(!decoded->grants.isEmpty());
    const AccessGrant &grant = decoded->grants.first();
    QCOMPARE(grant.id, id);
    QCOMPARE(grant.application, application);
    QCOMPARE(grant.issuedAt, issued);
    QCOMPARE(grant.kind, oauth2 ? GrantKind::OAuth2 : GrantKind::OAuth1);
}

void TestAccessTokensPage::lastUsedAndNeverExpires()
{
    const auto decoded = decodeAccessTokensPage(
        page(R"(<table><thead><tr><th>Consumer</th><th>Issued</th><th>Expires</th>
                <th>Last used</th><th>Scopes</th></tr></thead>
                <tbody><tr data-token="L1"><td>Lister</td><td>01/Feb/26 10:00</td>
                <td>Never</td><td>03/Feb/26 11:30 PM</td><td><code>READ</code></td></tr></tbody></table>)"),
        QTimeZone::utc(), kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    const AccessGrant &grant = decoded->grants.first();
    QCOMPARE(grant.issuedAt, utc("2026-02-01T10:00:00Z"));
    QVERIFY(!grant.expiresAt);
    QCOMPARE(grant.lastUsedAt, utc("2026-02-03T23:30:00Z"));
    QCOMPARE(grant.scopes, QStringList{QStringLiteral("READ")});
}

void TestAccessTokensPage::notTheTokensPage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QByteArray("  \n") << "empty body";
    QTest::newRow("json") << QByteArray(R"({"errorMessages": ["nope"]})") << "JSON";
    QTest::newRow("login page") << QByteArray(
                                       R"(<html><title>Log in</title><form action="/login.jsp">
                         <input name="os_username"><input type="password" name="os_password">
                         </form></html>)")
                                << "login page";
    QTest::newRow("server error page")
        << QByteArray("<html><head><title>500 Internal Server Error</title></head>"
                      "<body><h1>Oops, you've found a dead link.</h1></body></html>")
        << "not the OAuth access tokens page";
    QTest::newRow("binary garbage")
        << QByteArray("\x01\x02\xff\xfe<\x00>", 7) << "not the OAuth access tokens page";
}

void TestAccessTokensPage::notTheTokensPage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const auto decoded = decodeAccessTokensPage(body, QTimeZone::utc(), kPageUrl);
    QVERIFY(!decoded);
    QVERIFY2(decoded.error.contains(error), qPrintable(decoded.error));
}

void TestAccessTokensPage::rowsWinOverAnEmbeddedLoginForm()
{
    // Jira pages can carry a hidden websudo/login dialog; rows still prove it is the right page.
    const auto decoded = decodeAccessTokensPage(
        page(R"(<div id="login-dialog" hidden><input type="password" name="webSudoPassword"></div>
                <ul><li data-token="K1"><h3>Kept</h3></li></ul>)"),
        QTimeZone::utc(), kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QCOMPARE(decoded->grants.size(), 1);
}

void TestAccessTokensPage::truncatedPageKeepsWholeRows()
{
    const QByteArray full = fixture("access-tokens-trackersim.html");
    const QByteArray cut = full.left(full.indexOf("Release Radar") + 5);
    const auto decoded = decodeAccessTokensPage(cut, kBerlin, kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QVERIFY(decoded->grants.size() >= 1);
    QCOMPARE(decoded->grants.first().id, kBambooToken);
    QCOMPARE(decoded->grants.first().application, QStringLiteral("Bamboo"));
}

void TestAccessTokensPage::deeplyNestedPageDoesNotCrash()
{
    // Deep, but within what is read: the row at the bottom is found.
    QByteArray html = "<html><title>tokens</title><body>";
    html += QByteArray("<div>").repeated(400);
    html += R"(<span data-token="deep">Deep</span>)";
    const auto decoded = decodeAccessTokensPage(html, QTimeZone::utc(), kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QCOMPARE(decoded->grants.size(), 1);
    QCOMPARE(decoded->grants.first().id, QStringLiteral("deep"));
}

void TestAccessTokensPage::hundredThousandNestedDivsAreRefusedQuickly()
{
    // gumbo 0.10 needs about a minute for this and recurses when freeing it; the page is refused
    // before gumbo sees it, with a reason, and at once.
    QByteArray html = "<html><title>tokens</title><body>";
    html += QByteArray("<div>").repeated(100000);
    html += R"(<span data-token="deep">Deep</span>)";
    QElapsedTimer timer;
    timer.start();
    const auto decoded = decodeAccessTokensPage(html, QTimeZone::utc(), kPageUrl);
    QVERIFY(!decoded);
    QVERIFY2(decoded.error.contains(QLatin1String("nested too deeply")), qPrintable(decoded.error));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    // Unclosed elements that close themselves (<p>, <li>, <td>) or never hold anything (<br>)
    // do not count: a long flat page is read.
    QByteArray flat = "<html><title>tokens</title><body><ul>";
    for (int i = 0; i < 3000; ++i)
        flat += "<li><p>row<br><img src=x>";
    flat += R"(<li data-token="flat">Flat</ul>)";
    const auto flatDecoded = decodeAccessTokensPage(flat, QTimeZone::utc(), kPageUrl);
    QVERIFY2(flatDecoded, qPrintable(flatDecoded.error));
    QCOMPARE(flatDecoded->grants.size(), 1);
}

void TestAccessTokensPage::existingFixturesHaveNoUnreadableRows_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"access-tokens-trackersim.html", "access-tokens-jira8-table.html",
                             "access-tokens-cards.html", "access-tokens-empty.html"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestAccessTokensPage::existingFixturesHaveNoUnreadableRows()
{
    QFETCH(QString, name);
    const auto decoded =
        decodeAccessTokensPage(fixture(name.toLatin1().constData()), kBerlin, kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    for (const UnreadableGrantRow &row : decoded->unreadable)
        qWarning() << row.reason << row.excerpt;
    QVERIFY(decoded->unreadable.isEmpty());
    QCOMPARE(decoded->pageUrl, kPageUrl);
}

namespace {

// One expected grant: id, application, kind, where its token is posted ("" for the default).
struct Expected
{
    QString id;
    QString application;
    GrantKind kind;
    QString revokeUrl;
};

} // namespace

Q_DECLARE_METATYPE(QList<Expected>)

void TestAccessTokensPage::markupVariants_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QUrl>("pageUrl");
    QTest::addColumn<QList<Expected>>("grants");
    QTest::addColumn<QStringList>("unreadable"); // a word of each excerpt, in page order
    QTest::addColumn<QStringList>("reasons");    // a word of each reason, in page order

    const QString base = QStringLiteral("http://127.0.0.1:39645");
    const QString servlet = base + QStringLiteral("/plugins/servlet/oauth/users/");
    const auto oauth1 = GrantKind::OAuth1;
    QTest::newRow("table, placeholder links, data-revoke-url and data-href, ids")
        << QStringLiteral("access-tokens-placeholder-href.html") << kPageUrl
        << QList<Expected>{{QStringLiteral("PHa1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"),
                            QStringLiteral("Build Farm"), oauth1,
                            servlet + QStringLiteral("access-tokens")},
                           {QStringLiteral("PHf6e5d4c3b2a1f6e5d4c3b2a1f6e5d4c3"),
                            QStringLiteral("Wiki Sync"), oauth1,
                            servlet + QStringLiteral("revoke-token")}}
        << QStringList() << QStringList();
    QTest::newRow("table, forms and buttons, no ids, a form without its token")
        << QStringLiteral("access-tokens-table-forms.html") << kPageUrl
        << QList<Expected>{{QStringLiteral("TFrelbot0000111122223333444455556"),
                            QStringLiteral("Release Bot"), oauth1,
                            servlet + QStringLiteral("revoke-token")},
                           {QStringLiteral("TFtimetr0000111122223333444455557"),
                            QStringLiteral("Time Tracker"), oauth1,
                            servlet + QStringLiteral("revoke-token")}}
        << QStringList{QStringLiteral("Broken Consumer")}
        << QStringList{QStringLiteral("revoke control but no token")};
    QTest::newRow("list, data-token on buttons, script placeholders, an item without either")
        << QStringLiteral("access-tokens-list.html") << kPageUrl
        << QList<Expected>{{QStringLiteral("LIcirunner0011223344556677889900a"),
                            QStringLiteral("CI Runner"), oauth1, QString()},
                           {QStringLiteral("LIteamchat0011223344556677889900b"),
                            QStringLiteral("Team Chat"), oauth1, QString()}}
        << QStringList{QStringLiteral("Ghost Reporter")}
        << QStringList{QStringLiteral("in the list of grants")};
    QTest::newRow("cards, data-token-id and data-revoke-url, OAuth 2.0, a card without token")
        << QStringLiteral("access-tokens-cards-data.html") << kPageUrl
        << QList<Expected>{{QStringLiteral("CDmonitor00112233445566778899aabb"),
                            QStringLiteral("Uptime Monitor"), oauth1,
                            servlet + QStringLiteral("revoke-token")},
                           {QStringLiteral("0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
                            QStringLiteral("Mobile App"), GrantKind::OAuth2,
                            base +
                                QStringLiteral(
                                    "/rest/oauth2/latest/revoke/0a1b2c3d4e5f60718293a4b5c6d7e8f9")}}
        << QStringList{QStringLiteral("Forgotten Script")}
        << QStringList{QStringLiteral("revoke control but no token")};
    const QString jira = QStringLiteral("http://jira.example.test/jira");
    QTest::newRow("Jira under /jira: addresses keep the context path once")
        << QStringLiteral("access-tokens-context-path.html")
        << QUrl(jira + QStringLiteral("/plugins/servlet/oauth/users/access-tokens"))
        << QList<Expected>{{QStringLiteral("CPbamboo0123456789abcdef01234567"),
                            QStringLiteral("Bamboo"), oauth1,
                            jira + QStringLiteral("/plugins/servlet/oauth/users/revoke-token")},
                           {QStringLiteral("cp0a2oauth2id"), QStringLiteral("Deploy Dashboard"),
                            GrantKind::OAuth2,
                            jira + QStringLiteral("/rest/oauth2/latest/revoke/cp0a2oauth2id")}}
        << QStringList() << QStringList();
    QTest::newRow("the same page read as if Jira were at the root: outside the base")
        << QStringLiteral("access-tokens-context-path.html")
        << QUrl(
               QStringLiteral("http://jira.example.test/plugins/servlet/oauth/users/access-tokens"))
        << QList<Expected>()
        << QStringList{QStringLiteral("Bamboo"), QStringLiteral("Deploy Dashboard")}
        << QStringList{QStringLiteral("revoke address"), QStringLiteral("revoke address")};
    QTest::newRow("other host, script call, unknown path, dot segments: never posted to")
        << QStringLiteral("access-tokens-foreign-targets.html") << kPageUrl
        << QList<Expected>{{QStringLiteral("FTgood00112233445566778899aabbcc"),
                            QStringLiteral("Good Tool"), oauth1,
                            servlet + QStringLiteral("access-tokens")}}
        << QStringList{QStringLiteral("Elsewhere Tool"), QStringLiteral("Script Tool"),
                       QStringLiteral("Logout Tool"), QStringLiteral("Dotted Tool")}
        << QStringList{QStringLiteral("revoke address"), QStringLiteral("revoke address"),
                       QStringLiteral("revoke address"), QStringLiteral("revoke address")};
}

void TestAccessTokensPage::markupVariants()
{
    QFETCH(QString, name);
    QFETCH(QUrl, pageUrl);
    QFETCH(QList<Expected>, grants);
    QFETCH(QStringList, unreadable);
    QFETCH(QStringList, reasons);
    const auto decoded =
        decodeAccessTokensPage(fixture(name.toLatin1().constData()), QTimeZone::utc(), pageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QStringList found;
    for (const AccessGrant &grant : decoded->grants)
        found << grant.id + QLatin1Char('/') + grant.application;
    QCOMPARE(decoded->grants.size(), grants.size());
    for (qsizetype i = 0; i < grants.size(); ++i) {
        const AccessGrant &grant = decoded->grants.at(i);
        QCOMPARE(grant.id, grants.at(i).id);
        QCOMPARE(grant.revokeKey, grants.at(i).id);
        QCOMPARE(grant.application, grants.at(i).application);
        QCOMPARE(grant.kind, grants.at(i).kind);
        QCOMPARE(grant.revokeUrl.toString(), grants.at(i).revokeUrl);
        QVERIFY2(grant.issuedAt.isValid(), qPrintable(grant.application));
    }
    QCOMPARE(decoded->unreadable.size(), unreadable.size());
    for (qsizetype i = 0; i < unreadable.size(); ++i) {
        const UnreadableGrantRow &row = decoded->unreadable.at(i);
        QVERIFY2(row.excerpt.contains(unreadable.at(i)), qPrintable(row.excerpt));
        QVERIFY2(row.reason.contains(reasons.at(i)), qPrintable(row.reason));
    }
    QCOMPARE(decoded->pageUrl, pageUrl);
}

void TestAccessTokensPage::placeholderHrefNoLongerHidesTheAddress()
{
    // href="#" came first and hid data-revoke-url: the grant was dropped without a word.
    const auto decoded =
        decodeAccessTokensPage(page(R"(<table><tr><td>Hidden</td><td>01/Jan/26 1:00 AM</td><td>
                <a href="#" data-revoke-url="/plugins/servlet/oauth/users/revoke-token?token=H1">
                Revoke</a></td></tr></table>)"),
                               QTimeZone::utc(), kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QCOMPARE(decoded->grants.size(), 1);
    QCOMPARE(decoded->grants.first().id, QStringLiteral("H1"));
    QCOMPARE(
        decoded->grants.first().revokeUrl,
        QUrl(QStringLiteral("http://127.0.0.1:39645/plugins/servlet/oauth/users/revoke-token")));
}

void TestAccessTokensPage::revokeAllIsNoGrant()
{
    // A page-wide "Revoke all" and a navigation link to the page itself are not grant rows.
    const auto decoded = decodeAccessTokensPage(
        page(R"(<a href="/plugins/servlet/oauth/users/access-tokens">OAuth access tokens</a>
                <form method="post" action="/plugins/servlet/oauth/users/revoke-token">
                <button id="revoke-all">Revoke all</button></form>
                <ul><li data-token="A1"><b>One</b><button>Revoke</button></li></ul>)"),
        QTimeZone::utc(), kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QCOMPARE(decoded->grants.size(), 1);
    QVERIFY(decoded->unreadable.isEmpty());
}

void TestAccessTokensPage::twoTokensOnOneControlAreReported()
{
    const auto decoded = decodeAccessTokensPage(page(R"(<table><tr><td>Twins</td><td>
                <a data-token="T1" href="?token=T2">Revoke</a></td></tr></table>)"),
                                                QTimeZone::utc(), kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QVERIFY(decoded->grants.isEmpty());
    QCOMPARE(decoded->unreadable.size(), 1);
    QVERIFY(decoded->unreadable.first().reason.contains(QLatin1String("more than one token")));
}

void TestAccessTokensPage::excerptsNeverShowTokens()
{
    // The token is shown as text in the row whose address is refused.
    const auto decoded =
        decodeAccessTokensPage(page(R"(<table><tr><td>Shown</td><td>token SECRETSECRET</td><td>
                <a href="https://elsewhere.test/?token=SECRETSECRET">Revoke</a></td></tr></table>)"),
                               QTimeZone::utc(), kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QCOMPARE(decoded->unreadable.size(), 1);
    QVERIFY(decoded->unreadable.first().excerpt.contains(QLatin1String("Shown")));
    QVERIFY(!decoded->unreadable.first().excerpt.contains(QLatin1String("SECRET")));
}

void TestAccessTokensPage::manyRowsAreReadInLinearTime()
{
    // Every row is a sibling of every other: the "rest of the table" check must not be quadratic.
    QByteArray rows;
    for (int i = 0; i < 5000; ++i) {
        const QByteArray n = QByteArray::number(i);
        rows += "<tr><td>App " + n +
                "</td><td>01/Jan/26 1:00 AM</td><td><form method=post "
                "action=revoke-token><input type=hidden name=token value=K" +
                n + "><button>Revoke</button></form></td></tr>";
    }
    rows += "<tr><td>Lost</td><td>01/Jan/26 1:00 AM</td><td></td></tr>";
    QElapsedTimer timer;
    timer.start();
    const auto decoded = decodeAccessTokensPage(
        page("<table><tr><th>App</th><th>Date</th><th></th></tr>" + rows + "</table>"),
        QTimeZone::utc(), kPageUrl);
    QVERIFY2(decoded, qPrintable(decoded.error));
    QCOMPARE(decoded->grants.size(), 5000);
    QCOMPARE(decoded->unreadable.size(), 1);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

void TestAccessTokensPage::pathBelowTheBase_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("below"); // "-" for none
    const QString jira = QStringLiteral("http://host/jira");
    QTest::newRow("under the context path") << jira << "http://host/jira/rest/x"
                                            << "/rest/x";
    QTest::newRow("base with a trailing slash") << "http://host/jira/"
                                                << "http://host/jira/rest/x"
                                                << "/rest/x";
    QTest::newRow("root base") << "https://host"
                               << "https://host:443/a/b"
                               << "/a/b";
    QTest::newRow("case of scheme and host") << jira << "HTTP://HOST/jira/a"
                                             << "/a";
    QTest::newRow("the base itself") << jira << "http://host/jira"
                                     << "-";
    QTest::newRow("a sibling that starts alike") << jira << "http://host/jira2/a"
                                                 << "-";
    QTest::newRow("outside") << jira << "http://host/a"
                             << "-";
    QTest::newRow("dot segments out") << jira << "http://host/jira/../a"
                                      << "-";
    QTest::newRow("encoded dots") << jira << "http://host/jira/%2e%2e/a"
                                  << "-";
    QTest::newRow("encoded slash") << jira << "http://host/jira/a%2F..%2Fb"
                                   << "-";
    QTest::newRow("other scheme") << jira << "https://host/jira/a"
                                  << "-";
    QTest::newRow("other port") << jira << "http://host:8080/jira/a"
                                << "-";
    QTest::newRow("other host") << jira << "http://host.evil/jira/a"
                                << "-";
    QTest::newRow("user info") << jira << "http://u@host/jira/a"
                               << "-";
    QTest::newRow("relative") << jira << "/jira/a"
                              << "-";
}

void TestAccessTokensPage::pathBelowTheBase()
{
    QFETCH(QString, base);
    QFETCH(QString, url);
    QFETCH(QString, below);
    const auto found = webUrl::pathBelow(QUrl(base), QUrl(url));
    QCOMPARE(found.value_or(QStringLiteral("-")), below);
}

QTEST_GUILESS_MAIN(TestAccessTokensPage)
#include "tst_accesstokenspage.moc"
