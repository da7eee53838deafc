// The story AccessDesk exists for, end to end against a real trackersim: a consumer (Python,
// python3-requests-oauthlib) asks for a token; alice answers its Request for Access in AccessDesk;
// the consumer reads her private issue; alice finds the grant in My access and revokes it; the
// consumer's next signed read sees only public data.
//
// Twice: once with a consumer an admin registered over REST, and once (issue 8's proof) with one
// an administrator set up in AccessDesk itself — a key pair generated in the approve form (the
// private key in a file of mode 0600), a generic application link made by the links service, the
// consumer approved with the generated public key — whose key and private key file the Python
// consumer then uses.
#include "AccessGrantModel.h"
#include "AdminFormsSupport.h"
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/AdminController.h"
#include "services/AppLinkCreator.h"
#include "services/ConsumersController.h"
#include "services/MyAccessController.h"
#include "services/RequestForAccessController.h"
#include "ui/ApproveConsumerDialog.h"
#include "ui/ConsumerKeyEditor.h"
#include "ui/MyAccessPage.h"
#include "ui/RequestForAccessDialog.h"

#include <QComboBox>
#include <QFile>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

const QString kConsumerName = QStringLiteral("Story Reader");
const QString kApprovedName = QStringLiteral("Weekly Reporter");
const QString kApprovedKey = QStringLiteral("weekly-reporter");

} // namespace

class TestStoryOAuth1 final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void consumerGetsAccessThroughAccessDeskAndLosesItOnRevoke();
    void consumerApprovedInAccessDeskGetsAccessAndLosesItOnRevoke();

private:
    // One step of the consumer: its JSON answer, or an object with "error".
    QJsonObject consumer(const QStringList &arguments, const QByteArray &input = {});
    int rowOf(const QString &application) const;
    // Until the request is in state; false when it failed (or stalled) first.
    bool reached(RequestForAccessController::State state);
    // The consumer whose state file is state asks for access; alice allows it in AccessDesk; the
    // consumer gets its token and reads her private issue.
    void allowInAccessDeskThenRead(const QString &state, const QString &name);
    // Alice revokes the consumer's grant in My access; its next read sees public data only.
    void revokeInMyAccessThenPublicOnly(const QString &state, const QString &name);
    // The administrator's half in AccessDesk, the private key going to privateKeyPath.
    void approveInAccessDesk(const QString &privateKeyPath);
    QString createGenericLink();

    TempDatabase m_data;
    QTemporaryDir m_dir;
    SimSession m_session; // as alice
    std::unique_ptr<MyAccessController> m_myAccess;
    std::unique_ptr<RequestForAccessController> m_requests;
    std::unique_ptr<MyAccessPage> m_page;
    QTableView *m_table = nullptr; // the page's grant table, found by its object name
    std::unique_ptr<ServerConnection> m_adminConnection;
};

void TestStoryOAuth1::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_session.start(QStringLiteral("alice")), qPrintable(m_session.errorText()));
    const ActivityContext who = m_session.who(QStringLiteral("sim"));
    m_myAccess =
        std::make_unique<MyAccessController>(m_session.connection(), m_data.activityLog(), who);
    m_requests = std::make_unique<RequestForAccessController>(m_session.connection(),
                                                              m_data.activityLog(), who);
    m_page = std::make_unique<MyAccessPage>(m_myAccess.get());
    m_table = child<QTableView>(m_page.get(), QStringLiteral("grantTable"));
    m_page->resize(1280, 800);
    m_page->show();
    m_adminConnection = m_session.connectAs(QStringLiteral("admin"));
}

void TestStoryOAuth1::cleanupTestCase()
{
    m_page.reset();
    m_requests.reset();
    m_myAccess.reset();
    m_adminConnection.reset();
    m_session.stop();
}

