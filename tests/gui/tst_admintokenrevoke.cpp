// Administration → Personal tokens, revoking, against a real trackersim with 3,000 generated
// tokens on the offscreen platform, with a real SQLite activity log: "Revoke selected" behind the
// confirmation (Cancel changes nothing; confirmed, each token's outcome is shown and verified by
// the server's own listing read over plain HTTP); the stale-token sweep — never used, previewed
// count equal to an independent count, revoked and verified, receipt written 0600 (and a receipt
// that cannot be written says why); a batch the server refuses, shown with its reason; Cancel
// between batches leaving the rest "not attempted".
#include "GuiTestSupport.h"
#include "PersonalTokenModel.h"
#include "SimSession.h"
#include "TokenTestSupport.h"
#include "services/AdminTokenController.h"
#include "services/TokenSweepController.h"
#include "ui/AdminTokensTab.h"
#include "ui/TokenOutcomeModel.h"

#include <QAbstractItemModelTester>
#include <QDialog>
#include <QFile>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <memory>

using namespace accessdesk;

namespace {

QSet<qint64> idsOf(const QJsonArray &tokens, const std::function<bool(const QJsonObject &)> &keep)
{
    QSet<qint64> ids;
    for (const QJsonValue &token : tokens) {
        if (keep(token.toObject()))
            ids.insert(token.toObject().value(QStringLiteral("id")).toInteger());
    }
    return ids;
}

bool neverUsed(const QJsonObject &token)
{
    return !timeOf(token, "lastAccessedAt").isValid();
}

// The outcome column of a sweep's table, each outcome with how many tokens have it.
QMap<QString, int> outcomesShown(const QDialog *dialog)
{
    QMap<QString, int> outcomes;
    const QAbstractItemModel *model = child<QTableView>(dialog, "outcomeTable")->model();
    for (const QString &outcome : columnTexts(model, TokenOutcomeModel::Outcome))
        ++outcomes[outcome];
    return outcomes;
}

} // namespace

class TestAdminTokenRevoke final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void revokeSelectedCancelledChangesNothing();
    void revokeSelectedShowsEachVerifiedOutcome();
    void sweepsNeverUsedTokensWithReceipt();
    void refusedBatchIsShownWithItsReason();
    void cancelLeavesTheRestNotAttempted();
    void profileSwitchStopsAnOpenSweep();

private:
    bool searchOwner(const QString &owner);
    bool selectTokens(const QStringList &names);
    QDialog *openSweep();
    bool findMatches(QDialog *dialog);
    bool revokeConfirmed(QDialog *dialog, QString *message = nullptr);
    static TokenSweepController *sweepOf(const QDialog *dialog);
    static bool waitStage(TokenSweepController *sweep, TokenSweepController::Stage stage);
    QSet<qint64> serverIds(const std::function<bool(const QJsonObject &)> &keep) const;

    TempDatabase m_data;
    SimSession m_session{{QStringLiteral("--seed"), QStringLiteral("scale:3000")}};
    std::unique_ptr<AdminTokenController> m_controller;
    AdminTokensTab *m_tab = nullptr;
    std::unique_ptr<QMainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestAdminTokenRevoke::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    QVERIFY2(m_session.start(QStringLiteral("admin"), withoutRetries()),
             qPrintable(m_session.errorText()));
    m_controller = std::make_unique<AdminTokenController>(
        m_session.connection(), m_data.activityLog(), m_session.who(QStringLiteral("demo")));
    m_tab = new AdminTokensTab(m_controller.get());
    m_window = frameFor(m_tab, 1);
    m_tester =
        std::make_unique<QAbstractItemModelTester>(child<QTableView>(m_tab, "table")->model());
    m_window->show();
    QVERIFY(waitSearchEnded(m_controller.get()));
    QCOMPARE(m_controller->searchState(), AdminTokenController::SearchState::Completed);
}

void TestAdminTokenRevoke::cleanupTestCase()
{
    m_tester.reset();
    m_window.reset();
    m_controller.reset();
    m_session.stop();
}

QSet<qint64>
TestAdminTokenRevoke::serverIds(const std::function<bool(const QJsonObject &)> &keep) const
{
    const auto all = allTokensOnServer(m_session.server());
    return all ? idsOf(*all, keep) : QSet<qint64>{-1};
}

bool TestAdminTokenRevoke::searchOwner(const QString &owner)
{
    child<QPushButton>(m_tab, "clearSearch")->click();
    child<QLineEdit>(m_tab, "tokenOwner")->setText(owner);
    QTest::mouseClick(child<QPushButton>(m_tab, "searchTokens"), Qt::LeftButton);
    return waitSearchEnded(m_controller.get()) &&
           m_controller->searchState() == AdminTokenController::SearchState::Completed;
}

