// The desktop app's keychain faults of the fault matrix (issue 11, section 2) that need a running
// keychain: gnome-keyring LOCKED (the unlock prompt cannot be shown, as on a server or in a
// session whose keyring was locked) and REFUSING (gnome-keyring answers "Cannot create an item in
// a locked collection" to a write). The absent keychain is tst_nokeychainstart's.
//
// The keyring is this binary's own: a private D-Bus session bus with a gnome-keyring-daemon on it,
// started without a display, so locking it touches no other test (CTest runs several under one
// dbus-run-session). Each row asserts the sentence the user reads (found by object name), that
// the form keeps what was typed, that nothing hangs, that the activity log claims nothing (no
// request was sent), and that once the keyring is unlocked the same actions work.
//
// A refusal the user chooses (an unlock prompt shown and dismissed) needs a prompt on a display
// and a person (or a robot) to press Cancel; gnome-keyring has no read-only collection. Without a
// display gnome-keyring dismisses the prompt itself, which is what the locked rows meet.
#include "GuiTestSupport.h"
#include "SimProcess.h"

#include "secrets/SecretJob.h"
#include "secrets/SecretStore.h"
#include "services/AppSession.h"
#include "storage/ActivityLog.h"
#include "storage/ProfileStore.h"
#include "ui/ConfirmationDialog.h"
#include "ui/ConnectionDialog.h"
#include "ui/ConnectionPage.h"
#include "ui/DesktopApp.h"
#include "ui/MainWindow.h"
#include "ui/SecretPromptDialog.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

const QByteArray kKeyringPassword = "keychain-faults";
const QString kProfile = QStringLiteral("work");
// No row may take longer than this: a hang fails instead of stalling CI.
constexpr int kNoHangMs = 15000;

} // namespace

class TestKeychainFaults final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void lockedAtStartSaysSo();
    void lockedRefusesToStoreAndTheFormKeepsWhatWasTyped();
    void lockedRefusesToForgetAndTheProfileIsKept();

private:
    bool startKeyring();
    void stopKeyring();
    bool gdbus(const QStringList &arguments, QByteArray *out = nullptr);
    bool lock();
    // As the user does in the desktop's unlock dialog: the keyring's password unlocks it.
    bool unlock();
    std::unique_ptr<DesktopApp> newApp();
    bool hasSecret(const QString &profile);
    QList<ActivityEntry> activity(DesktopApp &app) const;

    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    QProcess m_bus;
    QProcess m_keyring;
    std::unique_ptr<SimProcess> m_sim;
};

void TestKeychainFaults::initTestCase()
{
    QVERIFY(m_home.isValid());
    m_env = QProcessEnvironment::systemEnvironment();
    // No display: the unlock prompt (gcr-prompter, started by the bus) cannot be shown.
    m_env.remove(QStringLiteral("DISPLAY"));
    m_env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    m_env.insert(QStringLiteral("HOME"), m_home.path());
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    const QString runtime = m_home.filePath(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(runtime));
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);

    m_bus.setProcessEnvironment(m_env);
    m_bus.start(QStringLiteral("dbus-daemon"),
                {QStringLiteral("--session"), QStringLiteral("--nofork"),
                 QStringLiteral("--print-address=1")});
    QVERIFY2(m_bus.waitForStarted(5000), "dbus-daemon did not start");
    QVERIFY(m_bus.waitForReadyRead(5000));
    const QByteArray address = m_bus.readLine().trimmed();
    QVERIFY(!address.isEmpty());
    m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QString::fromLatin1(address));
    // Before anything in this process talks to D-Bus: the app's keychain is the private one.
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    QVERIFY(startKeyring());

    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));

    // alice's profile, saved whole while the keychain is open: the password is in it.
    AppSession::Paths paths{m_home.filePath(QStringLiteral("profiles.ini")),
                            m_home.filePath(QStringLiteral("app"))};
    AppSession session(paths);
    ConnectionProfile profile;
    profile.name = kProfile;
    profile.baseUrl = QUrl(m_sim->url());
    profile.username = QStringLiteral("alice");
    QVERIFY(session.profiles().save(profile, ProfileStore::SaveMode::CreateOnly));
    std::unique_ptr<SecretJob> write(session.secrets()->writeSecret(
        SecretKey{kProfile, SecretKind::Password}, QByteArrayLiteral("alice")));
    write->setAutoDelete(false);
    QSignalSpy written(write.get(), &SecretJob::finished);
    QVERIFY(written.wait(kNoHangMs));
    QVERIFY2(!write->hasError() && !write->isMemoryOnly(), qPrintable(write->errorString()));
}

