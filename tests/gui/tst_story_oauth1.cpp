// The story AccessDesk exists for, end to end against a real trackersim: a consumer (Python,
// python3-requests-oauthlib) asks for a token; alice answers its Request for Access in AccessDesk;
// the consumer reads her private issue; alice finds the grant in My access and revokes it; the
// consumer's next signed read sees only public data.
#include "AccessGrantModel.h"
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/MyAccessController.h"
#include "services/RequestForAccessController.h"
#include "ui/MyAccessPage.h"
#include "ui/RequestForAccessDialog.h"

#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
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

} // namespace

class TestStoryOAuth1 final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void consumerGetsAccessThroughAccessDeskAndLosesItOnRevoke();

private:
    // One step of the consumer: its JSON answer, or an object with "error".
    QJsonObject consumer(const QStringList &arguments, const QByteArray &input = {});
    int rowOf(const QString &application) const;
    // Until the request is in state; false when it failed (or stalled) first.
    bool reached(RequestForAccessController::State state);

    SimSession m_session; // as alice
    std::unique_ptr<MyAccessController> m_myAccess;
    std::unique_ptr<RequestForAccessController> m_requests;
    std::unique_ptr<MyAccessPage> m_page;
};

void TestStoryOAuth1::initTestCase()
{
    QVERIFY2(m_session.start(QStringLiteral("alice")), qPrintable(m_session.errorText()));
    const ActivityContext who = m_session.who(QStringLiteral("sim"));
    m_myAccess = std::make_unique<MyAccessController>(m_session.connection(), nullptr, who);
    m_requests = std::make_unique<RequestForAccessController>(m_session.connection(), nullptr, who);
    m_page = std::make_unique<MyAccessPage>(m_myAccess.get());
    m_page->resize(1280, 800);
    m_page->show();
}

void TestStoryOAuth1::cleanupTestCase()
{
    m_page.reset();
    m_requests.reset();
    m_myAccess.reset();
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
    return accessdesk::rowOf(m_page->table()->model(), AccessGrantModel::Application, application);
}

void TestStoryOAuth1::consumerGetsAccessThroughAccessDeskAndLosesItOnRevoke()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString state = dir.filePath(QStringLiteral("consumer-state.json"));

    // An admin has linked the consumer (its RSA public key) with the tracker.
    QJsonObject step = consumer({QStringLiteral("setup"), state, m_session.url()});
    QVERIFY2(!step.contains(QStringLiteral("error")),
             qPrintable(step.value(QStringLiteral("error")).toString()));

    // The consumer asks for a request token and gives alice the link to answer.
    step = consumer({QStringLiteral("request-token"), state});
    const QString link = step.value(QStringLiteral("authorizeUrl")).toString();
    QVERIFY2(!link.isEmpty(), qPrintable(step.value(QStringLiteral("error")).toString()));

    // Alice pastes it into AccessDesk, sees who asks, and allows it.
    auto *dialog = new RequestForAccessDialog(m_requests.get(), m_page.get());
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

    // My access, refreshed, lists the new grant.
    QSignalSpy listed(m_myAccess.get(), &MyAccessController::grantsChanged);
    m_myAccess->refresh();
    while (rowOf(kConsumerName) < 0)
        QVERIFY2(listed.wait(30000), qPrintable(m_myAccess->lastError()));
    const int row = rowOf(kConsumerName);
    QCOMPARE(m_page->table()->model()->index(row, AccessGrantModel::Kind).data().toString(),
             QStringLiteral("OAuth 1.0a"));

    // Alice revokes it there, confirming.
    m_page->table()->selectionModel()->select(m_page->table()->model()->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect |
                                                  QItemSelectionModel::Rows);
    QCOMPARE(m_page->selectedGrants().size(), 1);
    QCOMPARE(m_page->selectedGrants().first().application, kConsumerName);
    QSignalSpy revoked(m_myAccess.get(), &MyAccessController::revokeFinished);
    clickConfirmed(m_page->revokeButton(), m_page.get(), ConfirmationDialog::Answer::Accept);
    QVERIFY(revoked.wait(30000));
    QCOMPARE(revoked.first().at(0).toInt(), 1);
    QCOMPARE(revoked.first().at(1).toInt(), 0);
    while (rowOf(kConsumerName) >= 0)
        QVERIFY(listed.wait(30000));

    // The consumer's next signed read: trackersim, like Jira, goes on as anonymous (spec 1.2,
    // README) — public data only, the private issue is not there, and the token is named rejected.
    step = consumer({QStringLiteral("read"), state});
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

QTEST_MAIN(TestStoryOAuth1)
#include "tst_story_oauth1.moc"
