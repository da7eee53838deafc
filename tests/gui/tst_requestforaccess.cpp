// "Request for access" against a real trackersim on the offscreen platform: a consumer registered
// as an admin would asks for a request token; alice pastes the link into the dialog and allows or
// denies. Links of another server, expired requests and HTML error pages get plain words, and the
// pasted link stays in the field.
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "api/OAuthFlowJobs.h"
#include "auth/OAuth1Credentials.h"
#include "auth/OAuth1Signer.h"
#include "services/RequestForAccessController.h"
#include "ui/RequestForAccessDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace accessdesk;

namespace {

// The dialog's controls by object name, as a user's tools find them.
template<class T = QPushButton> T *control(const QWidget *dialog, const char *name)
{
    return child<T>(dialog, QLatin1String(name));
}

// What the dialog says went wrong.
QString errorText(const QWidget *dialog)
{
    return control<QLabel>(dialog, "requestError")->text();
}

const QString kConsumerKey = QStringLiteral("gui-request-consumer");
const QString kConsumerName = QStringLiteral("Gui Request Reader");
const QString kDescription =
    QStringLiteral("Reads your issues for the weekly report. https://reader.example.test");

// Stands in for the desktop's handler of a URL scheme: records what it was asked to open.
class UrlRecorder final : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public slots:
    void open(const QUrl &url) { opened.append(url); }
};

} // namespace

class TestRequestForAccess final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void allowWithCallback();
    void callbackIsReportedNotFollowed();
    void callbackThatIsNoWebAddressIsShownNotOpened();
    void consumerNamedLikeMarkupShowsLiterally();
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
    RequestToken requestToken(const QString &callback, const OAuth1Signer *signer = nullptr);
    // A second consumer, registered by the admin with the given name and callback.
    std::optional<OAuth1Signer> registerConsumer(const QString &key, const QString &name,
                                                 const QString &description,
                                                 const QString &callback);
    QString linkFor(const QString &token) const;
    RequestForAccessDialog *openDialog();
    // Pastes the link and clicks "Show request"; true when the controller leaves Checking.
    bool paste(RequestForAccessDialog *dialog, const QString &link);
    bool answer(QPushButton *button);
    // Step 3 as the consumer: whether the provider takes the verifier for this request token.
    bool exchanges(const RequestToken &request, const QString &verifier,
                   const OAuth1Signer *signer = nullptr);

    TempDatabase m_data;
    SimSession m_session; // as alice
    std::optional<OAuth1Signer> m_signer;
    std::unique_ptr<RequestForAccessController> m_controller;
    std::unique_ptr<QWidget> m_window;
};

void TestRequestForAccess::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    QVERIFY2(m_session.start(QStringLiteral("alice")), qPrintable(m_session.errorText()));
    // A generic application link with the incoming consumer, as an admin makes it.
    QString error;
    const std::optional<OAuth1Consumer> consumer = m_session.server().registerOAuth1Consumer(
        {kConsumerKey, kConsumerName, QStringLiteral("http://reader.example.test"), kDescription},
        &error);
    QVERIFY2(consumer, qPrintable(error));
    m_signer = OAuth1Signer::fromPem(kConsumerKey, consumer->privateKeyPem, &error);
    QVERIFY2(m_signer, qPrintable(error));

    m_controller = std::make_unique<RequestForAccessController>(
        m_session.connection(), m_data.activityLog(), m_session.who(QStringLiteral("sim")));
    m_window = std::make_unique<QWidget>();
    m_window->resize(1280, 800);
    m_window->show();
}

void TestRequestForAccess::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_session.stop();
}

std::optional<OAuth1Signer> TestRequestForAccess::registerConsumer(const QString &key,
                                                                   const QString &name,
                                                                   const QString &description,
                                                                   const QString &callback)
{
    QString error;
    const std::optional<OAuth1Consumer> consumer = m_session.server().registerOAuth1Consumer(
        {key, name, QStringLiteral("http://%1.example.test").arg(key), description, callback},
        &error);
    if (!consumer) {
        qWarning() << "registering" << key << ":" << error;
        return std::nullopt;
    }
    return OAuth1Signer::fromPem(key, consumer->privateKeyPem, &error);
}