bool TestAdminTokenRevoke::selectTokens(const QStringList &names)
{
    QTableView *table = child<QTableView>(m_tab, "table");
    table->clearSelection();
    for (const QString &name : names) {
        const int row = rowOf(table->model(), PersonalTokenModel::Name, name);
        if (row < 0)
            return false;
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    return table->selectionModel()->selectedRows().size() == names.size();
}

TokenSweepController *TestAdminTokenRevoke::sweepOf(const QDialog *dialog)
{
    auto *sweep = dialog->findChild<TokenSweepController *>();
    if (!sweep)
        qFatal("the dialog has no sweep");
    return sweep;
}

bool TestAdminTokenRevoke::waitStage(TokenSweepController *sweep, TokenSweepController::Stage stage)
{
    return waitUntil(
        sweep, &TokenSweepController::stageChanged,
        [sweep, stage] { return sweep->stage() == stage; }, 120000);
}

QDialog *TestAdminTokenRevoke::openSweep()
{
    QPushButton *button = child<QPushButton>(m_tab, "sweepTokens");
    if (!button->isEnabled())
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    // An earlier dialog may still wait for its deletion.
    const QList<QDialog *> dialogs =
        m_tab->findChildren<QDialog *>(QStringLiteral("tokenSweepDialog"));
    for (QDialog *dialog : dialogs) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

bool TestAdminTokenRevoke::findMatches(QDialog *dialog)
{
    QTest::mouseClick(child<QPushButton>(dialog, "findTokens"), Qt::LeftButton);
    return waitStage(sweepOf(dialog), TokenSweepController::Stage::Chosen);
}

bool TestAdminTokenRevoke::revokeConfirmed(QDialog *dialog, QString *message)
{
    ConfirmationDialog *question = clickConfirmed(child<QPushButton>(dialog, "revokeMatches"),
                                                  dialog, ConfirmationDialog::Answer::Accept);
    if (!question)
        return false;
    if (message)
        *message = question->message();
    return answerOf(question) == std::optional<bool>(true);
}

void TestAdminTokenRevoke::revokeSelectedCancelledChangesNothing()
{
    QVERIFY(searchOwner(QStringLiteral("bob")));
    const QSet<qint64> before = serverIds([](const QJsonObject &) { return true; });
    const qsizetype logged = m_data.activityLog()->entries().size();
    QVERIFY(selectTokens({QStringLiteral("reporting")}));
    QVERIFY(child<QPushButton>(m_tab, "revokeTokens")->isEnabled());

    ConfirmationDialog *question = clickConfirmed(child<QPushButton>(m_tab, "revokeTokens"), m_tab,
                                                  ConfirmationDialog::Answer::Cancel);
    QVERIFY(question);
    const QString message = question->message();
    QVERIFY2(message.startsWith(QStringLiteral("Revoke this personal access token?")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("• “reporting” of Bob Baker (bob)")),
             qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("Scripts and tools that use it will be refused by "
                                            "Jira from then on.")));
    QCOMPARE(child<QPushButton>(question, QStringLiteral("confirmAccept"))->text(),
             QStringLiteral("Revoke token"));
    QVERIFY(child<QPushButton>(question, QStringLiteral("confirmCancel"))->isDefault());
    QCOMPARE(answerOf(question), std::optional<bool>(false));

    QVERIFY(!m_tab->findChild<QDialog *>(QStringLiteral("tokenSweepDialog")));
    QCOMPARE(serverIds([](const QJsonObject &) { return true; }), before);
    QCOMPARE(m_data.activityLog()->entries().size(), logged);
    QCOMPARE(child<QTableView>(m_tab, "table")->model()->rowCount(), 2);
}

void TestAdminTokenRevoke::revokeSelectedShowsEachVerifiedOutcome()
{
    QVERIFY(searchOwner(QStringLiteral("bob")));
    QVERIFY(selectTokens({QStringLiteral("reporting"), QStringLiteral("old-import")}));
    const qsizetype logged = m_data.activityLog()->entries().size();
    const qint64 listed = m_controller->checkedCount();
    QSignalSpy finished(m_controller.get(), &AdminTokenController::revokeFinished);
    ConfirmationDialog *question = clickConfirmed(child<QPushButton>(m_tab, "revokeTokens"), m_tab,
                                                  ConfirmationDialog::Answer::Accept);
    QVERIFY(question);
    QVERIFY(
        question->message().startsWith(QStringLiteral("Revoke these 2 personal access tokens?")));
    QCOMPARE(child<QPushButton>(question, QStringLiteral("confirmAccept"))->text(),
             QStringLiteral("Revoke 2 tokens"));
    QCOMPARE(answerOf(question), std::optional<bool>(true));
    QVERIFY(finished.wait(60000));

    // Each token's outcome, as the verifying search found it.
    auto *dialog = m_tab->findChild<QDialog *>(QStringLiteral("tokenSweepDialog"));
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(child<QLabel>(dialog, "sweepHeadline")->text(),
             QStringLiteral("Revoked all 2 tokens; the server no longer lists them."));
    QCOMPARE(outcomesShown(dialog), (QMap<QString, int>{{QStringLiteral("revoked"), 2}}));
    QVERIFY2(child<QLabel>(dialog, "sweepSummary")
                 ->text()
                 .contains(QStringLiteral("Revoked, and no longer listed by the server: 2")),
             qPrintable(child<QLabel>(dialog, "sweepSummary")->text()));

    // Gone on the server, and from the tab without searching again.
    QVERIFY(serverIds([](const QJsonObject &token) {
                return ownerNameOf(token) == QLatin1String("bob");
            }).isEmpty());
    QCOMPARE(child<QTableView>(m_tab, "table")->model()->rowCount(), 0);
    QCOMPARE(m_controller->checkedCount(), listed);

    // Recorded: who, where, what, and that it worked.
    const QList<ActivityEntry> entries = m_data.activityLog()->entries();
    QCOMPARE(entries.size(), logged + 2);
    QStringList targets;
    for (const ActivityEntry &entry : entries.first(2)) {
        QCOMPARE(entry.action, QStringLiteral("admin-revoke-pat"));
        QCOMPARE(entry.outcome, ActivityOutcome::Succeeded);
        QCOMPARE(entry.user, QStringLiteral("admin"));
        QCOMPARE(entry.profile, QStringLiteral("demo"));
        QCOMPARE(entry.serverUrl, m_session.url());
        QVERIFY(entry.target.contains(QStringLiteral("of bob")));
        targets << entry.target;
    }
    QVERIFY(targets.join(QLatin1Char(' ')).contains(QStringLiteral("“reporting”")));
    QVERIFY(targets.join(QLatin1Char(' ')).contains(QStringLiteral("“old-import”")));
    child<QPushButton>(dialog, "closeSweep")->click();
}

void TestAdminTokenRevoke::sweepsNeverUsedTokensWithReceipt()
{
    QVERIFY(searchOwner(QString()));
    const int rowsBefore = child<QTableView>(m_tab, "table")->model()->rowCount();
    const QSet<qint64> expected = serverIds(neverUsed);
    QVERIFY(expected.size() > 900);
    const qsizetype logged = m_data.activityLog()->entries().size();

    QDialog *dialog = openSweep();
    QVERIFY(dialog);
    QVERIFY(child<QRadioButton>(dialog, "neverUsedRule")->isChecked());
    QVERIFY(!child<QPushButton>(dialog, "revokeMatches")->isEnabled());
    QVERIFY(findMatches(dialog));

    // Exactly the tokens the server's own listing says were never used, and whose they are.
    const QAbstractItemModel *preview = child<QTableView>(dialog, "previewTable")->model();
    QSet<qint64> previewed;
    QSet<QString> owners;
    for (int row = 0; row < preview->rowCount(); ++row) {
        previewed.insert(preview->index(row, 0).data(PersonalTokenModel::TokenIdRole).toLongLong());
        owners.insert(preview->index(row, PersonalTokenModel::Owner).data().toString());
    }
    QCOMPARE(previewed, expected);
    QCOMPARE(child<QLabel>(dialog, "previewStatus")->text(),
             QStringLiteral("%1 tokens match the rule, of %2 users.")
                 .arg(QLocale().toString(expected.size()), QLocale().toString(owners.size())));
    QCOMPARE(child<QPushButton>(dialog, "revokeMatches")->text(),
             QStringLiteral("Revoke %1 tokens…").arg(QLocale().toString(expected.size())));

    QString question;
    QVERIFY(revokeConfirmed(dialog, &question));
    QVERIFY2(question.startsWith(QStringLiteral("Revoke these %1 personal access tokens, which are "
                                                "never used?")
                                     .arg(QLocale().toString(expected.size()))),
             qPrintable(question));
    QVERIFY(question.contains(
        QStringLiteral("• …and %1 more.").arg(QLocale().toString(expected.size() - 10))));
    TokenSweepController *sweep = sweepOf(dialog);
    QVERIFY(waitStage(sweep, TokenSweepController::Stage::Done));

    // All revoked, and the server agrees.
    QCOMPARE(outcomesShown(dialog),
             (QMap<QString, int>{{QStringLiteral("revoked"), int(expected.size())}}));
    QCOMPARE(child<QLabel>(dialog, "sweepHeadline")->text(),
             QStringLiteral("Revoked all %1 tokens; the server no longer lists them.")
                 .arg(QLocale().toString(expected.size())));
    QVERIFY(serverIds(neverUsed).isEmpty());
    QCOMPARE(child<QTableView>(m_tab, "table")->model()->rowCount(), rowsBefore - expected.size());
    const QList<ActivityEntry> entries = m_data.activityLog()->entries();
    QCOMPARE(entries.size(), logged + expected.size());
    for (const ActivityEntry &entry : entries.first(expected.size()))
        QCOMPARE(entry.outcome, ActivityOutcome::Succeeded);

    // A receipt that cannot be written says why, and loses nothing.
    QTemporaryDir folder;
    const QString link = folder.filePath(QStringLiteral("dangling.csv"));
    QVERIFY(QFile::link(folder.filePath(QStringLiteral("nowhere/else.csv")), link));
    QVERIFY(saveThroughFileDialog(child<QPushButton>(dialog, "saveReceipt"), dialog, link));
    const QLabel *problem = child<QLabel>(dialog, "sweepProblem");
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().startsWith(QStringLiteral("The receipt could not be saved.")) &&
                 problem->text().contains(QStringLiteral("is a link")),
             qPrintable(problem->text()));

    // The receipt: readable by its owner only, one row per token with its outcome.
    const QString path = folder.filePath(QStringLiteral("sweep.csv"));
    QVERIFY(saveThroughFileDialog(child<QPushButton>(dialog, "saveReceipt"), dialog, path));
    QVERIFY(!problem->isVisible());
    QVERIFY(child<QLabel>(dialog, "receiptStatus")->text().contains(path));
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parseCsv(file.readAll());
    QCOMPARE(rows.value(0), (QStringList{QStringLiteral("id"), QStringLiteral("name"),
                                         QStringLiteral("owner"), QStringLiteral("created"),
                                         QStringLiteral("expires"), QStringLiteral("last used"),
                                         QStringLiteral("outcome"), QStringLiteral("error")}));
    QCOMPARE(rows.size(), expected.size() + 1);
    QSet<qint64> receipted;
    for (const QStringList &row : rows.mid(1)) {
        receipted.insert(row.at(0).toLongLong());
        QCOMPARE(row.at(6), QStringLiteral("revoked"));
        QVERIFY(row.at(5).isEmpty()); // never used
    }
    QCOMPARE(receipted, expected);
    child<QPushButton>(dialog, "closeSweep")->click();
}