QJsonObject TestStoryOAuth1::consumer(const QStringList &arguments, const QByteArray &input)
{
    QProcess python;
    python.setProcessChannelMode(QProcess::SeparateChannels);
    python.start(QStringLiteral(STORY_PYTHON),
                 QStringList{QStringLiteral(STORY_CONSUMER)} + arguments);
    if (!python.waitForStarted(30000))
        return {{QStringLiteral("error"), QStringLiteral("python did not start")}};
    if (!input.isEmpty())
        python.write(input);
    python.closeWriteChannel();
    if (!python.waitForFinished(120000))
        return {{QStringLiteral("error"), QStringLiteral("the consumer did not finish")}};
    const QByteArray out = python.readAllStandardOutput().trimmed();
    const QJsonObject answer = QJsonDocument::fromJson(out).object();
    if (answer.isEmpty())
        return {{QStringLiteral("error"),
                 QString(QStringLiteral("no JSON from the consumer; stderr: ") +
                         QString::fromUtf8(python.readAllStandardError().right(600)))}};
    return answer;
}

bool TestStoryOAuth1::reached(RequestForAccessController::State state)
{
    using State = RequestForAccessController::State;
    return waitUntil(m_requests.get(), &RequestForAccessController::stateChanged,
                     [this, state] {
                         return m_requests->state() == state ||
                                m_requests->state() == State::Failed;
                     }) &&
           m_requests->state() == state;
}

int TestStoryOAuth1::rowOf(const QString &application) const
{
    return accessdesk::rowOf(m_table->model(), AccessGrantModel::Application, application);
}

void TestStoryOAuth1::allowInAccessDeskThenRead(const QString &state, const QString &name)
{
    // The consumer asks for a request token and gives alice the link to answer.
    QJsonObject step = consumer({QStringLiteral("request-token"), state});
    const QString link = step.value(QStringLiteral("authorizeUrl")).toString();
    QVERIFY2(!link.isEmpty(), qPrintable(step.value(QStringLiteral("error")).toString()));

    // Alice pastes it into AccessDesk, sees who asks, and allows it.
    auto *dialog = new RequestForAccessDialog(m_requests.get(), m_page.get());
    dialog->open();
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("requestLink")), link);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("showRequest")), Qt::LeftButton);
    QVERIFY2(reached(RequestForAccessController::State::Asking),
             qPrintable(m_requests->errorText()));
    QVERIFY(child<QLabel>(dialog, QStringLiteral("requestQuestion"))->text().contains(name));
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("allowRequest")), Qt::LeftButton);
    QVERIFY2(reached(RequestForAccessController::State::Answered),
             qPrintable(m_requests->errorText()));
    const QString verifier = child<QLineEdit>(dialog, QStringLiteral("verificationCode"))->text();
    QVERIFY(!verifier.isEmpty());
    dialog->accept();

    // She gives the code to the consumer, which gets its access token and reads her private
    // issue.
    step = consumer({QStringLiteral("access-token"), state}, verifier.toUtf8() + '\n');
    QVERIFY2(step.value(QStringLiteral("ok")).toBool(),
             qPrintable(step.value(QStringLiteral("error")).toString()));
    step = consumer({QStringLiteral("read"), state});
    QVERIFY2(!step.contains(QStringLiteral("error")),
             qPrintable(step.value(QStringLiteral("error")).toString()));
    QCOMPARE(step.value(QStringLiteral("SEC-1")).toObject().value(QStringLiteral("status")).toInt(),
             200);
    QCOMPARE(
        step.value(QStringLiteral("SEC-1")).toObject().value(QStringLiteral("summary")).toString(),
        QStringLiteral("Prepare the secret launch"));
    QCOMPARE(
        step.value(QStringLiteral("myself")).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("alice"));
}

