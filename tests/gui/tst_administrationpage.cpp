// The Administration page against a real trackersim on the offscreen platform: an administrator
// sees the seeded links, consumers and OAuth 2.0 client, finds bob's tokens and revokes one
// behind the confirmation (recorded in a real SQLite activity log); a failed refresh keeps the
// last list; a non-administrator is told so in plain words.
#include "SimProcess.h"
#include "api/ServerConnection.h"
#include "auth/BasicCredentials.h"
#include "storage/ActivityLog.h"
#include "storage/Database.h"
#include "ui/ActivityModel.h"
#include "ui/ActivityPage.h"
#include "ui/AdminController.h"
#include "ui/AdminListTab.h"
#include "ui/AdminRows.h"
#include "ui/AdminTokenController.h"
#include "ui/AdministrationPage.h"
#include "ui/ConfirmationDialog.h"
#include "ui/TableExport.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <functional>
#include <memory>

using namespace accessdesk;
using Section = AdminController::Section;

namespace {

// Waits (on the signal, never by the clock) until done() holds.
template<class Sender, class Signal>
bool waitUntil(Sender *sender, Signal signal, const std::function<bool()> &done)
{
    QSignalSpy spy(sender, signal);
    while (!done()) {
        if (!spy.wait(30000))
            return false;
    }
    return true;
}

QStringList columnOf(const AdminListTab *tab, int column)
{
    QStringList texts;
    const QAbstractItemModel *model = tab->table()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        texts << model->index(row, column).data().toString();
    return texts;
}

// The page as the app shows it: beside the navigation list, in a 1280×800 window.
std::unique_ptr<QMainWindow> frameFor(QWidget *page, int currentRow)
{
    auto window = std::make_unique<QMainWindow>();
    auto *central = new QWidget(window.get());
    auto *layout = new QHBoxLayout(central);
    auto *navigation = new QListWidget(central);
    navigation->addItems({QStringLiteral("My access"), QStringLiteral("Administration"),
                          QStringLiteral("Activity"), QStringLiteral("Connection")});
    navigation->setSpacing(4);
    navigation->setFixedWidth(navigation->sizeHintForColumn(0) + 40);
    navigation->setCurrentRow(currentRow);
    layout->addWidget(navigation);
    layout->addWidget(page, 1);
    window->setCentralWidget(central);
    window->statusBar()->showMessage(QStringLiteral("Connected"));
    window->resize(1280, 800);
    return window;
}

// With ACCESSDESK_SCREENSHOT_DIR set (run under Xvfb), the window is saved there as PNG.
void saveShot(QWidget *window, const QString &name)
{
    const QString dir = qEnvironmentVariable("ACCESSDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

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
    void tokenSearchFindsBob();
    void tokenSearchPages();
    void revokeCancelledChangesNothing();
    void revokeConfirmedRemovesOnServer();
    void failedRefreshKeepsLastList();
    void nonAdminIsToldInPlainWords();

private:
    std::unique_ptr<ServerConnection> connectAs(const QString &user);
    bool waitLoaded(AdminController *controller, Section section);
    bool waitTokens();
    bool searchTokens(const QString &user, const QString &name = {});
    bool selectToken(const QString &name);
    QJsonArray serverTokens();
    bool addFault(const QByteArray &json);

    QTemporaryDir m_dir;
    std::unique_ptr<SimProcess> m_sim;
    QNetworkAccessManager m_network;
    std::unique_ptr<ServerConnection> m_connection;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ActivityLog> m_log;
    std::unique_ptr<AdminController> m_controller;
    std::unique_ptr<QMainWindow> m_window;
    AdministrationPage *m_page = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

std::unique_ptr<ServerConnection> TestAdministrationPage::connectAs(const QString &user)
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    settings.maxAttempts = 1; // the failures injected below are meant to be seen, not retried
    return std::make_unique<ServerConnection>(&m_network, settings,
                                              std::make_shared<BasicCredentials>(user, user));
}

bool TestAdministrationPage::waitLoaded(AdminController *controller, Section section)
{
    return waitUntil(controller, &AdminController::sectionChanged, [controller, section] {
        const AdminListState &state = controller->state(section);
        return !state.loading && (state.loaded || state.error.isError());
    });
}

bool TestAdministrationPage::waitTokens()
{
    AdminTokenController *tokens = m_controller->tokens();
    return waitUntil(tokens, &AdminTokenController::changed, [tokens] {
        return !tokens->state().loading && !tokens->isRevoking() &&
               (tokens->state().loaded || tokens->state().error.isError());
    });
}

void TestAdministrationPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    m_database = std::make_unique<Database>();
    QVERIFY2(m_database->open(m_dir.filePath(QStringLiteral("accessdesk.sqlite"))),
             qPrintable(m_database->errorString()));
    m_log = std::make_unique<ActivityLog>(*m_database);

    m_connection = connectAs(QStringLiteral("admin"));
    m_controller = std::make_unique<AdminController>(
        m_connection.get(), m_log.get(),
        ActivityContext{QStringLiteral("demo"), m_sim->url(), QStringLiteral("admin")});
    m_page = new AdministrationPage(m_controller.get());
    m_window = frameFor(m_page, 1);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_page->tab(AdministrationPage::TokensTab)->proxy());
    // Showing the page loads its lists.
    m_window->show();
    for (const Section section : {Section::AppLinks, Section::Consumers, Section::OAuth2Clients}) {
        QVERIFY(m_controller->state(section).loading || m_controller->state(section).loaded);
        QVERIFY(waitLoaded(m_controller.get(), section));
        QVERIFY2(!m_controller->state(section).error.isError(),
                 qPrintable(m_controller->errorText(section)));
    }
    QVERIFY(waitTokens());
}