void TestAdminTokenRevoke::refusedBatchIsShownWithItsReason()
{
    const auto expired = [](const QJsonObject &token) {
        const QDateTime expires = timeOf(token, "expiringAt");
        return expires.isValid() && expires <= QDateTime::currentDateTimeUtc();
    };
    const QSet<qint64> expected = serverIds(expired);
    QVERIFY(expected.size() > 100);

    QDialog *dialog = openSweep();
    QVERIFY(dialog);
    child<QRadioButton>(dialog, "expiredRule")->click();
    QVERIFY(findMatches(dialog));
    QCOMPARE(sweepOf(dialog)->tokens().size(), expected.size());
    sweepOf(dialog)->setBatchSize(50);
    // The first batch is refused; the others go through.
    const QJsonObject refusal{{QStringLiteral("errorMessages"),
                               QJsonArray{QStringLiteral("The token store is read-only.")}}};
    QVERIFY(m_session.server().addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("DELETE")},
                    {QStringLiteral("path"), QStringLiteral("/rest/pat/latest/admin/tokens")},
                    {QStringLiteral("status"), 500},
                    {QStringLiteral("contentType"), QStringLiteral("application/json")},
                    {QStringLiteral("body"), QString::fromUtf8(QJsonDocument(refusal).toJson())},
                    {QStringLiteral("times"), 1}}));
    QVERIFY(revokeConfirmed(dialog));
    QVERIFY(waitStage(sweepOf(dialog), TokenSweepController::Stage::Done));
    QVERIFY(m_session.server().clearFaults());

    const int total = int(expected.size());
    QCOMPARE(outcomesShown(dialog), (QMap<QString, int>{{QStringLiteral("not revoked"), 50},
                                                        {QStringLiteral("revoked"), total - 50}}));
    QCOMPARE(child<QLabel>(dialog, "sweepHeadline")->text(),
             QStringLiteral("%1 of %2 tokens revoked.")
                 .arg(QLocale().toString(total - 50), QLocale().toString(total)));
    const QString summary = child<QLabel>(dialog, "sweepSummary")->text();
    QVERIFY2(summary.contains(QStringLiteral("Not revoked, still listed by the server: 50")),
             qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("The token store is read-only.")) &&
                 summary.contains(QStringLiteral("(50 tokens)")),
             qPrintable(summary));
    // The server still has exactly the refused batch.
    QCOMPARE(serverIds(expired).size(), 50);
    child<QPushButton>(dialog, "closeSweep")->click();
}

