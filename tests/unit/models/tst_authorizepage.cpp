#include "AuthorizePage.h"
#include "Fixtures.h"

#include <QTest>

using namespace accessdesk;

class TestAuthorizePage final : public QObject
{
    Q_OBJECT

private slots:
    void trackersimAuthorizePage();
    void relativeActionIsResolved();
    void otherMarkupWithButtons();
    void errorPageNamesTheProblem();
    void notAnAuthorizePage_data();
    void notAnAuthorizePage();
    void trackersimVerifierPage();
    void verifierPageVariants_data();
    void verifierPageVariants();
    void verifierPageWithoutCode();
};

void TestAuthorizePage::trackersimAuthorizePage()
{
    const auto request = decodeAuthorizePage(fixture("authorize.html"));
    QVERIFY2(request, qPrintable(request.error));
    QCOMPARE(request->consumerName, QStringLiteral("Desktop Admin Client"));
    QCOMPARE(request->consumerDescription,
             QStringLiteral("Desktop admin tool https://tools.example.com"));
    QCOMPARE(request->actionUrl.path(), QStringLiteral("/plugins/servlet/oauth/authorize"));
    QCOMPARE(request->actionUrl.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(request->oauthToken, QStringLiteral("30FBOi1GICAFMT9dmC8csvAzpwRfoc4z"));
    QCOMPARE(request->atlToken, QStringLiteral("ba007551d04e0e51e026621973b603258b200259|lin"));
    QCOMPARE(request->approveName, QStringLiteral("approve"));
    QCOMPARE(request->approveValue, QStringLiteral("Allow"));
    QCOMPARE(request->denyName, QStringLiteral("deny"));
    QCOMPARE(request->denyValue, QStringLiteral("Deny"));
    QCOMPARE(request->hiddenFields.size(), 2);
    QCOMPARE(request->hiddenFields.first().first, QStringLiteral("oauth_token"));
}

void TestAuthorizePage::relativeActionIsResolved()
{
    const QByteArray html = R"(<form method="post" action="authorize">
        <input type="hidden" name="oauth_token" value="rt">
        <input type="hidden" name="oauth_callback" value="oob">
        <input type="submit" name="approve" value="Allow"></form>)";
    const auto request = decodeAuthorizePage(
        html, QUrl(QStringLiteral(
                  "https://jira.example.com/plugins/servlet/oauth/authorize?oauth_token=rt")));
    QVERIFY2(request, qPrintable(request.error));
    QCOMPARE(request->actionUrl,
             QUrl(QStringLiteral("https://jira.example.com/plugins/servlet/oauth/authorize")));
    QCOMPARE(request->hiddenFields.at(1),
             (std::pair{QStringLiteral("oauth_callback"), QStringLiteral("oob")}));
    QVERIFY(request->denyName.isEmpty());
}

void TestAuthorizePage::otherMarkupWithButtons()
{
    // A Jira 8-like page: the name in a heading's data attribute, <button>s with their own words.
    const QByteArray html = R"(<html><body><div class="oauth-request">
        <h2 data-consumer-name="Release Radar">Release Radar would like to access your data</h2>
        <div class="consumer-description"><p>Plans releases from your issues.</p></div>
        <form action="/plugins/servlet/oauth/authorize" method="POST">
          <input type="hidden" name="atl_token" value="xs">
          <input type="hidden" name="oauth_token" value="req-1">
          <button type="submit" name="decision-deny" value="1">Don't allow</button>
          <button type="submit" name="decision-allow" value="1">Allow access</button>
          <button type="button" name="help">Help</button>
        </form></div></body></html>)";
    const auto request = decodeAuthorizePage(html);
    QVERIFY2(request, qPrintable(request.error));
    QCOMPARE(request->consumerName, QStringLiteral("Release Radar"));
    QCOMPARE(request->consumerDescription, QStringLiteral("Plans releases from your issues."));
    QCOMPARE(request->approveName, QStringLiteral("decision-allow"));
    QCOMPARE(request->denyName, QStringLiteral("decision-deny"));
    QCOMPARE(request->oauthToken, QStringLiteral("req-1"));
    QCOMPARE(request->atlToken, QStringLiteral("xs"));
}

void TestAuthorizePage::errorPageNamesTheProblem()
{
    const auto request = decodeAuthorizePage(fixture("authorize-error.html"));
    QVERIFY(!request);
    QVERIFY2(request.error.contains(QLatin1String("token_rejected")), qPrintable(request.error));
    QVERIFY(request.error.contains(QLatin1String("The request token is not valid")));
}

void TestAuthorizePage::notAnAuthorizePage_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QByteArray() << "empty body";
    QTest::newRow("xsrf failure")
        << QByteArray(
               R"(<div class="aui-message error" id="oauth-error">Xsrf token validation failed</div>)")
        << "Xsrf token validation failed";
    QTest::newRow("unrelated page")
        << QByteArray("<html><body><p>Hello</p></body></html>") << "no authorisation form";
    QTest::newRow("form without allow")
        << QByteArray(R"(<form><input type="hidden" name="oauth_token" value="t"></form>)")
        << "no Allow button";
}

void TestAuthorizePage::notAnAuthorizePage()
{
    QFETCH(QByteArray, html);
    QFETCH(QString, error);
    const auto request = decodeAuthorizePage(html);
    QVERIFY(!request);
    QVERIFY2(request.error.contains(error), qPrintable(request.error));
}

void TestAuthorizePage::trackersimVerifierPage()
{
    const auto page = decodeVerifierPage(fixture("verifier.html"));
    QVERIFY2(page, qPrintable(page.error));
    QVERIFY(page->approved);
    QCOMPARE(page->verifier, QStringLiteral("FDZDUF"));
}

void TestAuthorizePage::verifierPageVariants_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<bool>("approved");
    QTest::addColumn<QString>("verifier");
    QTest::newRow("plain words") << QByteArray("<html><body><p>Access granted. Your verification "
                                               "code is 'a1B2c3'.</p></body></html>")
                                 << true << "a1B2c3";
    QTest::newRow("input field")
        << QByteArray(
               R"(<p>Copy this code:</p><input readonly name="oauth_verifier" value="ZX81QL">)")
        << true << "ZX81QL";
    QTest::newRow("denied")
        << QByteArray(R"(<p id="oauth-denied">You have denied 'Tool' access to your account.</p>)")
        << false << "";
    QTest::newRow("OAuth 1.0 approval, no verifier")
        << QByteArray(
               R"(<p id="oauth-approved">You have successfully authorised 'Tool'. You may close this window.</p>)")
        << true << "";
}

void TestAuthorizePage::verifierPageVariants()
{
    QFETCH(QByteArray, html);
    QFETCH(bool, approved);
    QFETCH(QString, verifier);
    const auto page = decodeVerifierPage(html);
    QVERIFY2(page, qPrintable(page.error));
    QCOMPARE(page->approved, approved);
    QCOMPARE(page->verifier, verifier);
}

void TestAuthorizePage::verifierPageWithoutCode()
{
    QVERIFY(!decodeVerifierPage("<html><body><p>Welcome to Jira</p></body></html>"));
    QVERIFY(!decodeVerifierPage(""));
    const auto error = decodeVerifierPage(fixture("authorize-error.html"));
    QVERIFY(error.error.contains(QLatin1String("token_rejected")));
}

QTEST_GUILESS_MAIN(TestAuthorizePage)
#include "tst_authorizepage.moc"
