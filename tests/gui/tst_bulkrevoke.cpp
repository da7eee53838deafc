// Bulk revoke on My access against a real trackersim: progress with Cancel, a summary that names
// each failure with its reason, Retry, and "Revoke all". Faults are injected through trackersim's
// control interface; the server side is checked with plain HTTP.
#include "AccessGrantModel.h"
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/MyAccessController.h"
#include "ui/MyAccessPage.h"
#include "ui/RevokeProgressDialog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

const QString kFailure = QStringLiteral("Token store is read-only for maintenance");

// The controls of the page and its dialogs by object name, as a user's tools find them.
QPushButton *button(const QWidget *parent, const char *name)
{
    return child<QPushButton>(parent, QLatin1String(name));
}

QTableView *grantTable(const QWidget *page)
{
    return child<QTableView>(page, QStringLiteral("grantTable"));
}

} // namespace

class TestBulkRevoke final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void oneFailureIsReportedAndRetried();
    void cancelStopsBeforeTheNextGrant();
    void revokeAllCancelledChangesNothing();
    void revokeAllEmptiesTheList();
    void manyGrantsKeepTheConfirmationShort();
    void pretendedSuccessIsReportedNotRevoked();
    void lostAnswerIsReportedNotConfirmed();

private:
    QStringList shownApplications() const;
    void selectApplications(const QStringList &names);
    AccessGrant grantNamed(const QString &application) const;
    QStringList serverApplications();
    RevokeProgressDialog *confirmRevoke(QPushButton *button);

    std::unique_ptr<SimSession> m_session;
    std::unique_ptr<MyAccessController> m_controller;
    std::unique_ptr<MyAccessPage> m_page;
};

void TestBulkRevoke::init()
{
    // A fresh server per test: each one revokes alice's seeded grants.
    m_session = std::make_unique<SimSession>();
    ConnectionSettings settings;
    settings.retryFloorMs = 10; // an injected 500 on DELETE is retried; keep that quick
    QVERIFY2(m_session->start(QStringLiteral("alice"), settings),
             qPrintable(m_session->errorText()));
    m_controller =
        std::make_unique<MyAccessController>(m_session->connection(), nullptr, m_session->who());
    m_page = std::make_unique<MyAccessPage>(m_controller.get());
    m_page->resize(1100, 700);
    m_page->show();
    QSignalSpy loaded(m_controller.get(), &MyAccessController::grantsChanged);
    m_controller->refresh();
    QVERIFY(loaded.wait(30000));
    QCOMPARE(shownApplications(),
             (QStringList{QStringLiteral("Bamboo"), QStringLiteral("ci-pipeline"),
                          QStringLiteral("Deploy Dashboard"), QStringLiteral("laptop-cli"),
                          QStringLiteral("Release Radar")}));
}

void TestBulkRevoke::cleanup()
{
    m_page.reset();
    m_controller.reset();
    m_session.reset();
}

QStringList TestBulkRevoke::shownApplications() const
{
    return columnTexts(grantTable(m_page.get())->model(), AccessGrantModel::Application);
}

