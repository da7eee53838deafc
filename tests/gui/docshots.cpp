// docshots: the screenshots of docs/, taken from the real app. It starts a demo trackersim (with
// 200 generated personal access tokens besides, for the token administration shots), builds
// the DesktopApp as app/main.cpp does (on a throwaway settings file and data dir), connects as
// alice the way the README's demo command does, and drives the widgets through the story a user
// would follow, saving each view as it stands. Not a test: scripts/screenshots.sh runs it under
// Xvfb (real fonts, 1280×800) with an unlocked keyring for the two saved profiles.
//
//   docshots OUTPUT_DIR
//   docshots OUTPUT_DIR --look=dark|200pct|800x600   (one picture: screenshot-<look>.png)
#include "AccessGrantModel.h"
#include "DocShotsSupport.h"
#include "SimProcess.h"
#include "secrets/SecretStore.h"
#include "services/AdminController.h"
#include "services/AdminTokenController.h"
#include "services/AppLinksController.h"
#include "services/ConsumersController.h"
#include "services/MyAccessController.h"
#include "services/OAuth2ClientsController.h"
#include "services/RequestForAccessController.h"
#include "services/TokenSweepController.h"
#include "services/Translations.h"
#include "storage/ProfileStore.h"
#include "ui/ActivityModel.h"
#include "ui/ActivityPage.h"
#include "ui/AdminClientsTab.h"
#include "ui/AdminListTab.h"
#include "ui/AdminRows.h"
#include "ui/AdministrationPage.h"
#include "ui/AppLinkWizard.h"
#include "ui/ApproveConsumerDialog.h"
#include "ui/ClientSecretDialog.h"
#include "ui/ConfirmationDialog.h"
#include "ui/ConnectionDialog.h"
#include "ui/ConnectionPage.h"
#include "ui/ConsumerKeyEditor.h"
#include "ui/CreateTokenDialog.h"
#include "ui/DesktopApp.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessPage.h"
#include "ui/OAuth2ClientDialog.h"
#include "ui/RequestForAccessDialog.h"
#include "ui/RevokeProgressDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <functional>
#include <memory>

using namespace accessdesk;
using namespace docshots;

namespace {

const QString kPasswordEnv = QStringLiteral("ACCESSDESK_DOCSHOTS_PASSWORD");
const QString kAliceProfile = QStringLiteral("Demo Jira (alice)");
const QString kAdminProfile = QStringLiteral("Demo Jira (admin)");

// A push button by its object name (child() finds the other controls).
QPushButton *button(const QObject *parent, const char *name)
{
    return child<QPushButton>(parent, QLatin1String(name));
}

class DocShots final
{
public:
    explicit DocShots(QString outputDir)
        : m_outputDir(std::move(outputDir))
    {}
    ~DocShots() { forgetSecrets(m_profiles); }
    Q_DISABLE_COPY_MOVE(DocShots)

    // How the window looks in other settings (issue 10 §2): a dark palette, 200 % scale (the
    // script sets QT_SCALE_FACTOR=2), or an 800×600 window; one picture of My access each.
    bool runLook(const QString &look)
    {
        if (look == QLatin1String("dark"))
            QApplication::setPalette(darkPalette());
        if (!startServer() || !connectAsAlice())
            return false;
        if (look == QLatin1String("800x600"))
            window().resize(800, 600);
        window().showPage(MainWindow::MyAccess);
        // A selected row, an expiring grant's date and the details pane: the parts most likely
        // to lose contrast or be cut off.
        return selectGrants({QStringLiteral("ci-pipeline")}) && save(look);
    }

    bool run()
    {
        return startServer() && connectAsAlice() && shootMyAccess() && shootRevoke() &&
               shootNewToken() && shootRequestForAccess() && shootActivity() &&
               shootAdministrationAndConnection() && shootLinkWizard() && shootTokens() &&
               shootConsumerForm() && shootOAuth2Clients() && shootFirstRun();
    }

private:
    bool save(const QString &name, QWidget *dialog = nullptr);
    bool startServer();
    bool connectAsAlice();
    bool shootMyAccess();
    bool shootRevoke();
    bool shootNewToken();
    bool shootRequestForAccess();
    bool shootActivity();
    bool shootAdministrationAndConnection();
    bool shootLinkWizard();
    bool shootTokens();
    bool shootConsumerForm();
    bool shootOAuth2Clients();
    bool shootFirstRun();
    bool selectGrants(const QStringList &applications);
    // Until My access is idle with count grants listed (any number when count < 0) and also()
    // holds; else says that what did not happen.
    bool waitForList(qsizetype count, const char *what, const std::function<bool()> &also = {});
    bool addProfile(const QString &name, const QString &user);

