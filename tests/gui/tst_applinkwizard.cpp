// The "New application link" wizard on the Administration page, against a real trackersim with
// the demo data, driven by its widgets' names: an address where nothing answers is linked only
// after the user insists; an Atlassian-looking *.example.test host fills in type and name from its
// manifest; a taken name is said at the name field with everything typed kept, and the fixed
// name goes through; this server itself is refused at the address; a non-administrator sees the
// tab's plain refusal and no action enabled; a cookie-session administrator (websudo) creates
// and deletes. What was created is checked with plain HTTP requests to the server.
#include "AppLinkTestSupport.h"
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "api/SessionJobs.h"
#include "auth/SessionCredentials.h"
#include "services/AppLinksController.h"
#include "ui/AdminListTab.h"
#include "ui/AppLinkWizard.h"
#include "ui/AppLinkWizardPages.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

const char *const kActions[] = {"createLink", "editLink",  "relocateLink", "makePrimary",
                                "deleteLink", "checkLink", "checkAllLinks"};

QString fieldProblem(const QWidget *page, const char *key)
{
    const auto *label =
        child<QLabel>(page, qPrintable(QLatin1String(key) + QLatin1String("Problem")));
    return label->isVisibleTo(page) ? label->text() : QString();
}

} // namespace

class TestAppLinkWizard final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void silentAddressIsLinkedOnlyWhenInsisting();
    void atlassianHostFillsTypeAndName();
    void takenNameIsSaidAtTheNameKeepingWhatWasTyped();
    void thisServerIsRefusedAtTheAddress();
    void nonAdminSeesTheRefusalAndNoAction();
    void cookieSessionAdminCreatesAndDeletes();

private:
    QWidget *linksTab() const { return m_admin->tab(); }

    TempDatabase m_data;
    SimSession m_session{{QStringLiteral("--seed"), QStringLiteral("demo")}};
    std::unique_ptr<AdminPageUnderTest> m_admin;
    QPointer<AppLinkWizard> m_wizard;
};

void TestAppLinkWizard::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    QVERIFY2(m_session.start(QStringLiteral("admin")), qPrintable(m_session.errorText()));
    m_admin = std::make_unique<AdminPageUnderTest>(m_session.connection(), m_data.activityLog(),
                                                   m_session.who(QStringLiteral("demo")));
    QVERIFY(waitSettled(m_admin->links()));
    QVERIFY2(m_admin->links()->state().loaded, qPrintable(m_admin->links()->errorText()));
}

void TestAppLinkWizard::cleanupTestCase()
{
    m_admin.reset();
    m_session.stop();
}

void TestAppLinkWizard::cleanup()
{
    closeWizard(m_wizard);
    QVERIFY(m_session.server().clearFaults());
}

void TestAppLinkWizard::silentAddressIsLinkedOnlyWhenInsisting()
{
    const QString url = silentLoopbackUrl();
    m_wizard = openWizard(linksTab());
    QVERIFY(m_wizard);
    QVERIFY(!enterAddress(m_wizard, url));
    // Said plainly, at the address; the way to insist appears beside it.
    const QWidget *address = m_wizard->page(AppLinkWizard::AddressPage);
    QVERIFY2(fieldProblem(address, "url").contains(QStringLiteral("Nothing answers at ") + url),
             qPrintable(fieldProblem(address, "url")));
    auto *insist = child<QCheckBox>(m_wizard, "createAnyway");
    QVERIFY(insist->isVisibleTo(m_wizard) && !insist->isChecked());
    // Next without insisting asks again, and stays.
    QVERIFY(!enterAddress(m_wizard, QString()));
    QCOMPARE(m_wizard->currentId(), int(AppLinkWizard::AddressPage));
    QVERIFY(serverLinkNamed(m_session.server(), QStringLiteral("Silent Tool")).isEmpty());

    insist->setChecked(true);
    pressNext(m_wizard);
    QCOMPARE(m_wizard->currentId(), int(AppLinkWizard::DetailsPage));
    QCOMPARE(child<QLabel>(m_wizard, "linkType")->text(), QStringLiteral("Generic application"));
    QCOMPARE(child<QLineEdit>(m_wizard, "linkName")->text(), QStringLiteral("127.0.0.1"));
    child<QLineEdit>(m_wizard, "linkName")->setText(QStringLiteral("Silent Tool"));
    pressNext(m_wizard); // a generic link has no authentication page
    QCOMPARE(m_wizard->currentId(), int(AppLinkWizard::CreatePage));
    QVERIFY(
        child<QLabel>(m_wizard, "createSummary")->text().contains(QStringLiteral("“Silent Tool”")));
    QVERIFY(pressCreate(m_wizard));
    QVERIFY2(m_wizard->isDone(), qPrintable(child<QLabel>(m_wizard, "createResult")->text()));
    QVERIFY(
        child<QLabel>(m_wizard, "createResult")->text().contains(QStringLiteral("was created")));
    const auto *steps = child<QListWidget>(m_wizard, "createSteps");
    for (int row = 0; row < steps->count(); ++row)
        QVERIFY2(steps->item(row)->text().endsWith(QStringLiteral("(done)")),
                 qPrintable(steps->item(row)->text()));

    const QJsonObject held = serverLinkNamed(m_session.server(), QStringLiteral("Silent Tool"));
    QCOMPARE(held.value(QStringLiteral("type")).toString(), QStringLiteral("generic"));
    QCOMPARE(held.value(QStringLiteral("rpcUrl")).toString(), url);
    // The list is fetched again, and the Activity log has the change.
    QVERIFY(waitForLink(m_admin->links(), QStringLiteral("Silent Tool")));
    const ActivityEntry entry = m_data.activityLog()->entries().first();
    QCOMPARE(entry.action, QStringLiteral("create-applink"));
    QCOMPARE(entry.outcome, ActivityOutcome::Succeeded);
}