void TestAdministrationPage::cleanupTestCase()
{
    m_tester.reset();
    m_window.reset();
    m_controller.reset();
    m_log.reset();
    m_database.reset();
    m_connection.reset();
    m_sim.reset();
}

void TestAdministrationPage::showsSeededLinks()
{
    const AdminListTab *tab = m_page->tab(AdministrationPage::AppLinksTab);
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
    QVERIFY(!tab->errorLabel()->isVisible());
    QVERIFY2(tab->statusLabel()->text().contains(QStringLiteral("application link")),
             qPrintable(tab->statusLabel()->text()));
}

void TestAdministrationPage::checksLinkStatus()
{
    QVERIFY(waitUntil(m_controller.get(), &AdminController::sectionChanged,
                      [this] { return !m_controller->checkingLinkStatus(); }));
    AdminListTab *tab = m_page->tab(AdministrationPage::AppLinksTab);
    const QStringList names = columnOf(tab, AdminRows::LinkName);
    const QStringList states = columnOf(tab, AdminRows::LinkStatus);
    for (const QString &state : states)
        QVERIFY2(!state.isEmpty() && state != QLatin1String("Checking…"), qPrintable(state));
    // The demo's remotes do not exist, and the page says so in words.
    const QString bamboo = states.at(names.indexOf(QStringLiteral("Bamboo")));
    QVERIFY2(bamboo.startsWith(QStringLiteral("Cannot reach it")), qPrintable(bamboo));
    tab->table()->selectRow(int(names.indexOf(QStringLiteral("Bamboo"))));
    const QString details = tab->detailsPane()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("Status: Cannot reach it")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("Link ID: 4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01")));
    saveShot(m_window.get(), QStringLiteral("administration-links"));
}

