// The fault matrix of the desktop app (issue 11, section 2), on the offscreen platform against one
// real trackersim: for a read (My access, the administrators' token search) and for a write
// (revoking a grant, creating a personal token) every fault the sim can inject — latency past the
// timeout, a reset before the answer and in the middle of the body, broken JSON, a web page where
// JSON belongs, each error status the spec lists, a 429 storm — and then the faults that are not
// the server's answer: the server killed and restarted during a bulk revoke, a certificate that
// changed under a pin, the local database unusable at start, a full disk under an export.
// Each row asserts the message shown (found by object name), that nothing hangs, that the form
// keeps what was typed, that the activity log (read back from SQLite) is true — "unknown" where
// nobody can know — and that once the fault is gone a refresh shows exactly the server's list.
// The keychain's faults have binaries of their own, each needing its own session bus for the
// whole run: tst_nokeychainstart (absent) and tst_keychainfaults (locked, refusing); the
// README's matrix names all three.
#include "AccessGrantModel.h"
#include "GuiTestSupport.h"
#include "PersonalTokenModel.h"
#include "SimClient.h"
#include "SimProcess.h"
#include "SimSession.h"
#include "api/CertificateInfo.h"
#include "secrets/SecretStore.h"
#include "services/AdminTokenController.h"
#include "services/AppSession.h"
#include "services/MyAccessController.h"
#include "services/PersonalTokenController.h"
#include "storage/ActivityLog.h"
#include "ui/AdminTokensTab.h"
#include "ui/ConnectionDialog.h"
#include "ui/CreateTokenDialog.h"
#include "ui/DesktopApp.h"
#include "ui/MainWindow.h"
#include "ui/MyAccessPage.h"
#include "ui/RevokeProgressDialog.h"
#include "ui/TlsTrustDialog.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace accessdesk;

