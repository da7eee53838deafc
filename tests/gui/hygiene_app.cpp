// The desktop app's half of the secret-hygiene story (tests/integration/cli/secret_hygiene.py runs
// it; not a test of its own). It builds the app as main() does (DesktopApp on the standard
// locations, so XDG_CONFIG_HOME, XDG_DATA_HOME and TMPDIR of the Python test apply) against the
// Python test's trackersim and goes through every secret as a user would, on the real widgets:
// a password typed into the connection dialog (for Basic and for a cookie session), a new personal
// access token made in "New token…" and then signed in with, a consumer's key pair generated in
// the approval form (the private key only in the file the user chose, outside the searched
// folders), an OAuth 2.0 client created and its secret reset in Administration, an
// OAuth 2.0 sign-in with that client (and a renewal of its tokens), an OAuth 1.0a sign-in with a
// consumer's private key, and both CSV exports. Every secret it sees is appended to the capture
// file (HYGIENE_CAPTURE, outside the searched folders) so the Python test knows what to look for.
//
// Test functions: appStory (the above), clipboardStory (on a real X server: a new token and a new
// OAuth 2.0 client's secret, each copied with its dialog's Copy button, are on the X clipboard for
// other programs, and gone from it once
// the app quits — asked of another X client, readClipboard, while this process still owns the
// selection, so only AccessDesk's own wipe can pass it), dumpKeychain (every profile's secrets as
// the keychain holds them now, also those the CLI stored: the server keeps only hashes of OAuth
// 2.0 tokens) and processProtection (what keepOutOfCoreDumps() does, seen from inside the
// process).
#include "AdminFormsSupport.h"
#include "GuiTestSupport.h"
#include "SimClient.h"
#include "SimSession.h"
#include "TestKeychain.h"
#include "api/OAuthFlowJobs.h"
#include "secrets/CoreDumps.h"
#include "secrets/SecretStore.h"
#include "services/AppSession.h"
#include "services/ConnectionOptions.h"
#include "services/MyAccessController.h"
#include "storage/ProfileStore.h"
#include "ui/AdminRows.h"
#include "ui/AdministrationPage.h"
#include "ui/ApproveConsumerDialog.h"
#include "ui/BrowserSignInPanel.h"
#include "ui/ClientSecretDialog.h"
#include "ui/ConnectionDialog.h"
#include "ui/ConsumerKeyEditor.h"
#include "ui/CreateTokenDialog.h"
#include "ui/DesktopApp.h"
#include "ui/MainWindow.h"
#include "ui/OAuth2ClientDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <sys/prctl.h>
#include <sys/resource.h>

using namespace accessdesk;

namespace {

QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

// One secret the Python test must find nowhere: appended as a JSON line {"label", "value"}.
void capture(const QString &label, const QByteArray &value)
{
    if (value.isEmpty())
        return;
    QFile file(env("HYGIENE_CAPTURE"));
    if (!file.open(QIODevice::Append))
        qFatal("cannot append to HYGIENE_CAPTURE");
    file.write(
        QJsonDocument(QJsonObject{{QStringLiteral("label"), label},
                                  {QStringLiteral("value"), QString::fromLatin1(value.toBase64())}})
            .toJson(QJsonDocument::Compact) +
        '\n');
}

// What every profile of the shared settings file has in the keychain right now.
void captureKeychain(ProfileStore &profiles, SecretStore *secrets, const QString &when)
{
    TestKeychain keychain(secrets);
    for (const QString &name : profiles.names()) {
        for (SecretKind kind : allSecretKinds()) {
            const std::optional<QByteArray> value = keychain.read(name, kind);
            if (value)
                capture(when + u' ' + name + u' ' + secretKindName(kind), *value);
        }
    }
}

} // namespace

class HygieneApp final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void appStory();
    void clipboardStory();
    void readClipboard();
    void dumpKeychain();
    void processProtection();

private:
    MainWindow &window() { return m_app->window(); }
    void showPage(MainWindow::Page page);
    ConnectionDialog *openAddDialog(const QString &name, AuthKind kind);
    // Clicks Save and waits until the dialog saved the profile.
    void save(ConnectionDialog *dialog);
    void connectTo(const QString &name);
    QUrl nextOpened();
    // What another X client (this program's readClipboard) finds on the clipboard. The event
    // loop runs meanwhile: this process owns the selection and must answer its request.
    QByteArray clipboardSeenByAnotherClient();
    void createOAuth2Client(const QString &name, quint16 redirectPort, ClientSecretDialog **shown);

    std::unique_ptr<DesktopApp> m_app;
    QNetworkAccessManager m_network;
    BrowserStandIn m_browser;
    QString m_url;
    QString m_suffix;
};

