// "Request for access" against a real trackersim on the offscreen platform: a consumer registered
// as an admin would asks for a request token; alice pastes the link into the dialog and allows or
// denies. Links of another server, expired requests and HTML error pages get plain words, and the
// pasted link stays in the field.
#include "SimProcess.h"
#include "api/OAuthFlowJobs.h"
#include "api/ServerConnection.h"
#include "auth/BasicCredentials.h"
#include "auth/OAuth1Credentials.h"
#include "auth/OAuth1Signer.h"
#include "storage/ActivityLog.h"
#include "storage/Database.h"
#include "ui/RequestForAccessController.h"
#include "ui/RequestForAccessDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace accessdesk;

namespace {

const QString kConsumerKey = QStringLiteral("gui-request-consumer");
const QString kConsumerName = QStringLiteral("Gui Request Reader");
const QString kDescription =
    QStringLiteral("Reads your issues for the weekly report. https://reader.example.test");

// With ACCESSDESK_SCREENSHOT_DIR set (run under Xvfb), each state is saved there as PNG.
void snap(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("ACCESSDESK_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents(); // layouts settle before the picture
    widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

} // namespace

class TestRequestForAccess final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void allowWithCallback();
    void allowWithoutCallbackShowsTheVerifier();
    void deny();
    void linkOfAnotherServer();
    void linkThatIsNoRequest();
    void htmlErrorPage();
    void expiredRequest(); // last: it moves the server's clock

private:
    struct RequestToken
    {
        QString token;
        QString secret;
    };
    RequestToken requestToken(const QString &callback);
    QString linkFor(const QString &token) const;
    RequestForAccessDialog *openDialog();
    bool reach(RequestForAccessController::State state);
    // Pastes the link and clicks "Show request"; true when the controller leaves Checking.
    bool paste(RequestForAccessDialog *dialog, const QString &link);
    bool answer(QPushButton *button);
    // Step 3 as the consumer: whether the provider takes the verifier for this request token.
    bool exchanges(const RequestToken &request, const QString &verifier);
    void registerConsumer();
    int post(const QString &path, const QJsonObject &body, const QByteArray &method = "POST");

    QTemporaryDir m_dir;
    std::unique_ptr<SimProcess> m_sim;
    QNetworkAccessManager m_network;
    std::optional<OAuth1Signer> m_signer;
    std::unique_ptr<ServerConnection> m_alice;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ActivityLog> m_log;
    std::unique_ptr<RequestForAccessController> m_controller;
    std::unique_ptr<QWidget> m_window;
};

int TestRequestForAccess::post(const QString &path, const QJsonObject &body,
                               const QByteArray &method)
{
    QNetworkRequest request = jsonRequest(m_sim->url() + path, "admin");
    request.setRawHeader("Content-Type", "application/json");
    return httpSend(m_network, request, method, QJsonDocument(body).toJson()).status;
}

void TestRequestForAccess::registerConsumer()
{
    // The consumer's key pair, made the way an admin would with openssl.
    const QString keyFile = m_dir.filePath(QStringLiteral("consumer.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), {QStringLiteral("genrsa"), QStringLiteral("-out"),
                                              keyFile, QStringLiteral("2048")});
    QVERIFY(openssl.waitForFinished(60000) && openssl.exitCode() == 0);
    openssl.start(QStringLiteral("openssl"), {QStringLiteral("rsa"), QStringLiteral("-in"), keyFile,
                                              QStringLiteral("-pubout")});
    QVERIFY(openssl.waitForFinished(60000) && openssl.exitCode() == 0);
    const QString publicPem = QString::fromLatin1(openssl.readAllStandardOutput());
    QFile file(keyFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    m_signer = OAuth1Signer::fromPem(kConsumerKey, file.readAll(), &error);
    QVERIFY2(m_signer, qPrintable(error));

    // A generic application link with the incoming consumer (spec 3.4, 4.1).
    QCOMPARE(post(QStringLiteral("/rest/applinks/2.0/applicationlink"),
                  QJsonObject{
                      {QStringLiteral("name"), kConsumerName},
                      {QStringLiteral("rpcUrl"), QStringLiteral("http://reader.example.test")},
                      {QStringLiteral("displayUrl"), QStringLiteral("http://reader.example.test")},
                      {QStringLiteral("typeId"), QStringLiteral("generic")}},
                  "PUT"),
             201);
    const HttpResult links = httpSend(
        m_network,
        jsonRequest(m_sim->url() + QStringLiteral("/rest/applinks/1.0/applicationlink"), "admin"),
        "GET");
    QString linkId;
    const QJsonArray all = QJsonDocument::fromJson(links.body)
                               .object()
                               .value(QStringLiteral("applicationLinks"))
                               .toArray();
    for (const QJsonValue &item : all) {
        if (item.toObject().value(QStringLiteral("name")).toString() == kConsumerName)
            linkId = item.toObject().value(QStringLiteral("id")).toString();
    }
    QVERIFY(!linkId.isEmpty());
    QCOMPARE(post(QStringLiteral("/rest/applinks-oauth/1.0/applicationlink/") + linkId +
                      QStringLiteral("/authentication/consumer"),
                  QJsonObject{{QStringLiteral("key"), kConsumerKey},
                              {QStringLiteral("name"), kConsumerName},
                              {QStringLiteral("description"), kDescription},
                              {QStringLiteral("publicKey"), publicPem}},
                  "PUT"),
             201);
}

void TestRequestForAccess::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    registerConsumer();
    if (QTest::currentTestFailed())
        return;

    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    m_alice = std::make_unique<ServerConnection>(
        &m_network, settings,
        std::make_shared<BasicCredentials>(QStringLiteral("alice"), QStringLiteral("alice")));
    m_database = std::make_unique<Database>();
    QVERIFY2(m_database->open(m_dir.filePath(QStringLiteral("accessdesk.sqlite"))),
             qPrintable(m_database->errorString()));
    m_log = std::make_unique<ActivityLog>(*m_database);
    m_controller = std::make_unique<RequestForAccessController>(
        m_alice.get(), m_log.get(),
        ActivityContext{QStringLiteral("sim"), m_sim->url(), QStringLiteral("alice")});
    m_window = std::make_unique<QWidget>();
    m_window->resize(1280, 800);
    m_window->show();
}

void TestRequestForAccess::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_log.reset();
    m_database.reset();
    m_alice.reset();
    m_sim.reset();
}

