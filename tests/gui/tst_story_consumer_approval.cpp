// Issue 8's proof, end to end in the app against a real trackersim: an administrator generates a
// key pair in AccessDesk (the private key in a file of mode 0600), creates a generic application
// link (the links service, as the wizard will), and approves its consumer with the generated
// public key in the approve form. Then a consumer nobody here wrote (Python,
// python3-requests-oauthlib) uses that consumer key and private key for the full OAuth 1.0a
// dance: alice allows it in AccessDesk, it reads her private issue SEC-1; alice revokes it in My
// access, and it is back to public data.
#include "AccessGrantModel.h"
#include "AdminFormsSupport.h"
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/AdminController.h"
#include "services/AppLinkCreator.h"
#include "services/ConsumersController.h"
#include "services/MyAccessController.h"
#include "services/RequestForAccessController.h"
#include "ui/AdministrationPage.h"
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
#include <QMainWindow>
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

const QString kLinkName = QStringLiteral("Weekly Reporter");
const QString kConsumerKey = QStringLiteral("weekly-reporter");
const QString kConsumerName = QStringLiteral("Weekly Reporter");

} // namespace

class TestStoryConsumerApproval final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void approvedInTheAppThenUsedAndRevoked();

private:
    // One step of the Python consumer: its JSON answer, or an object with "error".
    QJsonObject consumer(const QStringList &arguments, const QByteArray &input = {});
    QString createGenericLink();
    bool reached(RequestForAccessController::State state);
    int grantRow(const QString &application) const;

    TempDatabase m_data;
    QTemporaryDir m_dir;
    SimSession m_session; // as admin
    std::unique_ptr<AdminController> m_admin;
    std::unique_ptr<QMainWindow> m_adminWindow;
    AdministrationPage *m_adminPage = nullptr;
    std::unique_ptr<ServerConnection> m_alice;
    std::unique_ptr<MyAccessController> m_myAccess;
    std::unique_ptr<RequestForAccessController> m_requests;
    std::unique_ptr<MyAccessPage> m_myAccessPage;
};

void TestStoryConsumerApproval::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_session.start(QStringLiteral("admin")), qPrintable(m_session.errorText()));
    m_admin = std::make_unique<AdminController>(m_session.connection(), m_data.activityLog(),
                                                m_session.who(QStringLiteral("admin")));
    m_adminPage = new AdministrationPage(m_admin.get());
    m_adminWindow = frameFor(m_adminPage, 1);

    m_alice = m_session.connectAs(QStringLiteral("alice"));
    const ActivityContext alice{QStringLiteral("alice"), m_session.url(), QStringLiteral("alice")};
    m_myAccess = std::make_unique<MyAccessController>(m_alice.get(), m_data.activityLog(), alice);
    m_requests =
        std::make_unique<RequestForAccessController>(m_alice.get(), m_data.activityLog(), alice);
    m_myAccessPage = std::make_unique<MyAccessPage>(m_myAccess.get());
    m_myAccessPage->resize(1280, 800);
}

void TestStoryConsumerApproval::cleanupTestCase()
{
    m_myAccessPage.reset();
    m_requests.reset();
    m_myAccess.reset();
    m_alice.reset();
    m_adminWindow.reset();
    m_admin.reset();
    m_session.stop();
}

QJsonObject TestStoryConsumerApproval::consumer(const QStringList &arguments,
                                                const QByteArray &input)
{
    QProcess python;
    python.start(QStringLiteral(STORY_PYTHON),
                 QStringList{QStringLiteral(STORY_CONSUMER)} + arguments);
    if (!python.waitForStarted(30000))
        return {{QStringLiteral("error"), QStringLiteral("python did not start")}};
    if (!input.isEmpty())
        python.write(input);
    python.closeWriteChannel();
    if (!python.waitForFinished(120000))
        return {{QStringLiteral("error"), QStringLiteral("the consumer did not finish")}};
    const QJsonObject answer =
        QJsonDocument::fromJson(python.readAllStandardOutput().trimmed()).object();
    if (answer.isEmpty())
        return {{QStringLiteral("error"),
                 QString(QStringLiteral("no JSON from the consumer; stderr: ") +
                         QString::fromUtf8(python.readAllStandardError().right(600)))}};
    return answer;
}