void TestAdministrationPage::showsConsumers()
{
    AdminListTab *tab = m_page->tab(AdministrationPage::ConsumersTab);
    const QStringList names = columnOf(tab, AdminRows::ConsumerName);
    QCOMPARE(names.size(), 3); // Bitbucket has no incoming consumer
    for (const char *name : {"Bamboo", "Confluence", "Release Radar"})
        QVERIFY2(names.contains(QLatin1String(name)), name);
    const int radar = int(names.indexOf(QStringLiteral("Release Radar")));
    QCOMPARE(columnOf(tab, AdminRows::ConsumerKey).at(radar), QStringLiteral("release-radar"));
    QCOMPARE(columnOf(tab, AdminRows::ConsumerCallback).at(radar),
             QStringLiteral("http://radar.example.test/oauth/callback"));
    QCOMPARE(columnOf(tab, AdminRows::ConsumerPublicKey).at(radar), QStringLiteral("yes"));
    QCOMPARE(columnOf(tab, AdminRows::ConsumerLink).at(radar), QStringLiteral("Release Radar"));
    const int bamboo = int(names.indexOf(QStringLiteral("Bamboo")));
    QCOMPARE(columnOf(tab, AdminRows::ConsumerCallback).at(bamboo), QStringLiteral("none"));
    m_page->tabs()->setCurrentIndex(AdministrationPage::ConsumersTab);
    tab->table()->selectRow(radar);
    QVERIFY(tab->detailsPane()->toPlainText().contains(QStringLiteral("plan releases")));
    saveShot(m_window.get(), QStringLiteral("administration-consumers"));
}

void TestAdministrationPage::showsOAuth2ClientWithoutSecret()
{
    AdminListTab *tab = m_page->tab(AdministrationPage::OAuth2ClientsTab);
    const QStringList names = columnOf(tab, AdminRows::ClientName);
    QCOMPARE(names, QStringList{QStringLiteral("Deploy Dashboard")});

    // The server's own view, for the id and the secret the page must never show.
    const HttpResult reply = httpSend(
        m_network,
        jsonRequest(m_sim->url() + QStringLiteral("/rest/oauth2/latest/client"), "admin"), "GET");
    QCOMPARE(reply.status, 200);
    const QJsonObject client = QJsonDocument::fromJson(reply.body).array().at(0).toObject();
    const QString secret = client.value(QStringLiteral("clientSecret")).toString();
    QVERIFY(!secret.isEmpty());
    QCOMPARE(columnOf(tab, AdminRows::ClientId).at(0),
             client.value(QStringLiteral("clientId")).toString());
    QCOMPARE(columnOf(tab, AdminRows::ClientScope).at(0),
             client.value(QStringLiteral("scope")).toString());
    QVERIFY(columnOf(tab, AdminRows::ClientRedirects).at(0).startsWith(QStringLiteral("http")));
    m_page->tabs()->setCurrentIndex(AdministrationPage::OAuth2ClientsTab);
    tab->table()->selectRow(0);
    QVERIFY(!tab->detailsPane()->toPlainText().contains(secret));
    saveShot(m_window.get(), QStringLiteral("administration-oauth2"));
    QVERIFY(!QString::fromUtf8(TableExport::toCsv(*tab->proxy())).contains(secret));

    // The server also lists the client among its links; the links tab says what it is.
    const AdminListTab *links = m_page->tab(AdministrationPage::AppLinksTab);
    const int row = int(columnOf(links, AdminRows::LinkName).indexOf(names.at(0)));
    if (row >= 0)
        QCOMPARE(columnOf(links, AdminRows::LinkType).at(row), QStringLiteral("OAuth 2.0 client"));
}

void TestAdministrationPage::filtersAndExports()
{
    AdminListTab *tab = m_page->tab(AdministrationPage::AppLinksTab);
    QTest::keyClicks(tab->filterEdit(), QStringLiteral("RADAR"));
    QCOMPARE(columnOf(tab, AdminRows::LinkName), QStringList{QStringLiteral("Release Radar")});
    const QString csv = QString::fromUtf8(TableExport::toCsv(*tab->proxy()));
    QVERIFY2(csv.contains(QStringLiteral("Name,Type,URL,Primary,Status")), qPrintable(csv));
    QVERIFY(csv.contains(QStringLiteral("Release Radar")));
    QVERIFY(!csv.contains(QStringLiteral("Bamboo")));
    tab->filterEdit()->clear();
    QVERIFY(columnOf(tab, AdminRows::LinkName).size() >= 4);
    QVERIFY(tab->exportButton()->isEnabled());
}

bool TestAdministrationPage::searchTokens(const QString &user, const QString &name)
{
    m_page->tokenUserEdit()->setText(user);
    m_page->tokenNameEdit()->setText(name);
    QTest::mouseClick(m_page->searchButton(), Qt::LeftButton);
    return waitTokens() && !m_controller->tokens()->state().error.isError();
}