TestRequestForAccess::RequestToken TestRequestForAccess::requestToken(const QString &callback)
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    ServerConnection consumer(&m_network, settings,
                              std::make_shared<OAuth1Credentials>(
                                  *m_signer, OAuth1TokenParameters::requestToken(callback)));
    RequestOAuth1Token job(&consumer);
    QSignalSpy finished(&job, &RequestOAuth1Token::finished);
    job.start();
    if (!finished.wait(30000) || !job.succeeded()) {
        qWarning() << "request token:" << job.error().userMessage();
        return {};
    }
    return {job.result().token, job.result().tokenSecret};
}

QString TestRequestForAccess::linkFor(const QString &token) const
{
    QUrl url(m_sim->url() + QStringLiteral("/plugins/servlet/oauth/authorize"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("oauth_token"), token);
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

RequestForAccessDialog *TestRequestForAccess::openDialog()
{
    auto *dialog = new RequestForAccessDialog(m_controller.get(), m_window.get());
    dialog->open();
    return dialog;
}

bool TestRequestForAccess::reach(RequestForAccessController::State state)
{
    QSignalSpy changed(m_controller.get(), &RequestForAccessController::stateChanged);
    while (m_controller->state() != state) {
        if (!changed.wait(30000))
            return false;
    }
    return true;
}

bool TestRequestForAccess::paste(RequestForAccessDialog *dialog, const QString &link)
{
    dialog->linkEdit()->clear();
    QTest::keyClicks(dialog->linkEdit(), link);
    QSignalSpy changed(m_controller.get(), &RequestForAccessController::stateChanged);
    QTest::mouseClick(dialog->checkButton(), Qt::LeftButton);
    while (m_controller->state() == RequestForAccessController::State::Checking ||
           changed.isEmpty()) {
        if (!changed.wait(30000))
            return false;
    }
    return true;
}

bool TestRequestForAccess::exchanges(const RequestToken &request, const QString &verifier)
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    ServerConnection consumer(
        &m_network, settings,
        std::make_shared<OAuth1Credentials>(
            *m_signer, OAuth1TokenParameters::exchange(request.token, request.secret, verifier)));
    ExchangeOAuth1Token exchange(&consumer);
    QSignalSpy exchanged(&exchange, &ExchangeOAuth1Token::finished);
    exchange.start();
    if (!exchanged.wait(30000) || !exchange.succeeded()) {
        qWarning() << "exchange:" << exchange.error().userMessage();
        return false;
    }
    return true;
}

bool TestRequestForAccess::answer(QPushButton *button)
{
    if (!button->isVisible() || !button->isEnabled())
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    return reach(RequestForAccessController::State::Answered);
}

void TestRequestForAccess::allowWithCallback()
{
    const QString callback = QStringLiteral("http://127.0.0.1:9/reader/callback");
    const RequestToken request = requestToken(callback);
    QVERIFY(!request.token.isEmpty());
    RequestForAccessDialog *dialog = openDialog();
    QCOMPARE(dialog->step(), RequestForAccessDialog::PasteLink);
    snap(dialog, QStringLiteral("request-paste"));
    QVERIFY(paste(dialog, linkFor(request.token)));
    QCOMPARE(m_controller->state(), RequestForAccessController::State::Asking);
    QCOMPARE(dialog->step(), RequestForAccessDialog::Ask);

    // Who asks, what it says about itself, and what it could do, in plain words.
    const QString server = QUrl(m_sim->url()).host();
    QVERIFY(dialog->questionLabel()->text().contains(kConsumerName));
    QVERIFY(dialog->questionLabel()->text().contains(server));
    QCOMPARE(dialog->descriptionLabel()->text(), kDescription);
    const QString permissions = dialog->permissionsLabel()->text();
    QVERIFY2(permissions.contains(QLatin1String("see and change")), qPrintable(permissions));
    QVERIFY(permissions.contains(QLatin1String("alice")));
    QVERIFY(permissions.contains(QLatin1String("revoke")));
    QVERIFY(!dialog->allowButton()->isDefault());
    snap(dialog, QStringLiteral("request-ask"));

    QVERIFY(answer(dialog->allowButton()));
    QCOMPARE(dialog->step(), RequestForAccessDialog::Result);
    QVERIFY(m_controller->decision().approved);
    QCOMPARE(m_controller->decision().callback.adjusted(QUrl::RemoveQuery), QUrl(callback));
    QVERIFY(dialog->resultLabel()->text().contains(QLatin1String("allowed")));
    QVERIFY(!dialog->verifierField()->isVisible());
    QVERIFY(dialog->returnButton()->isVisible());
    snap(dialog, QStringLiteral("request-allowed-callback"));

    // The consumer can now exchange its request token with the verifier the callback carries.
    QVERIFY(exchanges(request, QUrlQuery(m_controller->decision().callback)
                                   .queryItemValue(QStringLiteral("oauth_verifier"))));
    dialog->accept();
}

void TestRequestForAccess::allowWithoutCallbackShowsTheVerifier()
{
    const RequestToken request = requestToken(QStringLiteral("oob"));
    QVERIFY(!request.token.isEmpty());
    RequestForAccessDialog *dialog = openDialog();
    QSignalSpy allowed(dialog, &RequestForAccessDialog::accessAllowed);
    QVERIFY(paste(dialog, linkFor(request.token)));
    QVERIFY(answer(dialog->allowButton()));
    QCOMPARE(allowed.count(), 1);

    const QString verifier = dialog->verifierField()->text();
    QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9]{6}$")).match(verifier).hasMatch(),
             qPrintable(verifier));
    QVERIFY(dialog->verifierField()->isVisible());
    QVERIFY(dialog->verifierField()->isReadOnly()); // selectable, not editable
    QVERIFY(!dialog->returnButton()->isVisible());
    QTest::mouseClick(dialog->copyVerifierButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), verifier);
    snap(dialog, QStringLiteral("request-allowed-verifier"));

    // The code is the one the provider expects.
    QVERIFY(exchanges(request, verifier));

    // The activity log says what alice did, and holds no token or code.
    bool recorded = false;
    for (const ActivityEntry &entry : m_log->entries()) {
        if (entry.action == QLatin1String("allow-oauth-request") &&
            entry.target.contains(kConsumerName))
            recorded = entry.outcome == ActivityOutcome::Succeeded;
        QVERIFY(!entry.target.contains(request.token));
        QVERIFY(!entry.target.contains(verifier));
    }
    QVERIFY(recorded);
    dialog->accept();
}