void HygieneApp::initTestCase()
{
    // The names main() gives the app: the same settings file and database as accessdesk-cli.
    QCoreApplication::setOrganizationName(QStringLiteral("AccessDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("AccessDesk"));
    m_url = env("HYGIENE_SIM_URL");
    m_suffix = env("HYGIENE_SUFFIX");
    QVERIFY2(!m_url.isEmpty() && !env("HYGIENE_CAPTURE").isEmpty(),
             "run by tests/integration/cli/secret_hygiene.py, which sets HYGIENE_*");
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "open");
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_browser, "open");
}

void HygieneApp::showPage(MainWindow::Page page)
{
    auto *navigation = child<QListWidget>(&window(), QStringLiteral("navigation"));
    QTRY_VERIFY_WITH_TIMEOUT(!navigation->item(page)->isHidden(), 30000);
    navigation->setCurrentRow(page);
}

ConnectionDialog *HygieneApp::openAddDialog(const QString &name, AuthKind kind)
{
    showPage(MainWindow::Connection);
    QTest::mouseClick(child<QPushButton>(&window(), QStringLiteral("addProfile")), Qt::LeftButton);
    auto *dialog = shownDialog<ConnectionDialog>(&window());
    if (!dialog)
        qFatal("Add… opened no connection dialog");
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("profileName")), name);
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("serverAddress")), m_url);
    auto *kinds = child<QComboBox>(dialog, QStringLiteral("authKind"));
    kinds->setCurrentIndex(kinds->findData(int(kind)));
    return dialog;
}

void HygieneApp::save(ConnectionDialog *dialog)
{
    QSignalSpy saved(dialog, &ConnectionDialog::profileSaved);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("saveProfile")), Qt::LeftButton);
    if (saved.isEmpty() && !saved.wait(30000)) {
        QStringList said;
        for (const QLabel *label : dialog->findChildren<QLabel *>()) {
            if (label->isVisible() && !label->text().isEmpty())
                said << label->text();
        }
        QFAIL(qPrintable(QStringLiteral("not saved; the dialog says: ") + said.join(u" | ")));
    }
}