void TestKeychainFaults::cleanupTestCase()
{
    m_sim.reset();
    stopKeyring();
    if (m_bus.state() != QProcess::NotRunning) {
        m_bus.terminate();
        m_bus.waitForFinished(5000);
    }
}

bool TestKeychainFaults::startKeyring()
{
    m_keyring.setProcessEnvironment(m_env);
    m_keyring.setStandardOutputFile(QProcess::nullDevice());
    m_keyring.setStandardErrorFile(QProcess::nullDevice());
    m_keyring.start(QStringLiteral("gnome-keyring-daemon"),
                    {QStringLiteral("--foreground"), QStringLiteral("--unlock"),
                     QStringLiteral("--components=secrets")});
    if (!m_keyring.waitForStarted(5000))
        return false;
    m_keyring.write(kKeyringPassword);
    m_keyring.closeWriteChannel();
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < kNoHangMs) {
        QByteArray out;
        if (gdbus({QStringLiteral("--dest"), QStringLiteral("org.freedesktop.DBus"),
                   QStringLiteral("--object-path"), QStringLiteral("/org/freedesktop/DBus"),
                   QStringLiteral("--method"), QStringLiteral("org.freedesktop.DBus.NameHasOwner"),
                   QStringLiteral("org.freedesktop.secrets")},
                  &out) &&
            out.contains("true"))
            return true;
        QTest::qWait(50);
    }
    return false;
}

void TestKeychainFaults::stopKeyring()
{
    if (m_keyring.state() == QProcess::NotRunning)
        return;
    m_keyring.terminate();
    m_keyring.waitForFinished(5000);
}

bool TestKeychainFaults::gdbus(const QStringList &arguments, QByteArray *out)
{
    QProcess call;
    call.setProcessEnvironment(m_env);
    call.start(QStringLiteral("gdbus"),
               QStringList{QStringLiteral("call"), QStringLiteral("--session")} + arguments);
    if (!call.waitForFinished(10000) || call.exitCode() != 0)
        return false;
    if (out)
        *out = call.readAllStandardOutput();
    return true;
}

bool TestKeychainFaults::lock()
{
    return gdbus({QStringLiteral("--dest"), QStringLiteral("org.freedesktop.secrets"),
                  QStringLiteral("--object-path"), QStringLiteral("/org/freedesktop/secrets"),
                  QStringLiteral("--method"), QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                  QStringLiteral("@ao ['/org/freedesktop/secrets/collection/login']")});
}