namespace {

// Short enough that "latency past the timeout" costs well under a second per row; long enough
// for a loopback answer on a busy CI machine.
constexpr int kTimeoutMs = 700;
constexpr int kLateMs = 1600; // the injected latency: past the timeout, and past both attempts

ConnectionSettings quickSettings()
{
    ConnectionSettings settings;
    settings.timeoutMs = kTimeoutMs;
    settings.maxAttempts = 2; // one retry, so the 429 storm is a storm and still ends
    settings.retryFloorMs = 20;
    return settings;
}

const QByteArray kProxyLogin =
    "<!DOCTYPE html>\n"
    "<html><head><title>Sign in - Example Corp web gateway</title></head>\n"
    "<body><h1>Please sign in to continue</h1>\n"
    "<form method=\"post\" action=\"/gateway/login\"><input name=\"username\"><input "
    "type=\"password\" name=\"password\">\n"
    "<button>Sign in</button></form></body></html>";

// Jira's own page when an administration resource wants the password again (websudo).
const QByteArray kWebSudoPage =
    "<!DOCTYPE html>\n"
    "<html><head><title>Administrator Access - Jira</title><meta name=\"decorator\" "
    "content=\"login\"></head>\n"
    "<body id=\"jira\" class=\"aui-layout aui-theme-default page-type-websudo\">\n"
    "<form action=\"/secure/admin/WebSudoAuthenticate.jspa\" method=\"post\" class=\"aui\">\n"
    "<h2>Administrator Access</h2>\n"
    "<p>You have requested access to an administrative function in Jira and are required to "
    "validate your credentials below.</p>\n"
    "<input type=\"password\" name=\"webSudoPassword\" id=\"login-form-authenticatePassword\">\n"
    "<input type=\"hidden\" name=\"webSudoIsPost\" value=\"false\">\n"
    "<input type=\"submit\" value=\"Confirm\"></form></body></html>";

// One injected fault, without its method and path (the test adds those per operation).
QJsonObject respond(int status, const QByteArray &body, const QByteArray &contentType,
                    const QJsonObject &headers = {})
{
    QJsonObject fault{{QStringLiteral("action"), QStringLiteral("respond")},
                      {QStringLiteral("status"), status},
                      {QStringLiteral("body"), QString::fromUtf8(body)},
                      {QStringLiteral("contentType"), QString::fromLatin1(contentType)}};
    if (!headers.isEmpty())
        fault.insert(QStringLiteral("headers"), headers);
    return fault;
}

QJsonObject action(const char *name, int delayMs = 0)
{
    QJsonObject fault{{QStringLiteral("action"), QLatin1String(name)}};
    if (delayMs > 0)
        fault.insert(QStringLiteral("delayMs"), delayMs);
    return fault;
}

// What the outcome of a write may truthfully be.
enum class Truth {
    Refused, // the server did not act: failed
    Open,    // nobody can tell from the answer: unknown (or what the check afterwards proved)
};

// The faults every operation meets, with the words the user must find in its message.
void addServerFaultRows(const QByteArray &json)
{
    QTest::addColumn<QJsonObject>("fault");
    QTest::addColumn<QString>("message"); // a pattern: what the user reads
    QTest::addColumn<int>("truth");
    QTest::addColumn<bool>("late"); // the server acts after the client gave up
    const auto row = [](const char *name, const QJsonObject &fault, const char *message,
                        Truth truth, bool late = false) {
        QTest::newRow(name) << fault << QString::fromUtf8(message) << int(truth) << late;
    };
    row("latency past the timeout", action("latency", kLateMs),
        "did not answer in time|(cannot|could not) be reached", Truth::Open, true);
    row("reset before answering", action("reset"), "(cannot|could not) be reached", Truth::Open);
    row("reset mid-body", action("truncate"), "could not be read|(cannot|could not) be reached",
        Truth::Open);
    row("malformed JSON", action("malformed"), "could not be read", Truth::Open);
    row("truncated JSON", respond(200, "{\"values\": [{\"id\": 1, \"name\": \"cut", json),
        "could not be read", Truth::Open);
    row("proxy sign-in page (200)", respond(200, kProxyLogin, "text/html;charset=UTF-8"),
        "HTML page where JSON was expected", Truth::Open);
    row("websudo page (200)", respond(200, kWebSudoPage, "text/html;charset=UTF-8"),
        "HTML page where JSON was expected", Truth::Open);
    row("400 (E5)",
        respond(400,
                "{\"exception\":\"java.lang.IllegalArgumentException\",\"error\":\"Token name is "
                "blank.\"}",
                json),
        "Token name is blank.", Truth::Refused);
    row("401 (E5)",
        respond(401,
                "{\"exception\":\"com.atlassian.pats.rest.AuthenticationRequiredException\","
                "\"error\":\"Client must be authenticated to access this resource.\"}",
                json),
        "did not accept the credentials", Truth::Refused);
    row("403 (E5)",
        respond(403,
                "{\"exception\":\"com.atlassian.pats.exception.TokenLimitException\","
                "\"error\":\"You have reached the maximum number of tokens.\"}",
                json),
        "not allowed|only Jira system administrators", Truth::Refused);
    row("404 (empty body)", respond(404, "", "text/plain"),
        "does not have this item|has no personal access token administration", Truth::Refused);
    row("409 (E1)",
        respond(409, "{\"errorMessages\":[\"The token was changed meanwhile.\"],\"errors\":{}}",
                json),
        "conflicts", Truth::Refused);
    row("429 storm, Retry-After: 0 (E9)",
        respond(429, "{\"message\":\"Rate limit exceeded.\"}", json,
                QJsonObject{{QStringLiteral("Retry-After"), QStringLiteral("0")},
                            {QStringLiteral("X-RateLimit-Remaining"), QStringLiteral("0")}}),
        "limiting requests", Truth::Refused);
    row("500 (E2)",
        respond(500, "{\"status-code\":500,\"message\":\"java.lang.NullPointerException\"}", json),
        "internal error \\(HTTP 500\\)", Truth::Open);
}

bool says(const QString &text, const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption)
        .match(text)
        .hasMatch();
}

QString sortedText(QStringList names)
{
    names.sort(Qt::CaseInsensitive);
    return names.join(QLatin1String(" | "));
}

} // namespace

class TestFaultMatrix final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void readMyAccess_data() { addServerFaultRows("application/json"); }
    void readMyAccess();
    void readTokenSearch_data() { addServerFaultRows("application/json"); }
    void readTokenSearch();
    void writeRevoke_data() { addServerFaultRows("application/json"); }
    void writeRevoke();
    void writeCreateToken_data() { addServerFaultRows("application/json"); }
    void writeCreateToken();
    void serverKilledDuringBulkRevoke();
    void changedCertificateIsRefused();
    void unusableDatabaseAtStart_data();
    void unusableDatabaseAtStart();
    void fullDiskUnderExport();