void HygieneApp::connectTo(const QString &name)
{
    showPage(MainWindow::Connection);
    auto *table = child<QTableView>(&window(), QStringLiteral("profileTable"));
    const int row = rowOf(table->model(), 0, name);
    QVERIFY2(row >= 0, qPrintable(name));
    table->selectRow(row);
    MyAccessController &myAccess = m_app->myAccess();
    QSignalSpy connected(&m_app->session(), &AppSession::connectionChanged);
    QSignalSpy failed(&m_app->session(), &AppSession::connectionFailed);
    QSignalSpy listed(&myAccess, &MyAccessController::grantsChanged);
    QTest::mouseClick(child<QPushButton>(&window(), QStringLiteral("connectProfile")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!connected.isEmpty() || !failed.isEmpty(), 30000);
    if (!failed.isEmpty())
        QFAIL(qPrintable(failed.first().first().toString()));
    QCOMPARE(m_app->session().profileName(), name);
    // My access has listed the grants from the server (and cached them).
    QTRY_VERIFY_WITH_TIMEOUT(
        !listed.isEmpty() && myAccess.state() != MyAccessController::State::Loading, 30000);
    QCOMPARE(myAccess.state(), MyAccessController::State::Idle);
}

QUrl HygieneApp::nextOpened()
{
    if (m_browser.opened.isEmpty() &&
        !QTest::qWaitFor([this] { return !m_browser.opened.isEmpty(); }, 30000))
        return {};
    return m_browser.opened.takeFirst();
}

void HygieneApp::appStory()
{
    m_app = std::make_unique<DesktopApp>();
    m_app->start(ConnectionOptions(), QString());
    window().show();
    QVERIFY(QTest::qWaitForWindowExposed(&window()));
    SimClient server(&m_network, m_url);
    const QByteArray adminPassword = env("HYGIENE_ADMIN_PASSWORD").toUtf8();

    // 1. A password, typed into the connection dialog.
    const QString adminProfile = QStringLiteral("app-admin-") + m_suffix;
    ConnectionDialog *dialog = openAddDialog(adminProfile, AuthKind::Basic);
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("userName")), QStringLiteral("admin"));
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("password")),
                     QString::fromUtf8(adminPassword));
    save(dialog);
    connectTo(adminProfile);

    // 1b. The same password typed into the form of a cookie-session profile, signed in with.
    const QString sessionProfile = QStringLiteral("app-session-") + m_suffix;
    dialog = openAddDialog(sessionProfile, AuthKind::Session);
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("userName")), QStringLiteral("admin"));
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("password")),
                     QString::fromUtf8(adminPassword));
    save(dialog);
    connectTo(sessionProfile);
    connectTo(adminProfile);

    // 2. A new personal access token, shown once (and copied, as a user would).
    showPage(MainWindow::MyAccess);
    QTest::mouseClick(child<QPushButton>(&window(), QStringLiteral("newToken")), Qt::LeftButton);
    auto *create = shownDialog<CreateTokenDialog>(&window());
    QVERIFY(create);
    QTest::keyClicks(child<QLineEdit>(create, QStringLiteral("tokenName")),
                     QStringLiteral("hygiene-app-token"));
    child<QSpinBox>(create, QStringLiteral("tokenDays"))->setValue(30);
    QTest::mouseClick(child<QPushButton>(create, QStringLiteral("createToken")), Qt::LeftButton);
    auto *tokenField = child<QLineEdit>(create, QStringLiteral("newToken"));
    QTRY_VERIFY_WITH_TIMEOUT(tokenField->isVisible() && !tokenField->text().isEmpty(), 30000);
    const QByteArray appToken = tokenField->text().toUtf8();
    capture(QStringLiteral("app new PAT"), appToken);
    QTest::mouseClick(child<QPushButton>(create, QStringLiteral("copyToken")), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(create, QStringLiteral("tokenDone")), Qt::LeftButton);

    // 3. An OAuth 2.0 client made in Administration: its secret shown once, then reset.
    const QString clientName = QStringLiteral("Hygiene App ") + m_suffix;
    const quint16 redirectPort = freePort();
    ClientSecretDialog *shown = nullptr;
    createOAuth2Client(clientName, redirectPort, &shown);
    QVERIFY(shown);
    const QString clientId = child<QLineEdit>(shown, QStringLiteral("clientId"))->text();
    capture(QStringLiteral("app client secret"),
            child<QLineEdit>(shown, QStringLiteral("clientSecret"))->text().toUtf8());
    QTest::mouseClick(child<QPushButton>(shown, QStringLiteral("copyClientSecret")),
                      Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(shown, QStringLiteral("done")), Qt::LeftButton);

    auto *clients = child<QWidget>(&window(), QStringLiteral("oauth2Clients"));
    auto *clientTable = child<QTableView>(clients, QStringLiteral("table"));
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        (row = rowOf(clientTable->model(), AdminRows::ClientName, clientName)) >= 0, 30000);
    clientTable->selectRow(row);
    ConfirmationDialog *confirm =
        clickConfirmed(child<QPushButton>(&window(), QStringLiteral("resetClientSecret")),
                       &window(), ConfirmationDialog::Answer::Accept);
    QVERIFY(confirm);
    QVERIFY(answerOf(confirm).value_or(false));
    QTRY_VERIFY_WITH_TIMEOUT((shown = shownDialog<ClientSecretDialog>(&window())), 30000);
    const QByteArray clientSecret =
        child<QLineEdit>(shown, QStringLiteral("clientSecret"))->text().toUtf8();
    capture(QStringLiteral("app client secret after reset"), clientSecret);
    QTest::mouseClick(child<QPushButton>(shown, QStringLiteral("done")), Qt::LeftButton);

    // 3b. A consumer's key pair made in the approval form, the private key into the file the user
    // picks (outside the searched folders): it must be there, 0600, and nowhere else.
    child<QTabWidget>(&window(), QStringLiteral("administrationTabs"))
        ->setCurrentIndex(AdministrationPage::ConsumersTab);
    auto *approve = child<QPushButton>(&window(), QStringLiteral("approveConsumer"));
    QTRY_VERIFY_WITH_TIMEOUT(approve->isEnabled(), 30000);
    QTest::mouseClick(approve, Qt::LeftButton);
    auto *approval = shownDialog<ApproveConsumerDialog>(&window());
    QVERIFY(approval);
    auto *keyEditor = child<ConsumerKeyEditor>(approval, QStringLiteral("publicKeyEditor"));
    const QString keyFile = env("HYGIENE_KEYS") + QStringLiteral("/app-generated-private.pem");
    QVERIFY(saveThroughFileDialog(child<QPushButton>(keyEditor, QStringLiteral("generateKeyPair")),
                                  approval, keyFile));
    auto *publicKey = child<QPlainTextEdit>(keyEditor, QStringLiteral("publicKey"));
    QTRY_VERIFY_WITH_TIMEOUT(
        publicKey->toPlainText().startsWith(QStringLiteral("-----BEGIN PUBLIC KEY-----")), 60000);
    QFile generated(keyFile);
    QVERIFY(generated.open(QIODevice::ReadOnly));
    QCOMPARE(generated.permissions() & 0x7777,
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    capture(QStringLiteral("app generated private key"), generated.readAll());
    approval->reject();

    // 4. The new token as the credential of a profile.
    const QString patProfile = QStringLiteral("app-pat-") + m_suffix;
    dialog = openAddDialog(patProfile, AuthKind::PersonalToken);
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("personalToken")),
                     QString::fromUtf8(appToken));
    save(dialog);

    // 5. OAuth 2.0 in the browser with that client: access and refresh tokens to the keychain.
    const QString oauth2Profile = QStringLiteral("app-oauth2-") + m_suffix;
    dialog = openAddDialog(oauth2Profile, AuthKind::OAuth2);
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("clientId")), clientId);
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("clientSecret")),
                     QString::fromUtf8(clientSecret));
    child<QSpinBox>(dialog, QStringLiteral("redirectPort"))->setValue(redirectPort);
    auto *panel = dialog->findChild<BrowserSignInPanel *>();
    QVERIFY(panel);
    QSignalSpy signedIn(panel, &BrowserSignInPanel::signInChanged);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("browserSignIn")), Qt::LeftButton);
    QString problem;
    const QUrl back =
        answerOAuth2Consent(m_url, nextOpened(), QStringLiteral("alice"), true, &problem);
    QVERIFY2(back.isValid(), qPrintable(problem));
    QVERIFY(!signedIn.isEmpty() || signedIn.wait(30000));
    save(dialog);
    captureKeychain(m_app->session().profiles(), m_app->session().secrets(),
                    QStringLiteral("app after OAuth 2.0 sign-in"));

    // 6. OAuth 1.0a in the browser with the consumer's private key; the code pasted back.
    const QString oauth1Profile = QStringLiteral("app-oauth1-") + m_suffix;
    dialog = openAddDialog(oauth1Profile, AuthKind::OAuth1);
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("consumerKey")),
                     env("HYGIENE_CONSUMER_KEY"));
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("privateKeyFile")),
                     env("HYGIENE_PRIVATE_KEY"));
    panel = dialog->findChild<BrowserSignInPanel *>();
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("browserSignIn")), Qt::LeftButton);
    const QUrl authorize = nextOpened();
    auto alice = connectAs(&m_network, m_url, QStringLiteral("alice"));
    FetchAuthorizePage fetch(alice.get(),
                             QUrlQuery(authorize).queryItemValue(QStringLiteral("oauth_token")));
    QSignalSpy fetched(&fetch, &ApiJob::finished);
    fetch.start();
    QVERIFY(fetched.wait(30000) && fetch.succeeded());
    AnswerAuthorizePage answer(alice.get(), fetch.result(), true);
    QSignalSpy answered(&answer, &ApiJob::finished);
    answer.start();
    QVERIFY(answered.wait(30000) && answer.succeeded());
    auto *verifier = child<QLineEdit>(dialog, QStringLiteral("verificationCode"));
    QTRY_VERIFY(verifier->isVisible());
    QSignalSpy finished(panel, &BrowserSignInPanel::signInChanged);
    QTest::keyClicks(verifier, answer.result().verifier);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("finishBrowserSignIn")),
                      Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    save(dialog);

    // 7. Working with the OAuth 2.0 profile; an hour later the app renews its tokens itself.
    connectTo(oauth2Profile);
    QVERIFY(server.advanceClock(3601));
    connectTo(patProfile);
    connectTo(oauth2Profile);
    captureKeychain(m_app->session().profiles(), m_app->session().secrets(),
                    QStringLiteral("app after renewal"));
    connectTo(oauth1Profile);

    // 8. Both exports, where a user would put them.
    const QString exports = env("HYGIENE_EXPORTS");
    showPage(MainWindow::MyAccess);
    QVERIFY(saveThroughFileDialog(child<QPushButton>(&window(), QStringLiteral("exportGrants")),
                                  &window(), exports + QStringLiteral("/app-my-access.csv")));
    QTRY_VERIFY(QFile::exists(exports + QStringLiteral("/app-my-access.csv")));
    showPage(MainWindow::Activity);
    QVERIFY(saveThroughFileDialog(child<QPushButton>(&window(), QStringLiteral("exportActivity")),
                                  &window(), exports + QStringLiteral("/app-activity.csv")));
    QTRY_VERIFY(QFile::exists(exports + QStringLiteral("/app-activity.csv")));

    captureKeychain(m_app->session().profiles(), m_app->session().secrets(),
                    QStringLiteral("app at the end"));
    // As at quit: the window saves its layout, the clipboard is wiped.
    window().close();
    m_app.reset();
}

