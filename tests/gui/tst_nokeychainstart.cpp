// The desktop app started with a saved profile but no keychain (no Secret Service on the session
// bus, as on a bare window manager): it asks for the password in a small dialog, shows the list
// seen last time meanwhile, connects with what was typed without storing it, and says why it asks
// in plain words, with the keychain's own (D-Bus) words only in a tooltip.
#include "GuiTestSupport.h"
#include "SimProcess.h"

#include "secrets/SecretJob.h"
#include "secrets/SecretStore.h"
#include "services/AppSession.h"
#include "services/ConnectionTester.h"
#include "services/GrantListCache.h"
#include "services/MyAccessController.h"
#include "ui/ConnectionDialog.h"
#include "ui/ConnectionPage.h"
#include "ui/DesktopApp.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessPage.h"
#include "ui/SecretPromptDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

const QString kProfile = QStringLiteral("work");

QStringList applications(const QList<AccessGrant> &grants)
{
    QStringList names;
    for (const AccessGrant &grant : grants)
        names << grant.application;
    names.sort();
    return names;
}

} // namespace

class TestNoKeychainStart final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void asksForThePasswordAndShowsTheCachedListMeanwhile();
    void declinedPromptSaysHowToTryAgain();
    void connectionDialogSpeaksPlainWords();
    void oauthProfileIsExplainedInPlainWords();

private:
    // A DesktopApp on dir with alice's profile of the sim saved (no secret: there is no keychain)
    // and a cached list of one grant, "Cached Tool".
    std::unique_ptr<DesktopApp> newApp(const QTemporaryDir &dir);
    SecretPromptDialog *waitForPrompt(DesktopApp &app);

    std::unique_ptr<SimProcess> m_sim;
};

void TestNoKeychainStart::initTestCase()
{
    // Before anything talks to D-Bus: the session bus points at nothing, so no keychain answers.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/accessdesk-test/bus");
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
}

std::unique_ptr<DesktopApp> TestNoKeychainStart::newApp(const QTemporaryDir &dir)
{
    auto app = std::make_unique<DesktopApp>(
        AppSession::Paths{dir.filePath(QStringLiteral("profiles.ini")), dir.path()});
    ConnectionProfile profile;
    profile.name = kProfile;
    profile.baseUrl = QUrl(m_sim->url());
    profile.username = QStringLiteral("alice");
    QStringList problems;
    if (!app->session().profiles().save(profile, ProfileStore::SaveMode::CreateOnly, &problems))
        qFatal("profile not saved: %s", qPrintable(problems.join(QLatin1Char(';'))));
    AccessGrant cached;
    cached.id = QStringLiteral("c1");
    cached.kind = GrantKind::OAuth1;
    cached.application = QStringLiteral("Cached Tool");
    cached.issuedAt = QDateTime::currentDateTimeUtc().addDays(-3);
    if (!GrantListCache(app->session().offlineCache())
             .store(kProfile, {cached}, QDateTime::currentDateTimeUtc().addDays(-1)))
        qFatal("cached list not stored");
    return app;
}

SecretPromptDialog *TestNoKeychainStart::waitForPrompt(DesktopApp &app)
{
    const auto shown = [&app] { return shownDialog<SecretPromptDialog>(&app.window()); };
    if (!shown())
        waitUntil(&app.session(), &AppSession::secretNeeded,
                  [&shown] { return shown() != nullptr; });
    return shown();
}

void TestNoKeychainStart::asksForThePasswordAndShowsTheCachedListMeanwhile()
{
    QTemporaryDir dir;
    std::unique_ptr<DesktopApp> app = newApp(dir);
    QSignalSpy failed(&app->session(), &AppSession::connectionFailed);
    app->start(ConnectionOptions(), QString());

    SecretPromptDialog *prompt = waitForPrompt(*app);
    QVERIFY2(prompt, "no password prompt");
    QCOMPARE(failed.count(), 0); // not "add the server again"
    QVERIFY(prompt->isVisible());
    QCOMPARE(prompt->objectName(), QStringLiteral("secretPromptDialog"));
    QVERIFY(app->session().secrets()->isMemoryOnly());

    // Why it asks, in plain words; the D-Bus error only in the tooltip.
    auto *noticeLabel = child<QLabel>(prompt, QStringLiteral("keychainNotice"));
    const QString notice = noticeLabel->text();
    QVERIFY2(notice.contains(QLatin1String("No password store is running")), qPrintable(notice));
    QVERIFY2(!notice.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive) &&
                 !notice.contains(QLatin1String("org.freedesktop")),
             qPrintable(notice));
    QVERIFY(!noticeLabel->toolTip().isEmpty());
    saveScreenshot(prompt, QStringLiteral("no-keychain-password-prompt"));

    // Meanwhile My access shows the list seen last time, readable but not changeable.
    MyAccessController &controller = app->myAccess();
    QVERIFY(controller.showsCachedList());
    QCOMPARE(applications(controller.grants()), QStringList{QStringLiteral("Cached Tool")});
    QVERIFY(app->window().myAccessPage()->isEnabled());
    QVERIFY(!controller.canChange());
    QVERIFY(!child<QWidget>(&app->window(), QStringLiteral("notConnectedBanner"))->isVisible());
    const QLabel *state = child<QLabel>(&app->window(), QStringLiteral("connectionState"));
    QVERIFY2(state->text().contains(kProfile), qPrintable(state->text()));

    // The password typed connects; the server's list replaces the cached one.
    auto *edit = prompt->findChild<QLineEdit *>(QStringLiteral("secretEdit"));
    auto *connectButton = prompt->findChild<QPushButton *>(QStringLiteral("connectButton"));
    QVERIFY(edit && connectButton);
    QVERIFY(!connectButton->isEnabled());
    QTest::keyClicks(edit, QStringLiteral("alice"));
    QSignalSpy changed(&app->session(), &AppSession::connectionChanged);
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QVERIFY(changed.wait(30000));
    QCOMPARE(app->session().profileName(), kProfile);
    QVERIFY(waitUntil(&controller, &MyAccessController::grantsChanged,
                      [&controller] { return controller.grants().size() == 5; }));
    QVERIFY(!controller.showsCachedList());
    QVERIFY(applications(controller.grants()).contains(QStringLiteral("Bamboo")));
    QVERIFY(!shownDialog<SecretPromptDialog>(&app->window()));

    // Used, not kept: even the in-memory store of this run holds no password for the profile.
    std::unique_ptr<SecretJob> read(
        app->session().secrets()->readSecret(SecretKey{kProfile, SecretKind::Password}));
    QSignalSpy readDone(read.get(), &SecretJob::finished);
    QVERIFY(readDone.wait(30000));
    QVERIFY(!read->found());
}