private:
    bool addFault(const QByteArray &method, const QString &path, QJsonObject fault);
    // What the page says about the list: the notice above it, then the status line below.
    QString myAccessMessage() const;
    QStringList shownApplications() const;
    bool refreshMyAccess();
    // The server's list of alice's grants against the table, after the faults are gone.
    void myAccessEqualsServer();
    bool createTokenOnServer(const QString &name);
    // Deletes alice's tokens the earlier rows left (she may hold ten): every row starts alike.
    bool removeTestTokens();
    bool serverHasToken(const QString &name) const;
    bool selectApplications(const QStringList &names);
    // The newest activity entry whose target names the token, read back from the SQLite file.
    std::optional<ActivityEntry> lastEntryFor(const QString &name) const;
    // The entry agrees with the server: changed says whether the server's list changed.
    void checkLogIsTrue(const QString &name, bool changed, Truth truth);

    QTemporaryDir m_simData;
    std::unique_ptr<SimProcess> m_sim;
    QNetworkAccessManager m_network;
    std::optional<SimClient> m_server;
    TempDatabase m_data;
    std::unique_ptr<ServerConnection> m_alice;
    std::unique_ptr<ServerConnection> m_admin;
    std::unique_ptr<MyAccessController> m_myAccess;
    std::unique_ptr<PersonalTokenController> m_tokens;
    MyAccessPage *m_page = nullptr;
    std::unique_ptr<QMainWindow> m_window;
    std::unique_ptr<AdminTokenController> m_adminTokens;
    AdminTokensTab *m_tokensTab = nullptr;
    std::unique_ptr<QMainWindow> m_tokensWindow;
    int m_serial = 0;
};

void TestFaultMatrix::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    QVERIFY(m_simData.isValid());
    // On a file, so that a killed server comes back with what it had.
    m_sim = std::make_unique<SimProcess>(
        QStringList{QStringLiteral("--data"), m_simData.filePath(QStringLiteral("sim.sqlite"))});
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    m_server.emplace(&m_network, m_sim->url());

    const ActivityContext alice{QStringLiteral("sim"), m_sim->url(), QStringLiteral("alice")};
    m_alice = connectAs(&m_network, m_sim->url(), alice.user, quickSettings());
    m_myAccess = std::make_unique<MyAccessController>(m_alice.get(), m_data.activityLog(), alice);
    m_tokens =
        std::make_unique<PersonalTokenController>(m_alice.get(), m_data.activityLog(), alice);
    m_page = new MyAccessPage(m_myAccess.get());
    m_window = frameFor(m_page, 0);
    m_window->show();
    QVERIFY(refreshMyAccess());
    QCOMPARE(m_myAccess->state(), MyAccessController::State::Idle);

    const ActivityContext admin{QStringLiteral("sim"), m_sim->url(), QStringLiteral("admin")};
    m_admin = connectAs(&m_network, m_sim->url(), admin.user, quickSettings());
    m_adminTokens =
        std::make_unique<AdminTokenController>(m_admin.get(), m_data.activityLog(), admin);
    m_tokensTab = new AdminTokensTab(m_adminTokens.get());
    m_tokensWindow = frameFor(m_tokensTab, 1);
}

void TestFaultMatrix::cleanupTestCase()
{
    m_tokensWindow.reset();
    m_adminTokens.reset();
    m_window.reset();
    m_tokens.reset();
    m_myAccess.reset();
    m_admin.reset();
    m_alice.reset();
    m_sim.reset();
}

void TestFaultMatrix::cleanup()
{
    if (m_server)
        QVERIFY(m_server->clearFaults());
}

bool TestFaultMatrix::addFault(const QByteArray &method, const QString &path, QJsonObject fault)
{
    fault.insert(QStringLiteral("method"), QString::fromLatin1(method));
    fault.insert(QStringLiteral("path"), path);
    return m_server->addFault(fault);
}

QString TestFaultMatrix::myAccessMessage() const
{
    const auto *notice = child<QLabel>(m_page, QStringLiteral("grantNotice"));
    const QString status = child<QLabel>(m_page, QStringLiteral("grantStatus"))->text();
    return notice->isVisible() ? notice->text() + QStringLiteral(" / ") + status : status;
}

QStringList TestFaultMatrix::shownApplications() const
{
    return columnTexts(child<QTableView>(m_page, QStringLiteral("grantTable"))->model(),
                       AccessGrantModel::Application);
}

bool TestFaultMatrix::refreshMyAccess()
{
    MyAccessController *controller = m_myAccess.get();
    const auto settled = [controller] {
        return controller->state() == MyAccessController::State::Idle ||
               controller->state() == MyAccessController::State::Failed;
    };
    // The page lists again by itself after a revoke: like a user, wait for that to end first.
    if (!waitUntil(controller, &MyAccessController::stateChanged, settled))
        return false;
    auto *refresh = child<QPushButton>(m_page, QStringLiteral("refreshGrants"));
    if (!refresh->isEnabled()) {
        qWarning() << "Refresh is disabled in state" << m_myAccess->state();
        return false;
    }
    QTest::mouseClick(refresh, Qt::LeftButton);
    return waitUntil(controller, &MyAccessController::stateChanged, settled);
}

