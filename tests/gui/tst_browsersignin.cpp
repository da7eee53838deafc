// Every sign-in kind through the connection dialog, against a real trackersim and the real
// keychain: a session cookie, OAuth 1.0a (the authorize page's verification code pasted back) and
// OAuth 2.0 (authorization code + PKCE on a loopback redirect). The user's browser is this test:
// QDesktopServices hands it the authorize address, and it signs in as alice and allows access as
// a browser would. Then the app renews an expired OAuth 2.0 token on connecting (OAuth2Renewal,
// the same as accessdesk-cli), stores the new pair, and says "sign in again" when renewal is
// refused.
#include "GuiTestSupport.h"
#include "SimClient.h"
#include "SimProcess.h"
#include "SimSession.h"
#include "TestKeychain.h"
#include "api/CoreJobs.h"
#include "api/OAuthFlowJobs.h"
#include "api/ServerConnection.h"
#include "auth/BasicCredentials.h"
#include "secrets/SecretStore.h"
#include "services/AppSession.h"
#include "ui/BrowserSignInPanel.h"
#include "ui/ConnectionDialog.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace accessdesk;

namespace {

const QString kConsumerKey = QStringLiteral("desk-signin-consumer");
const QString kConsumerName = QStringLiteral("Desk Sign-in Consumer");

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

} // namespace

class TestBrowserSignIn final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void sessionCookieSignsInAndSaves();
    void oauth1SignsInInTheBrowserAndSaves();
    void oauth1WrongCodeKeepsWhatWasTyped();
    void oauth2SignsInInTheBrowserAndSaves();
    void oauth2CancelKeepsWhatWasTypedAndFreesThePort();
    void plainHttpToAnotherComputerIsNotSignedInUnasked();
    void appRenewsAnExpiredOAuth2Token();
    void appSaysSignInAgainWhenRenewalIsRefused();

private:
    ConnectionDialog *newDialog(const QString &name, AuthKind kind);
    bool click(QPushButton *button);
    bool signInFinished(QPushButton *button, const std::function<void(const QUrl &)> &browser);
    QUrl nextOpened();
    QString allowOAuth1(const QUrl &authorizeUrl);
    void allowOAuth2(const QUrl &authorizeUrl);
    QString savedOAuth2Profile();

    QTemporaryDir m_dir;
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<TestKeychain> m_keychain;
    QNetworkAccessManager m_network;
    std::unique_ptr<SimProcess> m_sim;
    std::optional<SimClient> m_server;
    QPointer<ConnectionDialog> m_dialog;
    BrowserStandIn m_browser;
    QString m_privateKeyFile;
    QString m_clientId;
    QString m_clientSecret;
    quint16 m_redirectPort = 0;
};

void TestBrowserSignIn::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_session = std::make_unique<AppSession>(
        AppSession::Paths{m_dir.filePath(QStringLiteral("profiles.ini")), m_dir.path()});
    m_keychain = std::make_unique<TestKeychain>(m_session->secrets());
    const std::optional<QByteArray> probe =
        m_keychain->read(m_keychain->uniqueName(QStringLiteral("probe")), SecretKind::Password);
    QVERIFY2(probe && !m_session->secrets()->isMemoryOnly(),
             "no keychain: run inside dbus-run-session");

    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    m_server.emplace(&m_network, m_sim->url());

    // The administrator's part: an application link with AccessDesk as its consumer …
    QString error;
    const std::optional<OAuth1Consumer> consumer = m_server->registerOAuth1Consumer(
        {kConsumerKey, kConsumerName, QStringLiteral("http://desk.example.test"), {}}, &error);
    QVERIFY2(consumer, qPrintable(error));
    m_privateKeyFile = m_dir.filePath(QStringLiteral("consumer.pem"));
    QFile key(m_privateKeyFile);
    QVERIFY(key.open(QIODevice::WriteOnly));
    key.write(consumer->privateKeyPem);
    key.close();

    // … and an OAuth 2.0 client whose redirect is a fixed loopback port (Jira matches exactly).
    m_redirectPort = freePort();
    const HttpResult created = m_server->sendJson(
        "POST", QStringLiteral("/rest/oauth2/latest/client"),
        QJsonDocument(
            QJsonObject{
                {QStringLiteral("name"), QStringLiteral("AccessDesk")},
                {QStringLiteral("redirects"),
                 QJsonArray{QStringLiteral("http://127.0.0.1:%1/callback").arg(m_redirectPort)}},
                {QStringLiteral("scope"), QStringLiteral("WRITE")}})
            .toJson(),
        "admin");
    QCOMPARE(created.status, 200);
    const QJsonObject client = QJsonDocument::fromJson(created.body).object();
    m_clientId = client.value(QStringLiteral("clientId")).toString();
    m_clientSecret = client.value(QStringLiteral("clientSecret")).toString();
    QVERIFY(!m_clientId.isEmpty());

    QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "open");
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_browser, "open");
}

