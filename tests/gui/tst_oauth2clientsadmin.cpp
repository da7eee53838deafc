// Administration → OAuth 2.0 clients against a real trackersim on the offscreen platform: Create
// shows the client id and secret once (never in the table, the details or the CSV) and the secret
// works at the token endpoint; a bad redirect line is marked and nothing is sent; a taken name is
// said at the name field; Edit changes the client; Reset secret asks, then the old secret stops
// working and the new one is shown once; Delete asks, then the client is gone; each change is in
// the activity log. A server without an OAuth 2.0 provider gets the explanation instead of the
// table; a non-administrator is refused in plain words and offered nothing.
#include "AdminFormsSupport.h"
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/AdminController.h"
#include "services/ConsumersController.h"
#include "services/MyAccessController.h"
#include "services/OAuth2ClientsController.h"
#include "ui/ActivityModel.h"
#include "ui/ActivityPage.h"
#include "ui/AdminClientsTab.h"
#include "ui/AdminConsumersTab.h"
#include "ui/AdminListTab.h"
#include "ui/AdminRows.h"
#include "ui/AdministrationPage.h"
#include "ui/ClientSecretDialog.h"
#include "ui/DesktopApp.h"
#include "ui/MainWindow.h"
#include "ui/OAuth2ClientDialog.h"
#include "ui/TableExport.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace accessdesk;
using namespace std::chrono_literals;

namespace {

const char *const kNewName = "Build Radar";

} // namespace

class TestOAuth2ClientsAdmin final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void createShowsTheSecretOnce();
    void badRedirectLineIsMarkedAndNothingSent();
    void takenNameIsSaidAtTheNameField();
    void serverRefusalLandsAtTheField();
    void editChangesTheClient();
    void resetAsksThenTheOldSecretStopsWorking();
    void deleteAsksThenTheClientIsGone();
    void everyChangeIsRecorded();
    void serverWithoutOAuth2GetsTheExplanation();
    void nonAdministratorIsRefusedAndOfferedNothing();
    void changesReachTheActivityPage();

private:
    AdminClientsTab *tab() const;
    AdminListTab *list() const;
    QJsonArray serverClients() const;
    QJsonObject serverClient(const QString &name) const;
    bool selectClient(const QString &name);
    OAuth2ClientDialog *openCreate();
    // Clicks Save and waits for the controller's answer and the list fetched again.
    bool save(OAuth2ClientDialog *form);
    int tokenStatus(const QString &clientId, const QString &secret);

    TempDatabase m_data;
    SimSession m_session;
    ShownAdminPage m_shown;
    QString m_secret; // of the client created here, as the server has it
};

void TestOAuth2ClientsAdmin::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    QVERIFY2(m_session.start(QStringLiteral("admin"), withoutRetries()),
             qPrintable(m_session.errorText()));
    m_shown =
        showAdminPage(m_session.connection(), m_data.activityLog(),
                      m_session.who(QStringLiteral("demo")), AdministrationPage::OAuth2ClientsTab);
    QVERIFY(waitListed(m_shown.controller->clients()));
    QVERIFY2(!m_shown.controller->clients()->state().error.isError(),
             qPrintable(m_shown.controller->clients()->errorText()));
    QVERIFY(!tab()->showsUnavailable());
}

void TestOAuth2ClientsAdmin::cleanupTestCase()
{
    m_shown = ShownAdminPage();
    m_session.stop();
}