bool TestKeychainFaults::unlock()
{
    // What the desktop's unlock dialog does, through gnome-keyring's own interface for it; the
    // daemon keeps running (restarting it would end the Secret Service sessions of this process).
    QProcess unlocker;
    unlocker.setProcessEnvironment(m_env);
    unlocker.start(
        QStringLiteral("/usr/bin/python3"),
        {QStringLiteral("-c"),
         QStringLiteral(
             "import sys\n"
             "from gi.repository import Gio, GLib\n"
             "bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)\n"
             "S, P = 'org.freedesktop.secrets', '/org/freedesktop/secrets'\n"
             "opened = bus.call_sync(S, P, 'org.freedesktop.Secret.Service', 'OpenSession',\n"
             "    GLib.Variant('(sv)', ('plain', GLib.Variant('s', ''))),\n"
             "    GLib.VariantType('(vo)'), Gio.DBusCallFlags.NONE, 10000, None)\n"
             "session = opened.unpack()[1]\n"
             "bus.call_sync(S, P, 'org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface',\n"
             "    'UnlockWithMasterPassword', GLib.Variant('(o(oayays))',\n"
             "    (P + '/collection/login', (session, b'', sys.argv[1].encode(), 'text/plain'))),\n"
             "    None, Gio.DBusCallFlags.NONE, 10000, None)\n"),
         QString::fromLatin1(kKeyringPassword)});
    if (!unlocker.waitForFinished(kNoHangMs) || unlocker.exitCode() != 0) {
        qWarning() << "unlock failed:" << unlocker.readAllStandardError();
        return false;
    }
    return true;
}

std::unique_ptr<DesktopApp> TestKeychainFaults::newApp()
{
    return std::make_unique<DesktopApp>(AppSession::Paths{
        m_home.filePath(QStringLiteral("profiles.ini")), m_home.filePath(QStringLiteral("app"))});
}

bool TestKeychainFaults::hasSecret(const QString &profile)
{
    SecretStore store;
    std::unique_ptr<SecretJob> read(store.readSecret(SecretKey{profile, SecretKind::Password}));
    read->setAutoDelete(false);
    QSignalSpy done(read.get(), &SecretJob::finished);
    return done.wait(kNoHangMs) && !read->hasError() && read->found();
}

QList<ActivityEntry> TestKeychainFaults::activity(DesktopApp &app) const
{
    return app.session().activityLog() ? app.session().activityLog()->entries()
                                       : QList<ActivityEntry>();
}

// ---- Locked at start: the saved sign-in cannot be read. ----

void TestKeychainFaults::lockedAtStartSaysSo()
{
    QVERIFY(lock());
    std::unique_ptr<DesktopApp> app = newApp();
    QSignalSpy failed(&app->session(), &AppSession::connectionFailed);
    QElapsedTimer took;
    took.start();
    app->start(ConnectionOptions(), QString());
    QVERIFY(failed.wait(kNoHangMs));
    QVERIFY(took.elapsed() < kNoHangMs);
    const auto *box = child<QMessageBox>(&app->window(), QStringLiteral("connectionProblem"));
    QVERIFY(box->isVisible());
    // Plain words naming the state and the profile; not "add it again": the password is there.
    const QString said = box->text();
    QVERIFY2(said.contains(kProfile) && said.contains(QLatin1String("keychain is locked")) &&
                 said.contains(QLatin1String("Unlock it")),
             qPrintable(said));
    QVERIFY2(!said.contains(QLatin1String("again on the Connection page")) &&
                 !said.contains(QLatin1String("org.freedesktop")),
             qPrintable(said));
    // Not taken for an absent keychain: nothing is asked for, nothing moves to memory.
    QVERIFY(!shownDialog<SecretPromptDialog>(&app->window()));
    QVERIFY(!app->session().secrets()->isMemoryOnly());
    QVERIFY(!app->session().connection());
    QVERIFY(activity(*app).isEmpty()); // nothing was sent
    const_cast<QMessageBox *>(box)->close();
    app.reset();

    // Unlocked, the same start connects with the saved password.
    QVERIFY(unlock());
    app = newApp();
    QSignalSpy connected(&app->session(), &AppSession::connectionChanged);
    app->start(ConnectionOptions(), QString());
    QVERIFY(connected.wait(kNoHangMs));
    QCOMPARE(app->session().profileName(), kProfile);
}

// ---- Locked when a new sign-in is saved: gnome-keyring refuses the write. ----