void TestBrowserSignIn::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    delete m_dialog.data();
    QVERIFY(m_keychain->forgetAll());
    m_session.reset();
    m_server.reset();
    m_sim.reset();
}

void TestBrowserSignIn::cleanup()
{
    delete m_dialog.data();
    m_browser.opened.clear();
}

ConnectionDialog *TestBrowserSignIn::newDialog(const QString &name, AuthKind kind)
{
    delete m_dialog.data();
    m_dialog =
        new ConnectionDialog(m_session->profiles(), m_session->secrets(), m_session->network());
    m_dialog->open();
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(QStringLiteral("profileName")), name);
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(QStringLiteral("serverAddress")),
                     m_sim->url());
    auto *kinds = m_dialog->findChild<QComboBox *>(QStringLiteral("authKind"));
    kinds->setCurrentIndex(kinds->findData(int(kind)));
    return m_dialog;
}

bool TestBrowserSignIn::click(QPushButton *button)
{
    QSignalSpy finished(m_dialog->tester(), &ConnectionTester::finished);
    if (!button->isEnabled() || !button->isVisible())
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    return finished.wait(30000);
}

QUrl TestBrowserSignIn::nextOpened()
{
    if (m_browser.opened.isEmpty() &&
        !QTest::qWaitFor([this] { return !m_browser.opened.isEmpty(); }, 30000))
        return {};
    return m_browser.opened.takeFirst();
}

// Alice in her browser: the authorize page, Allow; the page then shows the verification code.
QString TestBrowserSignIn::allowOAuth1(const QUrl &authorizeUrl)
{
    const QString requestToken =
        QUrlQuery(authorizeUrl).queryItemValue(QStringLiteral("oauth_token"));
    auto alice = connectAs(&m_network, m_sim->url(), QStringLiteral("alice"));
    FetchAuthorizePage fetch(alice.get(), requestToken);
    QSignalSpy fetched(&fetch, &ApiJob::finished);
    fetch.start();
    if (!fetched.wait(30000) || !fetch.succeeded() || fetch.result().consumerName != kConsumerName)
        return {};
    AnswerAuthorizePage answer(alice.get(), fetch.result(), true);
    QSignalSpy answered(&answer, &ApiJob::finished);
    answer.start();
    if (!answered.wait(30000) || !answer.succeeded())
        return {};
    return answer.result().verifier;
}

// Alice in her browser: log in, authorize → consent, Allow, and back to the loopback redirect.
void TestBrowserSignIn::allowOAuth2(const QUrl &authorizeUrl)
{
    QString problem;
    const QUrl back =
        answerOAuth2Consent(m_sim->url(), authorizeUrl, QStringLiteral("alice"), true, &problem);
    QVERIFY2(back.isValid(), qPrintable(problem));
    QCOMPARE(back.port(), int(m_redirectPort));
}

