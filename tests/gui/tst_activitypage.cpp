// The Activity page over a real SQLite activity log: entries written by real revocations against
// trackersim (one succeeding, one failing) and by hand (one interrupted by a "crash", one still
// pending) are listed newest first, filtered as you type and by outcome, explained in the details
// pane, and exported as CSV with ISO 8601 times.
#include "SimProcess.h"
#include "api/ServerConnection.h"
#include "auth/BasicCredentials.h"
#include "services/GrantList.h"
#include "services/GrantRevoker.h"
#include "storage/ActivityLog.h"
#include "storage/Database.h"
#include "ui/ActivityModel.h"
#include "ui/ActivityPage.h"
#include "ui/TableExport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace accessdesk;

namespace {

// RFC 4180, as CsvWriter writes it (quoted cells may hold commas, quotes and line breaks).
QList<QStringList> parseCsv(QByteArray data)
{
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    const QString text = QString::fromUtf8(data);
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() &&
                text.at(i + 1) == QLatin1Char('"')) {
                cell += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << cell;
            cell.clear();
        } else if (c == QLatin1Char('\n')) {
            row << cell;
            cell.clear();
            rows << row;
            row.clear();
        } else if (c != QLatin1Char('\r')) {
            cell += c;
        }
    }
    if (!cell.isEmpty() || !row.isEmpty())
        rows << (row << cell);
    return rows;
}

// The page as the app shows it: beside the navigation list, in a 1280×800 window.
std::unique_ptr<QMainWindow> frameFor(QWidget *page, int currentRow)
{
    auto window = std::make_unique<QMainWindow>();
    auto *central = new QWidget(window.get());
    auto *layout = new QHBoxLayout(central);
    auto *navigation = new QListWidget(central);
    navigation->addItems({QStringLiteral("My access"), QStringLiteral("Administration"),
                          QStringLiteral("Activity"), QStringLiteral("Connection")});
    navigation->setSpacing(4);
    navigation->setFixedWidth(navigation->sizeHintForColumn(0) + 40);
    navigation->setCurrentRow(currentRow);
    layout->addWidget(navigation);
    layout->addWidget(page, 1);
    window->setCentralWidget(central);
    window->statusBar()->showMessage(QStringLiteral("Connected"));
    window->resize(1280, 800);
    return window;
}

// With ACCESSDESK_SCREENSHOT_DIR set (run under Xvfb), the window is saved there as PNG.
void saveShot(QWidget *window, const QString &name)
{
    const QString dir = qEnvironmentVariable("ACCESSDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

} // namespace

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

    QTemporaryDir m_dir;
    std::unique_ptr<SimProcess> m_sim;
    QNetworkAccessManager m_network;
    std::unique_ptr<ServerConnection> m_connection;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ActivityLog> m_log;
    std::unique_ptr<QMainWindow> m_window;
    ActivityPage *m_page = nullptr; // owned by m_window
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
    QList<ActivityEntry> m_written;
};

void TestActivityPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_database = std::make_unique<Database>();
    QVERIFY2(m_database->open(m_dir.filePath(QStringLiteral("accessdesk.sqlite"))),
             qPrintable(m_database->errorString()));
    m_log = std::make_unique<ActivityLog>(*m_database);

    m_page = new ActivityPage;
    m_window = frameFor(m_page, 2);
    m_modelTester = std::make_unique<QAbstractItemModelTester>(m_page->model());
    m_proxyTester = std::make_unique<QAbstractItemModelTester>(m_page->proxy());
    m_page->setActivityLog(m_log.get());
    m_window->show();

    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    settings.maxAttempts = 1;
    m_connection = std::make_unique<ServerConnection>(
        &m_network, settings,
        std::make_shared<BasicCredentials>(QStringLiteral("alice"), QStringLiteral("alice")));
}

void TestActivityPage::cleanupTestCase()
{
    m_proxyTester.reset();
    m_modelTester.reset();
    m_window.reset();
    m_log.reset();
    m_database.reset();
    m_connection.reset();
    m_sim.reset();
}

