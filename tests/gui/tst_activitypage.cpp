// The Activity page over a real SQLite activity log: entries written by real revocations against
// trackersim (one succeeding, one failing) and by hand (one interrupted by a "crash", one still
// pending) are listed newest first, filtered as you type and by outcome, explained in the details
// pane, and exported as CSV with ISO 8601 times.
#include "GuiTestSupport.h"
#include "SimSession.h"
#include "services/GrantList.h"
#include "services/GrantRevoker.h"
#include "ui/ActivityModel.h"
#include "ui/ActivityPage.h"
#include "ui/TableExport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMainWindow>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace accessdesk;

class TestActivityPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void emptyStateExplains();
    void listsEveryEntryNewestFirst();
    void showsLocalTimeWithoutSeconds();
    void filtersAsYouType();
    void filtersByOutcome();
    void sortsByColumn();
    void detailsExplainInterrupted();
    void exportsFilteredRowsWithIsoTimes();
    void reloadKeepsSelection();

private:
    bool revoke(const QString &application);
    QStringList column(int column) const;
    int rowOf(const QString &targetPart) const;

    TempDatabase m_data;
    ActivityLog *m_log = nullptr; // owned by m_data
    SimSession m_session;
    std::unique_ptr<QMainWindow> m_window;
    ActivityPage *m_page = nullptr; // owned by m_window
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
    QList<ActivityEntry> m_written;
};

namespace {

// The page's controls, found by the object names ActivityPage gives them.
QTableView *activityTable(const QWidget *page)
{
    return child<QTableView>(page, QStringLiteral("activityTable"));
}

QLineEdit *activityFilter(const QWidget *page)
{
    return child<QLineEdit>(page, QStringLiteral("activityFilter"));
}

QComboBox *activityOutcome(const QWidget *page)
{
    return child<QComboBox>(page, QStringLiteral("activityOutcome"));
}

QTextBrowser *activityDetails(const QWidget *page)
{
    return child<QTextBrowser>(page, QStringLiteral("activityDetails"));
}

QPushButton *button(const QWidget *page, const char *name)
{
    return child<QPushButton>(page, QLatin1String(name));
}

} // namespace

void TestActivityPage::initTestCase()
{
    QVERIFY2(m_data.open(), qPrintable(m_data.errorString()));
    m_log = m_data.activityLog();

    m_page = new ActivityPage;
    m_window = frameFor(m_page, 2);
    m_modelTester = std::make_unique<QAbstractItemModelTester>(m_page->model());
    m_proxyTester = std::make_unique<QAbstractItemModelTester>(m_page->proxy());
    m_page->setActivityLog(m_log);
    m_window->show();

    ConnectionSettings settings;
    settings.maxAttempts = 1;
    QVERIFY2(m_session.start(QStringLiteral("alice"), settings), qPrintable(m_session.errorText()));
}

void TestActivityPage::cleanupTestCase()
{
    m_proxyTester.reset();
    m_modelTester.reset();
    m_window.reset();
    m_session.stop();
}

// Revokes one of alice's grants the way the app does, so the log holds what the app writes.
bool TestActivityPage::revoke(const QString &application)
{
    ListGrantsJob list(m_session.connection());
    QSignalSpy listed(&list, &ListGrantsJob::finished);
    list.start();
    if (!listed.wait(30000) || list.error().isError())
        return false;
    QList<AccessGrant> grants;
    for (const AccessGrant &grant : list.grants()) {
        if (grant.application == application)
            grants << grant;
    }
    if (grants.size() != 1)
        return false;
    RevokeGrantsJob job(m_session.connection(), grants, m_log,
                        m_session.who(QStringLiteral("demo")));
    QSignalSpy finished(&job, &RevokeGrantsJob::finished);
    job.start();
    return finished.wait(30000);
}

QStringList TestActivityPage::column(int column) const
{
    return columnTexts(activityTable(m_page)->model(), column);
}

int TestActivityPage::rowOf(const QString &targetPart) const
{
    const QStringList targets = column(ActivityModel::Target);
    for (int row = 0; row < targets.size(); ++row) {
        if (targets.at(row).contains(targetPart))
            return row;
    }
    return -1;
}