void TestBrowserSignIn::sessionCookieSignsInAndSaves()
{
    const QString name = m_keychain->uniqueName(QStringLiteral("session"));
    newDialog(name, AuthKind::Session);
    auto *panel = m_dialog->findChild<BrowserSignInPanel *>();
    QVERIFY(panel && !panel->isVisible());
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(QStringLiteral("userName")),
                     QStringLiteral("alice"));
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(QStringLiteral("password")),
                     QStringLiteral("alice"));
    QVERIFY(click(m_dialog->findChild<QPushButton *>(QStringLiteral("saveProfile"))));
    QVERIFY2(m_dialog->tester()->result().saved, qPrintable(m_dialog->tester()->result().message));
    const std::optional<ConnectionProfile> saved = m_session->profiles().find(name);
    QVERIFY(saved);
    QCOMPARE(saved->authKind, AuthKind::Session);
    QCOMPARE(saved->username, QStringLiteral("alice"));
    QCOMPARE(m_keychain->read(name, SecretKind::Password).value_or("<absent>"),
             QByteArray("alice"));
}

void TestBrowserSignIn::oauth1SignsInInTheBrowserAndSaves()
{
    const QString name = m_keychain->uniqueName(QStringLiteral("oauth1"));
    newDialog(name, AuthKind::OAuth1);
    auto *panel = m_dialog->findChild<BrowserSignInPanel *>();
    QVERIFY(panel->isVisible());
    QVERIFY(!m_dialog->findChild<QLineEdit *>(QStringLiteral("password"))->isVisible());
    QVERIFY(!m_dialog->findChild<QLineEdit *>(QStringLiteral("clientId"))->isVisible());
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(QStringLiteral("consumerKey")), kConsumerKey);
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(QStringLiteral("privateKeyFile")),
                     m_privateKeyFile);

    // Saving before signing in says what to do, and sends nothing.
    QVERIFY(click(m_dialog->findChild<QPushButton *>(QStringLiteral("saveProfile"))));
    QVERIFY(!m_dialog->tester()->result().saved);
    QVERIFY(m_dialog->messageFor(ConnectionCheck::Field::Secret)
                .contains(QStringLiteral("Sign in in the browser")));

    auto *verifier = m_dialog->findChild<QLineEdit *>(QStringLiteral("verificationCode"));
    QVERIFY(!verifier->isVisible());
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(QStringLiteral("browserSignIn")),
                      Qt::LeftButton);
    const QUrl url = nextOpened();
    QCOMPARE(url.path(),
             QUrl(m_sim->url()).path() + QStringLiteral("/plugins/servlet/oauth/authorize"));
    QTRY_VERIFY(verifier->isVisible());
    saveScreenshot(m_dialog, QStringLiteral("connection-oauth1-verifier"));
    const QString code = allowOAuth1(url);
    QVERIFY(!code.isEmpty());

    QSignalSpy changed(panel, &BrowserSignInPanel::signInChanged);
    QTest::keyClicks(verifier, code);
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(QStringLiteral("finishBrowserSignIn")),
                      Qt::LeftButton);
    QVERIFY(changed.wait(30000));
    QVERIFY2(panel->signIn()->succeeded(), qPrintable(panel->statusText()));
    QVERIFY(!verifier->isVisible());

    QVERIFY(click(m_dialog->findChild<QPushButton *>(QStringLiteral("saveProfile"))));
    QVERIFY2(m_dialog->tester()->result().saved, qPrintable(m_dialog->tester()->result().message));
    const std::optional<ConnectionProfile> saved = m_session->profiles().find(name);
    QVERIFY(saved);
    QCOMPARE(saved->authKind, AuthKind::OAuth1);
    QCOMPARE(saved->consumerKey, kConsumerKey);
    QCOMPARE(saved->privateKeyFile, m_privateKeyFile);
    QCOMPARE(saved->username, QStringLiteral("alice")); // as the server named the token's user
    QVERIFY(!m_keychain->read(name, SecretKind::OAuth1Token).value_or(QByteArray()).isEmpty());
    QVERIFY(
        !m_keychain->read(name, SecretKind::OAuth1TokenSecret).value_or(QByteArray()).isEmpty());

    // The app connects with what was stored.
    QSignalSpy connected(m_session.get(), &AppSession::connectionChanged);
    m_session->switchToProfile(name);
    QVERIFY(connected.wait(30000));
    GetMyself me(m_session->connection());
    QSignalSpy done(&me, &ApiJob::finished);
    me.start();
    QVERIFY(done.wait(30000));
    QVERIFY2(me.succeeded(), qPrintable(me.error().userMessage()));
    QCOMPARE(me.result().name, QStringLiteral("alice"));
}