void TestFaultMatrix::myAccessEqualsServer()
{
    QVERIFY(m_server->clearFaults());
    QVERIFY(refreshMyAccess());
    QCOMPARE(m_myAccess->state(), MyAccessController::State::Idle);
    QCOMPARE(sortedText(shownApplications()), sortedText(m_server->grantedApplications("alice")));
}

bool TestFaultMatrix::createTokenOnServer(const QString &name)
{
    const HttpResult result =
        m_server->sendJson("POST", QStringLiteral("/rest/pat/latest/tokens"),
                           QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                                     {QStringLiteral("expirationDuration"), 30}})
                               .toJson(QJsonDocument::Compact),
                           "alice");
    return result.status == 201;
}

bool TestFaultMatrix::removeTestTokens()
{
    for (const QJsonValue &value : m_server->personalTokens("alice")) {
        const QJsonObject token = value.toObject();
        if (!token.value(QStringLiteral("name")).toString().startsWith(QLatin1String("fm-")))
            continue;
        const QString path = QStringLiteral("/rest/pat/latest/tokens/%1")
                                 .arg(token.value(QStringLiteral("id")).toInteger());
        if (m_server->sendJson("DELETE", path, {}, "alice").status != 204)
            return false;
    }
    return true;
}

bool TestFaultMatrix::serverHasToken(const QString &name) const
{
    for (const QJsonValue &token : m_server->personalTokens("alice")) {
        if (token.toObject().value(QStringLiteral("name")).toString() == name)
            return true;
    }
    return false;
}