void TestNoKeychainStart::declinedPromptSaysHowToTryAgain()
{
    QTemporaryDir dir;
    std::unique_ptr<DesktopApp> app = newApp(dir);
    app->start(ConnectionOptions(), QString());
    SecretPromptDialog *prompt = waitForPrompt(*app);
    QVERIFY(prompt);
    QSignalSpy failed(&app->session(), &AppSession::connectionFailed);
    QTest::mouseClick(child<QPushButton>(prompt, QStringLiteral("cancelButton")), Qt::LeftButton);
    QCOMPARE(failed.count(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(kProfile) && message.contains(QLatin1String("asked again")),
             qPrintable(message));
    QVERIFY(!app->session().secretRequest());
    QVERIFY(!app->session().connection());
    child<QMessageBox>(&app->window(), QStringLiteral("connectionProblem"))->close();

    // Choosing the server again asks again.
    app->session().switchToProfile(kProfile);
    QVERIFY(waitForPrompt(*app));
    QPointer<SecretPromptDialog> open = shownDialog<SecretPromptDialog>(&app->window());

    // Another way in (here the command line's server) answers the question left open: the
    // dialog goes, and nothing is said about a declined password.
    qputenv("ACCESSDESK_NOKEYCHAIN_TEST_PASSWORD", "alice");
    ConnectionOptions options;
    options.server = m_sim->url();
    options.user = QStringLiteral("alice");
    options.passwordEnv = QStringLiteral("ACCESSDESK_NOKEYCHAIN_TEST_PASSWORD");
    QSignalSpy changed(&app->session(), &AppSession::connectionChanged);
    app->session().connectWith(options);
    QVERIFY(changed.wait(30000));
    QVERIFY(open.isNull() || !open->isVisible());
    QCOMPARE(failed.count(), 1);
}

void TestNoKeychainStart::connectionDialogSpeaksPlainWords()
{
    QTemporaryDir dir;
    std::unique_ptr<DesktopApp> app = newApp(dir);
    app->start(ConnectionOptions(), QString());
    QVERIFY(waitForPrompt(*app)); // by now the keychain is known to be missing
    shownDialog<SecretPromptDialog>(&app->window())->reject();

    ConnectionDialog *dialog = app->connectionPage().openAddDialog();
    QVERIFY(dialog);
    const QString notice = dialog->keychainNotice();
    QVERIFY2(notice.contains(QLatin1String("No password store is running")), qPrintable(notice));
    QVERIFY2(!notice.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive), qPrintable(notice));
    bool detailsInTooltip = false;
    for (QLabel *label : dialog->findChildren<QLabel *>()) {
        if (label->text() == notice)
            detailsInTooltip = !label->toolTip().isEmpty() && label->toolTip() != notice;
    }
    QVERIFY(detailsInTooltip);
    dialog->reject();
}

void TestNoKeychainStart::oauthProfileIsExplainedInPlainWords()
{
    // An OAuth 2.0 token is nothing to type from memory: no question, a plain explanation.
    QTemporaryDir dir;
    DesktopApp app(AppSession::Paths{dir.filePath(QStringLiteral("profiles.ini")), dir.path()});
    ConnectionProfile profile;
    profile.name = QStringLiteral("oauth");
    profile.baseUrl = QUrl(m_sim->url());
    profile.authKind = AuthKind::OAuth2;
    profile.oauth2ClientId = QStringLiteral("newcomer-client");
    QStringList problems;
    QVERIFY2(app.session().profiles().save(profile, ProfileStore::SaveMode::CreateOnly, &problems),
             qPrintable(problems.join(QLatin1Char(';'))));
    QSignalSpy failed(&app.session(), &AppSession::connectionFailed);
    app.start(ConnectionOptions(), QString());
    QVERIFY(failed.wait(30000));
    QVERIFY(!shownDialog<SecretPromptDialog>(&app.window()));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QLatin1String("No password store is running")) &&
                 message.contains(profile.name),
             qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive) &&
                 !message.contains(QLatin1String("environment")),
             qPrintable(message));
    child<QMessageBox>(&app.window(), QStringLiteral("connectionProblem"))->close();
}

QTEST_MAIN(TestNoKeychainStart)
#include "tst_nokeychainstart.moc"