void TestOAuth2ClientsAdmin::cleanup()
{
    QVERIFY(m_session.server().clearFaults());
    for (QDialog *dialog :
         {static_cast<QDialog *>(shownDialog<OAuth2ClientDialog>(m_shown.page)),
          static_cast<QDialog *>(shownDialog<ClientSecretDialog>(m_shown.page))}) {
        if (dialog)
            dialog->close();
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

AdminClientsTab *TestOAuth2ClientsAdmin::tab() const
{
    return child<AdminClientsTab>(m_shown.page, "oauth2ClientsTab");
}

AdminListTab *TestOAuth2ClientsAdmin::list() const
{
    return child<AdminListTab>(m_shown.page, "oauth2Clients");
}

QJsonArray TestOAuth2ClientsAdmin::serverClients() const
{
    const HttpResult reply =
        m_session.server().get(QStringLiteral("/rest/oauth2/latest/client"), "admin");
    return reply.status == 200 ? QJsonDocument::fromJson(reply.body).array() : QJsonArray();
}

QJsonObject TestOAuth2ClientsAdmin::serverClient(const QString &name) const
{
    for (const QJsonValue &client : serverClients()) {
        if (client.toObject().value(QStringLiteral("name")).toString() == name)
            return client.toObject();
    }
    return {};
}

bool TestOAuth2ClientsAdmin::selectClient(const QString &name)
{
    auto *table = child<QTableView>(list(), QStringLiteral("table"));
    const int row = rowOf(table->model(), AdminRows::ClientName, name);
    if (row < 0)
        return false;
    table->selectRow(row);
    return list()->selectedRows().size() == 1;
}

OAuth2ClientDialog *TestOAuth2ClientsAdmin::openCreate()
{
    auto *create = child<QPushButton>(tab(), QStringLiteral("createClient"));
    if (!create->isEnabled())
        return nullptr;
    QTest::mouseClick(create, Qt::LeftButton);
    return shownDialog<OAuth2ClientDialog>(m_shown.page);
}

bool TestOAuth2ClientsAdmin::save(OAuth2ClientDialog *form)
{
    QSignalSpy finished(m_shown.controller->clients(), &OAuth2ClientsController::changeFinished);
    QTest::mouseClick(child<QPushButton>(form, QStringLiteral("save")), Qt::LeftButton);
    return finished.wait(30000) && waitListed(m_shown.controller->clients());
}

int TestOAuth2ClientsAdmin::tokenStatus(const QString &clientId, const QString &secret)
{
    return tokenRequest(*m_session.network(), m_session.url(), clientId, secret).status;
}

void TestOAuth2ClientsAdmin::createShowsTheSecretOnce()
{
    OAuth2ClientDialog *form = openCreate();
    QVERIFY(form);
    auto *redirects = child<QPlainTextEdit>(form, QStringLiteral("redirectUrls"));
    auto *scope = child<QComboBox>(form, QStringLiteral("scope"));
    QTest::keyClicks(child<QLineEdit>(form, QStringLiteral("clientName")), QLatin1String(kNewName));
    QTest::keyClicks(redirects, QStringLiteral("https://radar.example.test/cb"));
    QTest::keyClick(redirects, Qt::Key_Return);
    QTest::keyClicks(redirects, QStringLiteral("http://127.0.0.1:8765/callback"));
    scope->setCurrentIndex(scope->findData(QStringLiteral("WRITE")));
    QVERIFY(form->markedLines().isEmpty());
    QVERIFY2(accessibilityProblems(form).isEmpty(),
             qPrintable(accessibilityProblems(form).join(u',')));
    QVERIFY(save(form));

    // Registered as typed, on the server.
    const QJsonObject created = serverClient(QLatin1String(kNewName));
    QVERIFY(!created.isEmpty());
    QCOMPARE(created.value(QStringLiteral("scope")).toString(), QStringLiteral("WRITE"));
    QCOMPARE(created.value(QStringLiteral("redirects")).toArray().size(), 2);
    m_secret = created.value(QStringLiteral("clientSecret")).toString();
    const QString clientId = created.value(QStringLiteral("clientId")).toString();
    QVERIFY(!m_secret.isEmpty());

    // The form closed; the id and secret are shown, once.
    QTRY_VERIFY_WITH_TIMEOUT(!shownDialog<OAuth2ClientDialog>(m_shown.page), 30000);
    auto *shown = shownDialog<ClientSecretDialog>(m_shown.page);
    QVERIFY(shown);
    const auto *secret = child<QLineEdit>(shown, QStringLiteral("clientSecret"));
    QCOMPARE(child<QLineEdit>(shown, QStringLiteral("clientId"))->text(), clientId);
    QCOMPARE(secret->text(), m_secret);
    QVERIFY(secret->isReadOnly());
    QVERIFY2(accessibilityProblems(shown).isEmpty(),
             qPrintable(accessibilityProblems(shown).join(u',')));
    QVERIFY2(accessibilityProblems(tab()).isEmpty(),
             qPrintable(accessibilityProblems(tab()).join(u',')));
    QCOMPARE(tokenStatus(clientId, m_secret), 400); // a good secret, a made-up code
    QCOMPARE(tokenStatus(clientId, QStringLiteral("0123456789abcdef")), 401);

    // Copy, and the clipboard forgets it.
    shown->setClipboardClearDelay(50ms);
    QTest::mouseClick(child<QPushButton>(shown, QStringLiteral("copyClientSecret")),
                      Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), m_secret);
    QTRY_VERIFY_WITH_TIMEOUT(QApplication::clipboard()->text().isEmpty(), 30000);

    QTest::mouseClick(child<QPushButton>(shown, QStringLiteral("done")), Qt::LeftButton);
    QVERIFY(!shown->holdsSecret());

    // Nowhere else: not in the table, the details, or the CSV export.
    QVERIFY(selectClient(QLatin1String(kNewName)));
    const QAbstractItemModel *model = child<QTableView>(list(), QStringLiteral("table"))->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column)
            QVERIFY(!model->index(row, column).data().toString().contains(m_secret));
    }
    const QString details = child<QTextBrowser>(list(), "details")->toPlainText();
    QVERIFY(details.contains(clientId));
    QVERIFY(!details.contains(m_secret));
    QVERIFY(!QString::fromUtf8(TableExport::toCsv(*list()->proxy())).contains(m_secret));
    QVERIFY2(child<QLabel>(list(), "status")->text().contains(QStringLiteral("registered")),
             qPrintable(child<QLabel>(list(), "status")->text()));
}