TestRequestForAccess::RequestToken TestRequestForAccess::requestToken(const QString &callback,
                                                                      const OAuth1Signer *signer)
{
    const auto consumer = m_session.connectWith(std::make_shared<OAuth1Credentials>(
        signer ? *signer : *m_signer, OAuth1TokenParameters::requestToken(callback)));
    RequestOAuth1Token job(consumer.get());
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
    QUrl url(m_session.url() + QStringLiteral("/plugins/servlet/oauth/authorize"));
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

bool TestRequestForAccess::paste(RequestForAccessDialog *dialog, const QString &link)
{
    control<QLineEdit>(dialog, "requestLink")->clear();
    QTest::keyClicks(control<QLineEdit>(dialog, "requestLink"), link);
    QSignalSpy changed(m_controller.get(), &RequestForAccessController::stateChanged);
    QTest::mouseClick(control(dialog, "showRequest"), Qt::LeftButton);
    while (m_controller->state() == RequestForAccessController::State::Checking ||
           changed.isEmpty()) {
        if (!changed.wait(30000))
            return false;
    }
    return true;
}

bool TestRequestForAccess::exchanges(const RequestToken &request, const QString &verifier,
                                     const OAuth1Signer *signer)
{
    const auto consumer = m_session.connectWith(std::make_shared<OAuth1Credentials>(
        signer ? *signer : *m_signer,
        OAuth1TokenParameters::exchange(request.token, request.secret, verifier)));
    ExchangeOAuth1Token exchange(consumer.get());
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
    return waitForState(m_controller.get(), RequestForAccessController::State::Answered);
}

void TestRequestForAccess::allowWithCallback()
{
    const QString callback = QStringLiteral("http://127.0.0.1:9/reader/callback");
    const RequestToken request = requestToken(callback);
    QVERIFY(!request.token.isEmpty());
    RequestForAccessDialog *dialog = openDialog();
    QCOMPARE(dialog->step(), RequestForAccessDialog::PasteLink);
    saveScreenshot(dialog, QStringLiteral("request-paste"));
    QVERIFY(paste(dialog, linkFor(request.token)));
    QCOMPARE(m_controller->state(), RequestForAccessController::State::Asking);
    QCOMPARE(dialog->step(), RequestForAccessDialog::Ask);

    // Who asks, what it says about itself, and what it could do, in plain words.
    const QString server = QUrl(m_session.url()).host();
    const QString question = control<QLabel>(dialog, "requestQuestion")->text();
    QVERIFY(question.contains(kConsumerName));
    QVERIFY(question.contains(server));
    QCOMPARE(control<QLabel>(dialog, "requestDescription")->text(), kDescription);
    const QString permissions = control<QLabel>(dialog, "requestPermissions")->text();
    QVERIFY2(permissions.contains(QLatin1String("see and change")), qPrintable(permissions));
    QVERIFY(permissions.contains(QLatin1String("alice")));
    QVERIFY(permissions.contains(QLatin1String("revoke")));
    QVERIFY(!control(dialog, "allowRequest")->isDefault());
    // "Decide later" is the default: a stray Enter neither allows nor denies.
    auto *later = dialog->findChild<QPushButton *>(QStringLiteral("decideLater"));
    QVERIFY(later && later->isDefault());
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("denyRequest"))->isDefault());
    saveScreenshot(dialog, QStringLiteral("request-ask"));

    QVERIFY(answer(control(dialog, "allowRequest")));
    QCOMPARE(dialog->step(), RequestForAccessDialog::Result);
    QVERIFY(m_controller->decision().approved);
    QCOMPARE(m_controller->decision().callback.adjusted(QUrl::RemoveQuery), QUrl(callback));
    QVERIFY(control<QLabel>(dialog, "requestAnswer")->text().contains(QLatin1String("allowed")));
    QVERIFY(!control<QLineEdit>(dialog, "verificationCode")->isVisible());
    QVERIFY(control(dialog, "returnToApplication")->isVisible());
    saveScreenshot(dialog, QStringLiteral("request-allowed-callback"));

    // The consumer can now exchange its request token with the verifier the callback carries.
    QVERIFY(exchanges(request, QUrlQuery(m_controller->decision().callback)
                                   .queryItemValue(QStringLiteral("oauth_verifier"))));
    dialog->accept();
}

