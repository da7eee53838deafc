// The proof, in the app: two running trackersims, linked both ways by the wizard with
// the remote administrator's credentials (a wrong password first: said at the remote user, the
// password field emptied, nothing created on either end). Both ends then list the link and say
// it works (plain HTTP to each). With the remote stopped, Check says it cannot be reached; with
// the remote started again on another port from the same data file, Relocate moves the link
// there and Check says it works again. Deleting both ends of a link without shared users is
// refused in plain words, and nothing is deleted.
#include "AppLinkTestSupport.h"
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/AppLinksController.h"
#include "ui/AdminListTab.h"
#include "ui/AppLinkChangeDialogs.h"
#include "ui/AppLinkWizard.h"

#include <QAction>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

const QString kLinkName = QStringLiteral("Remote Jira");

} // namespace

class TestAppLinksTwoServers final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void wizardLinksBothWays();
    void bothEndsListTheLinkAndWork();
    void stoppedRemoteCannotBeReached();
    void relocatedToTheNewPortWorksAgain();
    void deletingBothEndsWithoutImpersonationIsRefusedPlainly();

private:
    // A trackersim of its own data file; another port each time it starts.
    QStringList simArguments(const QString &dataFile) const;
    QWidget *tab() const { return m_admin->tab(); }
    AdminListTab *list() const { return m_admin->list(); }
    AppLinksController *links() const { return m_admin->links(); }
    QString manifestId(const QString &baseUrl);
    bool checkTheLink();

    QTemporaryDir m_dir;
    std::unique_ptr<SimSession> m_local;
    std::unique_ptr<SimProcess> m_remote;
    std::optional<SimClient> m_remoteView;
    TempDatabase m_data;
    std::unique_ptr<AdminPageUnderTest> m_admin;
    QString m_linkId; // the remote's application id, which the link takes
};

QStringList TestAppLinksTwoServers::simArguments(const QString &dataFile) const
{
    // Room for a busy machine: one server's call may wait on the other's call back.
    return {QStringLiteral("--seed"),
            QStringLiteral("none"),
            QStringLiteral("--data"),
            m_dir.filePath(dataFile),
            QStringLiteral("--remote-timeout-ms"),
            QStringLiteral("10000")};
}

QString TestAppLinksTwoServers::manifestId(const QString &baseUrl)
{
    QNetworkAccessManager network;
    const HttpResult reply = httpSend(
        network, jsonRequest(baseUrl + QStringLiteral("/rest/applinks/1.0/manifest")), "GET");
    return QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("id")).toString();
}

void TestAppLinksTwoServers::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    m_local = std::make_unique<SimSession>(simArguments(QStringLiteral("local.db")));
    QVERIFY2(m_local->start(QStringLiteral("admin")), qPrintable(m_local->errorText()));
    m_remote = std::make_unique<SimProcess>(simArguments(QStringLiteral("remote.db")));
    QVERIFY2(m_remote->start(), qPrintable(m_remote->errorText()));
    m_remoteView.emplace(m_local->network(), m_remote->url());
    m_linkId = manifestId(m_remote->url());
    QVERIFY(!m_linkId.isEmpty());

    m_admin = std::make_unique<AdminPageUnderTest>(m_local->connection(), m_data.activityLog(),
                                                   m_local->who(QStringLiteral("local")));
    QVERIFY(waitSettled(links()));
    QVERIFY2(links()->state().loaded, qPrintable(links()->errorText()));
}

void TestAppLinksTwoServers::cleanupTestCase()
{
    m_admin.reset();
    if (m_remote)
        m_remote->stop();
    if (m_local)
        m_local->stop();
}

void TestAppLinksTwoServers::wizardLinksBothWays()
{
    QPointer<AppLinkWizard> wizard = openWizard(tab());
    QVERIFY(wizard);
    QVERIFY(enterAddress(wizard, m_remote->url()));
    QCOMPARE(child<QLabel>(wizard, "linkType")->text(), QStringLiteral("Jira"));
    child<QLineEdit>(wizard, "linkName")->setText(kLinkName);
    pressNext(wizard);
    QCOMPARE(wizard->currentId(), int(AppLinkWizard::AuthenticationPage));
    child<QGroupBox>(wizard, "twoWay")->setChecked(true);
    QTest::keyClicks(child<QLineEdit>(wizard, "remoteUser"), QStringLiteral("admin"));
    QTest::keyClicks(child<QLineEdit>(wizard, "remotePassword"), QStringLiteral("wrong"));
    pressNext(wizard);
    QVERIFY(pressCreate(wizard));

    // The remote refused its administrator: said at the user name, the password gone from its
    // field, everything else kept, and nothing created on either end.
    QVERIFY(!wizard->isDone());
    QCOMPARE(wizard->currentId(), int(AppLinkWizard::AuthenticationPage));
    const QString refused = wizard->page(AppLinkWizard::AuthenticationPage)
                                ->findChild<QLabel *>(QStringLiteral("remoteUserProblem"))
                                ->text();
    QVERIFY2(refused.contains(QStringLiteral("refused the administrator credentials")),
             qPrintable(refused));
    QVERIFY(child<QLineEdit>(wizard, "remotePassword")->text().isEmpty());
    QCOMPARE(child<QLineEdit>(wizard, "remoteUser")->text(), QStringLiteral("admin"));
    QCOMPARE(child<QLineEdit>(wizard, "linkName")->text(), kLinkName);
    QVERIFY(!serverLink(m_local->server(), m_linkId));
    QVERIFY(!serverLink(*m_remoteView, manifestId(m_local->url())));

    QTest::keyClicks(child<QLineEdit>(wizard, "remotePassword"), QStringLiteral("admin"));
    pressNext(wizard);
    QVERIFY(pressCreate(wizard));
    QVERIFY2(wizard->isDone(), qPrintable(child<QLabel>(wizard, "createResult")->text()));
    QVERIFY2(child<QLabel>(wizard, "createResult")->text().contains(QStringLiteral("was created")),
             qPrintable(child<QLabel>(wizard, "createResult")->text()));
    QVERIFY(child<QLineEdit>(wizard, "remotePassword")->text().isEmpty());
    closeWizard(wizard);
}

