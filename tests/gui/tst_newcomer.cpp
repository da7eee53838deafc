// What a new user ran into, fixed, with the whole desktop app (DesktopApp) against real trackersims
// and the real keyring (run inside dbus-run-session with an unlocked gnome-keyring): the first
// connection of a first run opens My access; My access's context menu offers Copy and Details;
// answering a request for access lists the new grant once the dialog is closed; and what the
// status line says about one server is gone after switching to another.
#include "GuiTestSupport.h"
#include "SimClient.h"
#include "SimProcess.h"
#include "TestKeychain.h"

#include "AccessGrantModel.h"
#include "api/OAuthFlowJobs.h"
#include "api/ServerConnection.h"
#include "auth/OAuth1Credentials.h"
#include "auth/OAuth1Signer.h"
#include "secrets/SecretStore.h"
#include "services/AppSession.h"
#include "services/MyAccessController.h"
#include "services/RequestForAccessController.h"
#include "ui/ConnectionDialog.h"
#include "ui/ConnectionPage.h"
#include "ui/DesktopApp.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessPage.h"
#include "ui/RequestForAccessDialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUrlQuery>

#include <memory>

using namespace accessdesk;

namespace {

bool lists(const MyAccessController &controller, const QString &application)
{
    for (const AccessGrant &grant : controller.grants()) {
        if (grant.application == application)
            return true;
    }
    return false;
}

QTableView *grantTable(MyAccessPage *page)
{
    return child<QTableView>(page, QStringLiteral("grantTable"));
}

QAction *tableAction(MyAccessPage *page, const QString &name)
{
    for (QAction *action : grantTable(page)->actions()) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}

} // namespace

class TestNewcomer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void firstConnectionOfAFirstRunOpensMyAccess();
    void contextMenuOffersCopyAndDetails();
    void answeringARequestListsTheNewGrant();
    void statusOfOneServerIsGoneAfterSwitching();

private:
    // A DesktopApp on dir with the profile of user (password = user name) on sim, connected.
    std::unique_ptr<DesktopApp> connectedApp(const QTemporaryDir &dir, const SimProcess &sim,
                                             const QString &user, QString *profile = nullptr);
    QString addProfile(DesktopApp &app, const SimProcess &sim, const QString &user);
    bool waitForList(DesktopApp &app, const QString &application);

    std::unique_ptr<SimProcess> m_simA;
    std::unique_ptr<SimProcess> m_simB;
    SecretStore m_secrets;
    TestKeychain m_keychain{&m_secrets};
    QNetworkAccessManager m_network;
};

void TestNewcomer::initTestCase()
{
    m_simA = std::make_unique<SimProcess>();
    m_simB = std::make_unique<SimProcess>();
    QVERIFY2(m_simA->start(), qPrintable(m_simA->errorText()));
    QVERIFY2(m_simB->start(), qPrintable(m_simB->errorText()));
}

void TestNewcomer::cleanupTestCase()
{
    m_keychain.forgetAll();
}

QString TestNewcomer::addProfile(DesktopApp &app, const SimProcess &sim, const QString &user)
{
    ConnectionProfile profile;
    profile.name = user;
    profile.baseUrl = QUrl(sim.url());
    profile.username = user;
    QString problem;
    const QString name = m_keychain.addProfile(app.session().profiles(), profile, true, &problem);
    if (name.isEmpty())
        qFatal("%s", qPrintable(problem));
    app.session().notifyProfilesChanged();
    return name;
}

bool TestNewcomer::waitForList(DesktopApp &app, const QString &application)
{
    MyAccessController *controller = &app.myAccess();
    return waitUntil(controller, &MyAccessController::grantsChanged, [controller, application] {
        return !controller->showsCachedList() && lists(*controller, application);
    });
}

std::unique_ptr<DesktopApp> TestNewcomer::connectedApp(const QTemporaryDir &dir,
                                                       const SimProcess &sim, const QString &user,
                                                       QString *profile)
{
    auto app = std::make_unique<DesktopApp>(
        AppSession::Paths{dir.filePath(QStringLiteral("profiles.ini")), dir.path()});
    const QString name = addProfile(*app, sim, user);
    if (profile)
        *profile = name;
    QSignalSpy changed(&app->session(), &AppSession::connectionChanged);
    app->start(ConnectionOptions(), QString());
    if (!changed.wait(30000))
        qFatal("no connection to %s", qPrintable(sim.url()));
    return app;
}

