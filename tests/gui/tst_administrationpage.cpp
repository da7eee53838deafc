// The Administration page against a real trackersim on the offscreen platform: an administrator
// sees the seeded links, consumers and OAuth 2.0 client; a failed refresh keeps the last list; a
// non-administrator is told so in plain words. The Personal tokens tab has tests of its own
// (tst_admintokensearch, tst_admintokenrevoke).
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/AdminController.h"
#include "services/AdminTokenController.h"
#include "services/AppLinksController.h"
#include "services/ConsumersController.h"
#include "services/OAuth2ClientsController.h"
#include "ui/ActivityModel.h"
#include "ui/ActivityPage.h"
#include "ui/AdminListTab.h"
#include "ui/AdminRows.h"
#include "ui/AdministrationPage.h"
#include "ui/TableExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace accessdesk;

namespace {

// The failures injected below are meant to be seen, not retried.
ConnectionSettings withoutRetries()
{
    ConnectionSettings settings;
    settings.maxAttempts = 1;
    return settings;
}

QStringList columnOf(const AdminListTab *tab, int column)
{
    return columnTexts(child<QTableView>(tab, QStringLiteral("table"))->model(), column);
}

// The page's lists and controls, found as a user's assistive technology would: by name.
AdminListTab *listOf(const QWidget *page, const char *name)
{
    auto *list = page->findChild<AdminListTab *>(QLatin1String(name));
    if (!list)
        qFatal("no list named %s", name);
    return list;
}

QTabWidget *tabsOf(const QWidget *page)
{
    return child<QTabWidget>(page, QStringLiteral("administrationTabs"));
}

const char *const kLinks = "applicationLinks";
const char *const kConsumers = "consumers";
const char *const kClients = "oauth2Clients";

} // namespace

class TestAdministrationPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void showsSeededLinks();
    void checksLinkStatus();
    void showsConsumers();
    void showsOAuth2ClientWithoutSecret();
    void filtersAndExports();
    void failedRefreshKeepsLastList();
    void nonAdminIsToldInPlainWords();

private:
    std::unique_ptr<ServerConnection> connectAs(const QString &user);
    bool waitLoaded(AdminListController *list);

    TempDatabase m_data;
    ActivityLog *m_log = nullptr; // owned by m_data
    SimSession m_session;
    std::unique_ptr<AdminController> m_controller;
    std::unique_ptr<QMainWindow> m_window;
    AdministrationPage *m_page = nullptr;
};

std::unique_ptr<ServerConnection> TestAdministrationPage::connectAs(const QString &user)
{
    return m_session.connectAs(user, withoutRetries());
}

bool TestAdministrationPage::waitLoaded(AdminListController *list)
{
    return waitUntil(list, &AdminListController::changed, [list] {
        const AdminListState &state = list->state();
        return !state.loading && (state.loaded || state.error.isError());
    });
}

void TestAdministrationPage::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    m_log = m_data.activityLog();
    QVERIFY2(m_session.start(QStringLiteral("admin"), withoutRetries()),
             qPrintable(m_session.errorText()));
    m_controller = std::make_unique<AdminController>(m_session.connection(), m_log,
                                                     m_session.who(QStringLiteral("demo")));
    m_page = new AdministrationPage(m_controller.get());
    m_window = frameFor(m_page, 1);
    // Showing the page loads its lists.
    m_window->show();
    for (AdminListController *list :
         {static_cast<AdminListController *>(m_controller->links()),
          static_cast<AdminListController *>(m_controller->consumers()),
          static_cast<AdminListController *>(m_controller->clients())}) {
        QVERIFY(list->state().loading || list->state().loaded);
        QVERIFY(waitLoaded(list));
        QVERIFY2(!list->state().error.isError(), qPrintable(list->errorText()));
    }
}

void TestAdministrationPage::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_session.stop();
}