void TestBulkRevoke::selectApplications(const QStringList &names)
{
    QItemSelectionModel *selection = grantTable(m_page.get())->selectionModel();
    selection->clearSelection();
    const QStringList shown = shownApplications();
    for (const QString &name : names) {
        const int row = int(shown.indexOf(name));
        QVERIFY2(row >= 0, qPrintable(name));
        selection->select(grantTable(m_page.get())->model()->index(row, 0),
                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QCOMPARE(m_page->selectedGrants().size(), names.size());
}

AccessGrant TestBulkRevoke::grantNamed(const QString &application) const
{
    for (const AccessGrant &grant : m_controller->grants()) {
        if (grant.application == application)
            return grant;
    }
    return {};
}

// What alice holds, read straight from the server: the access-tokens page and the PAT list.
QStringList TestBulkRevoke::serverApplications()
{
    return m_session->server().grantedApplications("alice");
}

// Clicks the button, accepts the confirmation, and returns the progress dialog it opens.
RevokeProgressDialog *TestBulkRevoke::confirmRevoke(QPushButton *button)
{
    QSignalSpy started(m_controller.get(), &MyAccessController::revokeStarted);
    if (!clickConfirmed(button, m_page.get(), ConfirmationDialog::Answer::Accept) ||
        !started.wait(10000))
        return nullptr;
    return m_page->findChild<RevokeProgressDialog *>();
}

void TestBulkRevoke::oneFailureIsReportedAndRetried()
{
    const AccessGrant failing = grantNamed(QStringLiteral("ci-pipeline"));
    QCOMPARE(failing.kind, GrantKind::PersonalToken);
    QVERIFY(m_session->server().addFault(QJsonObject{
        {QStringLiteral("method"), QStringLiteral("DELETE")},
        {QStringLiteral("path"),
         QString(QStringLiteral("/rest/pat/latest/tokens/") + failing.revokeKey)},
        {QStringLiteral("action"), QStringLiteral("respond")},
        {QStringLiteral("status"), 500},
        {QStringLiteral("contentType"), QStringLiteral("application/json")},
        {QStringLiteral("body"),
         QString::fromUtf8(
             QJsonDocument(QJsonObject{{QStringLiteral("errorMessages"), QJsonArray{kFailure}}})
                 .toJson(QJsonDocument::Compact))}}));

    selectApplications({QStringLiteral("Bamboo"), QStringLiteral("ci-pipeline"),
                        QStringLiteral("Deploy Dashboard"), QStringLiteral("laptop-cli")});
    RevokeProgressDialog *dialog = confirmRevoke(button(m_page.get(), "revokeGrants"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->headline().startsWith(QStringLiteral("Revoking 1 of 4: Bamboo")));
    QSignalSpy summary(dialog, &RevokeProgressDialog::summaryShown);
    QSignalSpy reloaded(m_controller.get(), &MyAccessController::grantsChanged);
    QVERIFY(summary.wait(30000));

    QCOMPARE(dialog->headline(),
             QStringLiteral("Revoked 3 of 4 grants. 1 not revoked (still listed by the server)."));
    const QStringList items =
        dialog->details().split(QLatin1Char('\n')).filter(QStringLiteral("• "));
    QCOMPARE(items.size(), 1);
    QVERIFY2(items.first().startsWith(QStringLiteral("• ci-pipeline: ")),
             qPrintable(items.first()));
    QVERIFY2(items.first().contains(kFailure), qPrintable(items.first()));
    QVERIFY(items.first().contains(QStringLiteral("HTTP 500")));
    QVERIFY(button(dialog, "retryFailed")->isVisible());
    QVERIFY(button(dialog, "closeRevoke")->isVisible());
    QVERIFY(!button(dialog, "cancelRevoke")->isVisible());
    saveScreenshot(dialog, QStringLiteral("revoke-summary-failure"));

    // The others are gone on the server; the failed one is still there.
    QCOMPARE(serverApplications(),
             (QStringList{QStringLiteral("ci-pipeline"), QStringLiteral("Release Radar")}));
    // The page listed again, so it shows the same.
    QVERIFY(reloaded.count() > 0 || reloaded.wait(30000));
    QCOMPARE(shownApplications(),
             (QStringList{QStringLiteral("ci-pipeline"), QStringLiteral("Release Radar")}));

    // The fault is gone; Retry revokes just the failed one, in the same dialog.
    QVERIFY(m_session->server().clearFaults());
    QVERIFY(button(dialog, "retryFailed")->isEnabled());
    QSignalSpy progress(m_controller.get(), &MyAccessController::revokeProgress);
    QTest::mouseClick(button(dialog, "retryFailed"), Qt::LeftButton);
    QVERIFY(!dialog->showsSummary());
    QVERIFY(summary.wait(30000));
    QCOMPARE(progress.count(), 1);
    QCOMPARE(progress.first().at(1).toInt(), 1);
    QCOMPARE(dialog->headline(),
             QStringLiteral("Revoked. ci-pipeline can now see only public data."));
    QVERIFY(dialog->details().isEmpty());
    QVERIFY(!button(dialog, "retryFailed")->isVisible());
    QCOMPARE(serverApplications(), QStringList{QStringLiteral("Release Radar")});

    const QPointer<RevokeProgressDialog> guard(dialog);
    QTest::mouseClick(button(dialog, "closeRevoke"), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(guard.isNull()); // it deletes itself on close
}

void TestBulkRevoke::pretendedSuccessIsReportedNotRevoked()
{
    // The server answers 204 to the revoke of ci-pipeline, but keeps the token.
    const AccessGrant pretended = grantNamed(QStringLiteral("ci-pipeline"));
    QVERIFY(m_session->server().addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("DELETE")},
                    {QStringLiteral("path"),
                     QString(QStringLiteral("/rest/pat/latest/tokens/") + pretended.revokeKey)},
                    {QStringLiteral("status"), 204},
                    {QStringLiteral("body"), QString()}}));
    selectApplications({QStringLiteral("Bamboo"), QStringLiteral("ci-pipeline")});
    RevokeProgressDialog *dialog = confirmRevoke(button(m_page.get(), "revokeGrants"));
    QVERIFY(dialog);
    QSignalSpy summary(dialog, &RevokeProgressDialog::summaryShown);
    QVERIFY(summary.wait(30000));

    QCOMPARE(dialog->headline(),
             QStringLiteral("Revoked 1 of 2 grants. 1 not revoked (still listed by the server)."));
    const QString details = dialog->details();
    QVERIFY2(details.startsWith(QStringLiteral("Not revoked (the server still lists them")),
             qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("• ci-pipeline: Not revoked: the server accepted the "
                                             "request, but still lists it.")),
             qPrintable(details));
    QVERIFY(!details.contains(QStringLiteral("Bamboo")));
    QVERIFY(!details.contains(QStringLiteral("Not confirmed")));
    QVERIFY(button(dialog, "retryFailed")->isVisible());
    saveScreenshot(dialog, QStringLiteral("revoke-summary-not-revoked"));
    QVERIFY(serverApplications().contains(QStringLiteral("ci-pipeline")));
    QVERIFY(!serverApplications().contains(QStringLiteral("Bamboo")));
}