void TestOAuth2ClientsAdmin::badRedirectLineIsMarkedAndNothingSent()
{
    const int before = int(serverClients().size());
    OAuth2ClientDialog *form = openCreate();
    QVERIFY(form);
    auto *name = child<QLineEdit>(form, QStringLiteral("clientName"));
    auto *redirects = child<QPlainTextEdit>(form, QStringLiteral("redirectUrls"));
    const auto *problem = child<QLabel>(form, QStringLiteral("problem"));
    QTest::keyClicks(name, QStringLiteral("Line Checker"));
    redirects->setPlainText(QStringLiteral(
        "https://ok.example.test/cb\nhttp://not-local.example.test/cb\nhttps://ok.example.test/2"));
    QCOMPARE(form->markedLines(), QList<int>{1});
    const QString error = form->fieldError(QStringLiteral("redirects"));
    QVERIFY2(error.startsWith(QStringLiteral("Line 2:")) && error.contains(QStringLiteral("https")),
             qPrintable(error));

    QSignalSpy finished(m_shown.controller->clients(), &OAuth2ClientsController::changeFinished);
    QTest::mouseClick(child<QPushButton>(form, QStringLiteral("save")), Qt::LeftButton);
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(QStringLiteral("Nothing was sent")));
    QCOMPARE(finished.size(), 0);
    QCOMPARE(serverClients().size(), before);
    QCOMPARE(name->text(), QStringLiteral("Line Checker"));

    // Correcting the line clears the mark.
    redirects->setPlainText(QStringLiteral("https://ok.example.test/cb\nhttp://localhost:9/cb"));
    QVERIFY(form->markedLines().isEmpty());
    QVERIFY(form->fieldError(QStringLiteral("redirects")).isEmpty());
    form->close();
}