void TestAdministrationPage::showsSeededLinks()
{
    const AdminListTab *tab = listOf(m_page, kLinks);
    const QStringList names = columnOf(tab, AdminRows::LinkName);
    for (const char *name : {"Bamboo", "Confluence", "Release Radar", "Bitbucket"})
        QVERIFY2(names.contains(QLatin1String(name)), name);
    const int bitbucket = int(names.indexOf(QStringLiteral("Bitbucket")));
    QCOMPARE(columnOf(tab, AdminRows::LinkType).at(bitbucket), QStringLiteral("Bitbucket"));
    QCOMPARE(columnOf(tab, AdminRows::LinkUrl).at(bitbucket),
             QStringLiteral("http://git.example.test:7990"));
    const int radar = int(names.indexOf(QStringLiteral("Release Radar")));
    QCOMPARE(columnOf(tab, AdminRows::LinkType).at(radar), QStringLiteral("Generic application"));
    QCOMPARE(columnOf(tab, AdminRows::LinkPrimary).at(radar), QStringLiteral("no"));
    QCOMPARE(columnOf(tab, AdminRows::LinkPrimary).at(names.indexOf(QStringLiteral("Confluence"))),
             QStringLiteral("yes"));
    QVERIFY(!child<QLabel>(tab, QStringLiteral("problem"))->isVisible());
    const QString status = child<QLabel>(tab, QStringLiteral("status"))->text();
    QVERIFY2(status.contains(QStringLiteral("application link")), qPrintable(status));
}

void TestAdministrationPage::checksLinkStatus()
{
    AppLinksController *controller = m_controller->links();
    QVERIFY(waitUntil(controller, &AppLinksController::changed,
                      [controller] { return !controller->isChecking(); }));
    AdminListTab *tab = listOf(m_page, kLinks);
    const QStringList names = columnOf(tab, AdminRows::LinkName);
    const QStringList states = columnOf(tab, AdminRows::LinkStatus);
    for (const QString &state : states)
        QVERIFY2(!state.isEmpty() && state != QLatin1String("Checking…"), qPrintable(state));
    // The demo's remotes do not exist, and the page says so in words.
    const QString bamboo = states.at(names.indexOf(QStringLiteral("Bamboo")));
    QVERIFY2(bamboo.startsWith(QStringLiteral("Cannot reach it")), qPrintable(bamboo));
    child<QTableView>(tab, QStringLiteral("table"))
        ->selectRow(int(names.indexOf(QStringLiteral("Bamboo"))));
    const QString details = child<QTextBrowser>(tab, QStringLiteral("details"))->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("Health: The Jira server cannot find the host")),
             qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("What to do: ")));
    QVERIFY(details.contains(QStringLiteral("Link ID: 4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01")));
    saveScreenshot(m_window.get(), QStringLiteral("administration-links"));
}

void TestAdministrationPage::showsConsumers()
{
    AdminListTab *tab = listOf(m_page, kConsumers);
    const QStringList names = columnOf(tab, AdminRows::ConsumerName);
    QCOMPARE(names.size(), 3); // Bitbucket has no incoming consumer
    for (const char *name : {"Bamboo", "Confluence", "Release Radar"})
        QVERIFY2(names.contains(QLatin1String(name)), name);
    const int radar = int(names.indexOf(QStringLiteral("Release Radar")));
    QCOMPARE(columnOf(tab, AdminRows::ConsumerKey).at(radar), QStringLiteral("release-radar"));
    QCOMPARE(columnOf(tab, AdminRows::ConsumerCallback).at(radar),
             QStringLiteral("http://radar.example.test/oauth/callback"));
    QVERIFY(columnOf(tab, AdminRows::ConsumerPublicKey).at(radar).contains(QLatin1Char(':')));
    QCOMPARE(columnOf(tab, AdminRows::ConsumerLink).at(radar), QStringLiteral("Release Radar"));
    const int bamboo = int(names.indexOf(QStringLiteral("Bamboo")));
    QCOMPARE(columnOf(tab, AdminRows::ConsumerCallback).at(bamboo), QStringLiteral("none"));
    m_page->showTab(AdministrationPage::ConsumersTab);
    child<QTableView>(tab, QStringLiteral("table"))->selectRow(radar);
    QVERIFY(child<QTextBrowser>(tab, QStringLiteral("details"))
                ->toPlainText()
                .contains(QStringLiteral("plan releases")));
    saveScreenshot(m_window.get(), QStringLiteral("administration-consumers"));
}