    MainWindow &window() { return m_app->window(); }
    MyAccessPage &myAccess() { return *m_app->window().myAccessPage(); }

    QString m_outputDir;
    QTemporaryDir m_home;
    SimProcess m_sim{{QStringLiteral("--seed"), QStringLiteral("scale:200")}};
    QNetworkAccessManager m_network;
    std::unique_ptr<DesktopApp> m_app;
    QStringList m_profiles;
};

bool DocShots::save(const QString &name, QWidget *dialog)
{
    // Posted layout requests and repaints land before the picture.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QWidget *top = &window();
    QPixmap picture = top->grab();
    if (dialog)
        drawDialog(picture, top, dialog);
    const QString file = QDir(m_outputDir).filePath(QStringLiteral("screenshot-%1.png").arg(name));
    if (!picture.save(file))
        return fail(QStringLiteral("cannot write %1").arg(file));
    std::printf("%s (%dx%d)\n", qPrintable(file), picture.width(), picture.height());
    return true;
}

bool DocShots::startServer()
{
    if (!m_home.isValid())
        return fail(QStringLiteral("no temporary folder"));
    if (!m_sim.start())
        return fail(QStringLiteral("trackersim did not start: %1").arg(m_sim.errorText()));
    return true;
}

bool DocShots::connectAsAlice()
{
    // As scripts/demo.sh opens the app: --server URL --auth basic --user alice --password-env.
    qputenv(qPrintable(kPasswordEnv), "alice");
    ConnectionOptions options;
    options.server = m_sim.url();
    options.auth = QStringLiteral("basic");
    options.user = QStringLiteral("alice");
    options.passwordEnv = kPasswordEnv;
    m_app = std::make_unique<DesktopApp>(
        AppSession::Paths{m_home.filePath(QStringLiteral("alice/profiles.ini")),
                          m_home.filePath(QStringLiteral("alice"))});
    m_app->start(options, QString());
    MyAccessController &controller = m_app->myAccess();
    return waitForList(5, "alice's five demo grants were not listed", [&controller] {
        return controller.lastRefresh().isValid() && controller.probeReport().has_value();
    });
}

bool DocShots::waitForList(qsizetype count, const char *what, const std::function<bool()> &also)
{
    MyAccessController &controller = m_app->myAccess();
    const bool done = waitUntil(&controller, &MyAccessController::stateChanged, [&] {
        return controller.state() == MyAccessController::State::Idle && !controller.isRevoking() &&
               (count < 0 || controller.grants().size() == count) && (!also || also());
    });
    return done || fail(QStringLiteral("%1 (%2)").arg(QLatin1String(what), controller.lastError()));
}

bool DocShots::selectGrants(const QStringList &applications)
{
    auto *table = child<QTableView>(&myAccess(), QStringLiteral("grantTable"));
    table->clearSelection();
    for (const QString &application : applications) {
        const int row = rowOf(table->model(), AccessGrantModel::Application, application);
        if (row < 0)
            return fail(QStringLiteral("no grant named %1").arg(application));
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    table->setFocus();
    return myAccess().selectedGrants().size() == applications.size();
}

bool DocShots::shootMyAccess()
{
    window().showPage(MainWindow::MyAccess);
    return selectGrants({QStringLiteral("Release Radar")}) && save(QStringLiteral("my-access"));
}

bool DocShots::shootRevoke()
{
    // The second of the two fails on the server (README "Fault injection"), so the summary has a
    // failure to explain.
    QString failingKey;
    for (const AccessGrant &grant : m_app->myAccess().grants()) {
        if (grant.application == QLatin1String("ci-pipeline"))
            failingKey = grant.revokeKey;
    }
    const QByteArray body =
        QJsonDocument(
            QJsonObject{{QStringLiteral("errorMessages"),
                         QJsonArray{QStringLiteral("Token store is read-only for maintenance")}}})
            .toJson(QJsonDocument::Compact);
    if (!addFault(m_network, m_sim.url(),
                  {{QStringLiteral("method"), QStringLiteral("DELETE")},
                   {QStringLiteral("path"),
                    QString(QStringLiteral("/rest/pat/latest/tokens/") + failingKey)},
                   {QStringLiteral("action"), QStringLiteral("respond")},
                   {QStringLiteral("status"), 500},
                   {QStringLiteral("contentType"), QStringLiteral("application/json")},
                   {QStringLiteral("body"), QString::fromUtf8(body)}}))
        return false;

    if (!selectGrants({QStringLiteral("Bamboo"), QStringLiteral("ci-pipeline")}))
        return false;
    button(&myAccess(), "revokeGrants")->click();
    auto *confirm = myAccess().findChild<ConfirmationDialog *>();
    if (!confirm || !confirm->isVisible())
        return fail(QStringLiteral("no confirmation dialog"));
    if (!save(QStringLiteral("revoke-confirm"), confirm))
        return false;

    button(confirm, "confirmAccept")->click();
    auto *progress = myAccess().findChild<RevokeProgressDialog *>();
    if (!progress)
        return fail(QStringLiteral("no revoke progress dialog"));
    // The summary, then the list fetched again after the run.
    if (!waitForList(4, "the revoke run did not end with one failure",
                     [progress] { return progress->showsSummary(); }))
        return false;
    if (!save(QStringLiteral("revoke-summary"), progress))
        return false;
    button(progress, "closeRevoke")->click();
    return clearFaults(m_network, m_sim.url());
}

bool DocShots::shootNewToken()
{
    button(&myAccess(), "newToken")->click();
    auto *dialog = window().findChild<CreateTokenDialog *>();
    if (!dialog)
        return fail(QStringLiteral("no new-token dialog"));
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("tokenName")),
                     QStringLiteral("release-script"));
    child<QRadioButton>(dialog, QStringLiteral("tokenExpires"))->click();
    child<QSpinBox>(dialog, QStringLiteral("tokenDays"))->setValue(30);
    button(dialog, "createToken")->click();
    if (!waitUntil(dialog, &CreateTokenDialog::tokenCreated,
                   [dialog] { return dialog->isShowingToken(); }))
        return fail(QStringLiteral("the token was not created"));
    // My access asks the server again meanwhile; the picture waits for the new list.
    if (!waitForList(5, "the new token is not listed") ||
        !save(QStringLiteral("new-token"), dialog))
        return false;
    button(dialog, "tokenDone")->click();
    return true;
}