void TestAdminTokenRevoke::cancelLeavesTheRestNotAttempted()
{
    QDialog *dialog = openSweep();
    QVERIFY(dialog);
    child<QSpinBox>(dialog, "unusedDays")->setValue(60); // picks its rule
    QVERIFY(child<QRadioButton>(dialog, "unusedRule")->isChecked());
    QVERIFY(findMatches(dialog));
    TokenSweepController *sweep = sweepOf(dialog);
    const int total = int(sweep->tokens().size());
    QVERIFY(total > 100);
    sweep->setBatchSize(10);
    QVERIFY(m_session.server().addFault(
        R"({"method":"DELETE","path":"/rest/pat/latest/admin/tokens","action":"latency",)"
        R"("delayMs":200})"));
    QSignalSpy progress(sweep, &TokenSweepController::sweepProgress);
    QVERIFY(revokeConfirmed(dialog));
    // After the first batch the second is on its way; Cancel stops the rest.
    QVERIFY(progress.wait(60000));
    QCOMPARE(progress.first().at(0).toInt(), 10);
    child<QPushButton>(dialog, "cancelSweep")->click();
    QVERIFY(waitStage(sweep, TokenSweepController::Stage::Done));
    QVERIFY(m_session.server().clearFaults());

    QCOMPARE(outcomesShown(dialog),
             (QMap<QString, int>{{QStringLiteral("revoked"), 20},
                                 {QStringLiteral("not attempted"), total - 20}}));
    QCOMPARE(
        child<QLabel>(dialog, "sweepHeadline")->text(),
        QStringLiteral("You cancelled: 20 of %1 tokens revoked.").arg(QLocale().toString(total)));
    QVERIFY(child<QLabel>(dialog, "sweepSummary")
                ->text()
                .contains(QStringLiteral("Not attempted, never sent: %1")
                              .arg(QLocale().toString(total - 20))));
    // What was not sent is still there.
    QSet<qint64> notAttempted;
    for (const TokenSweep::Item &item : sweep->results()) {
        if (item.outcome == TokenSweep::Outcome::NotAttempted)
            notAttempted.insert(item.token.id);
    }
    const QSet<qint64> onServer = serverIds([](const QJsonObject &) { return true; });
    QVERIFY(onServer.contains(notAttempted));
    child<QPushButton>(dialog, "closeSweep")->click();
}