void TestRequestForAccess::callbackIsReportedNotFollowed()
{
    // The consumer's callback on a port where anything that arrives is counted: the answer
    // reports the address, and nothing from this computer goes there.
    QTcpServer consumerSide;
    QVERIFY(consumerSide.listen(QHostAddress::LocalHost));
    QSignalSpy hits(&consumerSide, &QTcpServer::newConnection);
    const QString callback =
        QStringLiteral("http://127.0.0.1:%1/reader/callback").arg(consumerSide.serverPort());
    const RequestToken request = requestToken(callback);
    QVERIFY(!request.token.isEmpty());
    RequestForAccessDialog *dialog = openDialog();
    QVERIFY(paste(dialog, linkFor(request.token)));
    QVERIFY(answer(control(dialog, "allowRequest")));
    QVERIFY(m_controller->decision().approved);
    const QUrl reported = m_controller->decision().callback;
    QCOMPARE(reported.adjusted(QUrl::RemoveQuery), QUrl(callback));
    QVERIFY(!QUrlQuery(reported).queryItemValue(QStringLiteral("oauth_verifier")).isEmpty());
    QCOMPARE(m_controller->returnUrl(), reported); // an http address: the button may open it
    QVERIFY(control(dialog, "returnToApplication")->isVisible());
    QVERIFY(!control<QLabel>(dialog, "callbackAddress")->isVisible());
    // Give a followed redirect every chance to arrive.
    QTest::qWait(500);
    QCOMPARE(hits.count(), 0);
    QVERIFY(!consumerSide.hasPendingConnections());
    dialog->accept();
}