void TestBulkRevoke::lostAnswerIsReportedNotConfirmed()
{
    // Every attempt at the revoke loses its connection, and the list afterwards cannot be fetched:
    // nobody can tell whether the server acted.
    const AccessGrant lost = grantNamed(QStringLiteral("laptop-cli"));
    QVERIFY(m_session->server().addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("DELETE")},
                    {QStringLiteral("path"),
                     QString(QStringLiteral("/rest/pat/latest/tokens/") + lost.revokeKey)},
                    {QStringLiteral("action"), QStringLiteral("reset")}}));
    QVERIFY(m_session->server().addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                    {QStringLiteral("path"), QStringLiteral("/rest/pat/latest/tokens")},
                    {QStringLiteral("status"), 500},
                    {QStringLiteral("times"), 1}}));
    selectApplications({QStringLiteral("laptop-cli")});
    RevokeProgressDialog *dialog = confirmRevoke(button(m_page.get(), "revokeGrants"));
    QVERIFY(dialog);
    QSignalSpy summary(dialog, &RevokeProgressDialog::summaryShown);
    QVERIFY(summary.wait(30000));

    QCOMPARE(dialog->headline(),
             QStringLiteral("Not confirmed that laptop-cli was revoked: check the list."));
    const QString details = dialog->details();
    QVERIFY2(details.startsWith(QStringLiteral("Not confirmed — check the list")),
             qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("• laptop-cli: Not confirmed: ")),
             qPrintable(details));
    QVERIFY(!details.contains(QStringLiteral("Not revoked (")));
    QCOMPARE(m_controller->revokeRun().unconfirmed().size(), 1);
    QVERIFY(m_controller->revokeRun().notRevoked().isEmpty());
}

void TestBulkRevoke::cancelStopsBeforeTheNextGrant()
{
    // The second grant takes a while on the server, so Cancel lands while it is under way.
    const AccessGrant slow = grantNamed(QStringLiteral("ci-pipeline"));
    QVERIFY(m_session->server().addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("DELETE")},
                    {QStringLiteral("path"),
                     QString(QStringLiteral("/rest/pat/latest/tokens/") + slow.revokeKey)},
                    {QStringLiteral("action"), QStringLiteral("latency")},
                    {QStringLiteral("delayMs"), 1500}}));
    const QStringList all = shownApplications();
    selectApplications(all);
    QSignalSpy progress(m_controller.get(), &MyAccessController::revokeProgress);
    RevokeProgressDialog *dialog = confirmRevoke(button(m_page.get(), "revokeGrants"));
    QVERIFY(dialog);
    QSignalSpy summary(dialog, &RevokeProgressDialog::summaryShown);
    QVERIFY(progress.wait(30000)); // Bamboo is done; ci-pipeline is on its way
    QCOMPARE(progress.count(), 1);
    QCOMPARE(dialog->headline(), QStringLiteral("Revoking 2 of 5: ci-pipeline"));
    saveScreenshot(dialog, QStringLiteral("revoke-progress"));
    const QProgressBar *bar = child<QProgressBar>(dialog, QStringLiteral("revokeProgress"));
    QCOMPARE(bar->value(), 1);
    QCOMPARE(bar->maximum(), 5);

    QTest::mouseClick(button(dialog, "cancelRevoke"), Qt::LeftButton);
    QVERIFY(dialog->headline().contains(QStringLiteral("waiting for ci-pipeline")));
    QVERIFY(!button(dialog, "cancelRevoke")->isEnabled());
    QVERIFY(summary.wait(30000));
    QCOMPARE(progress.count(), 2); // nothing after the grant that was under way

    QCOMPARE(dialog->headline(), QStringLiteral("Cancelled: revoked 2 of 5 grants."));
    saveScreenshot(dialog, QStringLiteral("revoke-summary-cancelled"));
    const QString details = dialog->details();
    QVERIFY2(details.contains(QStringLiteral("Not revoked because you cancelled")),
             qPrintable(details));
    for (const char *left : {"Deploy Dashboard", "laptop-cli", "Release Radar"})
        QVERIFY2(details.contains(QStringLiteral("• ") + QLatin1String(left)), left);
    QVERIFY(!details.contains(QStringLiteral("Bamboo")));
    QVERIFY(!button(dialog, "retryFailed")->isVisible()); // nothing failed
    QVERIFY(m_controller->revokeRun().cancelled);
    QCOMPARE(m_controller->revokeRun().notAttempted().size(), 3);

    QCOMPARE(serverApplications(),
             (QStringList{QStringLiteral("Deploy Dashboard"), QStringLiteral("laptop-cli"),
                          QStringLiteral("Release Radar")}));
    QTest::mouseClick(button(dialog, "closeRevoke"), Qt::LeftButton);
}