void TestAdministrationPage::showsOAuth2ClientWithoutSecret()
{
    AdminListTab *tab = listOf(m_page, kClients);
    const QStringList names = columnOf(tab, AdminRows::ClientName);
    QCOMPARE(names, QStringList{QStringLiteral("Deploy Dashboard")});

    // The server's own view, for the id and the secret the page must never show.
    const HttpResult reply =
        m_session.server().get(QStringLiteral("/rest/oauth2/latest/client"), "admin");
    QCOMPARE(reply.status, 200);
    const QJsonObject client = QJsonDocument::fromJson(reply.body).array().at(0).toObject();
    const QString secret = client.value(QStringLiteral("clientSecret")).toString();
    QVERIFY(!secret.isEmpty());
    QCOMPARE(columnOf(tab, AdminRows::ClientId).at(0),
             client.value(QStringLiteral("clientId")).toString());
    QCOMPARE(columnOf(tab, AdminRows::ClientScope).at(0),
             client.value(QStringLiteral("scope")).toString());
    QVERIFY(columnOf(tab, AdminRows::ClientRedirects).at(0).startsWith(QStringLiteral("http")));
    m_page->showTab(AdministrationPage::OAuth2ClientsTab);
    child<QTableView>(tab, QStringLiteral("table"))->selectRow(0);
    QVERIFY(!child<QTextBrowser>(tab, QStringLiteral("details"))->toPlainText().contains(secret));
    saveScreenshot(m_window.get(), QStringLiteral("administration-oauth2"));
    QVERIFY(!QString::fromUtf8(TableExport::toCsv(*tab->proxy())).contains(secret));

    // The server also lists the client among its links; the links tab says what it is.
    const AdminListTab *links = listOf(m_page, kLinks);
    const int row = int(columnOf(links, AdminRows::LinkName).indexOf(names.at(0)));
    if (row >= 0)
        QCOMPARE(columnOf(links, AdminRows::LinkType).at(row), QStringLiteral("OAuth 2.0 client"));
}

void TestAdministrationPage::filtersAndExports()
{
    AdminListTab *tab = listOf(m_page, kLinks);
    QTest::keyClicks(child<QLineEdit>(tab, QStringLiteral("filter")), QStringLiteral("RADAR"));
    QCOMPARE(columnOf(tab, AdminRows::LinkName), QStringList{QStringLiteral("Release Radar")});
    const QString csv = QString::fromUtf8(TableExport::toCsv(*tab->proxy()));
    QVERIFY2(csv.contains(QStringLiteral("Name,Type,Health,Primary,System,Incoming OAuth,"
                                         "Outgoing OAuth,Display URL,Application URL")),
             qPrintable(csv));
    QVERIFY(csv.contains(QStringLiteral("Release Radar")));
    QVERIFY(!csv.contains(QStringLiteral("Bamboo")));
    child<QLineEdit>(tab, QStringLiteral("filter"))->clear();
    QVERIFY(columnOf(tab, AdminRows::LinkName).size() >= 4);
    QVERIFY(child<QPushButton>(tab, QStringLiteral("exportCsv"))->isEnabled());
}