// Administration ▸ OAuth 2.0 clients ▸ Create: the form filled and saved; *shown is the dialog that
// shows the new client's secret once.
void HygieneApp::createOAuth2Client(const QString &name, quint16 redirectPort,
                                    ClientSecretDialog **shown)
{
    showPage(MainWindow::Administration);
    auto *tabs = child<QTabWidget>(&window(), QStringLiteral("administrationTabs"));
    tabs->setCurrentIndex(AdministrationPage::OAuth2ClientsTab);
    auto *createClient = child<QPushButton>(&window(), QStringLiteral("createClient"));
    QTRY_VERIFY_WITH_TIMEOUT(createClient->isEnabled(), 30000);
    QTest::mouseClick(createClient, Qt::LeftButton);
    auto *form = shownDialog<OAuth2ClientDialog>(&window());
    QVERIFY(form);
    QTest::keyClicks(child<QLineEdit>(form, QStringLiteral("clientName")), name);
    QTest::keyClicks(child<QPlainTextEdit>(form, QStringLiteral("redirectUrls")),
                     QStringLiteral("http://127.0.0.1:%1/callback").arg(redirectPort));
    auto *scope = child<QComboBox>(form, QStringLiteral("scope"));
    scope->setCurrentIndex(scope->findData(QStringLiteral("WRITE")));
    QTest::mouseClick(child<QPushButton>(form, QStringLiteral("save")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT((*shown = shownDialog<ClientSecretDialog>(&window())), 30000);
}

QByteArray HygieneApp::clipboardSeenByAnotherClient()
{
    QProcess reader;
    reader.start(QCoreApplication::applicationFilePath(),
                 {QStringLiteral("readClipboard"), QStringLiteral("-silent")});
    // Not waitForFinished(): that would block the event loop that answers the reader.
    if (!QTest::qWaitFor([&reader] { return reader.state() == QProcess::NotRunning; }, 30000)) {
        reader.kill();
        reader.waitForFinished();
        qWarning("the clipboard reader did not finish");
        return "?";
    }
    const QByteArray out = reader.readAllStandardOutput();
    const qsizetype at = out.indexOf("CLIPBOARD:");
    if (reader.exitCode() != 0 || at < 0) {
        qWarning() << "the clipboard reader failed:" << reader.readAllStandardError();
        return "?";
    }
    const QByteArray line = out.mid(at + 10, out.indexOf('\n', at) - at - 10);
    return QByteArray::fromBase64(line.trimmed());
}

void HygieneApp::readClipboard()
{
    // Only as another program: the clipboard is read over X from the process that owns it.
    QVERIFY2(QGuiApplication::platformName() == QLatin1String("xcb"), "run on an X server");
    const QByteArray text = QGuiApplication::clipboard()->text().toUtf8();
    // Base64 on stdout, to the parent's pipe only: never a file.
    QFile out;
    QVERIFY(out.open(stdout, QIODevice::WriteOnly));
    out.write("CLIPBOARD:" + text.toBase64() + '\n');
}

void HygieneApp::clipboardStory()
{
    QVERIFY2(QGuiApplication::platformName() == QLatin1String("xcb"), "run on an X server");
    ConnectionOptions options;
    options.profile = QStringLiteral("app-admin-") + m_suffix;
    m_app = std::make_unique<DesktopApp>();
    QSignalSpy connected(&m_app->session(), &AppSession::connectionChanged);
    m_app->start(options, QString());
    window().show();
    QVERIFY(QTest::qWaitForWindowExposed(&window()));
    QVERIFY(!connected.isEmpty() || connected.wait(30000));

    showPage(MainWindow::MyAccess);
    auto *newToken = child<QPushButton>(&window(), QStringLiteral("newToken"));
    QTRY_VERIFY_WITH_TIMEOUT(newToken->isEnabled(), 30000);
    QTest::mouseClick(newToken, Qt::LeftButton);
    auto *create = shownDialog<CreateTokenDialog>(&window());
    QVERIFY(create);
    QTest::keyClicks(child<QLineEdit>(create, QStringLiteral("tokenName")),
                     QStringLiteral("hygiene-clipboard-token"));
    QTest::mouseClick(child<QPushButton>(create, QStringLiteral("createToken")), Qt::LeftButton);
    auto *tokenField = child<QLineEdit>(create, QStringLiteral("newToken"));
    QTRY_VERIFY_WITH_TIMEOUT(tokenField->isVisible() && !tokenField->text().isEmpty(), 30000);
    const QByteArray token = tokenField->text().toUtf8();
    capture(QStringLiteral("app new PAT copied to the clipboard"), token);
    QTest::mouseClick(child<QPushButton>(create, QStringLiteral("copyToken")), Qt::LeftButton);
    // Really on the X clipboard, for any program to paste (else the check below proves nothing).
    QCOMPARE(clipboardSeenByAnotherClient(), token);
    QTest::mouseClick(child<QPushButton>(create, QStringLiteral("tokenDone")), Qt::LeftButton);

    // A new OAuth 2.0 client's secret, copied from the dialog that shows it once, replaces it.
    ClientSecretDialog *shown = nullptr;
    createOAuth2Client(QStringLiteral("Hygiene Clipboard ") + m_suffix, freePort(), &shown);
    QVERIFY(shown);
    const QByteArray clientSecret =
        child<QLineEdit>(shown, QStringLiteral("clientSecret"))->text().toUtf8();
    QVERIFY(!clientSecret.isEmpty());
    capture(QStringLiteral("app client secret copied to the clipboard"), clientSecret);
    QTest::mouseClick(child<QPushButton>(shown, QStringLiteral("copyClientSecret")),
                      Qt::LeftButton);
    QCOMPARE(clipboardSeenByAnotherClient(), clientSecret);
    QTest::mouseClick(child<QPushButton>(shown, QStringLiteral("done")), Qt::LeftButton);

    // The user quits as main() lets them: the event loop ends, aboutToQuit is emitted. This
    // process lives on and would still own the clipboard, so only the app's own wipe passes.
    window().close();
    QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    QCoreApplication::exec();
    const QByteArray after = clipboardSeenByAnotherClient();
    QVERIFY2(after != token && after != clientSecret,
             "a secret is still on the clipboard after the app quit");
    QVERIFY(after.isEmpty());
    m_app.reset();
}

void HygieneApp::dumpKeychain()
{
    AppSession session;
    captureKeychain(session.profiles(), session.secrets(), QStringLiteral("keychain"));
}

// What keepOutOfCoreDumps() does to a process, seen from inside: the Python test reads the core
// limit of the real programs from /proc, but whether they are dumpable it can tell only when not
// running as root (/proc/<pid> then belongs to root).
void HygieneApp::processProtection()
{
    QCOMPARE(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
    secrets::keepOutOfCoreDumps();
    QCOMPARE(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
    rlimit limit{};
    QCOMPARE(::getrlimit(RLIMIT_CORE, &limit), 0);
    QCOMPARE(limit.rlim_cur, rlim_t(0));
}

QTEST_MAIN(HygieneApp)
#include "hygiene_app.moc"