void TestAdministrationPage::tokenSearchFindsBob()
{
    m_page->tabs()->setCurrentIndex(AdministrationPage::TokensTab);
    QVERIFY(searchTokens(QStringLiteral("bob")));
    const AdminListTab *tab = m_page->tab(AdministrationPage::TokensTab);
    QStringList names = columnOf(tab, AdminRows::TokenName);
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("old-import"), QStringLiteral("reporting")}));
    QCOMPARE(columnOf(tab, AdminRows::TokenOwner),
             (QStringList{QStringLiteral("bob"), QStringLiteral("bob")}));
    const int oldImport =
        int(columnOf(tab, AdminRows::TokenName).indexOf(QStringLiteral("old-import")));
    QCOMPARE(columnOf(tab, AdminRows::TokenLastUsed).at(oldImport), QStringLiteral("never"));
    m_page->tab(AdministrationPage::TokensTab)->table()->selectRow(oldImport);
    saveShot(m_window.get(), QStringLiteral("administration-tokens"));

    QVERIFY(searchTokens(QStringLiteral("bob"), QStringLiteral("REPORT")));
    QCOMPARE(columnOf(tab, AdminRows::TokenName), QStringList{QStringLiteral("reporting")});
    QVERIFY(searchTokens(QStringLiteral("nobody-like-this")));
    QCOMPARE(columnOf(tab, AdminRows::TokenName), QStringList());
    QVERIFY2(tab->statusLabel()->text().contains(QStringLiteral("No user matches")),
             qPrintable(tab->statusLabel()->text()));
}

void TestAdministrationPage::tokenSearchPages()
{
    AdminTokenController *tokens = m_controller->tokens();
    const AdminListTab *tab = m_page->tab(AdministrationPage::TokensTab);
    tokens->setPageSize(1);
    QVERIFY(searchTokens(QStringLiteral("bob")));
    QCOMPARE(columnOf(tab, AdminRows::TokenName).size(), 1);
    const QString first = columnOf(tab, AdminRows::TokenName).at(0);
    QVERIFY(!m_page->previousPageButton()->isEnabled());
    QVERIFY(m_page->nextPageButton()->isEnabled());
    QTest::mouseClick(m_page->nextPageButton(), Qt::LeftButton);
    QVERIFY(waitTokens());
    QCOMPARE(tokens->query().page, 1);
    QCOMPARE(columnOf(tab, AdminRows::TokenName).size(), 1);
    QVERIFY(columnOf(tab, AdminRows::TokenName).at(0) != first);
    QVERIFY(m_page->previousPageButton()->isEnabled());
    QVERIFY(!m_page->nextPageButton()->isEnabled());
    tokens->setPageSize(50);
    QVERIFY(searchTokens(QStringLiteral("bob")));
    QCOMPARE(columnOf(tab, AdminRows::TokenName).size(), 2);
}

bool TestAdministrationPage::selectToken(const QString &name)
{
    AdminListTab *tab = m_page->tab(AdministrationPage::TokensTab);
    const int row = int(columnOf(tab, AdminRows::TokenName).indexOf(name));
    if (row < 0)
        return false;
    tab->table()->selectRow(row);
    return m_page->selectedTokens().size() == 1 && m_page->selectedTokens().at(0).name == name;
}

QJsonArray TestAdministrationPage::serverTokens()
{
    QNetworkRequest request =
        jsonRequest(m_sim->url() + QStringLiteral("/rest/pat/latest/tokens/search"), "admin");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("X-Atlassian-Token", "no-check");
    const HttpResult reply = httpSend(m_network, request, "POST", "{}");
    if (reply.status != 200)
        return {};
    return QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("values")).toArray();
}

static QStringList namesOf(const QJsonArray &tokens)
{
    QStringList names;
    for (const QJsonValue &token : tokens)
        names << token.toObject().value(QStringLiteral("name")).toString();
    return names;
}

