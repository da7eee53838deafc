// AppSession with the main window, against two real trackersims and the real keychain (run
// inside dbus-run-session with an unlocked gnome-keyring, as scripts/test.sh does): profiles
// switch through the window's server switcher and My access follows; a failed switch keeps the
// connection; start-up picks the only or last used profile, or says how to add one. And the real
// accessdesk binary, started as scripts/demo.sh starts it, lists the grants and stays up.
#include "GuiTestSupport.h"
#include "SimClient.h"
#include "SimProcess.h"
#include "TestKeychain.h"

#include "secrets/SecretStore.h"
#include "services/AppSession.h"
#include "services/MyAccessController.h"
#include "storage/ProfileStore.h"
#include "ui/MainWindow.h"

#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

// One app as main.cpp builds it, on its own settings file and data dir.
struct App
{
    explicit App(const QString &dir)
        : session(AppSession::Paths{dir + QStringLiteral("/profiles.ini"), dir})
        , controller(nullptr, session.activityLog(), {})
        , window(&controller)
    {
        session.keepPointed(&controller);
        window.setSession(&session);
        window.show();
    }

    // The window's controls, found by object name as a user's tool finds them.
    QComboBox *servers() { return child<QComboBox>(&window, QStringLiteral("serverSwitch")); }
    QWidget *banner() { return child<QWidget>(&window, QStringLiteral("notConnectedBanner")); }
    QLabel *state() { return child<QLabel>(&window, QStringLiteral("connectionState")); }
    // Made on the first problem, gone once closed: null then.
    QMessageBox *problemBox()
    {
        return window.findChild<QMessageBox *>(QStringLiteral("connectionProblem"));
    }

    AppSession session;
    MyAccessController controller;
    MainWindow window;
};

QStringList applications(const MyAccessController &controller)
{
    QStringList names;
    for (const AccessGrant &grant : controller.grants())
        names << grant.application;
    names.sort();
    return names;
}

} // namespace

class TestAppSession final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void startsWithTheOnlyProfile();
    void withoutProfilesSaysHowToAddOne();
    void switchesThroughTheServerList();
    void unknownProfileKeepsTheConnection();
    void missingKeychainEntryIsExplained();
    void commandLineConnectionIsListed();
    void realBinaryListsTheGrantsAndStaysUp();

private:
    // Saves a profile of sim for user (password = user name) in settings, the password in the
    // keychain; returns its (unique) name.
    QString addProfile(AppSession &session, const SimProcess &sim, const QString &user,
                       bool storePassword = true);
    bool waitForGrants(App &app, const QStringList &expected);

    std::unique_ptr<SimProcess> m_simA; // alice's grants
    std::unique_ptr<SimProcess> m_simB; // bob's
    SecretStore m_secrets;
    TestKeychain m_keychain{&m_secrets};
    QStringList m_alicesGrants;
    QStringList m_bobsGrants;
};

void TestAppSession::initTestCase()
{
    m_simA = std::make_unique<SimProcess>();
    m_simB = std::make_unique<SimProcess>();
    QVERIFY2(m_simA->start(), qPrintable(m_simA->errorText()));
    QVERIFY2(m_simB->start(), qPrintable(m_simB->errorText()));
    // The demo seed (README "Demo data").
    m_alicesGrants = QStringList{QStringLiteral("Bamboo"), QStringLiteral("Deploy Dashboard"),
                                 QStringLiteral("Release Radar"), QStringLiteral("ci-pipeline"),
                                 QStringLiteral("laptop-cli")};
    m_bobsGrants = QStringList{QStringLiteral("old-import"), QStringLiteral("reporting")};
    m_alicesGrants.sort();
    m_bobsGrants.sort();
}

void TestAppSession::cleanupTestCase()
{
    m_keychain.forgetAll();
}

QString TestAppSession::addProfile(AppSession &session, const SimProcess &sim, const QString &user,
                                   bool storePassword)
{
    ConnectionProfile profile;
    profile.name = user;
    profile.baseUrl = QUrl(sim.url());
    profile.username = user;
    QString problem;
    const QString name =
        m_keychain.addProfile(session.profiles(), profile, storePassword, &problem);
    if (name.isEmpty())
        qFatal("%s", qPrintable(problem));
    session.notifyProfilesChanged();
    return name;
}