void TestBrowserSignIn::oauth1WrongCodeKeepsWhatWasTyped()
{
    const QString name = m_keychain->uniqueName(QStringLiteral("oauth1-wrong"));
    newDialog(name, AuthKind::OAuth1);
    auto *panel = m_dialog->findChild<BrowserSignInPanel *>();
    auto *consumerKey = child<QLineEdit>(panel, QStringLiteral("consumerKey"));
    auto *privateKey = child<QLineEdit>(panel, QStringLiteral("privateKeyFile"));
    auto *signIn = child<QPushButton>(panel, QStringLiteral("browserSignIn"));
    auto *verifier = child<QLineEdit>(panel, QStringLiteral("verificationCode"));
    QTest::keyClicks(consumerKey, kConsumerKey);
    QTest::keyClicks(privateKey, m_privateKeyFile);
    QTest::mouseClick(signIn, Qt::LeftButton);
    QVERIFY(nextOpened().isValid());
    QTRY_VERIFY(verifier->isVisible());
    QSignalSpy changed(panel, &BrowserSignInPanel::signInChanged);
    QTest::keyClicks(verifier, QStringLiteral("NOT-THE-CODE"));
    QTest::keyClick(verifier, Qt::Key_Return);
    QVERIFY(changed.wait(30000));
    QVERIFY(!panel->signIn()->succeeded());
    QVERIFY(!panel->statusText().isEmpty());
    QVERIFY(panel->secrets().isEmpty());
    QCOMPARE(consumerKey->text(), kConsumerKey);
    QCOMPARE(privateKey->text(), m_privateKeyFile);
    QCOMPARE(child<QLineEdit>(m_dialog, QStringLiteral("serverAddress"))->text(), m_sim->url());
    QVERIFY(signIn->isEnabled());
    QVERIFY(!m_session->profiles().find(name));
}

QString TestBrowserSignIn::savedOAuth2Profile()
{
    const QString name = m_keychain->uniqueName(QStringLiteral("oauth2"));
    newDialog(name, AuthKind::OAuth2);
    auto *panel = m_dialog->findChild<BrowserSignInPanel *>();
    if (!child<QLineEdit>(panel, QStringLiteral("clientId"))->isVisible() ||
        child<QLineEdit>(panel, QStringLiteral("consumerKey"))->isVisible())
        return {};
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(QStringLiteral("clientId")), m_clientId);
    QTest::keyClicks(m_dialog->findChild<QLineEdit *>(QStringLiteral("clientSecret")),
                     m_clientSecret);
    m_dialog->findChild<QSpinBox *>(QStringLiteral("redirectPort"))->setValue(m_redirectPort);
    QSignalSpy changed(panel, &BrowserSignInPanel::signInChanged);
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(QStringLiteral("browserSignIn")),
                      Qt::LeftButton);
    const QUrl url = nextOpened();
    if (QUrlQuery(url).queryItemValue(QStringLiteral("code_challenge_method")) !=
        QLatin1String("S256"))
        return {};
    allowOAuth2(url);
    if (changed.isEmpty() && !changed.wait(30000))
        return {};
    if (!panel->signIn()->succeeded()) {
        qWarning() << panel->statusText();
        return {};
    }
    saveScreenshot(m_dialog, QStringLiteral("connection-oauth2-signed-in"));
    if (!click(m_dialog->findChild<QPushButton *>(QStringLiteral("saveProfile"))) ||
        !m_dialog->tester()->result().saved) {
        qWarning() << m_dialog->tester()->result().message;
        return {};
    }
    return name;
}