bool TestFaultMatrix::selectApplications(const QStringList &names)
{
    auto *table = child<QTableView>(m_page, QStringLiteral("grantTable"));
    table->selectionModel()->clearSelection();
    const QStringList shown = shownApplications();
    for (const QString &name : names) {
        const int row = int(shown.indexOf(name));
        if (row < 0)
            return false;
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    return table->selectionModel()->selectedRows().size() == names.size();
}

std::optional<ActivityEntry> TestFaultMatrix::lastEntryFor(const QString &name) const
{
    // A second connection on the file: what a later run (or the Activity page) would read.
    Database reader;
    if (!reader.open(m_data.filePath(QStringLiteral("accessdesk.sqlite"))))
        return std::nullopt;
    ActivityLog log(reader);
    for (const ActivityEntry &entry : log.entries()) {
        if (entry.target.contains(name))
            return entry;
    }
    return std::nullopt;
}

void TestFaultMatrix::checkLogIsTrue(const QString &name, bool changed, Truth truth)
{
    const std::optional<ActivityEntry> entry = lastEntryFor(name);
    QVERIFY2(entry, qPrintable(QStringLiteral("no activity entry for ") + name));
    const QString outcome =
        activityOutcomeKey(entry->outcome) + QStringLiteral(": ") + entry->errorText;
    QVERIFY2(entry->outcome != ActivityOutcome::Pending, qPrintable(outcome));
    // Never a success the server does not show, never a failure it does; "failed" for every
    // refusal, and a reason for everything that is not a success.
    QVERIFY2(!(entry->outcome == ActivityOutcome::Succeeded && !changed), qPrintable(outcome));
    QVERIFY2(!(entry->outcome == ActivityOutcome::Failed && changed), qPrintable(outcome));
    if (truth == Truth::Refused)
        QVERIFY2(entry->outcome == ActivityOutcome::Failed, qPrintable(outcome));
    if (entry->outcome != ActivityOutcome::Succeeded)
        QVERIFY2(!entry->errorText.isEmpty(), qPrintable(outcome));
}

// ---- A read: My access lists alice's grants (the personal tokens' list gets the fault). ----

void TestFaultMatrix::readMyAccess()
{
    QFETCH(QJsonObject, fault);
    QFETCH(QString, message);
    const QStringList before = shownApplications();
    QVERIFY(before.size() >= 3);
    QVERIFY(addFault("GET", QStringLiteral("/rest/pat/latest/tokens"), fault));

    QElapsedTimer clock;
    clock.start();
    QVERIFY(refreshMyAccess());
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    if (QLatin1String(QTest::currentDataTag()).startsWith(QLatin1String("404"))) {
        // Jira before 8.14 has no personal tokens and answers their list 404: not a failure,
        // the list is the OAuth grants alone.
        QCOMPARE(m_myAccess->state(), MyAccessController::State::Idle);
        QVERIFY(m_server->clearFaults());
        QStringList oauthOnly = m_server->grantedApplications("alice");
        for (const QJsonValue &token : m_server->personalTokens("alice"))
            oauthOnly.removeAll(token.toObject().value(QStringLiteral("name")).toString());
        QCOMPARE(sortedText(shownApplications()), sortedText(oauthOnly));
        myAccessEqualsServer();
        return;
    }
    QCOMPARE(m_myAccess->state(), MyAccessController::State::Failed);
    const QString said = myAccessMessage();
    QVERIFY2(says(said, message), qPrintable(said));
    // The list seen last stays on screen rather than an empty or half table.
    QCOMPARE(shownApplications(), before);

    myAccessEqualsServer();
}

// ---- A read: the administrators' search over every personal token. ----

void TestFaultMatrix::readTokenSearch()
{
    QFETCH(QJsonObject, fault);
    QFETCH(QString, message);
    m_tokensWindow->show();
    AdminTokenController *controller = m_adminTokens.get();
    const auto searchEnded = [controller] {
        return waitUntil(controller, &AdminTokenController::changed,
                         [controller] { return !controller->isSearching(); });
    };
    QVERIFY(searchEnded()); // the first look searches once
    auto *owner = child<QLineEdit>(m_tokensTab, QStringLiteral("tokenOwner"));
    owner->setText(QStringLiteral("alice"));
    QVERIFY(addFault("POST", QStringLiteral("/rest/pat/latest/tokens/search"), fault));

    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(child<QPushButton>(m_tokensTab, QStringLiteral("searchTokens")),
                      Qt::LeftButton);
    QVERIFY(searchEnded());
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    const auto *problem = child<QLabel>(m_tokensTab, QStringLiteral("problem"));
    QVERIFY2(problem->isVisible() && says(problem->text(), message), qPrintable(problem->text()));
    QCOMPARE(owner->text(), QStringLiteral("alice")); // the search form keeps what was typed

    // Without the fault, the same search shows exactly alice's tokens on the server.
    QVERIFY(m_server->clearFaults());
    QTest::mouseClick(child<QPushButton>(m_tokensTab, QStringLiteral("searchTokens")),
                      Qt::LeftButton);
    QVERIFY(searchEnded());
    QVERIFY2(!problem->isVisible(), qPrintable(problem->text()));
    QStringList onServer;
    for (const QJsonValue &token : m_server->personalTokens("alice"))
        onServer << token.toObject().value(QStringLiteral("name")).toString();
    const auto *table = child<QTableView>(m_tokensTab, QStringLiteral("table"));
    QCOMPARE(sortedText(columnTexts(table->model(), PersonalTokenModel::Name)),
             sortedText(onServer));
}

// ---- A write: revoking one of alice's grants from My access. ----

void TestFaultMatrix::writeRevoke()
{
    QVERIFY(removeTestTokens());
    QFETCH(QJsonObject, fault);
    QFETCH(QString, message);
    QFETCH(int, truth);
    QFETCH(bool, late);
    const QString name = QStringLiteral("fm-revoke-%1").arg(++m_serial);
    QVERIFY(createTokenOnServer(name));
    QVERIFY(refreshMyAccess());
    QVERIFY(selectApplications({name}));
    QVERIFY(addFault("DELETE", QStringLiteral("/rest/pat/latest/tokens/*"), fault));

    QSignalSpy finished(m_myAccess.get(), &MyAccessController::revokeFinished);
    QVERIFY(clickConfirmed(child<QPushButton>(m_page, QStringLiteral("revokeGrants")), m_page,
                           ConfirmationDialog::Answer::Accept));
    QVERIFY(finished.wait(15000));
    auto *dialog = m_page->findChild<RevokeProgressDialog *>();
    QVERIFY(dialog);
    const QString said =
        child<QLabel>(dialog, QStringLiteral("revokeHeadline"))->text() + QStringLiteral(" / ") +
        child<QPlainTextEdit>(dialog, QStringLiteral("revokeSummary"))->toPlainText();
    const bool stillThere = serverHasToken(name);
    if (late) // still listed, but the server may yet act: not confirmed either way
        QVERIFY2(said.startsWith(QLatin1String("Not confirmed")) && says(said, message),
                 qPrintable(said));
    else if (stillThere) // not revoked, and why: the request's fault, or "accepted" for a 2xx
        QVERIFY2(said.contains(QLatin1String("still lists")) &&
                     (says(said, message) || said.contains(QLatin1String("accepted the request"))),
                 qPrintable(said));
    else // the server acted despite the fault, and the check afterwards saw it
        QVERIFY2(said.contains(QLatin1String("Revoked")), qPrintable(said));
    // The log: "failed" only for what was refused, never "revoked" for what is still there.
    checkLogIsTrue(name, !stillThere, stillThere ? Truth(truth) : Truth::Open);
    if (!stillThere) // the check afterwards proved it: no reason to leave it open
        QCOMPARE(lastEntryFor(name)->outcome, ActivityOutcome::Succeeded);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("closeRevoke")), Qt::LeftButton);

    if (late) // the server finishes what it was sent after the client stopped waiting
        QTRY_VERIFY_WITH_TIMEOUT(!serverHasToken(name), 5000);
    myAccessEqualsServer();
}