bool DocShots::shootRequestForAccess()
{
    // A consumer as in the story test: an admin links it, it asks for a request token and gives
    // alice the link.
    const QString state = m_home.filePath(QStringLiteral("consumer-state.json"));
    QJsonObject step = runConsumer({QStringLiteral("setup"), state, m_sim.url()});
    if (step.contains(QStringLiteral("error")))
        return fail(step.value(QStringLiteral("error")).toString());
    step = runConsumer({QStringLiteral("request-token"), state});
    const QString link = step.value(QStringLiteral("authorizeUrl")).toString();
    if (link.isEmpty())
        return fail(step.value(QStringLiteral("error")).toString());

    button(&myAccess(), "answerRequest")->click();
    auto *dialog = window().findChild<RequestForAccessDialog *>();
    if (!dialog)
        return fail(QStringLiteral("no request-for-access dialog"));
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("requestLink")), link);
    button(dialog, "showRequest")->click();
    using State = RequestForAccessController::State;
    RequestForAccessController &requests = m_app->accessRequests();
    const auto settled = [&requests] {
        return requests.state() != State::Checking && requests.state() != State::Answering;
    };
    if (!waitUntil(&requests, &RequestForAccessController::stateChanged, settled) ||
        requests.state() != State::Asking)
        return fail(QStringLiteral("the request was not shown: %1").arg(requests.errorText()));
    if (!save(QStringLiteral("request-for-access"), dialog))
        return false;

    // Alice allows it, so the grant is listed and the activity log has the answer.
    button(dialog, "allowRequest")->click();
    if (!waitUntil(&requests, &RequestForAccessController::stateChanged, settled) ||
        requests.state() != State::Answered)
        return fail(QStringLiteral("the answer was not taken: %1").arg(requests.errorText()));
    // The consumer trades the code for its access token; only then is it a grant to list.
    const QByteArray verifier =
        child<QLineEdit>(dialog, QStringLiteral("verificationCode"))->text().toUtf8();
    dialog->accept();
    step = runConsumer({QStringLiteral("access-token"), state}, verifier + '\n');
    if (!step.value(QStringLiteral("ok")).toBool())
        return fail(step.value(QStringLiteral("error")).toString());
    if (!waitForList(-1, "My access did not settle"))
        return false;
    button(&myAccess(), "refreshGrants")->click();
    return waitForList(6, "Story Reader's grant is not listed");
}