void TestAppLinkWizard::atlassianHostFillsTypeAndName()
{
    m_wizard = openWizard(linksTab());
    QVERIFY(m_wizard);
    QVERIFY(enterAddress(m_wizard, QStringLiteral("http://bamboo77.example.test")));
    QCOMPARE(child<QLabel>(m_wizard, "linkType")->text(), QStringLiteral("Bamboo"));
    QCOMPARE(child<QLineEdit>(m_wizard, "linkName")->text(), QStringLiteral("Bamboo"));
    QVERIFY(child<QLabel>(m_wizard, "probeSummary")
                ->text()
                .contains(QStringLiteral("Jira found Bamboo")));
    child<QLineEdit>(m_wizard, "linkName")->setText(QStringLiteral("Build Server 77"));
    child<QCheckBox>(m_wizard, "linkPrimary")->setChecked(true);
    pressNext(m_wizard);
    QCOMPARE(m_wizard->currentId(), int(AppLinkWizard::AuthenticationPage));
    QVERIFY(!child<QGroupBox>(m_wizard, "twoWay")->isChecked());
    pressNext(m_wizard);
    QVERIFY(pressCreate(m_wizard));
    // The made-up host never answers, so OAuth cannot be set up: the link exists, and says so.
    QVERIFY(m_wizard->isDone());
    const QString result = child<QLabel>(m_wizard, "createResult")->text();
    QVERIFY2(result.contains(QStringLiteral("The link was created, but")), qPrintable(result));
    QVERIFY(result.contains(QStringLiteral("OAuth could not be set up")));
    const QJsonObject held = serverLinkNamed(m_session.server(), QStringLiteral("Build Server 77"));
    QCOMPARE(held.value(QStringLiteral("type")).toString(), QStringLiteral("bamboo"));
    QCOMPARE(held.value(QStringLiteral("rpcUrl")).toString(),
             QStringLiteral("http://bamboo77.example.test"));
    QVERIFY(held.value(QStringLiteral("primary")).toBool());
    QVERIFY(!serverLinkNamed(m_session.server(), QStringLiteral("Bamboo"))
                 .value(QStringLiteral("primary"))
                 .toBool());
}

void TestAppLinkWizard::takenNameIsSaidAtTheNameKeepingWhatWasTyped()
{
    m_wizard = openWizard(linksTab());
    QVERIFY(m_wizard);
    const QString url = QStringLiteral("http://wiki77.example.test");
    QVERIFY(enterAddress(m_wizard, url));
    QCOMPARE(child<QLineEdit>(m_wizard, "linkName")->text(), QStringLiteral("Confluence"));
    child<QLineEdit>(m_wizard, "linkDisplayUrl")
        ->setText(QStringLiteral("https://wiki.example.com"));
    pressNext(m_wizard);
    child<QComboBox>(m_wizard, "outgoingOAuth")->setCurrentIndex(0); // off
    pressNext(m_wizard);
    QVERIFY(pressCreate(m_wizard));
    QVERIFY(!m_wizard->isDone());
    // Back on the page with the name, the reason under it; everything typed is still there.
    QCOMPARE(m_wizard->currentId(), int(AppLinkWizard::DetailsPage));
    const QWidget *details = m_wizard->page(AppLinkWizard::DetailsPage);
    QVERIFY2(fieldProblem(details, "name")
                 .contains(QStringLiteral("Another link is already called “Confluence”")),
             qPrintable(fieldProblem(details, "name")));
    QCOMPARE(child<QLineEdit>(m_wizard, "linkDisplayUrl")->text(),
             QStringLiteral("https://wiki.example.com"));
    QCOMPARE(child<QLineEdit>(m_wizard, "linkUrl")->text(), url);
    QCOMPARE(child<QComboBox>(m_wizard, "outgoingOAuth")->currentIndex(), 0);
    QVERIFY(serverLinkNamed(m_session.server(), QStringLiteral("Team Wiki")).isEmpty());

    child<QLineEdit>(m_wizard, "linkName")->setText(QStringLiteral("Team Wiki"));
    pressNext(m_wizard);
    pressNext(m_wizard);
    QVERIFY(pressCreate(m_wizard));
    QVERIFY(m_wizard->isDone());
    const QJsonObject held = serverLinkNamed(m_session.server(), QStringLiteral("Team Wiki"));
    QCOMPARE(held.value(QStringLiteral("displayUrl")).toString(),
             QStringLiteral("https://wiki.example.com"));
    QCOMPARE(held.value(QStringLiteral("type")).toString(), QStringLiteral("confluence"));
}