void TestNewcomer::firstConnectionOfAFirstRunOpensMyAccess()
{
    QTemporaryDir dir;
    DesktopApp app(AppSession::Paths{dir.filePath(QStringLiteral("profiles.ini")), dir.path()});
    app.start(ConnectionOptions(), QString());
    // Nothing saved: the Connection page with the welcome dialog.
    QCOMPARE(child<QListWidget>(&app.window(), QStringLiteral("navigation"))->currentRow(),
             int(MainWindow::Connection));
    auto *dialog = app.window().findChild<ConnectionDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());

    const QString name = m_keychain.uniqueName(QStringLiteral("first"));
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("profileName")), name);
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("serverAddress")), m_simA->url());
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("userName")), QStringLiteral("alice"));
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("password")), QStringLiteral("alice"));
    QSignalSpy changed(&app.session(), &AppSession::connectionChanged);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("saveProfile")), Qt::LeftButton);
    QVERIFY(changed.wait(30000));
    QCOMPARE(app.session().profileName(), name);
    // What the user came for.
    QCOMPARE(child<QListWidget>(&app.window(), QStringLiteral("navigation"))->currentRow(),
             int(MainWindow::MyAccess));
    QVERIFY(waitForList(app, QStringLiteral("Bamboo")));

    // Only the first run: later connections leave the page where the user is.
    app.window().showPage(MainWindow::Activity);
    app.session().switchToProfile(name);
    QVERIFY(changed.wait(30000));
    QCOMPARE(child<QListWidget>(&app.window(), QStringLiteral("navigation"))->currentRow(),
             int(MainWindow::Activity));
}

void TestNewcomer::contextMenuOffersCopyAndDetails()
{
    QTemporaryDir dir;
    std::unique_ptr<DesktopApp> app = connectedApp(dir, *m_simA, QStringLiteral("alice"));
    QVERIFY(waitForList(*app, QStringLiteral("Bamboo")));
    MyAccessPage *page = app->window().myAccessPage();
    QAction *copy = tableAction(page, QStringLiteral("copyGrants"));
    QAction *details = tableAction(page, QStringLiteral("showGrantDetails"));
    QVERIFY(copy && details);
    QTableView *table = grantTable(page);
    // In the context menu (the table's actions), Revoke still among them.
    QCOMPARE(table->contextMenuPolicy(), Qt::ActionsContextMenu);
    QVERIFY(table->actions().indexOf(copy) < table->actions().indexOf(details));
    QVERIFY(!copy->isEnabled()); // nothing selected yet

    const int row = rowOf(table->model(), AccessGrantModel::Application, QStringLiteral("Bamboo"));
    QVERIFY(row >= 0);
    table->selectRow(row);
    QVERIFY(copy->isEnabled() && details->isEnabled());

    QApplication::clipboard()->clear();
    copy->trigger();
    const QString copied = QApplication::clipboard()->text();
    QCOMPARE(copied.count(QLatin1Char('\n')), 0); // one row
    QVERIFY2(copied.startsWith(QLatin1String("Bamboo\t")), qPrintable(copied));
    QVERIFY2(copied.contains(QLatin1String("OAuth 1.0a")), qPrintable(copied));
    // A blank date reads as the table shows it.
    QVERIFY2(copied.contains(QLatin1String("not reported")), qPrintable(copied));

    // Details… opens the pane even when it was dragged shut, and puts the focus there.
    auto *pane = child<QTextBrowser>(page, QStringLiteral("grantDetails"));
    auto *splitter = qobject_cast<QSplitter *>(pane->parentWidget());
    QVERIFY(splitter);
    const QList<int> sizes = splitter->sizes();
    splitter->setSizes({sizes.at(0) + sizes.at(1), 0});
    QCOMPARE(splitter->sizes().at(1), 0);
    details->trigger();
    QVERIFY(splitter->sizes().at(1) > 0);
    QCOMPARE(app->window().focusWidget(), pane);
    QVERIFY(pane->toPlainText().startsWith(QLatin1String("Bamboo")));
}