void TestAdminTokenRevoke::profileSwitchStopsAnOpenSweep()
{
    QDialog *dialog = openSweep();
    QVERIFY(dialog);
    child<QSpinBox>(dialog, "expiringDays")->setValue(365);
    QVERIFY(findMatches(dialog));
    QVERIFY(child<QPushButton>(dialog, "revokeMatches")->isEnabled());
    // The app switches servers (here: to the same one again) while the dialog is open.
    m_controller->setConnection(m_session.connection(), m_session.who(QStringLiteral("demo")));
    QCOMPARE(sweepOf(dialog)->stage(), TokenSweepController::Stage::Detached);
    QVERIFY(!child<QPushButton>(dialog, "revokeMatches")->isEnabled());
    QVERIFY(!child<QPushButton>(dialog, "findTokens")->isEnabled());
    const QLabel *problem = child<QLabel>(dialog, "previewProblem");
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QStringLiteral("switched to another server")),
             qPrintable(problem->text()));
    // The tab forgot the old list and waits for its next search.
    QCOMPARE(child<QTableView>(m_tab, "table")->model()->rowCount(), 0);
    QVERIFY(!child<QPushButton>(m_tab, "sweepTokens")->isEnabled());
    child<QPushButton>(dialog, "closeSweep")->click();
}

QTEST_MAIN(TestAdminTokenRevoke)
#include "tst_admintokenrevoke.moc"