void TestKeychainFaults::lockedRefusesToStoreAndTheFormKeepsWhatWasTyped()
{
    QVERIFY(lock());
    std::unique_ptr<DesktopApp> app = newApp();
    app->start(ConnectionOptions(), QString());
    if (auto *box = app->window().findChild<QMessageBox *>(QStringLiteral("connectionProblem")))
        box->close();
    QTest::mouseClick(child<QPushButton>(&app->window(), QStringLiteral("addProfile")),
                      Qt::LeftButton);
    auto *dialog = shownDialog<ConnectionDialog>(&app->window());
    QVERIFY(dialog);
    const QString name = QStringLiteral("second");
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("profileName")), name);
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("serverAddress")), m_sim->url());
    auto *kinds = child<QComboBox>(dialog, QStringLiteral("authKind"));
    kinds->setCurrentIndex(kinds->findData(int(AuthKind::Session)));
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("userName")), QStringLiteral("bob"));
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("password")), QStringLiteral("bob"));
    auto *save = child<QPushButton>(dialog, QStringLiteral("saveProfile"));
    QSignalSpy saved(dialog, &ConnectionDialog::profileSaved);
    QTest::mouseClick(save, Qt::LeftButton);
    auto *problem = child<QLabel>(dialog, QStringLiteral("passwordOrTokenProblem"));
    QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible() && save->isEnabled(), kNoHangMs);
    QVERIFY2(problem->text().contains(QLatin1String("keychain is locked")) &&
                 problem->text().contains(QLatin1String("nothing was saved")),
             qPrintable(problem->text()));
    QCOMPARE(saved.count(), 0);
    // Everything typed is still there, ready to be saved again.
    QVERIFY(dialog->isVisible());
    QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("profileName"))->text(), name);
    QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("serverAddress"))->text(), m_sim->url());
    QCOMPARE(kinds->currentData().toInt(), int(AuthKind::Session));
    QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("userName"))->text(), QStringLiteral("bob"));
    QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("password"))->text(), QStringLiteral("bob"));
    QVERIFY(!app->session().profiles().find(name));
    QVERIFY(!app->session().secrets()->isMemoryOnly());
    QVERIFY(activity(*app).isEmpty());

    // Unlocked meanwhile, the same form saves as it stands.
    QVERIFY(unlock());
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(!saved.isEmpty() || saved.wait(kNoHangMs));
    QVERIFY(app->session().profiles().find(name));
    QVERIFY(hasSecret(name));
}

// ---- Locked when a profile is removed: its password cannot be deleted, so nothing goes. ----

void TestKeychainFaults::lockedRefusesToForgetAndTheProfileIsKept()
{
    QVERIFY(lock());
    std::unique_ptr<DesktopApp> app = newApp();
    app->start(ConnectionOptions(), QString());
    if (auto *box = app->window().findChild<QMessageBox *>(QStringLiteral("connectionProblem")))
        box->close();
    auto *table = child<QTableView>(&app->window(), QStringLiteral("profileTable"));
    const int row = rowOf(table->model(), 0, kProfile);
    QVERIFY(row >= 0);
    table->selectRow(row);
    ConfirmationDialog *confirm =
        clickConfirmed(child<QPushButton>(&app->window(), QStringLiteral("removeProfile")),
                       &app->window(), ConfirmationDialog::Answer::Accept);
    QVERIFY(confirm);
    auto *status = child<QLabel>(&app->window(), QStringLiteral("profileStatus"));
    QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(QLatin1String("was kept")),
                              qPrintable(status->text()), kNoHangMs);
    QVERIFY2(status->text().contains(QLatin1String("keychain is locked")),
             qPrintable(status->text()));
    // Kept whole: the profile, and its password in the keychain (not left behind orphaned).
    QVERIFY(app->session().profiles().find(kProfile));
    QVERIFY(unlock());
    QVERIFY(hasSecret(kProfile));
}

QTEST_MAIN(TestKeychainFaults)
#include "tst_keychainfaults.moc"