void TestBrowserSignIn::oauth2SignsInInTheBrowserAndSaves()
{
    const QString name = savedOAuth2Profile();
    QVERIFY(!name.isEmpty());
    const std::optional<ConnectionProfile> saved = m_session->profiles().find(name);
    QVERIFY(saved);
    QCOMPARE(saved->authKind, AuthKind::OAuth2);
    QCOMPARE(saved->oauth2ClientId, m_clientId);
    QCOMPARE(saved->username, QStringLiteral("alice"));
    QVERIFY(
        !m_keychain->read(name, SecretKind::OAuth2AccessToken).value_or(QByteArray()).isEmpty());
    QVERIFY(
        !m_keychain->read(name, SecretKind::OAuth2RefreshToken).value_or(QByteArray()).isEmpty());
    QCOMPARE(m_keychain->read(name, SecretKind::OAuth2ClientSecret),
             std::optional<QByteArray>(m_clientSecret.toUtf8()));
    // Secrets stay out of the settings file.
    QFile settings(m_dir.filePath(QStringLiteral("profiles.ini")));
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QByteArray contents = settings.readAll();
    QVERIFY(!contents.contains(m_clientSecret.toUtf8()));
    QVERIFY(!contents.contains(*m_keychain->read(name, SecretKind::OAuth2AccessToken)));
}

void TestBrowserSignIn::oauth2CancelKeepsWhatWasTypedAndFreesThePort()
{
    const QString name = m_keychain->uniqueName(QStringLiteral("oauth2-cancel"));
    newDialog(name, AuthKind::OAuth2);
    auto *panel = m_dialog->findChild<BrowserSignInPanel *>();
    auto *clientId = child<QLineEdit>(panel, QStringLiteral("clientId"));
    auto *signIn = child<QPushButton>(panel, QStringLiteral("browserSignIn"));
    QTest::keyClicks(clientId, m_clientId);
    child<QSpinBox>(panel, QStringLiteral("redirectPort"))->setValue(m_redirectPort);
    QTest::mouseClick(signIn, Qt::LeftButton);
    QVERIFY(nextOpened().isValid());
    QVERIFY(!signIn->isEnabled());
    QSignalSpy changed(panel, &BrowserSignInPanel::signInChanged);
    QTest::mouseClick(child<QPushButton>(panel, QStringLiteral("cancelBrowserSignIn")),
                      Qt::LeftButton);
    QVERIFY(changed.wait(10000));
    QVERIFY(panel->signIn()->isCancelled());
    QVERIFY(signIn->isEnabled());
    QCOMPARE(clientId->text(), m_clientId);
    QVERIFY(!m_session->profiles().find(name));
    // The loopback port is free again: a new sign-in can listen on it.
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            QTcpServer probe;
            return probe.listen(QHostAddress::LocalHost, m_redirectPort);
        }(),
        5000);
}

void TestBrowserSignIn::plainHttpToAnotherComputerIsNotSignedInUnasked()
{
    const QString name = m_keychain->uniqueName(QStringLiteral("oauth2-http"));
    newDialog(name, AuthKind::OAuth2);
    child<QLineEdit>(m_dialog, QStringLiteral("serverAddress"))
        ->setText(QStringLiteral("http://jira.example.test"));
    auto *panel = m_dialog->findChild<BrowserSignInPanel *>();
    auto *clientId = child<QLineEdit>(panel, QStringLiteral("clientId"));
    QTest::keyClicks(clientId, m_clientId);
    QSignalSpy changed(panel, &BrowserSignInPanel::signInChanged);
    QTest::mouseClick(child<QPushButton>(panel, QStringLiteral("browserSignIn")), Qt::LeftButton);
    QVERIFY(changed.wait(10000));
    QVERIFY(!panel->signIn()->succeeded());
    QVERIFY2(panel->statusText().contains(QStringLiteral("http://")),
             qPrintable(panel->statusText()));
    QVERIFY(m_browser.opened.isEmpty()); // nothing was sent, no browser opened
    QCOMPARE(clientId->text(), m_clientId);
    // Test connection asks the question the sign-in needs answered first.
    QTest::mouseClick(child<QPushButton>(m_dialog, QStringLiteral("testConnection")),
                      Qt::LeftButton);
    QTRY_VERIFY(m_dialog->findChild<ConfirmationDialog *>(QStringLiteral("plainHttpConfirmation")));
}