void TestRequestForAccess::callbackThatIsNoWebAddressIsShownNotOpened()
{
    // Jira sends the browser wherever the consumer registered; AccessDesk opens only http(s).
    const QString callback = QStringLiteral("accessdesk-test-handler://done");
    const std::optional<OAuth1Signer> signer = registerConsumer(
        QStringLiteral("gui-odd-callback"), QStringLiteral("Odd Callback"), QString(), callback);
    QVERIFY(signer);
    UrlRecorder recorder;
    QDesktopServices::setUrlHandler(QStringLiteral("accessdesk-test-handler"), &recorder, "open");

    const RequestToken request = requestToken(QStringLiteral("oob"), &*signer);
    QVERIFY(!request.token.isEmpty());
    RequestForAccessDialog *dialog = openDialog();
    QVERIFY(paste(dialog, linkFor(request.token)));
    QVERIFY(answer(control(dialog, "allowRequest")));
    QVERIFY2(m_controller->decision().approved,
             qPrintable(m_controller->decision().callback.toString()));
    QCOMPARE(m_controller->decision().callback.scheme(), QStringLiteral("accessdesk-test-handler"));
    QVERIFY(m_controller->returnUrl().isEmpty());
    QVERIFY(!control(dialog, "returnToApplication")->isVisible());
    const QLabel *callbackAddress = control<QLabel>(dialog, "callbackAddress");
    QVERIFY(callbackAddress->isVisible());
    QCOMPARE(callbackAddress->textFormat(), Qt::PlainText);
    QVERIFY2(callbackAddress->text().contains(callback), qPrintable(callbackAddress->text()));
    // The code the handler would have received, for the user to give the application.
    QVERIFY(control<QLineEdit>(dialog, "verificationCode")->isVisible());
    QCOMPARE(control<QLineEdit>(dialog, "verificationCode")->text(),
             m_controller->decision().verifier);
    QVERIFY(exchanges(request, control<QLineEdit>(dialog, "verificationCode")->text(), &*signer));
    // Even a click that reached the hidden button opens nothing.
    control(dialog, "returnToApplication")->click();
    QCOMPARE(recorder.opened.size(), 0);
    saveScreenshot(dialog, QStringLiteral("request-allowed-odd-callback"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("accessdesk-test-handler"));
    dialog->accept();
}

void TestRequestForAccess::consumerNamedLikeMarkupShowsLiterally()
{
    const QString name = QStringLiteral("<b>evil</b><img src=x>");
    const QString description = QStringLiteral("<i>not italic</i> <a href=\"http://x\">link</a>");
    const std::optional<OAuth1Signer> signer =
        registerConsumer(QStringLiteral("gui-markup-consumer"), name, description, QString());
    QVERIFY(signer);
    const RequestToken request = requestToken(QStringLiteral("oob"), &*signer);
    QVERIFY(!request.token.isEmpty());
    RequestForAccessDialog *dialog = openDialog();
    QVERIFY(paste(dialog, linkFor(request.token)));
    QCOMPARE(m_controller->request().consumerName, name);
    const QLabel *question = control<QLabel>(dialog, "requestQuestion");
    const QLabel *about = control<QLabel>(dialog, "requestDescription");
    const QLabel *permissions = control<QLabel>(dialog, "requestPermissions");
    for (const QLabel *label : {question, about, permissions})
        QCOMPARE(label->textFormat(), Qt::PlainText);
    QVERIFY2(question->text().contains(name), qPrintable(question->text()));
    QCOMPARE(about->text(), description);
    saveScreenshot(dialog, QStringLiteral("request-markup-name"));
    QVERIFY(answer(control(dialog, "denyRequest")));
    const QLabel *answered = control<QLabel>(dialog, "requestAnswer");
    QCOMPARE(answered->textFormat(), Qt::PlainText);
    QVERIFY(answered->text().contains(name));
    dialog->accept();
}

void TestRequestForAccess::allowWithoutCallbackShowsTheVerifier()
{
    const RequestToken request = requestToken(QStringLiteral("oob"));
    QVERIFY(!request.token.isEmpty());
    RequestForAccessDialog *dialog = openDialog();
    QSignalSpy allowed(dialog, &RequestForAccessDialog::accessAllowed);
    QVERIFY(paste(dialog, linkFor(request.token)));
    QVERIFY(answer(control(dialog, "allowRequest")));
    QCOMPARE(allowed.count(), 1);

    const QString verifier = control<QLineEdit>(dialog, "verificationCode")->text();
    QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9]{6}$")).match(verifier).hasMatch(),
             qPrintable(verifier));
    QVERIFY(control<QLineEdit>(dialog, "verificationCode")->isVisible());
    QVERIFY(
        control<QLineEdit>(dialog, "verificationCode")->isReadOnly()); // selectable, not editable
    QVERIFY(!control(dialog, "returnToApplication")->isVisible());
    QTest::mouseClick(control(dialog, "copyVerificationCode"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), verifier);
    saveScreenshot(dialog, QStringLiteral("request-allowed-verifier"));

    // The code is the one the provider expects.
    QVERIFY(exchanges(request, verifier));

    // The activity log says what alice did, and holds no token or code.
    bool recorded = false;
    for (const ActivityEntry &entry : m_data.activityLog()->entries()) {
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
    QVERIFY(answer(control(dialog, "denyRequest")));
    QVERIFY(!m_controller->decision().approved);
    QVERIFY(control<QLabel>(dialog, "requestAnswer")->text().contains(QLatin1String("denied")));
    QVERIFY(!control<QLineEdit>(dialog, "verificationCode")->isVisible());
    QVERIFY(!control(dialog, "returnToApplication")->isVisible());
    QCOMPARE(allowed.count(), 0);
    saveScreenshot(dialog, QStringLiteral("request-denied"));

    // Answered once is answered: the same link now says so.
    RequestForAccessDialog *again = openDialog();
    QVERIFY(paste(again, linkFor(request.token)));
    QCOMPARE(m_controller->state(), RequestForAccessController::State::Failed);
    const QString refusal = errorText(again);
    QVERIFY2(refusal.contains(QLatin1String("already been answered")), qPrintable(refusal));
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
    const QString error = errorText(dialog);
    QVERIFY2(error.contains(QLatin1String("another server")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("jira.example.com")));
    QCOMPARE(control<QLineEdit>(dialog, "requestLink")->text(), link);
    saveScreenshot(dialog, QStringLiteral("request-other-server"));

    // Same host, another port: another server too.
    QUrl otherPort(linkFor(request.token));
    otherPort.setPort(otherPort.port() == 1 ? 2 : 1);
    QVERIFY(paste(dialog, otherPort.toString()));
    QVERIFY(errorText(dialog).contains(QLatin1String("another server")));
    dialog->reject();
}