// ---- A write from a form: "New personal access token". ----

void TestFaultMatrix::writeCreateToken()
{
    QVERIFY(removeTestTokens());
    QFETCH(QJsonObject, fault);
    QFETCH(QString, message);
    QFETCH(int, truth);
    QFETCH(bool, late);
    const QString name = QStringLiteral("fm-create-%1").arg(++m_serial);
    QVERIFY(addFault("POST", QStringLiteral("/rest/pat/latest/tokens"), fault));

    auto *dialog = new CreateTokenDialog(m_tokens.get(), m_window.get());
    dialog->open();
    auto *nameEdit = child<QLineEdit>(dialog, QStringLiteral("tokenName"));
    QTest::keyClicks(nameEdit, name);
    child<QRadioButton>(dialog, QStringLiteral("tokenExpires"))->setChecked(true);
    child<QSpinBox>(dialog, QStringLiteral("tokenDays"))->setValue(45);
    QSignalSpy failed(m_tokens.get(), &PersonalTokenController::failed);
    QSignalSpy created(m_tokens.get(), &PersonalTokenController::created);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("createToken")), Qt::LeftButton);
    QVERIFY(failed.wait(15000));
    QCOMPARE(created.count(), 0);

    const auto *error = child<QLabel>(dialog, QStringLiteral("tokenError"));
    QVERIFY2(error->isVisible() && says(error->text(), message), qPrintable(error->text()));
    // The form keeps what was typed, and can be sent again.
    QCOMPARE(nameEdit->text(), name);
    QCOMPARE(child<QSpinBox>(dialog, QStringLiteral("tokenDays"))->value(), 45);
    QVERIFY(child<QRadioButton>(dialog, QStringLiteral("tokenExpires"))->isChecked());
    QVERIFY(child<QPushButton>(dialog, QStringLiteral("createToken"))->isEnabled());

    if (late)
        QTRY_VERIFY_WITH_TIMEOUT(serverHasToken(name), 5000);
    checkLogIsTrue(name, serverHasToken(name), Truth(truth));
    dialog->reject();
    myAccessEqualsServer();
}

// ---- trackersim killed and started again while a bulk revoke runs. ----

void TestFaultMatrix::serverKilledDuringBulkRevoke()
{
    QVERIFY(removeTestTokens());
    QStringList names;
    for (int i = 1; i <= 6; ++i) {
        names << QStringLiteral("fm-bulk-%1").arg(i);
        QVERIFY(createTokenOnServer(names.last()));
    }
    QVERIFY(refreshMyAccess());
    QVERIFY(selectApplications(names));
    // Each revoke takes a moment on the server, so the kill lands in the middle of the run.
    QVERIFY(
        addFault("DELETE", QStringLiteral("/rest/pat/latest/tokens/*"), action("latency", 150)));

    QSignalSpy progress(m_myAccess.get(), &MyAccessController::revokeProgress);
    QSignalSpy finished(m_myAccess.get(), &MyAccessController::revokeFinished);
    QVERIFY(clickConfirmed(child<QPushButton>(m_page, QStringLiteral("revokeGrants")), m_page,
                           ConfirmationDialog::Answer::Accept));
    QVERIFY(progress.wait(10000)); // the first is done, the second under way
    m_sim->kill();
    QVERIFY(finished.wait(20000));
    auto *dialog = m_page->findChild<RevokeProgressDialog *>();
    QVERIFY(dialog);
    const QString headline = child<QLabel>(dialog, QStringLiteral("revokeHeadline"))->text();
    const QString summary =
        child<QPlainTextEdit>(dialog, QStringLiteral("revokeSummary"))->toPlainText();
    QVERIFY2(summary.contains(QLatin1String("could not be reached")) ||
                 summary.contains(QLatin1String("Not confirmed")),
             qPrintable(headline + QStringLiteral(" / ") + summary));
    auto *retry = child<QPushButton>(dialog, QStringLiteral("retryFailed"));
    QVERIFY(retry->isVisible());

    // The server comes back with what it had; Retry finishes the job.
    QVERIFY2(m_sim->restart(), qPrintable(m_sim->errorText()));
    // What the log said while nobody could check is not a lie: none is "revoked" that is listed.
    for (const QString &name : names) {
        const std::optional<ActivityEntry> entry = lastEntryFor(name);
        QVERIFY2(entry, qPrintable(name));
        if (serverHasToken(name))
            QVERIFY2(entry->outcome != ActivityOutcome::Succeeded, qPrintable(name));
        else
            QVERIFY2(entry->outcome != ActivityOutcome::Failed, qPrintable(name));
    }
    finished.clear();
    QTest::mouseClick(retry, Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(child<QLabel>(dialog, QStringLiteral("revokeHeadline"))->text().left(7),
             QStringLiteral("Revoked"));
    for (const QString &name : names) {
        QVERIFY2(!serverHasToken(name), qPrintable(name));
        QCOMPARE(lastEntryFor(name)->outcome, ActivityOutcome::Succeeded);
    }
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("closeRevoke")), Qt::LeftButton);
    myAccessEqualsServer();
}