void TestNewcomer::answeringARequestListsTheNewGrant()
{
    QTemporaryDir dir;
    std::unique_ptr<DesktopApp> app = connectedApp(dir, *m_simA, QStringLiteral("alice"));
    QVERIFY(waitForList(*app, QStringLiteral("Bamboo")));

    // A consumer the admin approved asks for a request token (without a callback: oob).
    const QString consumerName = QStringLiteral("Newcomer Reader");
    const SimClient server(&m_network, m_simA->url());
    QString error;
    const auto consumer = server.registerOAuth1Consumer(
        {QStringLiteral("newcomer-reader"), consumerName,
         QStringLiteral("http://newcomer-reader.example.test"), QString()},
        &error);
    QVERIFY2(consumer, qPrintable(error));
    const auto signer =
        OAuth1Signer::fromPem(QStringLiteral("newcomer-reader"), consumer->privateKeyPem, &error);
    QVERIFY2(signer, qPrintable(error));
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_simA->url());
    ServerConnection asConsumer(
        &m_network, settings,
        std::make_shared<OAuth1Credentials>(
            *signer, OAuth1TokenParameters::requestToken(QStringLiteral("oob"))));
    RequestOAuth1Token request(&asConsumer);
    QSignalSpy requested(&request, &RequestOAuth1Token::finished);
    request.start();
    QVERIFY(requested.wait(30000));
    QVERIFY2(request.succeeded(), qPrintable(request.error().userMessage()));

    // Alice answers it from My access.
    MyAccessPage *page = app->window().myAccessPage();
    QTest::mouseClick(child<QPushButton>(page, QStringLiteral("answerRequest")), Qt::LeftButton);
    auto *dialog = app->window().findChild<RequestForAccessDialog *>();
    QVERIFY(dialog);
    QUrl link(m_simA->url() + QStringLiteral("/plugins/servlet/oauth/authorize"));
    link.setQuery(QStringLiteral("oauth_token=") + request.result().token);
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("requestLink")),
                     link.toString(QUrl::FullyEncoded));
    RequestForAccessController *requests = &app->accessRequests();
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("showRequest")), Qt::LeftButton);
    QVERIFY2(waitForState(requests, RequestForAccessController::State::Asking),
             qPrintable(requests->errorText()));
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("allowRequest")), Qt::LeftButton);
    QVERIFY2(waitForState(requests, RequestForAccessController::State::Answered),
             qPrintable(requests->errorText()));
    const QString verifier = child<QLineEdit>(dialog, QStringLiteral("verificationCode"))->text();
    QVERIFY(!verifier.isEmpty());
    MyAccessController *controller = &app->myAccess();
    QVERIFY(waitForState(controller, MyAccessController::State::Idle));
    // The access token does not exist until the consumer exchanges the code it was given.
    QVERIFY(!lists(*controller, consumerName));

    ServerConnection exchanging(
        &m_network, settings,
        std::make_shared<OAuth1Credentials>(
            *signer, OAuth1TokenParameters::exchange(request.result().token,
                                                     request.result().tokenSecret, verifier)));
    ExchangeOAuth1Token exchange(&exchanging);
    QSignalSpy exchanged(&exchange, &ExchangeOAuth1Token::finished);
    exchange.start();
    QVERIFY(exchanged.wait(30000));
    QVERIFY2(exchange.succeeded(), qPrintable(exchange.error().userMessage()));

    // Closing the dialog after answering lists again: the new grant is there.
    dialog->accept();
    QVERIFY(waitUntil(controller, &MyAccessController::grantsChanged,
                      [controller, consumerName] { return lists(*controller, consumerName); }));
}

void TestNewcomer::statusOfOneServerIsGoneAfterSwitching()
{
    QTemporaryDir dir;
    QString alices;
    std::unique_ptr<DesktopApp> app = connectedApp(dir, *m_simA, QStringLiteral("alice"), &alices);
    const QString bobs = addProfile(*app, *m_simB, QStringLiteral("bob"));
    QVERIFY(waitForList(*app, QStringLiteral("laptop-cli")));
    MyAccessController *controller = &app->myAccess();
    MyAccessPage *page = app->window().myAccessPage();
    auto *status = child<QLabel>(page, QStringLiteral("grantStatus"));
    MainWindow *window = &app->window();
    const auto problemBox = [window] {
        // Made on the first problem; gone again once closed.
        return window->findChild<QMessageBox *>(QStringLiteral("connectionProblem"));
    };

    // A revoke on alice's server leaves its summary in the page's status line.
    AccessGrant laptop;
    for (const AccessGrant &grant : controller->grants()) {
        if (grant.application == QLatin1String("laptop-cli"))
            laptop = grant;
    }
    QSignalSpy revoked(controller, &MyAccessController::revokeFinished);
    controller->revoke({laptop});
    QVERIFY(revoked.wait(30000));
    QVERIFY(waitForState(controller, MyAccessController::State::Idle));
    QVERIFY2(status->text().contains(QLatin1String("revoked 1 grant")), qPrintable(status->text()));

    // A failed switch is said in a box about that attempt.
    QSignalSpy failed(&app->session(), &AppSession::connectionFailed);
    app->session().switchToProfile(QStringLiteral("no-such-server"));
    QVERIFY(failed.wait(30000));
    QVERIFY(problemBox());
    QVERIFY(problemBox()->isVisible());

    // On bob's server neither the summary of alice's revoke nor the old problem stays.
    QSignalSpy changed(&app->session(), &AppSession::connectionChanged);
    app->session().switchToProfile(bobs);
    QVERIFY(changed.wait(30000));
    QVERIFY(waitForList(*app, QStringLiteral("reporting")));
    QVERIFY(waitForState(controller, MyAccessController::State::Idle));
    QVERIFY2(!status->text().contains(QLatin1String("revoked")), qPrintable(status->text()));
    QVERIFY(!problemBox() || !problemBox()->isVisible());
    const QLabel *state = child<QLabel>(window, QStringLiteral("connectionState"));
    QVERIFY2(!state->text().contains(QLatin1String("no-such-server")), qPrintable(state->text()));
    QVERIFY(alices != bobs);
}

QTEST_MAIN(TestNewcomer)
#include "tst_newcomer.moc"