bool DocShots::shootActivity()
{
    window().showPage(MainWindow::Activity);
    auto *table = child<QTableView>(&m_app->activityPage(), QStringLiteral("activityTable"));
    if (table->model()->rowCount() != 4)
        return fail(
            QStringLiteral("the activity log has %1 entries").arg(table->model()->rowCount()));
    // The failed revoke: its details say why.
    const int failed = rowOf(table->model(), ActivityModel::Target, QStringLiteral("ci-pipeline"));
    if (failed < 0)
        return fail(QStringLiteral("the failed revoke is not in the activity log"));
    table->selectRow(failed);
    table->setFocus();
    return save(QStringLiteral("activity"));
}

bool DocShots::addProfile(const QString &name, const QString &user)
{
    AppSession &session = m_app->session();
    ConnectionProfile profile;
    profile.name = name;
    profile.baseUrl = QUrl(m_sim.url());
    profile.username = user;
    QStringList problems;
    if (!session.profiles().save(profile, ProfileStore::SaveMode::CreateOrReplace, &problems))
        return fail(problems.join(QLatin1Char(' ')));
    m_profiles << name;
    if (!storePassword(*session.secrets(), name, user.toUtf8()))
        return fail(QStringLiteral("no keychain: run under scripts/screenshots.sh"));
    session.notifyProfilesChanged();
    return true;
}

bool DocShots::shootAdministrationAndConnection()
{
    if (!addProfile(kAliceProfile, QStringLiteral("alice")) ||
        !addProfile(kAdminProfile, QStringLiteral("admin")))
        return false;

    // The admin's profile, connected from the Connection page.
    window().showPage(MainWindow::Connection);
    ConnectionPage &connections = m_app->connectionPage();
    connections.reload();
    if (!connections.selectProfile(kAdminProfile))
        return fail(QStringLiteral("the admin profile is not listed"));
    button(&connections, "connectProfile")->click();
    AppSession &session = m_app->session();
    if (!waitUntil(&session, &AppSession::connectionChanged,
                   [&session] { return session.profileName() == kAdminProfile; }))
        return fail(QStringLiteral("could not connect as admin"));
    MyAccessController &controller = m_app->myAccess();
    if (!waitForList(-1, "the probe did not say admin is an administrator", [&controller] {
            return controller.lastRefresh().isValid() && controller.isAdmin();
        }))
        return false;

    window().showPage(MainWindow::Administration);
    AdminController &admin = m_app->admin();
    AppLinksController *links = admin.links();
    const auto loaded = [&admin, links] {
        for (const AdminListController *list :
             {static_cast<const AdminListController *>(links),
              static_cast<const AdminListController *>(admin.consumers()),
              static_cast<const AdminListController *>(admin.clients())}) {
            if (!list->state().loaded || list->state().loading)
                return false;
        }
        return !links->isChecking();
    };
    if (!QTest::qWaitFor(loaded, 30000))
        return fail(QStringLiteral("the administration lists did not load"));
    AdministrationPage &page = m_app->administrationPage();
    page.showTab(AdministrationPage::AppLinksTab);
    child<QTableView>(child<AdminListTab>(&page, QStringLiteral("applicationLinks")),
                      QStringLiteral("table"))
        ->selectRow(0);
    if (!save(QStringLiteral("administration")))
        return false;

    window().showPage(MainWindow::Connection);
    connections.selectProfile(kAdminProfile);
    return save(QStringLiteral("connection"));
}

namespace {

// The dialog as drawDialog() draws it over its window, cut out along its frame (title bar
// included), so nothing of the window behind shows.
QPixmap dialogPicture(QWidget *window, QWidget *dialog)
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QPixmap picture = window->grab();
    drawDialog(picture, window, dialog);
    QFont titleFont = dialog->font();
    titleFont.setBold(true);
    const int bar = QFontMetrics(titleFont).height() + 12; // as drawDialog() draws it
    const QPoint at = window->mapFromGlobal(dialog->mapToGlobal(QPoint(0, 0)));
    return picture.copy(
        QRect(at.x() - 1, at.y() - bar - 1, dialog->width() + 2, dialog->height() + bar + 2));
}

} // namespace