// Revokes one of alice's grants the way the app does, so the log holds what the app writes.
bool TestActivityPage::revoke(const QString &application)
{
    ListGrantsJob list(m_connection.get());
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
    RevokeGrantsJob job(m_connection.get(), grants, m_log.get(),
                        {QStringLiteral("demo"), m_sim->url(), QStringLiteral("alice")});
    QSignalSpy finished(&job, &RevokeGrantsJob::finished);
    job.start();
    return finished.wait(30000);
}

QStringList TestActivityPage::column(int column) const
{
    QStringList texts;
    const QAbstractItemModel *model = m_page->table()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        texts << model->index(row, column).data().toString();
    return texts;
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
    QVERIFY(!m_page->table()->isVisible());
    QVERIFY(m_page->emptyState()->isVisible());
    const QString text = m_page->emptyState()->text();
    QVERIFY2(text.contains(QStringLiteral("will be listed here")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("unknown (interrupted)")));
    QVERIFY(!m_page->exportButton()->isEnabled());
    saveShot(m_window.get(), QStringLiteral("activity-empty"));
}

void TestActivityPage::listsEveryEntryNewestFirst()
{
    // An earlier run began a change and "crashed" before its answer came.
    {
        ActivityLog earlierRun(*m_database);
        ActivityEntry entry;
        entry.profile = QStringLiteral("demo");
        entry.serverUrl = m_sim->url();
        entry.user = QStringLiteral("alice");
        entry.action = QStringLiteral("revoke-grant");
        entry.target = QStringLiteral("personal access token crashed-mid-way (pat:999)");
        entry.time = QDateTime::currentDateTimeUtc().addSecs(-3600);
        QVERIFY(earlierRun.begin(entry) > 0);
    }
    QCOMPARE(m_log->markInterrupted(), 1);

    QVERIFY(revoke(QStringLiteral("ci-pipeline")));
    // The next revoke fails on the server: the log says so, with the reason.
    const HttpResult fault = httpSend(
        m_network, jsonRequest(m_sim->url() + QStringLiteral("/__trackersim/faults")), "POST",
        R"({"method":"DELETE","path":"/rest/pat/latest/tokens/*","status":500,"times":1})");
    QCOMPARE(fault.status, 201);
    QVERIFY(revoke(QStringLiteral("laptop-cli")));

    // A change still under way in this run.
    ActivityEntry pending;
    pending.serverUrl = m_sim->url();
    pending.user = QStringLiteral("alice");
    pending.action = QStringLiteral("create-pat");
    pending.target = QStringLiteral("personal access token nightly-build");
    QVERIFY(m_log->begin(pending) > 0);

    m_written = m_log->entries();
    QCOMPARE(m_written.size(), 4);
    m_page->reload();
    QVERIFY(m_page->table()->isVisible());
    QCOMPARE(m_page->table()->model()->rowCount(), 4);
    QVERIFY(m_page->exportButton()->isEnabled());

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
    QCOMPARE(column(ActivityModel::Server).at(2), m_sim->url());
    QVERIFY(!column(ActivityModel::Error).at(1).isEmpty()); // the failure says why
    QVERIFY(column(ActivityModel::Error).at(2).isEmpty());
}

void TestActivityPage::showsLocalTimeWithoutSeconds()
{
    static const QRegularExpression withSeconds(QStringLiteral("\\d:\\d\\d:\\d\\d"));
    const QAbstractItemModel *model = m_page->table()->model();
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
    QTest::keyClicks(m_page->filterEdit(), QStringLiteral("LAPTOP"));
    QCOMPARE(m_page->table()->model()->rowCount(), 1);
    QVERIFY(column(ActivityModel::Target).at(0).contains(QStringLiteral("laptop-cli")));
    m_page->filterEdit()->clear();
    QTest::keyClicks(m_page->filterEdit(), QStringLiteral("no such thing"));
    QCOMPARE(m_page->table()->model()->rowCount(), 0);
    m_page->filterEdit()->clear();
    QCOMPARE(m_page->table()->model()->rowCount(), 4);
}

void TestActivityPage::filtersByOutcome()
{
    QComboBox *outcome = m_page->outcomeBox();
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
    QTest::keyClicks(m_page->filterEdit(), QStringLiteral("personal access token"));
    QCOMPARE(column(ActivityModel::Target).size(), 4);
    outcome->setCurrentIndex(ActivityPage::FailedOnly);
    QCOMPARE(column(ActivityModel::Target).size(), 1);
    outcome->setCurrentIndex(ActivityPage::AllOutcomes);
    m_page->filterEdit()->clear();
    QCOMPARE(column(ActivityModel::Target).size(), 4);
}

void TestActivityPage::sortsByColumn()
{
    QTableView *table = m_page->table();
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
    QVERIFY(m_page->detailsPane()->toPlainText().contains(QStringLiteral("Select an entry")));
    const int row = rowOf(QStringLiteral("crashed-mid-way"));
    QVERIFY(row >= 0);
    m_page->table()->selectRow(row);
    const QString details = m_page->detailsPane()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("unknown (interrupted)")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("not known whether")));
    QVERIFY(details.contains(QStringLiteral("Profile: demo")));
    QVERIFY(details.contains(m_sim->url()));

    m_page->table()->selectRow(rowOf(QStringLiteral("laptop-cli")));
    const QString failed = m_page->detailsPane()->toPlainText();
    QVERIFY2(failed.contains(QStringLiteral("Outcome: failed")), qPrintable(failed));
    QVERIFY(failed.contains(QStringLiteral("Error: ")));
    QVERIFY(failed.contains(QStringLiteral("Completed: ")));
    saveShot(m_window.get(), QStringLiteral("activity"));
}

void TestActivityPage::exportsFilteredRowsWithIsoTimes()
{
    m_page->outcomeBox()->setCurrentIndex(ActivityPage::AllOutcomes);
    QTest::keyClicks(m_page->filterEdit(), QStringLiteral("personal access token"));
    m_page->outcomeBox()->setCurrentIndex(ActivityPage::SucceededOnly);
    QCOMPARE(m_page->table()->model()->rowCount(), 1);

    // Through the button and the file dialog, as a user would.
    const QString path = m_dir.filePath(QStringLiteral("activity-export.csv"));
    QTest::mouseClick(m_page->exportButton(), Qt::LeftButton);
    auto *dialog = m_page->findChild<QFileDialog *>();
    QVERIFY(dialog);
    dialog->selectFile(path);
    QVERIFY(QMetaObject::invokeMethod(dialog, "accept", Qt::DirectConnection));
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

    m_page->outcomeBox()->setCurrentIndex(ActivityPage::AllOutcomes);
    m_page->filterEdit()->clear();
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
    m_page->table()->selectRow(rowOf(QStringLiteral("ci-pipeline")));
    ActivityEntry later;
    later.serverUrl = m_sim->url();
    later.user = QStringLiteral("alice");
    later.action = QStringLiteral("revoke-grant");
    later.target = QStringLiteral("OAuth 1.0a token of Bamboo (oauth1:abc)");
    const qint64 id = m_log->begin(later);
    QVERIFY(id > 0);
    QVERIFY(m_log->complete(id, ActivityOutcome::Succeeded));

    QTest::mouseClick(m_page->refreshButton(), Qt::LeftButton);
    QCOMPARE(m_page->table()->model()->rowCount(), 5);
    QVERIFY(m_page->detailsPane()->toPlainText().contains(QStringLiteral("ci-pipeline")));
    // Showing the page again reads the log again.
    m_window->hide();
    QVERIFY(m_log->complete(m_log->begin(later), ActivityOutcome::Failed, QStringLiteral("x")));
    m_window->show();
    QCOMPARE(m_page->table()->model()->rowCount(), 6);
}

QTEST_MAIN(TestActivityPage)
#include "tst_activitypage.moc"