void TestOAuth2ClientsAdmin::takenNameIsSaidAtTheNameField()
{
    const int before = int(serverClients().size());
    OAuth2ClientDialog *form = openCreate();
    QVERIFY(form);
    auto *name = child<QLineEdit>(form, QStringLiteral("clientName"));
    QTest::keyClicks(name, QStringLiteral("deploy dashboard"));
    QVERIFY2(!form->fieldError(QStringLiteral("name")).isEmpty(), "no error at the name field");
    QTest::keyClicks(child<QPlainTextEdit>(form, QStringLiteral("redirectUrls")),
                     QStringLiteral("https://dash.example.test/cb"));
    QSignalSpy finished(m_shown.controller->clients(), &OAuth2ClientsController::changeFinished);
    QTest::mouseClick(child<QPushButton>(form, QStringLiteral("save")), Qt::LeftButton);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(serverClients().size(), before);
    QVERIFY(name->hasFocus() || form->focusWidget() == name);
    form->close();
}

void TestOAuth2ClientsAdmin::serverRefusalLandsAtTheField()
{
    // The server refuses what AccessDesk let through (its rules may be stricter).
    QVERIFY(m_session.server().addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("POST")},
                    {QStringLiteral("path"), QStringLiteral("/rest/oauth2/latest/client")},
                    {QStringLiteral("status"), 400},
                    {QStringLiteral("contentType"), QStringLiteral("application/json")},
                    {QStringLiteral("body"),
                     QStringLiteral(R"({"errors":[],"fieldErrors":{"redirects":)"
                                    R"(["This redirect host is not allowed on this server."]}})")},
                    {QStringLiteral("times"), 1}}));
    const int before = int(serverClients().size());
    OAuth2ClientDialog *form = openCreate();
    QVERIFY(form);
    auto *name = child<QLineEdit>(form, QStringLiteral("clientName"));
    auto *redirects = child<QPlainTextEdit>(form, QStringLiteral("redirectUrls"));
    QTest::keyClicks(name, QStringLiteral("Refused One"));
    QTest::keyClicks(redirects, QStringLiteral("https://refused.example.test/cb"));
    QVERIFY(save(form));
    QVERIFY(shownDialog<OAuth2ClientDialog>(m_shown.page) == form);
    QVERIFY2(form->fieldError(QStringLiteral("redirects"))
                 .contains(QStringLiteral("not allowed on this server")),
             qPrintable(form->fieldError(QStringLiteral("redirects"))));
    QVERIFY(child<QLabel>(form, QStringLiteral("problem"))
                ->text()
                .contains(QStringLiteral("was not created")));
    QCOMPARE(name->text(), QStringLiteral("Refused One"));
    QCOMPARE(redirects->toPlainText(), QStringLiteral("https://refused.example.test/cb"));
    QCOMPARE(serverClients().size(), before);
    QVERIFY(!shownDialog<ClientSecretDialog>(m_shown.page));
    form->close();
}