QString TestStoryConsumerApproval::createGenericLink()
{
    // What the create wizard does for an application that publishes no manifest.
    AppLinkCreator creator(m_session.connection(), m_data.activityLog(), m_session.who());
    creator.draft().url = QStringLiteral("http://reporter.example.test");
    creator.draft().name = kLinkName;
    creator.draft().typeId = QStringLiteral("generic");
    creator.draft().createAnyway = true;
    QSignalSpy finished(&creator, &AppLinkCreator::finished);
    creator.create();
    if (!finished.wait(30000) || !creator.outcome().succeeded())
        return {};
    return creator.createdLink().id;
}

bool TestStoryConsumerApproval::reached(RequestForAccessController::State state)
{
    using State = RequestForAccessController::State;
    return waitUntil(m_requests.get(), &RequestForAccessController::stateChanged,
                     [this, state] {
                         return m_requests->state() == state ||
                                m_requests->state() == State::Failed;
                     }) &&
           m_requests->state() == state;
}

int TestStoryConsumerApproval::grantRow(const QString &application) const
{
    return rowOf(m_myAccessPage->table()->model(), AccessGrantModel::Application, application);
}

void TestStoryConsumerApproval::approvedInTheAppThenUsedAndRevoked()
{
    // 1. The administrator links the application (generic: it publishes no manifest).
    const QString linkId = createGenericLink();
    QVERIFY2(!linkId.isEmpty(), "the generic application link was not created");
    m_adminWindow->show();
    m_adminPage->showTab(AdministrationPage::ConsumersTab);
    ConsumersController *consumers = m_admin->consumers();
    QVERIFY(waitListed(consumers));
    QVERIFY2(!consumers->state().error.isError(), qPrintable(consumers->errorText()));

    // 2. … opens Approve consumer…, picks the new link, and generates the key pair.
    QTest::mouseClick(childNamed<QPushButton>(m_adminPage, "approveConsumer"), Qt::LeftButton);
    auto *form = shownDialog<ApproveConsumerDialog>(m_adminPage);
    QVERIFY(form);
    const int index = form->linkCombo()->findData(linkId);
    QVERIFY2(index >= 0, "the new link is not offered");
    form->linkCombo()->setCurrentIndex(index);
    QCOMPARE(form->linkId(), linkId);
    QTest::keyClicks(form->keyEdit(), kConsumerKey);
    QTest::keyClicks(form->nameEdit(), kConsumerName);
    QTest::keyClicks(form->descriptionEdit(),
                     QStringLiteral("Writes the weekly report from your issues. "
                                    "https://reporter.example.test"));
    const QString privateKeyPath = m_dir.filePath(QStringLiteral("weekly-reporter-private.pem"));
    QSignalSpy made(consumers, &ConsumersController::keyPairMade);
    QVERIFY(saveThroughFileDialog(form->publicKeyEditor()->generateButton(), form, privateKeyPath));
    QVERIFY(made.wait(60000));
    QVERIFY2(form->publicKeyEditor()->noteLabel()->text().contains(privateKeyPath),
             qPrintable(form->publicKeyEditor()->problemLabel()->text()));
    QCOMPARE(QFile::permissions(privateKeyPath) & 0x7777,
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    const QString fingerprint = fingerprintOf(form->publicKeyEditor()->text().toLatin1());

    // 3. … and approves it: the form says what Jira stored.
    QSignalSpy approved(consumers, &ConsumersController::approvalFinished);
    QTest::mouseClick(form->approveButton(), Qt::LeftButton);
    QVERIFY(approved.wait(30000));
    QVERIFY2(form->hasApproved(), qPrintable(form->problemLabel()->text()));
    QVERIFY2(form->resultLabel()->text().contains(fingerprint),
             qPrintable(form->resultLabel()->text()));
    QTest::mouseClick(form->closeButton(), Qt::LeftButton);

    // 4. The consumer's application gets the consumer key and its private key file, and asks
    //    for a request token.
    const QString state = m_dir.filePath(QStringLiteral("consumer-state.json"));
    QJsonObject step =
        consumer({QStringLiteral("adopt"), state, m_session.url(), kConsumerKey, privateKeyPath});
    QVERIFY2(step.value(QStringLiteral("ok")).toBool(),
             qPrintable(step.value(QStringLiteral("error")).toString()));
    step = consumer({QStringLiteral("request-token"), state});
    const QString link = step.value(QStringLiteral("authorizeUrl")).toString();
    QVERIFY2(!link.isEmpty(), qPrintable(step.value(QStringLiteral("error")).toString()));

    // 5. Alice answers its request for access in AccessDesk and allows it.
    m_myAccessPage->show();
    auto *dialog = new RequestForAccessDialog(m_requests.get(), m_myAccessPage.get());
    dialog->open();
    QTest::keyClicks(dialog->linkEdit(), link);
    QTest::mouseClick(dialog->checkButton(), Qt::LeftButton);
    QVERIFY2(reached(RequestForAccessController::State::Asking),
             qPrintable(m_requests->errorText()));
    QVERIFY(dialog->questionLabel()->text().contains(kConsumerName));
    QTest::mouseClick(dialog->allowButton(), Qt::LeftButton);
    QVERIFY2(reached(RequestForAccessController::State::Answered),
             qPrintable(m_requests->errorText()));
    const QString verifier = dialog->verifierField()->text();
    QVERIFY(!verifier.isEmpty());
    dialog->accept();

    // 6. The consumer trades the code for its access token and reads alice's private issue.
    step = consumer({QStringLiteral("access-token"), state}, verifier.toUtf8() + '\n');
    QVERIFY2(step.value(QStringLiteral("ok")).toBool(),
             qPrintable(step.value(QStringLiteral("error")).toString()));
    step = consumer({QStringLiteral("read"), state});
    QVERIFY2(!step.contains(QStringLiteral("error")),
             qPrintable(step.value(QStringLiteral("error")).toString()));
    const QJsonObject secret = step.value(QStringLiteral("SEC-1")).toObject();
    QCOMPARE(secret.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(secret.value(QStringLiteral("summary")).toString(),
             QStringLiteral("Prepare the secret launch"));
    QCOMPARE(secret.value(QStringLiteral("user")).toString(), QStringLiteral("alice"));

    // 7. Alice finds it in My access and revokes it, confirming.
    QSignalSpy listed(m_myAccess.get(), &MyAccessController::grantsChanged);
    m_myAccess->refresh();
    while (grantRow(kConsumerName) < 0)
        QVERIFY2(listed.wait(30000), qPrintable(m_myAccess->lastError()));
    const int row = grantRow(kConsumerName);
    m_myAccessPage->table()->selectionModel()->select(
        m_myAccessPage->table()->model()->index(row, 0),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(m_myAccessPage->selectedGrants().size(), 1);
    QSignalSpy revoked(m_myAccess.get(), &MyAccessController::revokeFinished);
    QVERIFY(clickConfirmed(m_myAccessPage->revokeButton(), m_myAccessPage.get(),
                           ConfirmationDialog::Answer::Accept));
    QVERIFY(revoked.wait(30000));
    QCOMPARE(revoked.first().at(0).toInt(), 1);
    QCOMPARE(revoked.first().at(1).toInt(), 0);

    // 8. The consumer is back to public data.
    step = consumer({QStringLiteral("read"), state});
    QVERIFY2(!step.contains(QStringLiteral("error")),
             qPrintable(step.value(QStringLiteral("error")).toString()));
    QCOMPARE(step.value(QStringLiteral("SEC-1")).toObject().value(QStringLiteral("status")).toInt(),
             404);
    QVERIFY(
        step.value(QStringLiteral("SEC-1")).toObject().value(QStringLiteral("summary")).isNull());
    const QJsonObject pub = step.value(QStringLiteral("PUB-1")).toObject();
    QCOMPARE(pub.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(pub.value(QStringLiteral("user")).toString(), QStringLiteral("anonymous"));

    // Every change is in the activity log: the link, the approval, the answer, the revoke.
    QStringList actions;
    for (const ActivityEntry &entry : m_data.activityLog()->entries())
        actions.prepend(entry.action);
    QVERIFY2(actions.contains(QStringLiteral("approve-consumer")) &&
                 actions.contains(QStringLiteral("allow-oauth-request")) &&
                 actions.contains(QStringLiteral("revoke-grant")),
             qPrintable(actions.join(u',')));
}

QTEST_MAIN(TestStoryConsumerApproval)
#include "tst_story_consumer_approval.moc"