// ---- A pinned certificate that changed: refused, said, nothing listed from that server. ----

void TestFaultMatrix::changedCertificateIsRefused()
{
    SimProcess before{{QStringLiteral("--tls")}};
    QVERIFY2(before.start(), qPrintable(before.errorText()));
    const QString pinned = before.fingerprint();
    before.stop();
    SimProcess after{{QStringLiteral("--tls")}}; // a new certificate, generated at start
    QVERIFY2(after.start(), qPrintable(after.errorText()));
    QVERIFY(!pinned.isEmpty() && after.fingerprint() != pinned);

    ConnectionSettings settings = quickSettings();
    settings.pinnedSha256 = CertificateInfo::normaliseFingerprint(pinned);
    const auto connection = connectAs(&m_network, after.url(), QStringLiteral("alice"), settings);
    MyAccessController controller(connection.get(), m_data.activityLog(),
                                  {QStringLiteral("tls"), after.url(), QStringLiteral("alice")});
    MyAccessPage page(&controller);
    page.show();
    QTest::mouseClick(child<QPushButton>(&page, QStringLiteral("refreshGrants")), Qt::LeftButton);
    QVERIFY(waitUntil(&controller, &MyAccessController::stateChanged, [&controller] {
        return controller.state() == MyAccessController::State::Failed ||
               controller.state() == MyAccessController::State::Idle;
    }));
    QCOMPARE(controller.state(), MyAccessController::State::Failed);
    const QString notice = child<QLabel>(&page, QStringLiteral("grantNotice"))->text();
    QVERIFY2(notice.contains(QLatin1String("certificate")), qPrintable(notice));
    QCOMPARE(child<QTableView>(&page, QStringLiteral("grantTable"))->model()->rowCount(), 0);
    QVERIFY(!child<QPushButton>(&page, QStringLiteral("newToken"))->isEnabled());

    // Where the user can act on it: testing the profile again shows the new certificate to
    // compare, and cancelling keeps the old pin (nothing is trusted silently).
    TempSettings home;
    QVERIFY(home.open());
    ConnectionProfile profile;
    profile.name = QStringLiteral("pinned");
    profile.baseUrl = QUrl(after.url());
    profile.username = QStringLiteral("alice");
    // As profiles keep it: 64 lowercase hex digits.
    profile.pinnedCertificateSha256 =
        CertificateInfo::normaliseFingerprint(pinned).remove(QLatin1Char(':')).toLower();
    QVERIFY(home.profiles().save(profile));
    SecretStore secrets;
    ConnectionDialog dialog(home.profiles(), &secrets, &m_network);
    dialog.setProfile(profile);
    dialog.show();
    child<QLineEdit>(&dialog, QStringLiteral("password"))->setText(QStringLiteral("alice"));
    QTest::mouseClick(child<QPushButton>(&dialog, QStringLiteral("testConnection")),
                      Qt::LeftButton);
    TlsTrustDialog *trust = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((trust = dialog.findChild<TlsTrustDialog *>()) != nullptr, 10000);
    QVERIFY(trust->isVisible());
    const QString shown = child<QLabel>(trust, QStringLiteral("certificateFingerprint"))->text();
    QCOMPARE(CertificateInfo::normaliseFingerprint(shown),
             CertificateInfo::normaliseFingerprint(after.fingerprint()));
    QTest::mouseClick(child<QPushButton>(trust, QStringLiteral("cancelTrust")), Qt::LeftButton);
    QCOMPARE(CertificateInfo::normaliseFingerprint(
                 home.profiles().find(profile.name)->pinnedCertificateSha256),
             CertificateInfo::normaliseFingerprint(pinned));
    dialog.reject();
}

// ---- The local database unusable at start: the app starts and says so. ----

void TestFaultMatrix::unusableDatabaseAtStart_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("corrupt") << QStringLiteral("corrupt");
    QTest::newRow("read-only") << QStringLiteral("read-only");
    QTest::newRow("locked by another process") << QStringLiteral("locked");
}