void TestAppLinksTwoServers::bothEndsListTheLinkAndWork()
{
    const auto here = serverLink(m_local->server(), m_linkId);
    QVERIFY(here);
    QCOMPARE(here->value(QStringLiteral("name")).toString(), kLinkName);
    QCOMPARE(here->value(QStringLiteral("rpcUrl")).toString(), m_remote->url());
    const QString backId = manifestId(m_local->url());
    const auto there = serverLink(*m_remoteView, backId);
    QVERIFY(there);
    QCOMPARE(there->value(QStringLiteral("rpcUrl")).toString(), m_local->url());
    QVERIFY2(serverStatus(m_local->server(), m_linkId).value(QStringLiteral("working")).toBool(),
             QJsonDocument(serverStatus(m_local->server(), m_linkId)).toJson().constData());
    QVERIFY(serverStatus(*m_remoteView, backId).value(QStringLiteral("working")).toBool());

    // The app says so too.
    QVERIFY(waitForLink(links(), kLinkName));
    QVERIFY(waitSettled(links()));
    QVERIFY(selectLink(list(), kLinkName));
    QVERIFY(checkTheLink());
    const QString details = detailsText(list());
    QVERIFY2(details.contains(QStringLiteral("Health: Working")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("Incoming OAuth: OAuth")));
}

bool TestAppLinksTwoServers::checkTheLink()
{
    return selectLink(list(), kLinkName) && checkSelected(tab(), links()) &&
           selectLink(list(), kLinkName);
}

void TestAppLinksTwoServers::stoppedRemoteCannotBeReached()
{
    m_remote->stop();
    QVERIFY(checkTheLink());
    const QString details = detailsText(list());
    QVERIFY2(details.contains(QStringLiteral("Nothing accepts connections at ") + m_remote->url()),
             qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("What to do: ")));
    QVERIFY(details.contains(QStringLiteral("relocate the link")));
}

void TestAppLinksTwoServers::relocatedToTheNewPortWorksAgain()
{
    const QString oldUrl = m_remote->url();
    m_remote = std::make_unique<SimProcess>(simArguments(QStringLiteral("remote.db")));
    QVERIFY2(m_remote->start(), qPrintable(m_remote->errorText()));
    QVERIFY(m_remote->url() != oldUrl);
    m_remoteView.emplace(m_local->network(), m_remote->url());
    QCOMPARE(manifestId(m_remote->url()), m_linkId); // the same application, moved

    QVERIFY(selectLink(list(), kLinkName));
    QTest::mouseClick(child<QPushButton>(tab(), "relocateLink"), Qt::LeftButton);
    QPointer<AppLinkRelocateDialog> dialog = tab()->findChild<AppLinkRelocateDialog *>();
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("relocateUrl")), m_remote->url());
    QSignalSpy ended(dialog.data(), &AppLinkChangeDialog::changeEnded);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("ok")), Qt::LeftButton);
    QVERIFY(ended.wait(60000));
    QVERIFY2(
        ended.first().first().toBool(),
        qPrintable(dialog ? child<QLabel>(dialog, QStringLiteral("problem"))->text() : QString()));
    QCOMPARE(serverLink(m_local->server(), m_linkId)->value(QStringLiteral("rpcUrl")).toString(),
             m_remote->url());

    QVERIFY(waitSettled(links()));
    QVERIFY(checkTheLink());
    const QString details = detailsText(list());
    QVERIFY2(details.contains(QStringLiteral("Health: Working")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("Application URL: ") + m_remote->url()));
}

void TestAppLinksTwoServers::deletingBothEndsWithoutImpersonationIsRefusedPlainly()
{
    // Linked without shared users, Jira holds no authorisation to act for the admin on the
    // remote: the other end cannot be deleted, and the tab says so without deleting this one.
    QVERIFY(selectLink(list(), kLinkName));
    ConfirmationDialog::setNextAnswer(ConfirmationDialog::Answer::Accept);
    QSignalSpy changed(links(), &AppLinksController::linksChanged);
    child<QAction>(tab(), "deleteBothEnds")->trigger();
    auto *ask = tab()->findChild<ConfirmationDialog *>(QStringLiteral("confirmDeleteLink"));
    QVERIFY(ask);
    QVERIFY2(ask->message().contains(QStringLiteral("its other end on ") + m_remote->url()),
             qPrintable(ask->message()));
    QVERIFY(changed.wait(60000));
    const QString problem = child<QLabel>(list(), QStringLiteral("problem"))->text();
    QVERIFY2(problem.contains(QStringLiteral("credentials required")), qPrintable(problem));
    QVERIFY(problem.contains(QStringLiteral("Nothing was deleted")));
    QVERIFY(serverLink(m_local->server(), m_linkId));
    QVERIFY(serverLink(*m_remoteView, manifestId(m_local->url())));
}

QTEST_MAIN(TestAppLinksTwoServers)
#include "tst_applinks_two_servers.moc"