void TestRequestForAccess::deny()
{
    const RequestToken request = requestToken(QStringLiteral("oob"));
    QVERIFY(!request.token.isEmpty());
    RequestForAccessDialog *dialog = openDialog();
    QSignalSpy allowed(dialog, &RequestForAccessDialog::accessAllowed);
    QVERIFY(paste(dialog, linkFor(request.token)));
    QVERIFY(answer(dialog->denyButton()));
    QVERIFY(!m_controller->decision().approved);
    QVERIFY(dialog->resultLabel()->text().contains(QLatin1String("denied")));
    QVERIFY(!dialog->verifierField()->isVisible());
    QVERIFY(!dialog->returnButton()->isVisible());
    QCOMPARE(allowed.count(), 0);
    snap(dialog, QStringLiteral("request-denied"));

    // Answered once is answered: the same link now says so.
    RequestForAccessDialog *again = openDialog();
    QVERIFY(paste(again, linkFor(request.token)));
    QCOMPARE(m_controller->state(), RequestForAccessController::State::Failed);
    QVERIFY2(again->errorLabel()->text().contains(QLatin1String("already been answered")),
             qPrintable(again->errorLabel()->text()));
    again->reject();
    dialog->accept();
}

void TestRequestForAccess::linkOfAnotherServer()
{
    const RequestToken request = requestToken(QStringLiteral("oob"));
    QVERIFY(!request.token.isEmpty());
    RequestForAccessDialog *dialog = openDialog();
    const QString link =
        QStringLiteral("https://jira.example.com/plugins/servlet/oauth/authorize?oauth_token=") +
        request.token;
    QVERIFY(paste(dialog, link));
    QCOMPARE(m_controller->state(), RequestForAccessController::State::Failed);
    QCOMPARE(dialog->step(), RequestForAccessDialog::PasteLink);
    const QString error = dialog->errorLabel()->text();
    QVERIFY2(error.contains(QLatin1String("another server")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("jira.example.com")));
    QCOMPARE(dialog->linkEdit()->text(), link);
    snap(dialog, QStringLiteral("request-other-server"));

    // Same host, another port: another server too.
    QUrl otherPort(linkFor(request.token));
    otherPort.setPort(otherPort.port() == 1 ? 2 : 1);
    QVERIFY(paste(dialog, otherPort.toString()));
    QVERIFY(dialog->errorLabel()->text().contains(QLatin1String("another server")));
    dialog->reject();
}