void TestAdministrationPage::revokeCancelledChangesNothing()
{
    QVERIFY(searchTokens(QStringLiteral("bob")));
    const QStringList before = namesOf(serverTokens());
    QVERIFY(before.contains(QStringLiteral("reporting")));
    const qsizetype logged = m_log->entries().size();

    QVERIFY(selectToken(QStringLiteral("reporting")));
    QVERIFY(m_page->revokeButton()->isEnabled());
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Cancel);
    QTest::mouseClick(m_page->revokeButton(), Qt::LeftButton);
    auto *dialog = m_page->findChild<ConfirmationDialog *>();
    QVERIFY(dialog);
    QSignalSpy answered(dialog, &ConfirmationDialog::answered);
    const QString message = dialog->message();
    QVERIFY2(message.contains(QStringLiteral("“reporting” of Bob Baker (bob)")),
             qPrintable(message));
    QCOMPARE(dialog->acceptButton()->text(), QStringLiteral("Revoke token"));
    QVERIFY(dialog->cancelButton()->isDefault());
    QVERIFY(answered.wait(30000));
    QCOMPARE(answered.at(0).at(0).toBool(), false);

    QVERIFY(!m_controller->tokens()->isRevoking());
    QCOMPARE(namesOf(serverTokens()), before);
    QCOMPARE(m_log->entries().size(), logged);
}

void TestAdministrationPage::revokeConfirmedRemovesOnServer()
{
    QVERIFY(searchTokens(QStringLiteral("bob")));
    QVERIFY(selectToken(QStringLiteral("old-import")));
    const qint64 id = m_page->selectedTokens().at(0).id;
    AdminTokenController *tokens = m_controller->tokens();
    QSignalSpy finished(tokens, &AdminTokenController::revokeFinished);
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Accept);
    QTest::mouseClick(m_page->revokeButton(), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QVERIFY(waitTokens());

    // Gone on the server, and from the list the page fetched again.
    const QStringList onServer = namesOf(serverTokens());
    QVERIFY(!onServer.contains(QStringLiteral("old-import")));
    QVERIFY(onServer.contains(QStringLiteral("reporting")));
    const AdminListTab *tab = m_page->tab(AdministrationPage::TokensTab);
    QCOMPARE(columnOf(tab, AdminRows::TokenName), QStringList{QStringLiteral("reporting")});
    QVERIFY(tab->statusLabel()->text().contains(QStringLiteral("Revoked “old-import”")));

    // Recorded: who, where, what, and that it worked.
    const QList<ActivityEntry> entries = m_log->entries();
    QVERIFY(!entries.isEmpty());
    const ActivityEntry &entry = entries.first();
    QCOMPARE(entry.action, QStringLiteral("admin-revoke-pat"));
    QCOMPARE(entry.outcome, ActivityOutcome::Succeeded);
    QCOMPARE(entry.user, QStringLiteral("admin"));
    QCOMPARE(entry.profile, QStringLiteral("demo"));
    QCOMPARE(entry.serverUrl, m_sim->url());
    QVERIFY2(entry.target.contains(QStringLiteral("old-import")), qPrintable(entry.target));
    QVERIFY(entry.target.contains(QStringLiteral("pat:") + QString::number(id)));
    QVERIFY(entry.target.contains(QStringLiteral("of bob")));
    QVERIFY(entry.completedAt.isValid());

    // And the Activity page shows it.
    ActivityPage activity;
    activity.setActivityLog(m_log.get());
    const QAbstractItemModel *model = activity.table()->model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, ActivityModel::Action).data().toString(),
             QStringLiteral("Revoke a user's personal token"));
    QCOMPARE(model->index(0, ActivityModel::Outcome).data().toString(),
             QStringLiteral("succeeded"));
}

bool TestAdministrationPage::addFault(const QByteArray &json)
{
    return httpSend(m_network, jsonRequest(m_sim->url() + QStringLiteral("/__trackersim/faults")),
                    "POST", json)
               .status == 201;
}