void TestFaultMatrix::unusableDatabaseAtStart()
{
    QFETCH(QString, kind);
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString dataDir = home.filePath(QStringLiteral("data"));
    const QString file = dataDir + QStringLiteral("/accessdesk.sqlite");
    QVERIFY(QDir().mkpath(dataDir));
    QProcess locker;
    bool immutable = false;
    // The temporary folder can only go once the file may change again.
    const auto unlock = qScopeGuard([&immutable, &file] {
        if (immutable)
            QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("-i"), file});
    });
    if (kind == QLatin1String("corrupt")) {
        QFile garbage(file);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, '\x5a'));
    } else {
        { // a good database from an earlier run
            Database earlier;
            QVERIFY2(earlier.open(file), qPrintable(earlier.errorString()));
        }
        if (kind == QLatin1String("read-only")) {
            QVERIFY(QFile::setPermissions(file, QFile::ReadOwner));
            // Root writes whatever the permissions say (CI runs as root): the immutable flag
            // stops root too.
            if (QFileInfo(file).isWritable()) {
                if (QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("+i"), file}) != 0)
                    QSKIP("No way to make a file read-only for root here (chattr refused)");
                immutable = true;
            }
            QVERIFY(!QFileInfo(file).isWritable());
        } else {
            // Another program holds an exclusive lock until told to let go.
            locker.start(QStringLiteral("/usr/bin/python3"),
                         {QStringLiteral("-c"),
                          QStringLiteral("import sqlite3,sys\n"
                                         "c=sqlite3.connect(sys.argv[1],isolation_level=None)\n"
                                         "c.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
                                         "c.execute('BEGIN EXCLUSIVE')\n"
                                         "print('locked',flush=True)\n"
                                         "sys.stdin.read()\n"),
                          file});
            QVERIFY(locker.waitForReadyRead(10000));
            QCOMPARE(locker.readLine().trimmed(), QByteArray("locked"));
        }
    }

    {
        DesktopApp app(AppSession::Paths{home.filePath(QStringLiteral("profiles.ini")), dataDir});
        app.start(ConnectionOptions(), QString());
        MainWindow &window = app.window();
        QVERIFY(window.isVisible());
        const auto *problem = child<QLabel>(&window, QStringLiteral("storageProblem"));
        QVERIFY2(problem->isVisible() &&
                     problem->text().contains(QLatin1String("could not open its local database")),
                 qPrintable(problem->text() + QStringLiteral(" [") + kind + QLatin1Char(']')));
        QVERIFY(window.close()); // and it closes as usual
    }
    if (kind == QLatin1String("corrupt")) { // left as it was, for the user to rescue or remove
        QFile kept(file);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray(8192, '\x5a'));
    }
    if (locker.state() != QProcess::NotRunning) {
        locker.closeWriteChannel();
        QVERIFY(locker.waitForFinished(10000));
    }
}

// ---- A full disk under a CSV export. ----

void TestFaultMatrix::fullDiskUnderExport()
{
    // The file the user picks is on a full disk: a link to /dev/full, so the dialog sees a
    // ".csv" file that exists (and asks to replace it) and every write fails with ENOSPC.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("grants.csv"));
    QVERIFY(QFile::link(QStringLiteral("/dev/full"), path));
    auto *exportButton = child<QPushButton>(m_page, QStringLiteral("exportGrants"));
    QVERIFY(exportButton->isEnabled());
    // The file dialog's "replace it?" runs its own event loop: answer it from a timer.
    QTimer answerReplace;
    answerReplace.setInterval(20);
    connect(&answerReplace, &QTimer::timeout, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box && box->button(QMessageBox::Yes))
            box->button(QMessageBox::Yes)->click();
    });
    answerReplace.start();
    QVERIFY(saveThroughFileDialog(exportButton, m_page, path));
    answerReplace.stop();
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = m_page->findChild<QMessageBox *>(QStringLiteral("exportFailed"))) != nullptr, 5000);
    QVERIFY2(box->text().contains(path) && box->text().contains(QLatin1String("No space left")),
             qPrintable(box->text()));
    QTest::mouseClick(child<QPushButton>(box, QStringLiteral("messageOk")), Qt::LeftButton);
    // The device is left as it was (not replaced by a file, its permissions untouched).
    const QFileInfo device(QStringLiteral("/dev/full"));
    QVERIFY(device.exists() && !device.isFile());
    QVERIFY(device.permissions().testFlag(QFileDevice::WriteOther));
    // Nothing else changed: the list is still the server's.
    myAccessEqualsServer();
}

QTEST_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