void TestAdministrationPage::failedRefreshKeepsLastList()
{
    AdminListTab *links = listOf(m_page, kLinks);
    const QStringList before = columnOf(links, AdminRows::LinkName);
    QVERIFY(before.size() >= 4);
    m_page->showTab(AdministrationPage::AppLinksTab);
    QVERIFY(m_session.server().addFault(
        R"({"method":"GET","path":"/rest/applinks/3.0/applinks","status":429,)"
        R"("contentType":"application/json","body":"{}",)"
        R"("headers":{"Retry-After":"7"},"times":1})"));
    QTest::mouseClick(child<QPushButton>(links, QStringLiteral("refresh")), Qt::LeftButton);
    QVERIFY(waitLoaded(m_controller->links()));
    QVERIFY(child<QLabel>(links, QStringLiteral("problem"))->isVisible());
    QString error = child<QLabel>(links, QStringLiteral("problem"))->text();
    QVERIFY2(error.contains(QStringLiteral("limiting requests")), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("The list shown is from")));
    QCOMPARE(columnOf(links, AdminRows::LinkName), before);

    // Offline: the connection drops (more than once, because QNAM sends again by itself when a
    // kept-alive connection closes).
    AdminListTab *clients = listOf(m_page, kClients);
    QVERIFY(m_session.server().addFault(
        R"({"method":"GET","path":"/rest/oauth2/latest/client","action":"reset",)"
        R"("times":3})"));
    m_controller->clients()->refresh();
    QVERIFY(waitLoaded(m_controller->clients()));
    error = child<QLabel>(clients, QStringLiteral("problem"))->text();
    QVERIFY2(error.contains(QStringLiteral("could not be reached; you may be offline")),
             qPrintable(error));
    QCOMPARE(columnOf(clients, AdminRows::ClientName),
             QStringList{QStringLiteral("Deploy Dashboard")});

    QVERIFY(m_session.server().clearFaults());

    // The next refresh that works clears the message.
    QTest::mouseClick(child<QPushButton>(links, QStringLiteral("refresh")), Qt::LeftButton);
    QVERIFY(waitLoaded(m_controller->links()));
    QVERIFY(!child<QLabel>(links, QStringLiteral("problem"))->isVisible());
    QCOMPARE(columnOf(links, AdminRows::LinkName), before);
}

void TestAdministrationPage::nonAdminIsToldInPlainWords()
{
    auto alice = connectAs(QStringLiteral("alice"));
    AdminController controller(alice.get(), m_log,
                               {QString(), m_session.url(), QStringLiteral("alice")});
    auto *page = new AdministrationPage(&controller);
    const auto window = frameFor(page, 1);
    window->show();
    QVERIFY(waitLoaded(controller.links()));
    QVERIFY(waitLoaded(controller.consumers()));
    QVERIFY(waitLoaded(controller.clients()));
    const char *const lists[] = {kLinks, kConsumers, kClients};
    for (int tab = 0; tab < 3; ++tab) {
        tabsOf(page)->setCurrentIndex(tab);
        const AdminListTab *list = listOf(page, lists[tab]);
        const QLabel *error = child<QLabel>(list, QStringLiteral("problem"));
        QVERIFY2(error->isVisible(), qPrintable(tabsOf(page)->tabText(tab)));
        QVERIFY2(
            error->text().contains(QStringLiteral("You are not an administrator of this server")),
            qPrintable(error->text()));
        QCOMPARE(child<QTableView>(list, QStringLiteral("table"))->model()->rowCount(), 0);
    }
    // Personal tokens: searched once the tab is in view, refused, and nothing to revoke or sweep.
    page->showTab(AdministrationPage::TokensTab);
    const QWidget *tokens = child<QWidget>(page, QStringLiteral("personalTokensTab"));
    const QLabel *refusal = child<QLabel>(tokens, QStringLiteral("problem"));
    QVERIFY(waitUntil(controller.tokens(), &AdminTokenController::changed,
                      [refusal] { return refusal->isVisible(); }));
    QVERIFY2(refusal->text().contains(QStringLiteral("Only Jira system administrators can search "
                                                     "and revoke other users' personal access "
                                                     "tokens")),
             qPrintable(refusal->text()));
    QCOMPARE(child<QTableView>(tokens, QStringLiteral("table"))->model()->rowCount(), 0);
    QVERIFY(!child<QPushButton>(tokens, QStringLiteral("sweepTokens"))->isEnabled());
    QVERIFY(!child<QPushButton>(tokens, QStringLiteral("revokeTokens"))->isEnabled());
    page->showTab(AdministrationPage::AppLinksTab);
    saveScreenshot(window.get(), QStringLiteral("administration-not-admin"));
    // The profile switch: the controller forgets alice's refusals for the admin's server.
    controller.setConnection(m_session.connection(), m_session.who());
    QVERIFY(child<QLabel>(listOf(page, kLinks), QStringLiteral("problem"))->text().isEmpty());
    controller.links()->refresh();
    QVERIFY(waitLoaded(controller.links()));
    QVERIFY(columnOf(listOf(page, kLinks), AdminRows::LinkName).size() >= 4);
}

QTEST_MAIN(TestAdministrationPage)
#include "tst_administrationpage.moc"