void TestOAuth2ClientsAdmin::editChangesTheClient()
{
    auto *edit = child<QPushButton>(tab(), QStringLiteral("editClient"));
    QVERIFY(selectClient(QLatin1String(kNewName)));
    QVERIFY(edit->isEnabled());
    QTest::mouseClick(edit, Qt::LeftButton);
    auto *form = shownDialog<OAuth2ClientDialog>(m_shown.page);
    QVERIFY(form);
    auto *name = child<QLineEdit>(form, QStringLiteral("clientName"));
    auto *scope = child<QComboBox>(form, QStringLiteral("scope"));
    QVERIFY(form->isEditing());
    QCOMPARE(name->text(), QLatin1String(kNewName));
    QCOMPARE(scope->currentData().toString(), QStringLiteral("WRITE"));
    QVERIFY(form->fieldError(QStringLiteral("name")).isEmpty()); // its own name is not taken
    name->setText(QStringLiteral("Build Radar 2"));
    scope->setCurrentIndex(scope->findData(QStringLiteral("READ")));
    child<QPlainTextEdit>(form, QStringLiteral("redirectUrls"))
        ->setPlainText(QStringLiteral("https://radar.example.test/new-cb"));
    QVERIFY(save(form));
    QTRY_VERIFY_WITH_TIMEOUT(!shownDialog<OAuth2ClientDialog>(m_shown.page), 30000);

    const QJsonObject changed = serverClient(QStringLiteral("Build Radar 2"));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.value(QStringLiteral("scope")).toString(), QStringLiteral("READ"));
    QCOMPARE(changed.value(QStringLiteral("redirects")).toArray(),
             QJsonArray{QStringLiteral("https://radar.example.test/new-cb")});
    QCOMPARE(changed.value(QStringLiteral("clientSecret")).toString(), m_secret);
    QVERIFY(rowOf(child<QTableView>(list(), QStringLiteral("table"))->model(),
                  AdminRows::ClientName, QStringLiteral("Build Radar 2")) >= 0);
    QVERIFY(!shownDialog<ClientSecretDialog>(m_shown.page)); // an edit shows no secret
}

void TestOAuth2ClientsAdmin::resetAsksThenTheOldSecretStopsWorking()
{
    auto *reset = child<QPushButton>(tab(), QStringLiteral("resetClientSecret"));
    const QJsonObject client = serverClient(QStringLiteral("Build Radar 2"));
    const QString clientId = client.value(QStringLiteral("clientId")).toString();
    QVERIFY(selectClient(QStringLiteral("Build Radar 2")));

    ConfirmationDialog *dialog =
        clickConfirmed(reset, m_shown.page, ConfirmationDialog::Answer::Cancel);
    QVERIFY(dialog);
    QVERIFY2(dialog->message().contains(QStringLiteral("stops working")) &&
                 dialog->message().contains(clientId),
             qPrintable(dialog->message()));
    QCOMPARE(child<QPushButton>(dialog, QStringLiteral("confirmAccept"))->text(),
             QStringLiteral("Reset secret"));
    QCOMPARE(answerOf(dialog), std::optional<bool>(false));
    QCOMPARE(serverClient(QStringLiteral("Build Radar 2")).value(QStringLiteral("clientSecret")),
             QJsonValue(m_secret));

    QSignalSpy finished(m_shown.controller->clients(), &OAuth2ClientsController::changeFinished);
    QVERIFY(clickConfirmed(reset, m_shown.page, ConfirmationDialog::Answer::Accept));
    QVERIFY(finished.wait(30000));
    auto *shown = shownDialog<ClientSecretDialog>(m_shown.page);
    QVERIFY(shown);
    const QString newSecret = child<QLineEdit>(shown, QStringLiteral("clientSecret"))->text();
    QVERIFY(!newSecret.isEmpty() && newSecret != m_secret);
    QCOMPARE(serverClient(QStringLiteral("Build Radar 2")).value(QStringLiteral("clientSecret")),
             QJsonValue(newSecret));
    QCOMPARE(tokenStatus(clientId, m_secret), 401); // the old one no longer works
    QCOMPARE(tokenStatus(clientId, newSecret), 400);
    QTest::mouseClick(child<QPushButton>(shown, QStringLiteral("done")), Qt::LeftButton);
    QVERIFY(!shown->holdsSecret());
    m_secret = newSecret;
}