void TestAdministrationPage::failedRefreshKeepsLastList()
{
    AdminListTab *links = m_page->tab(AdministrationPage::AppLinksTab);
    const QStringList before = columnOf(links, AdminRows::LinkName);
    QVERIFY(before.size() >= 4);
    m_page->tabs()->setCurrentIndex(AdministrationPage::AppLinksTab);
    QVERIFY(addFault(R"({"method":"GET","path":"/rest/applinks/3.0/applinks","status":429,)"
                     R"("contentType":"application/json","body":"{}",)"
                     R"("headers":{"Retry-After":"7"},"times":1})"));
    QTest::mouseClick(links->refreshButton(), Qt::LeftButton);
    QVERIFY(waitLoaded(m_controller.get(), Section::AppLinks));
    QVERIFY(links->errorLabel()->isVisible());
    QString error = links->errorLabel()->text();
    QVERIFY2(error.contains(QStringLiteral("limiting requests")), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("The list shown is from")));
    QCOMPARE(columnOf(links, AdminRows::LinkName), before);

    // Offline: the connection drops (more than once, because QNAM sends again by itself when a
    // kept-alive connection closes).
    AdminListTab *clients = m_page->tab(AdministrationPage::OAuth2ClientsTab);
    QVERIFY(addFault(R"({"method":"GET","path":"/rest/oauth2/latest/client","action":"reset",)"
                     R"("times":3})"));
    m_controller->refresh(Section::OAuth2Clients);
    QVERIFY(waitLoaded(m_controller.get(), Section::OAuth2Clients));
    error = clients->errorLabel()->text();
    QVERIFY2(error.contains(QStringLiteral("could not be reached; you may be offline")),
             qPrintable(error));
    QCOMPARE(columnOf(clients, AdminRows::ClientName),
             QStringList{QStringLiteral("Deploy Dashboard")});

    QCOMPARE(httpSend(m_network, jsonRequest(m_sim->url() + QStringLiteral("/__trackersim/faults")),
                      "DELETE")
                 .status,
             204);

    // The next refresh that works clears the message.
    QTest::mouseClick(links->refreshButton(), Qt::LeftButton);
    QVERIFY(waitLoaded(m_controller.get(), Section::AppLinks));
    QVERIFY(!links->errorLabel()->isVisible());
    QCOMPARE(columnOf(links, AdminRows::LinkName), before);
}

void TestAdministrationPage::nonAdminIsToldInPlainWords()
{
    auto alice = connectAs(QStringLiteral("alice"));
    AdminController controller(alice.get(), m_log.get(),
                               {QString(), m_sim->url(), QStringLiteral("alice")});
    auto *page = new AdministrationPage(&controller);
    const auto window = frameFor(page, 1);
    window->show();
    for (const Section section : {Section::AppLinks, Section::Consumers, Section::OAuth2Clients})
        QVERIFY(waitLoaded(&controller, section));
    AdminTokenController *tokens = controller.tokens();
    QVERIFY(waitUntil(tokens, &AdminTokenController::changed,
                      [tokens] { return !tokens->state().loading; }));

    for (const AdministrationPage::Tab tab :
         {AdministrationPage::AppLinksTab, AdministrationPage::ConsumersTab,
          AdministrationPage::OAuth2ClientsTab, AdministrationPage::TokensTab}) {
        page->tabs()->setCurrentIndex(tab);
        const QLabel *error = page->tab(tab)->errorLabel();
        QVERIFY2(error->isVisible(), qPrintable(page->tabs()->tabText(tab)));
        QVERIFY2(
            error->text().contains(QStringLiteral("You are not an administrator of this server")),
            qPrintable(error->text()));
        QCOMPARE(page->tab(tab)->table()->model()->rowCount(), 0);
    }
    page->tabs()->setCurrentIndex(AdministrationPage::AppLinksTab);
    saveShot(window.get(), QStringLiteral("administration-not-admin"));
    // The profile switch: the controller forgets alice's refusals for the admin's server.
    controller.setConnection(m_connection.get(),
                             {QString(), m_sim->url(), QStringLiteral("admin")});
    QVERIFY(page->tab(AdministrationPage::AppLinksTab)->errorLabel()->text().isEmpty());
    controller.refresh(Section::AppLinks);
    QVERIFY(waitLoaded(&controller, Section::AppLinks));
    QVERIFY(columnOf(page->tab(AdministrationPage::AppLinksTab), AdminRows::LinkName).size() >= 4);
}

QTEST_MAIN(TestAdministrationPage)
#include "tst_administrationpage.moc"