bool TestAppSession::waitForGrants(App &app, const QStringList &expected)
{
    QSignalSpy changed(&app.controller, &MyAccessController::grantsChanged);
    for (int i = 0; i < 10 && applications(app.controller) != expected; ++i) {
        if (!changed.wait(30000))
            break;
    }
    return applications(app.controller) == expected;
}

void TestAppSession::startsWithTheOnlyProfile()
{
    QTemporaryDir dir;
    App app(dir.path());
    const QString name = addProfile(app.session, *m_simA, QStringLiteral("alice"));
    QCOMPARE(app.session.startupProfile(), name);

    QSignalSpy changed(&app.session, &AppSession::connectionChanged);
    QVERIFY(app.session.start(ConnectionOptions()));
    QVERIFY(changed.wait(30000));
    QCOMPARE(app.session.profileName(), name);
    QVERIFY(waitForGrants(app, m_alicesGrants));
    QCOMPARE(app.servers()->currentText(), name);
    QVERIFY(!app.banner()->isVisible());
    // The activity log of the app's data dir is what the controller records into.
    QVERIFY(app.session.activityLog());
}

void TestAppSession::withoutProfilesSaysHowToAddOne()
{
    QTemporaryDir dir;
    App app(dir.path());
    QSignalSpy addServer(&app.window, &MainWindow::addServerRequested);
    QVERIFY(!app.session.start(ConnectionOptions()));
    QVERIFY(!app.session.connection());
    QVERIFY(app.banner()->isVisible());
    QVERIFY2(app.state()->text().contains(QStringLiteral("Connection page")),
             qPrintable(app.state()->text()));
    QVERIFY(!app.servers()->isEnabled());
    auto *add = app.banner()->findChild<QPushButton *>();
    QVERIFY(add);
    add->click();
    QCOMPARE(addServer.count(), 1);

    // Two profiles and none used before: no guessing.
    addProfile(app.session, *m_simA, QStringLiteral("alice"));
    addProfile(app.session, *m_simB, QStringLiteral("bob"));
    QCOMPARE(app.session.startupProfile(), QString());
    QVERIFY(!app.session.start(ConnectionOptions()));
    QCOMPARE(app.servers()->count(), 2);
    QVERIFY(app.servers()->isEnabled());
}

void TestAppSession::switchesThroughTheServerList()
{
    QTemporaryDir dir;
    QString bobs;
    {
        App app(dir.path());
        const QString alices = addProfile(app.session, *m_simA, QStringLiteral("alice"));
        bobs = addProfile(app.session, *m_simB, QStringLiteral("bob"));
        QSignalSpy changed(&app.session, &AppSession::connectionChanged);
        app.session.switchToProfile(alices);
        QVERIFY(changed.wait(30000));
        QVERIFY(waitForGrants(app, m_alicesGrants));
        ServerConnection *first = app.session.connection();

        // The user picks bob's server in the toolbar.
        QComboBox *servers = app.servers();
        const int index = servers->findText(bobs);
        QVERIFY(index >= 0);
        servers->setCurrentIndex(index);
        emit servers->activated(index);
        QVERIFY(changed.wait(30000));
        QVERIFY(app.session.connection() != first);
        QCOMPARE(app.session.profileName(), bobs);
        QCOMPARE(app.controller.who().serverUrl, m_simB->url());
        QVERIFY(waitForGrants(app, m_bobsGrants));
        QCOMPARE(servers->currentText(), bobs);
        // The status bar names the server now shown.
        QString serverShown;
        for (QLabel *label : app.window.statusBar()->findChildren<QLabel *>()) {
            if (label->accessibleName() == QLatin1String("Server"))
                serverShown = label->text();
        }
        QVERIFY2(serverShown.contains(m_simB->url()), qPrintable(serverShown));
    }
    // The next start opens the profile used last.
    App again(dir.path());
    QCOMPARE(again.session.lastUsedProfile(), bobs);
    QCOMPARE(again.session.startupProfile(), bobs);
}