void TestAppLinkWizard::thisServerIsRefusedAtTheAddress()
{
    m_wizard = openWizard(linksTab());
    QVERIFY(m_wizard);
    QVERIFY(!enterAddress(m_wizard, m_session.url()));
    const QString problem = fieldProblem(m_wizard->page(AppLinkWizard::AddressPage), "url");
    QVERIFY2(problem.contains(QStringLiteral("this Jira server itself")), qPrintable(problem));
    QVERIFY(!child<QCheckBox>(m_wizard, "createAnyway")->isVisibleTo(m_wizard));
    // An address that is linked already is refused the same way, naming the link.
    QVERIFY(!enterAddress(m_wizard, QStringLiteral("http://wiki.example.test")));
    const QString linked = fieldProblem(m_wizard->page(AppLinkWizard::AddressPage), "url");
    QVERIFY2(linked.contains(QStringLiteral("exists already: “Confluence”")), qPrintable(linked));
}

void TestAppLinkWizard::nonAdminSeesTheRefusalAndNoAction()
{
    auto alice = m_session.connectAs(QStringLiteral("alice"));
    const AdminPageUnderTest admin(alice.get(), m_data.activityLog(),
                                   {QString(), m_session.url(), QStringLiteral("alice")});
    QVERIFY(waitSettled(admin.links()));
    const auto *list = admin.list();
    const auto *problem = child<QLabel>(list, QStringLiteral("problem"));
    QVERIFY(problem->isVisible());
    QVERIFY2(
        problem->text().contains(QStringLiteral("You are not an administrator of this server")),
        qPrintable(problem->text()));
    for (const char *action : kActions) {
        const auto *button = child<QPushButton>(admin.tab(), action);
        QVERIFY2(!button->isEnabled(), action);
        QVERIFY2(!button->toolTip().isEmpty(), action);
    }
    QVERIFY(!openWizard(admin.tab()));
}

void TestAppLinkWizard::cookieSessionAdminCreatesAndDeletes()
{
    // Signed in with a cookie, as the app does for a "session" profile: the v2 create and the
    // v1 delete ask for websudo, which the connection confirms with the password it holds.
    QNetworkAccessManager network; // a cookie jar of its own
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_session.url());
    auto connection = std::make_unique<ServerConnection>(&network, settings, nullptr);
    CreateSession login(connection.get(), QStringLiteral("admin"), QStringLiteral("admin"));
    QSignalSpy loggedIn(&login, &ApiJob::finished);
    login.start();
    QVERIFY(loggedIn.wait(30000));
    QVERIFY(login.succeeded());
    connection->setCredentials(
        std::make_shared<SessionCredentials>(login.result().value, login.result().name));
    connection->setWebSudoPassword(QStringLiteral("admin"));

    const AdminPageUnderTest admin(
        connection.get(), m_data.activityLog(),
        {QStringLiteral("session"), m_session.url(), QStringLiteral("admin")});
    QVERIFY(waitSettled(admin.links()));
    QVERIFY2(admin.links()->state().loaded, qPrintable(admin.links()->errorText()));

    QPointer<AppLinkWizard> wizard = openWizard(admin.tab());
    QVERIFY(wizard);
    QVERIFY(enterAddress(wizard, QStringLiteral("http://session-tool.example.test")));
    child<QLineEdit>(wizard, "linkName")->setText(QStringLiteral("Session Tool"));
    pressNext(wizard);
    QVERIFY(pressCreate(wizard));
    QVERIFY2(wizard->isDone(), qPrintable(child<QLabel>(wizard, "createResult")->text()));
    closeWizard(wizard);
    const QString id = serverLinkNamed(m_session.server(), QStringLiteral("Session Tool"))
                           .value(QStringLiteral("id"))
                           .toString();
    QVERIFY(!id.isEmpty());

    QVERIFY(waitForLink(admin.links(), QStringLiteral("Session Tool")));
    QVERIFY(selectLink(admin.list(), QStringLiteral("Session Tool")));
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Accept);
    QSignalSpy changed(admin.links(), &AppLinksController::linksChanged);
    child<QAction>(admin.tab(), "deleteThisEnd")->trigger();
    QVERIFY(changed.wait(30000));
    QVERIFY(!serverLink(m_session.server(), id));
}

QTEST_MAIN(TestAppLinkWizard)
#include "tst_applinkwizard.moc"