bool DocShots::shootTokens()
{
    // Every user's tokens, searched with filters.
    window().showPage(MainWindow::Administration);
    AdministrationPage &page = m_app->administrationPage();
    page.showTab(AdministrationPage::TokensTab);
    AdminTokenController *tokens = m_app->admin().tokens();
    const auto searched = [tokens] {
        return tokens->searchState() == AdminTokenController::SearchState::Completed;
    };
    if (!waitUntil(tokens, &AdminTokenController::changed, searched))
        return fail(QStringLiteral("the first token search did not complete"));
    auto *tab = page.findChild<QWidget *>(QStringLiteral("personalTokensTab"));
    const QDate today = QDate::currentDate();
    tab->findChild<QLineEdit *>(QStringLiteral("tokenOwner"))
        ->setText(QStringLiteral("Scale User 1"));
    tab->findChild<QLineEdit *>(QStringLiteral("createdFrom"))
        ->setText(today.addDays(-150).toString(Qt::ISODate));
    tab->findChild<QLineEdit *>(QStringLiteral("createdTo"))->setText(today.toString(Qt::ISODate));
    tab->findChild<QPushButton *>(QStringLiteral("searchTokens"))->click();
    if (!waitUntil(tokens, &AdminTokenController::changed, searched))
        return fail(QStringLiteral("the filtered token search did not complete"));
    auto *table = tab->findChild<QTableView *>(QStringLiteral("table"));
    table->selectRow(2);
    if (!save(QStringLiteral("admin-tokens")))
        return false;

    // The sweep of tokens never used: the preview, then the summary of a sweep in which the
    // server refused the first batch (README "Fault injection").
    tab->findChild<QPushButton *>(QStringLiteral("sweepTokens"))->click();
    auto *dialog = tab->findChild<QDialog *>(QStringLiteral("tokenSweepDialog"));
    if (!dialog)
        return fail(QStringLiteral("no sweep dialog"));
    dialog->resize(760, 560);
    auto *sweep = dialog->findChild<TokenSweepController *>();
    dialog->findChild<QPushButton *>(QStringLiteral("findTokens"))->click();
    if (!waitUntil(sweep, &TokenSweepController::stageChanged,
                   [sweep] { return sweep->stage() == TokenSweepController::Stage::Chosen; }))
        return fail(QStringLiteral("the sweep found nothing"));
    const QPixmap preview = dialogPicture(&window(), dialog);

    const QByteArray refusal =
        QJsonDocument(QJsonObject{{QStringLiteral("errorMessages"),
                                   QJsonArray{QStringLiteral("The token store is read-only.")}}})
            .toJson(QJsonDocument::Compact);
    if (!addFault(m_network, m_sim.url(),
                  {{QStringLiteral("method"), QStringLiteral("DELETE")},
                   {QStringLiteral("path"), QStringLiteral("/rest/pat/latest/admin/tokens")},
                   {QStringLiteral("status"), 500},
                   {QStringLiteral("contentType"), QStringLiteral("application/json")},
                   {QStringLiteral("body"), QString::fromUtf8(refusal)},
                   {QStringLiteral("times"), 1}}))
        return fail(QStringLiteral("trackersim took no fault"));
    sweep->setBatchSize(20);
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Accept);
    dialog->findChild<QPushButton *>(QStringLiteral("revokeMatches"))->click();
    if (!waitUntil(sweep, &TokenSweepController::stageChanged,
                   [sweep] { return sweep->stage() == TokenSweepController::Stage::Done; }))
        return fail(QStringLiteral("the sweep did not finish"));
    clearFaults(m_network, m_sim.url());
    const QPixmap summary = dialogPicture(&window(), dialog);

    // Side by side: what will go, and what went.
    constexpr int kGap = 16;
    QPixmap both(preview.width() + summary.width() + 3 * kGap,
                 qMax(preview.height(), summary.height()) + 2 * kGap);
    both.fill(window().palette().color(QPalette::Window).darker(105));
    QPainter painter(&both);
    painter.drawPixmap(kGap, kGap, preview);
    painter.drawPixmap(preview.width() + 2 * kGap, kGap, summary);
    painter.end();
    dialog->close();
    const QString file = QDir(m_outputDir).filePath(QStringLiteral("screenshot-token-sweep.png"));
    if (!both.save(file))
        return fail(QStringLiteral("cannot write %1").arg(file));
    std::printf("%s (%dx%d)\n", qPrintable(file), both.width(), both.height());
    return true;
}