void TestRequestForAccess::linkThatIsNoRequest()
{
    RequestForAccessDialog *dialog = openDialog();
    QVERIFY(paste(dialog, QStringLiteral("just some words")));
    QVERIFY(errorText(dialog).contains(QLatin1String("not a web address")));
    const QString issue = m_session.url() + QStringLiteral("/browse/SEC-1");
    QVERIFY(paste(dialog, issue));
    QVERIFY(errorText(dialog).contains(QLatin1String("not a request for access")));
    QCOMPARE(control<QLineEdit>(dialog, "requestLink")->text(), issue);
    dialog->reject();
}

void TestRequestForAccess::htmlErrorPage()
{
    const RequestToken request = requestToken(QStringLiteral("oob"));
    QVERIFY(!request.token.isEmpty());
    QVERIFY(m_session.server().addFault(QJsonObject{
        {QStringLiteral("method"), QStringLiteral("GET")},
        {QStringLiteral("path"), QStringLiteral("/plugins/servlet/oauth/authorize")},
        {QStringLiteral("status"), 500},
        {QStringLiteral("contentType"), QStringLiteral("text/html")},
        {QStringLiteral("body"), QStringLiteral("<html><body><h1>Oops</h1><p>Something went "
                                                "<b>wrong</b> here.</p></body></html>")},
        {QStringLiteral("times"), 1}}));
    RequestForAccessDialog *dialog = openDialog();
    const QString link = linkFor(request.token);
    QVERIFY(paste(dialog, link));
    QCOMPARE(m_controller->state(), RequestForAccessController::State::Failed);
    const QString error = errorText(dialog);
    // Plain words: what happened (with the page's heading, not its markup) and what to do.
    QVERIFY2(!error.contains(QLatin1Char('<')) && error.contains(QLatin1String("Oops")),
             qPrintable(error));
    QVERIFY(error.contains(QLatin1String("500")));
    QVERIFY(error.contains(QLatin1String("Try again")));
    saveScreenshot(dialog, QStringLiteral("request-html-error"));
    QCOMPARE(control<QLineEdit>(dialog, "requestLink")->text(), link);

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
    QVERIFY(m_session.server().advanceClock(11 * 60));
    RequestForAccessDialog *dialog = openDialog();
    const QString link = linkFor(request.token);
    QVERIFY(paste(dialog, link));
    QCOMPARE(m_controller->state(), RequestForAccessController::State::Failed);
    const QString error = errorText(dialog);
    QVERIFY2(error.contains(QLatin1String("expired")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("start again")));
    QCOMPARE(control<QLineEdit>(dialog, "requestLink")->text(), link);
    QCOMPARE(dialog->step(), RequestForAccessDialog::PasteLink);
    saveScreenshot(dialog, QStringLiteral("request-expired"));
    dialog->reject();
}

QTEST_MAIN(TestRequestForAccess)
#include "tst_requestforaccess.moc"