void TestOAuth2ClientsAdmin::deleteAsksThenTheClientIsGone()
{
    auto *remove = child<QPushButton>(tab(), QStringLiteral("deleteClient"));
    const QString id =
        serverClient(QStringLiteral("Build Radar 2")).value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    QVERIFY(selectClient(QStringLiteral("Build Radar 2")));
    ConfirmationDialog *dialog =
        clickConfirmed(remove, m_shown.page, ConfirmationDialog::Answer::Cancel);
    QVERIFY(dialog);
    QVERIFY(dialog->message().contains(QStringLiteral("Build Radar 2")));
    QCOMPARE(answerOf(dialog), std::optional<bool>(false));
    QVERIFY(!serverClient(QStringLiteral("Build Radar 2")).isEmpty());

    QSignalSpy finished(m_shown.controller->clients(), &OAuth2ClientsController::changeFinished);
    QVERIFY(clickConfirmed(remove, m_shown.page, ConfirmationDialog::Answer::Accept));
    QVERIFY(finished.wait(30000));
    QVERIFY(waitListed(m_shown.controller->clients()));
    QCOMPARE(
        m_session.server().get(QStringLiteral("/rest/oauth2/latest/client/") + id, "admin").status,
        404);
    QCOMPARE(rowOf(child<QTableView>(list(), QStringLiteral("table"))->model(),
                   AdminRows::ClientName, QStringLiteral("Build Radar 2")),
             -1);
    QVERIFY(!child<QPushButton>(tab(), QStringLiteral("editClient"))->isEnabled());
}

void TestOAuth2ClientsAdmin::everyChangeIsRecorded()
{
    QStringList actions;
    for (const ActivityEntry &entry : m_data.activityLog()->entries()) {
        QVERIFY2(!entry.target.contains(m_secret), "a secret in the activity log");
        QVERIFY(entry.completedAt.isValid());
        actions.prepend(entry.action + QLatin1Char('=') + QString::number(int(entry.outcome)));
    }
    const auto ok = [](const char *action) -> QString {
        return QLatin1String(action) + QLatin1Char('=') +
               QString::number(int(ActivityOutcome::Succeeded));
    };
    QCOMPARE(actions, (QStringList{ok("create-oauth2-client"),
                                   QStringLiteral("create-oauth2-client=") +
                                       QString::number(int(ActivityOutcome::Failed)),
                                   ok("update-oauth2-client"), ok("reset-oauth2-client-secret"),
                                   ok("delete-oauth2-client")}));
}

void TestOAuth2ClientsAdmin::serverWithoutOAuth2GetsTheExplanation()
{
    SimSession old({QStringLiteral("--no-oauth2")});
    QVERIFY2(old.start(QStringLiteral("admin"), withoutRetries()), qPrintable(old.errorText()));
    const ShownAdminPage shown = showAdminPage(old.connection(), m_data.activityLog(), old.who(),
                                               AdministrationPage::OAuth2ClientsTab);
    AdministrationPage *page = shown.page;
    QVERIFY(waitListed(shown.controller->clients()));
    auto *clients = child<AdminClientsTab>(page, "oauth2ClientsTab");
    QVERIFY(clients->showsUnavailable());
    QVERIFY(!child<AdminListTab>(page, "oauth2Clients")->isVisible());
    const QLabel *why = child<QLabel>(clients, QStringLiteral("oauth2Unavailable"));
    QVERIFY(why->isVisible());
    QVERIFY2(why->text().contains(QStringLiteral("8.22")) &&
                 why->text().contains(QStringLiteral("OAuth 1.0a")),
             qPrintable(why->text()));
    QVERIFY(!child<QPushButton>(clients, QStringLiteral("createClient"))->isEnabled());
    saveScreenshot(shown.window.get(), QStringLiteral("administration-no-oauth2"));
}