void TestActivityPage::emptyStateExplains()
{
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(!activityTable(m_page)->isVisible());
    const QLabel *empty = child<QLabel>(m_page, QStringLiteral("activityEmpty"));
    QVERIFY(empty->isVisible());
    const QString text = empty->text();
    QVERIFY2(text.contains(QStringLiteral("will be listed here")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("unknown (interrupted)")));
    QVERIFY(!button(m_page, "exportActivity")->isEnabled());
    saveScreenshot(m_window.get(), QStringLiteral("activity-empty"));
}

void TestActivityPage::listsEveryEntryNewestFirst()
{
    // An earlier run began a change and "crashed" before its answer came.
    {
        ActivityLog earlierRun(m_data.database());
        ActivityEntry entry;
        entry.profile = QStringLiteral("demo");
        entry.serverUrl = m_session.url();
        entry.user = QStringLiteral("alice");
        entry.action = QStringLiteral("revoke-grant");
        entry.target = QStringLiteral("personal access token crashed-mid-way (pat:999)");
        entry.time = QDateTime::currentDateTimeUtc().addSecs(-3600);
        QVERIFY(earlierRun.begin(entry) > 0);
    }
    QCOMPARE(m_log->markInterrupted(), 1);

    QVERIFY(revoke(QStringLiteral("ci-pipeline")));
    // The next revoke fails on the server: the log says so, with the reason.
    const QByteArray failOnce =
        R"({"method":"DELETE","path":"/rest/pat/latest/tokens/*","status":500,"times":1})";
    QVERIFY(m_session.server().addFault(failOnce));
    QVERIFY(revoke(QStringLiteral("laptop-cli")));

    // A change still under way in this run.
    ActivityEntry pending;
    pending.serverUrl = m_session.url();
    pending.user = QStringLiteral("alice");
    pending.action = QStringLiteral("create-pat");
    pending.target = QStringLiteral("personal access token nightly-build");
    QVERIFY(m_log->begin(pending) > 0);

    m_written = m_log->entries();
    QCOMPARE(m_written.size(), 4);
    m_page->reload();
    QVERIFY(activityTable(m_page)->isVisible());
    QCOMPARE(activityTable(m_page)->model()->rowCount(), 4);
    QVERIFY(button(m_page, "exportActivity")->isEnabled());

    // Newest first: the pending one, then the failed and succeeded revokes, then the crash.
    const QStringList targets = column(ActivityModel::Target);
    QVERIFY2(targets.at(0).contains(QStringLiteral("nightly-build")), qPrintable(targets.at(0)));
    QVERIFY(targets.at(1).contains(QStringLiteral("laptop-cli")));
    QVERIFY(targets.at(2).contains(QStringLiteral("ci-pipeline")));
    QVERIFY(targets.at(3).contains(QStringLiteral("crashed-mid-way")));
    const QStringList outcomes = column(ActivityModel::Outcome);
    QCOMPARE(outcomes,
             (QStringList{QStringLiteral("in progress"), QStringLiteral("failed"),
                          QStringLiteral("succeeded"), QStringLiteral("unknown (interrupted)")}));
    QCOMPARE(column(ActivityModel::Action).at(2), QStringLiteral("Revoke access"));
    QCOMPARE(column(ActivityModel::User).at(2), QStringLiteral("alice"));
    QCOMPARE(column(ActivityModel::Server).at(2), m_session.url());
    QVERIFY(!column(ActivityModel::Error).at(1).isEmpty()); // the failure says why
    QVERIFY(column(ActivityModel::Error).at(2).isEmpty());
}

void TestActivityPage::showsLocalTimeWithoutSeconds()
{
    static const QRegularExpression withSeconds(QStringLiteral("\\d:\\d\\d:\\d\\d"));
    const QAbstractItemModel *model = activityTable(m_page)->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex when = model->index(row, ActivityModel::When);
        const QString text = when.data().toString();
        const QDateTime utc = when.data(ActivityModel::RawValueRole).toDateTime();
        QVERIFY2(!withSeconds.match(text).hasMatch(), qPrintable(text));
        const QLocale locale;
        QString format = locale.dateTimeFormat(QLocale::ShortFormat);
        format.remove(QStringLiteral(":ss"));
        QCOMPARE(text, locale.toString(utc.toLocalTime(), format));
    }
}

void TestActivityPage::filtersAsYouType()
{
    QTest::keyClicks(activityFilter(m_page), QStringLiteral("LAPTOP"));
    QCOMPARE(activityTable(m_page)->model()->rowCount(), 1);
    QVERIFY(column(ActivityModel::Target).at(0).contains(QStringLiteral("laptop-cli")));
    activityFilter(m_page)->clear();
    QTest::keyClicks(activityFilter(m_page), QStringLiteral("no such thing"));
    QCOMPARE(activityTable(m_page)->model()->rowCount(), 0);
    activityFilter(m_page)->clear();
    QCOMPARE(activityTable(m_page)->model()->rowCount(), 4);
}

void TestActivityPage::filtersByOutcome()
{
    QComboBox *outcome = activityOutcome(m_page);
    const auto only = [&](ActivityPage::OutcomeChoice choice) {
        outcome->setCurrentIndex(choice);
        return column(ActivityModel::Target);
    };
    QStringList shown = only(ActivityPage::InterruptedOnly);
    QCOMPARE(shown.size(), 1);
    QVERIFY(shown.at(0).contains(QStringLiteral("crashed-mid-way")));
    shown = only(ActivityPage::FailedOnly);
    QCOMPARE(shown.size(), 1);
    QVERIFY(shown.at(0).contains(QStringLiteral("laptop-cli")));
    shown = only(ActivityPage::SucceededOnly);
    QCOMPARE(shown.size(), 1);
    QVERIFY(shown.at(0).contains(QStringLiteral("ci-pipeline")));
    shown = only(ActivityPage::PendingOnly);
    QCOMPARE(shown.size(), 1);
    QVERIFY(shown.at(0).contains(QStringLiteral("nightly-build")));
    // Both filters at once.
    outcome->setCurrentIndex(ActivityPage::AllOutcomes);
    QTest::keyClicks(activityFilter(m_page), QStringLiteral("personal access token"));
    QCOMPARE(column(ActivityModel::Target).size(), 4);
    outcome->setCurrentIndex(ActivityPage::FailedOnly);
    QCOMPARE(column(ActivityModel::Target).size(), 1);
    outcome->setCurrentIndex(ActivityPage::AllOutcomes);
    activityFilter(m_page)->clear();
    QCOMPARE(column(ActivityModel::Target).size(), 4);
}

void TestActivityPage::sortsByColumn()
{
    QTableView *table = activityTable(m_page);
    QVERIFY(table->isSortingEnabled());
    table->sortByColumn(ActivityModel::Outcome, Qt::AscendingOrder);
    const QStringList ascending = column(ActivityModel::Outcome);
    table->sortByColumn(ActivityModel::Outcome, Qt::DescendingOrder);
    const QStringList descending = column(ActivityModel::Outcome);
    QCOMPARE(ascending, QStringList(descending.crbegin(), descending.crend()));
    QCOMPARE(ascending.first(), QStringLiteral("failed"));
    table->sortByColumn(ActivityModel::When, Qt::AscendingOrder);
    QVERIFY(column(ActivityModel::Target).first().contains(QStringLiteral("crashed-mid-way")));
    table->sortByColumn(ActivityModel::When, Qt::DescendingOrder);
    QVERIFY(column(ActivityModel::Target).first().contains(QStringLiteral("nightly-build")));
}

void TestActivityPage::detailsExplainInterrupted()
{
    QVERIFY(activityDetails(m_page)->toPlainText().contains(QStringLiteral("Select an entry")));
    const int row = rowOf(QStringLiteral("crashed-mid-way"));
    QVERIFY(row >= 0);
    activityTable(m_page)->selectRow(row);
    const QString details = activityDetails(m_page)->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("unknown (interrupted)")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("not known whether")));
    QVERIFY(details.contains(QStringLiteral("Profile: demo")));
    QVERIFY(details.contains(m_session.url()));

    activityTable(m_page)->selectRow(rowOf(QStringLiteral("laptop-cli")));
    const QString failed = activityDetails(m_page)->toPlainText();
    QVERIFY2(failed.contains(QStringLiteral("Outcome: failed")), qPrintable(failed));
    QVERIFY(failed.contains(QStringLiteral("Error: ")));
    QVERIFY(failed.contains(QStringLiteral("Completed: ")));
    saveScreenshot(m_window.get(), QStringLiteral("activity"));
}

void TestActivityPage::exportsFilteredRowsWithIsoTimes()
{
    activityOutcome(m_page)->setCurrentIndex(ActivityPage::AllOutcomes);
    QTest::keyClicks(activityFilter(m_page), QStringLiteral("personal access token"));
    activityOutcome(m_page)->setCurrentIndex(ActivityPage::SucceededOnly);
    QCOMPARE(activityTable(m_page)->model()->rowCount(), 1);

    // Through the button and the file dialog, as a user would.
    const QString path = m_data.filePath(QStringLiteral("activity-export.csv"));
    QVERIFY(saveThroughFileDialog(button(m_page, "exportActivity"), m_page, path));
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QList<QStringList> rows = parseCsv(file.readAll());

    QCOMPARE(rows.size(), 2); // header + the one succeeded revoke
    const QStringList header = rows.at(0);
    QCOMPARE(header.size(), int(ActivityModel::ColumnCount));
    QCOMPARE(header.at(ActivityModel::When), QStringLiteral("When"));
    const QStringList row = rows.at(1);
    QVERIFY(row.at(ActivityModel::Target).contains(QStringLiteral("ci-pipeline")));
    QCOMPARE(row.at(ActivityModel::Outcome), QStringLiteral("succeeded"));
    QCOMPARE(row.at(ActivityModel::Action), QStringLiteral("revoke-grant"));
    QCOMPARE(row.at(ActivityModel::Profile), QStringLiteral("demo"));

    ActivityEntry written;
    for (const ActivityEntry &entry : std::as_const(m_written)) {
        if (entry.target.contains(QStringLiteral("ci-pipeline")))
            written = entry;
    }
    const QDateTime when = QDateTime::fromString(row.at(ActivityModel::When), Qt::ISODate);
    QVERIFY2(when.isValid(), qPrintable(row.at(ActivityModel::When)));
    QVERIFY(row.at(ActivityModel::When).endsWith(QLatin1Char('Z')));
    QCOMPARE(when.toSecsSinceEpoch(), written.time.toSecsSinceEpoch());
    const QDateTime completed =
        QDateTime::fromString(row.at(ActivityModel::Completed), Qt::ISODate);
    QCOMPARE(completed.toSecsSinceEpoch(), written.completedAt.toSecsSinceEpoch());

    activityOutcome(m_page)->setCurrentIndex(ActivityPage::AllOutcomes);
    activityFilter(m_page)->clear();
    const QList<QStringList> all = parseCsv(TableExport::toCsv(*m_page->proxy()));
    QCOMPARE(all.size(), 5);
    // A pending or interrupted entry has no completion time: the cell is empty, not "invalid".
    for (qsizetype i = 1; i < all.size(); ++i) {
        const bool done = all.at(i).at(ActivityModel::Outcome) == QLatin1String("succeeded") ||
                          all.at(i).at(ActivityModel::Outcome) == QLatin1String("failed");
        QCOMPARE(all.at(i).at(ActivityModel::Completed).isEmpty(), !done);
    }
}

void TestActivityPage::reloadKeepsSelection()
{
    activityTable(m_page)->selectRow(rowOf(QStringLiteral("ci-pipeline")));
    ActivityEntry later;
    later.serverUrl = m_session.url();
    later.user = QStringLiteral("alice");
    later.action = QStringLiteral("revoke-grant");
    later.target = QStringLiteral("OAuth 1.0a token of Bamboo (oauth1:abc)");
    const qint64 id = m_log->begin(later);
    QVERIFY(id > 0);
    QVERIFY(m_log->complete(id, ActivityOutcome::Succeeded));

    QTest::mouseClick(button(m_page, "refreshActivity"), Qt::LeftButton);
    QCOMPARE(activityTable(m_page)->model()->rowCount(), 5);
    QVERIFY(activityDetails(m_page)->toPlainText().contains(QStringLiteral("ci-pipeline")));
    // Showing the page again reads the log again.
    m_window->hide();
    QVERIFY(m_log->complete(m_log->begin(later), ActivityOutcome::Failed, QStringLiteral("x")));
    m_window->show();
    QCOMPARE(activityTable(m_page)->model()->rowCount(), 6);
}

QTEST_MAIN(TestActivityPage)
#include "tst_activitypage.moc"