void TestAppSession::unknownProfileKeepsTheConnection()
{
    QTemporaryDir dir;
    App app(dir.path());
    const QString alices = addProfile(app.session, *m_simA, QStringLiteral("alice"));
    QSignalSpy changed(&app.session, &AppSession::connectionChanged);
    QVERIFY(app.session.start(ConnectionOptions()));
    QVERIFY(changed.wait(30000));
    QVERIFY(waitForGrants(app, m_alicesGrants));
    ServerConnection *connection = app.session.connection();

    QSignalSpy failed(&app.session, &AppSession::connectionFailed);
    app.session.switchToProfile(QStringLiteral("no-such-server"));
    QVERIFY(failed.wait(30000));
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("no-such-server")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(app.session.connection(), connection);
    QCOMPARE(app.session.profileName(), alices);
    QCOMPARE(applications(app.controller), m_alicesGrants);
    QCOMPARE(app.servers()->currentText(), alices);
    // Said in the window, without blocking it.
    QVERIFY(app.problemBox());
    QVERIFY(app.problemBox()->isVisible());
    QVERIFY(app.problemBox()->text().contains(QStringLiteral("no-such-server")));
    QVERIFY(app.state()->text().contains(QStringLiteral("no-such-server")));
    app.problemBox()->close();
}

void TestAppSession::missingKeychainEntryIsExplained()
{
    QTemporaryDir dir;
    App app(dir.path());
    const QString name = addProfile(app.session, *m_simA, QStringLiteral("alice"), false);
    QSignalSpy failed(&app.session, &AppSession::connectionFailed);
    app.session.switchToProfile(name);
    QVERIFY(failed.wait(30000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(name) && message.contains(QStringLiteral("Connection page")),
             qPrintable(message));
    QVERIFY(!app.session.connection());
    QVERIFY(app.state()->text().contains(name));
    app.problemBox()->close();
}

void TestAppSession::commandLineConnectionIsListed()
{
    QTemporaryDir dir;
    App app(dir.path());
    addProfile(app.session, *m_simA, QStringLiteral("alice"));
    qputenv("ACCESSDESK_APPSESSION_TEST_PASSWORD", "bob");
    ConnectionOptions options;
    options.server = m_simB->url();
    options.user = QStringLiteral("bob");
    options.passwordEnv = QStringLiteral("ACCESSDESK_APPSESSION_TEST_PASSWORD");
    QSignalSpy changed(&app.session, &AppSession::connectionChanged);
    QVERIFY(app.session.start(options));
    QVERIFY(changed.wait(30000));
    QCOMPARE(app.session.profileName(), QString());
    QVERIFY(waitForGrants(app, m_bobsGrants));
    QComboBox *servers = app.servers();
    QCOMPARE(servers->count(), 2);
    QVERIFY(servers->currentText().contains(m_simB->url()));
}

void TestAppSession::realBinaryListsTheGrantsAndStaysUp()
{
    // The grants listing reads the access-tokens page: a one-time latency fault there is used up
    // exactly when the app lists alice's grants, which the control interface then shows.
    QNetworkAccessManager network;
    const SimClient server(&network, m_simA->url());
    QVERIFY(server.addFault(R"({"method":"GET","path":"/plugins/servlet/oauth/users/access-tokens",
            "action":"latency","delayMs":1,"times":1})"));
    QCOMPARE(server.faultCount(), 1);

    QTemporaryDir home;
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
    env.insert(QStringLiteral("ACCESSDESK_DEMO_PASSWORD"), QStringLiteral("alice"));
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedChannels);
    // As scripts/demo.sh starts it.
    app.start(QStringLiteral(ACCESSDESK_APP),
              {QStringLiteral("--server"), m_simA->url(), QStringLiteral("--auth"),
               QStringLiteral("basic"), QStringLiteral("--user"), QStringLiteral("alice"),
               QStringLiteral("--password-env"), QStringLiteral("ACCESSDESK_DEMO_PASSWORD")});
    QVERIFY(app.waitForStarted(30000));
    QTRY_COMPARE_WITH_TIMEOUT(server.faultCount(), 0, 60000);
    QCOMPARE(app.state(), QProcess::Running);

    app.terminate();
    QVERIFY(app.waitForFinished(30000));
}

QTEST_MAIN(TestAppSession)
#include "tst_appsession.moc"