void TestBrowserSignIn::appRenewsAnExpiredOAuth2Token()
{
    const QString name = savedOAuth2Profile();
    QVERIFY(!name.isEmpty());
    delete m_dialog.data();
    const QByteArray before = *m_keychain->read(name, SecretKind::OAuth2AccessToken);
    const QByteArray refreshBefore = *m_keychain->read(name, SecretKind::OAuth2RefreshToken);

    // An hour later the server refuses the stored access token.
    QVERIFY(m_server->advanceClock(3601));
    QSignalSpy connected(m_session.get(), &AppSession::connectionChanged);
    QSignalSpy failed(m_session.get(), &AppSession::connectionFailed);
    m_session->switchToProfile(name);
    QVERIFY(connected.wait(30000));
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

    // The new pair is in the keychain (Jira rotated both) and the connection signs with it.
    const QByteArray after = *m_keychain->read(name, SecretKind::OAuth2AccessToken);
    QVERIFY(after != before);
    QVERIFY(*m_keychain->read(name, SecretKind::OAuth2RefreshToken) != refreshBefore);
    GetMyself me(m_session->connection());
    QSignalSpy done(&me, &ApiJob::finished);
    me.start();
    QVERIFY(done.wait(30000));
    QVERIFY2(me.succeeded(), qPrintable(me.error().userMessage()));
    QCOMPARE(me.result().name, QStringLiteral("alice"));

    // Expired again while connected: the server's 401 makes the app renew once more.
    QVERIFY(m_server->advanceClock(3601));
    QTest::qWait(10500); // renewals closer together than 10 s are taken for a loop
    GetMyself refused(m_session->connection());
    QSignalSpy refusedDone(&refused, &ApiJob::finished);
    refused.start();
    QVERIFY(refusedDone.wait(30000));
    QCOMPARE(refused.error().kind(), ApiError::Kind::Unauthenticated);
    QTRY_VERIFY_WITH_TIMEOUT(*m_keychain->read(name, SecretKind::OAuth2AccessToken) != after,
                             30000);
    GetMyself again(m_session->connection());
    QSignalSpy againDone(&again, &ApiJob::finished);
    again.start();
    QVERIFY(againDone.wait(30000));
    QVERIFY2(again.succeeded(), qPrintable(again.error().userMessage()));
}

void TestBrowserSignIn::appSaysSignInAgainWhenRenewalIsRefused()
{
    const QString name = savedOAuth2Profile();
    QVERIFY(!name.isEmpty());
    delete m_dialog.data();
    // A refresh token the server never issued (or revoked): only a new sign-in helps.
    QVERIFY(m_keychain->write(name, SecretKind::OAuth2RefreshToken, "not-a-refresh-token"));
    QVERIFY(m_server->advanceClock(3601));
    QSignalSpy connected(m_session.get(), &AppSession::connectionChanged);
    QSignalSpy failed(m_session.get(), &AppSession::connectionFailed);
    m_session->switchToProfile(name);
    QVERIFY(failed.wait(30000));
    QVERIFY(connected.isEmpty());
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("Sign in again")), qPrintable(message));
    QVERIFY2(message.contains(name), qPrintable(message));
    QVERIFY(!m_session->isConnecting());
}

QTEST_MAIN(TestBrowserSignIn)
#include "tst_browsersignin.moc"