void TestBulkRevoke::revokeAllCancelledChangesNothing()
{
    const QStringList before = serverApplications();
    QCOMPARE(before.size(), 5);
    QVERIFY(button(m_page.get(), "revokeAllGrants")->isEnabled());
    QSignalSpy started(m_controller.get(), &MyAccessController::revokeStarted);
    ConfirmationDialog *dialog = clickConfirmed(button(m_page.get(), "revokeAllGrants"),
                                                m_page.get(), ConfirmationDialog::Answer::Cancel);
    QVERIFY(dialog);
    QCOMPARE(button(dialog, "confirmAccept")->text(), QStringLiteral("Revoke 5 grants"));
    // Each grant with what follows for its kind: applications lose access, tokens stop working.
    for (const AccessGrant &grant : m_controller->grants()) {
        const QString expected = grant.kind == GrantKind::PersonalToken
                                     ? QStringLiteral("Scripts and tools using %1 will be refused.")
                                     : QStringLiteral("%1 can then see only public data.");
        QVERIFY2(dialog->message().contains(expected.arg(grant.application)),
                 qPrintable(grant.application));
    }
    QCOMPARE(answerOf(dialog), std::optional<bool>(false));
    QCOMPARE(started.count(), 0);
    QVERIFY(!m_page->findChild<RevokeProgressDialog *>());
    QCOMPARE(serverApplications(), before);
}

void TestBulkRevoke::revokeAllEmptiesTheList()
{
    // Unfiltered: all is every grant. (With a filter typed, Revoke all takes only the rows shown:
    // tst_keyboard.)
    RevokeProgressDialog *dialog = confirmRevoke(button(m_page.get(), "revokeAllGrants"));
    QVERIFY(dialog);
    QSignalSpy summary(dialog, &RevokeProgressDialog::summaryShown);
    QSignalSpy reloaded(m_controller.get(), &MyAccessController::grantsChanged);
    QVERIFY(summary.wait(30000));
    QCOMPARE(dialog->headline(), QStringLiteral("Revoked all 5 grants."));
    QCOMPARE(serverApplications(), QStringList());
    // The reload may already have arrived while serverApplications() waited for its own answer.
    QVERIFY(!reloaded.isEmpty() || reloaded.wait(30000));
    QVERIFY(m_controller->grants().isEmpty());
    QVERIFY(!button(m_page.get(), "revokeAllGrants")->isEnabled());
    QTest::mouseClick(button(dialog, "closeRevoke"), Qt::LeftButton);
}

void TestBulkRevoke::manyGrantsKeepTheConfirmationShort()
{
    QList<AccessGrant> grants;
    for (int i = 1; i <= 25; ++i) {
        AccessGrant grant;
        grant.application = QStringLiteral("tool-%1").arg(i, 2, 10, QLatin1Char('0'));
        grants << grant;
    }
    const QString message = ConfirmationDialog::revokeMessage(grants);
    QVERIFY(message.startsWith(QStringLiteral("Revoke these 25 grants?")));
    QVERIFY(message.contains(QStringLiteral("tool-10 can then see only public data")));
    QVERIFY(!message.contains(QStringLiteral("tool-11")));
    QVERIFY2(message.contains(QStringLiteral("and 15 more")), qPrintable(message));
    QVERIFY(message.count(QLatin1Char('\n')) < 18);
    // A couple more than ten are simply named.
    const QString twelve = ConfirmationDialog::revokeMessage(grants.first(12));
    QVERIFY(twelve.contains(QStringLiteral("tool-12 can then see only public data")));
    QVERIFY(!twelve.contains(QStringLiteral("more")));
}

QTEST_MAIN(TestBulkRevoke)
#include "tst_bulkrevoke.moc"