void TestStoryOAuth1::revokeInMyAccessThenPublicOnly(const QString &state, const QString &name)
{
    // My access, refreshed, lists the new grant.
    QSignalSpy listed(m_myAccess.get(), &MyAccessController::grantsChanged);
    m_myAccess->refresh();
    while (rowOf(name) < 0)
        QVERIFY2(listed.wait(30000), qPrintable(m_myAccess->lastError()));
    const int row = rowOf(name);
    QCOMPARE(m_table->model()->index(row, AccessGrantModel::Kind).data().toString(),
             QStringLiteral("OAuth 1.0a"));

    // Alice revokes it there, confirming.
    m_table->selectionModel()->select(m_table->model()->index(row, 0),
                                      QItemSelectionModel::ClearAndSelect |
                                          QItemSelectionModel::Rows);
    QCOMPARE(m_page->selectedGrants().size(), 1);
    QCOMPARE(m_page->selectedGrants().first().application, name);
    QSignalSpy revoked(m_myAccess.get(), &MyAccessController::revokeFinished);
    clickConfirmed(child<QPushButton>(m_page.get(), QStringLiteral("revokeGrants")), m_page.get(),
                   ConfirmationDialog::Answer::Accept);
    QVERIFY(revoked.wait(30000));
    QCOMPARE(revoked.first().at(0).toInt(), 1);
    QCOMPARE(revoked.first().at(1).toInt(), 0);
    while (rowOf(name) >= 0)
        QVERIFY(listed.wait(30000));

    // The consumer's next signed read: trackersim, like Jira, goes on as anonymous (spec 1.2,
    // README) — public data only, the private issue is not there, and the token is named rejected.
    const QJsonObject step = consumer({QStringLiteral("read"), state});
    QVERIFY2(!step.contains(QStringLiteral("error")),
             qPrintable(step.value(QStringLiteral("error")).toString()));
    const QJsonObject secret = step.value(QStringLiteral("SEC-1")).toObject();
    QCOMPARE(secret.value(QStringLiteral("status")).toInt(), 404);
    QVERIFY(secret.value(QStringLiteral("summary")).isNull());
    QVERIFY(secret.value(QStringLiteral("challenge"))
                .toString()
                .contains(QLatin1String("token_rejected")));
    const QJsonObject pub = step.value(QStringLiteral("PUB-1")).toObject();
    QCOMPARE(pub.value(QStringLiteral("status")).toInt(), 200);
    QVERIFY(!pub.value(QStringLiteral("summary")).toString().isEmpty());
    QCOMPARE(pub.value(QStringLiteral("user")).toString(), QStringLiteral("anonymous"));
    QCOMPARE(
        step.value(QStringLiteral("myself")).toObject().value(QStringLiteral("status")).toInt(),
        401);
}

void TestStoryOAuth1::consumerGetsAccessThroughAccessDeskAndLosesItOnRevoke()
{
    const QString state = m_dir.filePath(QStringLiteral("registered-consumer.json"));

    // An admin has linked the consumer (its RSA public key) with the tracker.
    const QJsonObject step = consumer({QStringLiteral("setup"), state, m_session.url()});
    QVERIFY2(!step.contains(QStringLiteral("error")),
             qPrintable(step.value(QStringLiteral("error")).toString()));

    allowInAccessDeskThenRead(state, kConsumerName);
    if (QTest::currentTestFailed())
        return;
    revokeInMyAccessThenPublicOnly(state, kConsumerName);
}

QString TestStoryOAuth1::createGenericLink()
{
    // What the create wizard does for an application that publishes no manifest.
    AppLinkCreator creator(m_adminConnection.get(), m_data.activityLog(),
                           {QStringLiteral("admin"), m_session.url(), QStringLiteral("admin")});
    creator.draft().url = QStringLiteral("http://reporter.example.test");
    creator.draft().name = kApprovedName;
    creator.draft().typeId = QStringLiteral("generic");
    creator.draft().createAnyway = true;
    QSignalSpy finished(&creator, &AppLinkCreator::finished);
    creator.create();
    if (!finished.wait(30000) || !creator.outcome().succeeded())
        return {};
    return creator.createdLink().id;
}