void TestRequestForAccess::linkThatIsNoRequest()
{
    RequestForAccessDialog *dialog = openDialog();
    QVERIFY(paste(dialog, QStringLiteral("just some words")));
    QVERIFY(dialog->errorLabel()->text().contains(QLatin1String("not a web address")));
    const QString issue = m_sim->url() + QStringLiteral("/browse/SEC-1");
    QVERIFY(paste(dialog, issue));
    QVERIFY(dialog->errorLabel()->text().contains(QLatin1String("not a request for access")));
    QCOMPARE(dialog->linkEdit()->text(), issue);
    dialog->reject();
}

void TestRequestForAccess::htmlErrorPage()
{
    const RequestToken request = requestToken(QStringLiteral("oob"));
    QVERIFY(!request.token.isEmpty());
    QCOMPARE(post(QStringLiteral("/__trackersim/faults"),
                  QJsonObject{
                      {QStringLiteral("method"), QStringLiteral("GET")},
                      {QStringLiteral("path"), QStringLiteral("/plugins/servlet/oauth/authorize")},
                      {QStringLiteral("status"), 500},
                      {QStringLiteral("contentType"), QStringLiteral("text/html")},
                      {QStringLiteral("body"),
                       QStringLiteral("<html><body><h1>Oops</h1><p>Something went "
                                      "<b>wrong</b> here.</p></body></html>")},
                      {QStringLiteral("times"), 1}}),
             201);
    RequestForAccessDialog *dialog = openDialog();
    const QString link = linkFor(request.token);
    QVERIFY(paste(dialog, link));
    QCOMPARE(m_controller->state(), RequestForAccessController::State::Failed);
    const QString error = dialog->errorLabel()->text();
    // Plain words: what happened (with the page's heading, not its markup) and what to do.
    QVERIFY2(!error.contains(QLatin1Char('<')) && error.contains(QLatin1String("Oops")),
             qPrintable(error));
    QVERIFY(error.contains(QLatin1String("500")));
    QVERIFY(error.contains(QLatin1String("Try again")));
    snap(dialog, QStringLiteral("request-html-error"));
    QCOMPARE(dialog->linkEdit()->text(), link);

    // The fault was for one request: the same link works now.
    QVERIFY(paste(dialog, link));
    QCOMPARE(m_controller->state(), RequestForAccessController::State::Asking);
    dialog->reject();
}

void TestRequestForAccess::expiredRequest()
{
    const RequestToken request = requestToken(QStringLiteral("oob"));
    QVERIFY(!request.token.isEmpty());
    // Request tokens live ten minutes (spec 4.5).
    QCOMPARE(post(QStringLiteral("/__trackersim/clock"),
                  QJsonObject{{QStringLiteral("advanceSeconds"), 11 * 60}}),
             200);
    RequestForAccessDialog *dialog = openDialog();
    const QString link = linkFor(request.token);
    QVERIFY(paste(dialog, link));
    QCOMPARE(m_controller->state(), RequestForAccessController::State::Failed);
    const QString error = dialog->errorLabel()->text();
    QVERIFY2(error.contains(QLatin1String("expired")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("start again")));
    QCOMPARE(dialog->linkEdit()->text(), link);
    QCOMPARE(dialog->step(), RequestForAccessDialog::PasteLink);
    snap(dialog, QStringLiteral("request-expired"));
    dialog->reject();
}

QTEST_MAIN(TestRequestForAccess)
#include "tst_requestforaccess.moc"