bool DocShots::shootConsumerForm()
{
    // As admin (connected above): a consumer for the Bitbucket link, its key pair made in the form.
    window().showPage(MainWindow::Administration);
    AdministrationPage &page = m_app->administrationPage();
    page.showTab(AdministrationPage::ConsumersTab);
    auto *approve = page.findChild<QPushButton *>(QStringLiteral("approveConsumer"));
    if (!approve || !approve->isEnabled())
        return fail(QStringLiteral("Approve consumer… is not offered"));
    approve->click();
    auto *form = page.findChild<ApproveConsumerDialog *>();
    if (!form)
        return fail(QStringLiteral("no approve-consumer form"));
    QString bitbucket;
    for (const AppLink &link : m_app->admin().consumers()->links()) {
        if (link.name == QLatin1String("Bitbucket"))
            bitbucket = link.id;
    }
    auto *link = child<QComboBox>(form, QStringLiteral("link"));
    link->setCurrentIndex(link->findData(bitbucket));
    auto *key = child<QLineEdit>(form, QStringLiteral("consumerKey"));
    QTest::keyClicks(key, QStringLiteral("code-search"));
    QTest::keyClicks(child<QLineEdit>(form, QStringLiteral("consumerName")),
                     QStringLiteral("Code Search"));
    QTest::keyClicks(child<QPlainTextEdit>(form, QStringLiteral("consumerDescription")),
                     QStringLiteral("Finds the commits and pull requests of your issues. "
                                    "https://search.example.test"));
    QTest::keyClicks(child<QLineEdit>(form, QStringLiteral("callbackUrl")),
                     QStringLiteral("https://search.example.test/oauth/cb"));
    child<QCheckBox>(form, QStringLiteral("twoLegged"))->click();
    QTest::keyClicks(child<QLineEdit>(form, QStringLiteral("executeAs")), QStringLiteral("bob"));

    ConsumersController *consumers = m_app->admin().consumers();
    QSignalSpy made(consumers, &ConsumersController::keyPairMade);
    auto *keyEditor = child<ConsumerKeyEditor>(form, QStringLiteral("publicKeyEditor"));
    button(keyEditor, "generateKeyPair")->click();
    auto *files = form->findChild<QFileDialog *>();
    if (!files)
        return fail(QStringLiteral("no file dialog for the private key"));
    files->selectFile(m_home.filePath(QStringLiteral("code-search-private.pem")));
    static_cast<QDialog *>(files)->accept(); // QFileDialog::accept() is protected
    if (!made.wait(kWaitMs) || keyEditor->text().isEmpty())
        return fail(QStringLiteral("no key pair: %1")
                        .arg(child<QLabel>(keyEditor, QStringLiteral("keyFileProblem"))->text()));
    if (!child<QLabel>(keyEditor, QStringLiteral("publicKeyInfo"))->isVisible())
        return fail(QStringLiteral("the fingerprint is not shown"));
    key->setFocus();
    if (!save(QStringLiteral("consumer-form"), form))
        return false;
    button(form, "close")->click();
    return true;
}

bool DocShots::shootOAuth2Clients()
{
    AdministrationPage &page = m_app->administrationPage();
    page.showTab(AdministrationPage::OAuth2ClientsTab);
    auto *tab = page.findChild<AdminClientsTab *>();
    auto *create = tab ? tab->findChild<QPushButton *>(QStringLiteral("createClient")) : nullptr;
    if (!create || !create->isEnabled())
        return fail(QStringLiteral("Create… is not offered for OAuth 2.0 clients"));
    create->click();
    auto *form = page.findChild<OAuth2ClientDialog *>();
    if (!form)
        return fail(QStringLiteral("no OAuth 2.0 client form"));
    QTest::keyClicks(child<QLineEdit>(form, QStringLiteral("clientName")),
                     QStringLiteral("Release Dashboard"));
    child<QPlainTextEdit>(form, QStringLiteral("redirectUrls"))
        ->setPlainText(QStringLiteral(
            "https://dashboard.example.test/oauth/callback\nhttp://127.0.0.1:8765/callback"));
    auto *scope = child<QComboBox>(form, QStringLiteral("scope"));
    scope->setCurrentIndex(scope->findData(QStringLiteral("WRITE")));
    OAuth2ClientsController *clients = m_app->admin().clients();
    QSignalSpy finished(clients, &OAuth2ClientsController::changeFinished);
    button(form, "save")->click();
    if (!finished.wait(kWaitMs))
        return fail(QStringLiteral("the client was not created"));
    if (!waitUntil(clients, &OAuth2ClientsController::changed,
                   [clients] { return !clients->state().loading; }))
        return fail(QStringLiteral("the clients were not listed again"));
    ClientSecretDialog *shown = nullptr;
    for (ClientSecretDialog *dialog : page.findChildren<ClientSecretDialog *>()) {
        if (dialog->isVisible())
            shown = dialog;
    }
    if (!shown)
        return fail(QStringLiteral("the new secret is not shown"));
    auto *clientTable = child<QTableView>(
        child<AdminListTab>(&page, QStringLiteral("oauth2Clients")), QStringLiteral("table"));
    const int row =
        rowOf(clientTable->model(), AdminRows::ClientName, QStringLiteral("Release Dashboard"));
    if (row >= 0)
        clientTable->selectRow(row);
    if (!save(QStringLiteral("oauth2-clients"), shown))
        return false;
    button(shown, "done")->click();
    return true;
}