void TestStoryOAuth1::approveInAccessDesk(const QString &privateKeyPath)
{
    // The administrator links the application (generic: it publishes no manifest)…
    const QString linkId = createGenericLink();
    QVERIFY2(!linkId.isEmpty(), "the generic application link was not created");
    const ShownAdminPage admin =
        showAdminPage(m_adminConnection.get(), m_data.activityLog(),
                      {QStringLiteral("admin"), m_session.url(), QStringLiteral("admin")},
                      AdministrationPage::ConsumersTab);
    ConsumersController *consumers = admin.controller->consumers();
    QVERIFY(waitListed(consumers));
    QVERIFY2(!consumers->state().error.isError(), qPrintable(consumers->errorText()));

    // … opens Approve consumer…, picks the new link, fills in the consumer and generates its key
    // pair …
    QTest::mouseClick(child<QPushButton>(admin.page, "approveConsumer"), Qt::LeftButton);
    auto *form = shownDialog<ApproveConsumerDialog>(admin.page);
    QVERIFY(form);
    auto *links = child<QComboBox>(form, QStringLiteral("link"));
    const int index = links->findData(linkId);
    QVERIFY2(index >= 0, "the new link is not offered");
    links->setCurrentIndex(index);
    QTest::keyClicks(child<QLineEdit>(form, QStringLiteral("consumerKey")), kApprovedKey);
    QTest::keyClicks(child<QLineEdit>(form, QStringLiteral("consumerName")), kApprovedName);
    QTest::keyClicks(child<QPlainTextEdit>(form, QStringLiteral("consumerDescription")),
                     QStringLiteral("Writes the weekly report from your "
                                    "issues. https://reporter.example.test"));
    auto *publicKey = child<ConsumerKeyEditor>(form, QStringLiteral("publicKeyEditor"));
    QSignalSpy made(consumers, &ConsumersController::keyPairMade);
    QVERIFY(saveThroughFileDialog(child<QPushButton>(publicKey, QStringLiteral("generateKeyPair")),
                                  form, privateKeyPath));
    QVERIFY(made.wait(60000));
    QVERIFY2(
        child<QLabel>(publicKey, QStringLiteral("keyPairNote"))->text().contains(privateKeyPath),
        qPrintable(child<QLabel>(publicKey, QStringLiteral("keyFileProblem"))->text()));
    QCOMPARE(QFile::permissions(privateKeyPath) & 0x7777,
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);

    // … and approves it: the form says what Jira stored.
    const QString fingerprint = fingerprintOf(publicKey->text().toLatin1());
    QSignalSpy approved(consumers, &ConsumersController::approvalFinished);
    QTest::mouseClick(child<QPushButton>(form, QStringLiteral("approve")), Qt::LeftButton);
    QVERIFY(approved.wait(30000));
    QVERIFY2(form->hasApproved(),
             qPrintable(child<QLabel>(form, QStringLiteral("problem"))->text()));
    const QLabel *result = child<QLabel>(form, QStringLiteral("result"));
    QVERIFY2(result->text().contains(fingerprint), qPrintable(result->text()));
    QTest::mouseClick(child<QPushButton>(form, QStringLiteral("close")), Qt::LeftButton);
}

void TestStoryOAuth1::consumerApprovedInAccessDeskGetsAccessAndLosesItOnRevoke()
{
    const QString privateKeyPath = m_dir.filePath(QStringLiteral("weekly-reporter-private.pem"));
    approveInAccessDesk(privateKeyPath);
    if (QTest::currentTestFailed())
        return;

    // The consumer's application is given the consumer key and the private key file.
    const QString state = m_dir.filePath(QStringLiteral("approved-consumer.json"));
    const QJsonObject step =
        consumer({QStringLiteral("adopt"), state, m_session.url(), kApprovedKey, privateKeyPath});
    QVERIFY2(step.value(QStringLiteral("ok")).toBool(),
             qPrintable(step.value(QStringLiteral("error")).toString()));

    allowInAccessDeskThenRead(state, kApprovedName);
    if (QTest::currentTestFailed())
        return;
    revokeInMyAccessThenPublicOnly(state, kApprovedName);
    if (QTest::currentTestFailed())
        return;

    // Every change is in the activity log: the link, the approval, the answer, the revoke.
    QStringList actions;
    for (const ActivityEntry &entry : m_data.activityLog()->entries()) {
        QCOMPARE(entry.outcome, ActivityOutcome::Succeeded);
        actions.prepend(entry.action);
    }
    for (const char *action : {"approve-consumer", "allow-oauth-request", "revoke-grant"})
        QVERIFY2(actions.contains(QLatin1String(action)), qPrintable(actions.join(u',')));
}

QTEST_MAIN(TestStoryOAuth1)
#include "tst_story_oauth1.moc"