void TestOAuth2ClientsAdmin::nonAdministratorIsRefusedAndOfferedNothing()
{
    auto alice = m_session.connectAs(QStringLiteral("alice"), withoutRetries());
    const ShownAdminPage shown = showAdminPage(
        alice.get(), m_data.activityLog(), {QString(), m_session.url(), QStringLiteral("alice")},
        AdministrationPage::OAuth2ClientsTab);
    AdministrationPage *page = shown.page;
    QVERIFY(waitListed(shown.controller->clients()));
    auto *clients = child<AdminClientsTab>(page, "oauth2ClientsTab");
    QVERIFY(!clients->showsUnavailable());
    const QLabel *error = child<QLabel>(child<AdminListTab>(page, "oauth2Clients"), "problem");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("You are not an administrator")),
             qPrintable(error->text()));
    for (const QPushButton *button :
         {child<QPushButton>(clients, QStringLiteral("createClient")),
          child<QPushButton>(clients, QStringLiteral("editClient")),
          child<QPushButton>(clients, QStringLiteral("resetClientSecret")),
          child<QPushButton>(clients, QStringLiteral("deleteClient"))})
        QVERIFY2(!button->isEnabled(), qPrintable(button->objectName()));
}

void TestOAuth2ClientsAdmin::changesReachTheActivityPage()
{
    // The app as main() builds it, connected as the admin the way scripts/demo.sh connects.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    qputenv("ACCESSDESK_TEST_ADMIN_PASSWORD", "admin");
    ConnectionOptions options;
    options.server = m_session.url();
    options.auth = QStringLiteral("basic");
    options.user = QStringLiteral("admin");
    options.passwordEnv = QStringLiteral("ACCESSDESK_TEST_ADMIN_PASSWORD");
    DesktopApp app(AppSession::Paths{home.filePath(QStringLiteral("profiles.ini")), home.path()});
    app.start(options, QString());
    MyAccessController &myAccess = app.myAccess();
    QVERIFY(waitUntil(&myAccess, &MyAccessController::probed,
                      [&myAccess] { return myAccess.isAdmin(); }));
    app.window().showPage(MainWindow::Administration);
    AdministrationPage &page = app.administrationPage();
    OAuth2ClientsController *clients = app.admin().clients();
    ConsumersController *consumers = app.admin().consumers();
    QVERIFY(waitListed(clients));
    QVERIFY(waitListed(consumers));
    const QAbstractItemModel *activity =
        child<QTableView>(&app.activityPage(), QStringLiteral("activityTable"))->model();
    const auto actions = [activity] {
        QStringList seen;
        for (int row = 0; row < activity->rowCount(); ++row)
            seen << activity->index(row, ActivityModel::Action).data().toString();
        return seen;
    };
    const QStringList before = actions();

    // Delete a client on its tab: the Activity page has it at once.
    page.showTab(AdministrationPage::OAuth2ClientsTab);
    auto *clientList = child<AdminListTab>(&page, "oauth2Clients");
    auto *clientTable = child<QTableView>(clientList, QStringLiteral("table"));
    clientTable->selectRow(
        rowOf(clientTable->model(), AdminRows::ClientName, QStringLiteral("Deploy Dashboard")));
    auto *tab = child<AdminClientsTab>(&page, "oauth2ClientsTab");
    QSignalSpy changed(clients, &OAuth2ClientsController::changeFinished);
    QVERIFY(clickConfirmed(child<QPushButton>(tab, QStringLiteral("deleteClient")), &page,
                           ConfirmationDialog::Answer::Accept));
    QVERIFY(changed.wait(30000));
    QCOMPARE(actions().size(), before.size() + 1);

    // Remove a consumer on its tab: the same.
    page.showTab(AdministrationPage::ConsumersTab);
    auto *consumerList = child<AdminListTab>(&page, "consumers");
    auto *consumerTable = child<QTableView>(consumerList, QStringLiteral("table"));
    consumerTable->selectRow(
        rowOf(consumerTable->model(), AdminRows::ConsumerLink, QStringLiteral("Bamboo")));
    QSignalSpy removed(consumers, &ConsumersController::removalFinished);
    QVERIFY(clickConfirmed(child<QPushButton>(&page, "removeConsumer"), &page,
                           ConfirmationDialog::Answer::Accept));
    QVERIFY(removed.wait(30000));
    QCOMPARE(actions().size(), before.size() + 2);
}

QTEST_MAIN(TestOAuth2ClientsAdmin)
#include "tst_oauth2clientsadmin.moc"