bool DocShots::shootLinkWizard()
{
    // As admin: the new-link wizard once Jira has asked what answers at the address.
    window().showPage(MainWindow::Administration);
    AdministrationPage &page = m_app->administrationPage();
    page.showTab(AdministrationPage::AppLinksTab);
    auto *create = page.findChild<QPushButton *>(QStringLiteral("createLink"));
    if (!create || !create->isEnabled())
        return fail(QStringLiteral("no enabled New link button"));
    create->click();
    auto *wizard = page.findChild<AppLinkWizard *>();
    if (!wizard)
        return fail(QStringLiteral("no new-link wizard"));
    QTest::keyClicks(wizard->findChild<QLineEdit *>(QStringLiteral("linkUrl")),
                     QStringLiteral("http://docs-wiki.example.test"));
    wizard->next();
    if (!waitUntil(wizard, &AppLinkWizard::probeFinished,
                   [wizard] { return wizard->currentId() == AppLinkWizard::DetailsPage; }))
        return fail(QStringLiteral("the probe did not find the application"));
    auto *name = wizard->findChild<QLineEdit *>(QStringLiteral("linkName"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Team Docs"));
    if (!save(QStringLiteral("link-wizard"), wizard))
        return false;
    wizard->reject();
    return true;
}

bool DocShots::shootFirstRun()
{
    // A fresh app: nothing saved, so the first-run dialog opens over the window.
    m_app.reset();
    m_app = std::make_unique<DesktopApp>(
        AppSession::Paths{m_home.filePath(QStringLiteral("fresh/profiles.ini")),
                          m_home.filePath(QStringLiteral("fresh"))});
    m_app->start(ConnectionOptions(), QString());
    auto *dialog = window().findChild<ConnectionDialog *>();
    if (!dialog || !dialog->isVisible())
        return fail(QStringLiteral("no first-run dialog"));
    return save(QStringLiteral("first-run"), dialog);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AccessDesk"));
    QApplication::setApplicationName(QStringLiteral("AccessDesk"));
    const QStringList arguments = QApplication::arguments();
    // docshots OUTPUT_DIR [LANGUAGE] [--look=dark|200pct|800x600]
    QString language = QStringLiteral("en");
    QString look;
    for (const QString &argument : arguments.mid(2)) {
        if (argument.startsWith(QLatin1String("--look=")))
            look = argument.mid(int(qstrlen("--look=")));
        else
            language = argument;
    }
    if (arguments.size() < 2 || arguments.size() > 4) {
        std::fprintf(stderr, "usage: docshots OUTPUT_DIR [LANGUAGE] [--look=dark|200pct|800x600]\n"
                             "  LANGUAGE: en (default), de, fr or x-pseudo\n");
        return 2;
    }
    if (!translations::install(language)) {
        std::fprintf(stderr, "docshots: no translation for %s\n", qPrintable(language));
        return 2;
    }
    if (!QDir().mkpath(arguments.at(1))) {
        std::fprintf(stderr, "docshots: cannot create %s\n", qPrintable(arguments.at(1)));
        return 1;
    }
    DocShots shots(arguments.at(1));
    if (!look.isEmpty())
        return shots.runLook(look) ? 0 : 1;
    return shots.run() ? 0 : 1;
}
