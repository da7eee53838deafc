#include "storage/ActivityLog.h"
#include "storage/Database.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>

using namespace accessdesk;

namespace {

const QDateTime t0 = QDateTime(QDate(2024, 5, 1), QTime(9, 30), Qt::UTC);

ActivityEntry revoke(const QString &target, const QString &profile = QStringLiteral("prod"))
{
    ActivityEntry entry;
    entry.profile = profile;
    entry.serverUrl = QStringLiteral("https://jira.example.com");
    entry.user = QStringLiteral("alice");
    entry.action = QStringLiteral("revoke-token");
    entry.target = target;
    return entry;
}

// The child process of crashIsRecordedTruthfully(): records one finished and one started action,
// then dies without completing it, closing the database or running any destructor.
int crashAfterBegin(const QString &path)
{
    Database db;
    if (!db.open(path))
        return 3;
    ActivityLog log(db);
    const qint64 done = log.begin(revoke(QStringLiteral("PAT 1 laptop-cli")));
    log.complete(done, ActivityOutcome::Succeeded);
    if (log.begin(revoke(QStringLiteral("PAT 2 ci-bot"))) <= 0)
        return 4;
    std::abort();
}

} // namespace

class TestActivityLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void beginWritesAPendingRow();
    void completeRecordsTheOutcome();
    void completeReportsOnlyOnce();
    void crashBetweenBeginAndCompleteIsInterruptedAfterReopen();
    void crashIsRecordedTruthfully();
    void interruptedRowStillTakesTheRealOutcome();
    void filtersByProfileSinceAndLimit();
    void valuesAreBoundNotSpliced();
    void exportsCsv();
    void batchWritesItsRowsWithOneCommit();
    void reusedStatementsFollowTheDatabase();

private:
    QDateTime tick();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    QString m_path;
    int m_ticks = 0;
};

QDateTime TestActivityLog::tick()
{
    return t0.addSecs(60 * m_ticks++);
}

void TestActivityLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("activity.sqlite"));
    m_db = std::make_unique<Database>();
    QVERIFY2(m_db->open(m_path), qPrintable(m_db->errorString()));
    m_ticks = 0;
}

void TestActivityLog::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestActivityLog::beginWritesAPendingRow()
{
    ActivityLog log(*m_db, [this] { return tick(); });
    const qint64 id = log.begin(revoke(QStringLiteral("PAT 123 laptop-cli")));
    QVERIFY2(id > 0, qPrintable(log.lastError()));

    const QList<ActivityEntry> entries = log.entries();
    QCOMPARE(entries.size(), 1);
    const ActivityEntry &entry = entries.first();
    QCOMPARE(entry.id, id);
    QCOMPARE(entry.time, t0);
    QVERIFY(!entry.completedAt.isValid());
    QCOMPARE(entry.profile, QStringLiteral("prod"));
    QCOMPARE(entry.serverUrl, QStringLiteral("https://jira.example.com"));
    QCOMPARE(entry.user, QStringLiteral("alice"));
    QCOMPARE(entry.action, QStringLiteral("revoke-token"));
    QCOMPARE(entry.target, QStringLiteral("PAT 123 laptop-cli"));
    QCOMPARE(entry.outcome, ActivityOutcome::Pending);
    QVERIFY(entry.errorText.isEmpty());

    // A time given by the caller wins over the clock.
    ActivityEntry timed = revoke(QStringLiteral("PAT 9"));
    timed.time = t0.addDays(-1);
    const qint64 timedId = log.begin(timed);
    QCOMPARE(log.entries().last().id, timedId);
    QCOMPARE(log.entries().last().time, t0.addDays(-1));

    // Anonymous or unknown parts are stored as empty text, not refused.
    ActivityEntry bare;
    bare.action = QStringLiteral("probe");
    QVERIFY2(log.begin(bare) > 0, qPrintable(log.lastError()));
}

void TestActivityLog::completeRecordsTheOutcome()
{
    ActivityLog log(*m_db, [this] { return tick(); });
    const qint64 ok = log.begin(revoke(QStringLiteral("PAT 1")));
    const qint64 bad = log.begin(revoke(QStringLiteral("PAT 2")));
    QVERIFY(log.complete(ok, ActivityOutcome::Succeeded));
    QVERIFY(log.complete(bad, ActivityOutcome::Failed, QStringLiteral("404 token not found")));

    const QList<ActivityEntry> entries = log.entries();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).id, bad); // newest first
    QCOMPARE(entries.at(0).outcome, ActivityOutcome::Failed);
    QCOMPARE(entries.at(0).errorText, QStringLiteral("404 token not found"));
    QCOMPARE(entries.at(0).completedAt, t0.addSecs(3 * 60));
    QCOMPARE(entries.at(1).id, ok);
    QCOMPARE(entries.at(1).outcome, ActivityOutcome::Succeeded);
    QCOMPARE(entries.at(1).completedAt, t0.addSecs(2 * 60));
}

void TestActivityLog::completeReportsOnlyOnce()
{
    ActivityLog log(*m_db);
    const qint64 id = log.begin(revoke(QStringLiteral("PAT 1")));
    QVERIFY(!log.complete(id, ActivityOutcome::Pending));
    QVERIFY(!log.complete(id, ActivityOutcome::Interrupted));
    QVERIFY(log.complete(id, ActivityOutcome::Succeeded));
    QVERIFY(!log.complete(id, ActivityOutcome::Failed, QStringLiteral("late")));
    QVERIFY(!log.lastError().isEmpty());
    QVERIFY(!log.complete(id + 1000, ActivityOutcome::Succeeded));
    QCOMPARE(log.entries().first().outcome, ActivityOutcome::Succeeded);
    QVERIFY(log.entries().first().errorText.isEmpty());

    // Sent, answer lost: recorded as unknown with why, never as done or failed.
    const qint64 lost = log.begin(revoke(QStringLiteral("PAT 2")));
    QVERIFY(log.complete(lost, ActivityOutcome::Unknown, QStringLiteral("the answer was lost")));
    QVERIFY(!log.complete(lost, ActivityOutcome::Succeeded));
    const ActivityEntry entry = log.entries().first();
    QCOMPARE(entry.outcome, ActivityOutcome::Unknown);
    QCOMPARE(entry.errorText, QStringLiteral("the answer was lost"));
    QVERIFY(entry.completedAt.isValid());
    QCOMPARE(activityOutcomeKey(entry.outcome), QStringLiteral("unknown"));
    QCOMPARE(activityOutcomeFromKey(QStringLiteral("unknown")), ActivityOutcome::Unknown);
    QCOMPARE(activityOutcomeText(entry.outcome), QStringLiteral("unknown (not confirmed)"));
}

void TestActivityLog::crashBetweenBeginAndCompleteIsInterruptedAfterReopen()
{
    qint64 finished = 0;
    qint64 lost = 0;
    {
        ActivityLog log(*m_db);
        finished = log.begin(revoke(QStringLiteral("PAT 1 laptop-cli")));
        QVERIFY(log.complete(finished, ActivityOutcome::Succeeded));
        lost = log.begin(revoke(QStringLiteral("PAT 2 ci-bot")));
        QVERIFY(lost > 0);
        // No complete(): the process "dies" here.
    }
    m_db = std::make_unique<Database>();
    QVERIFY(m_db->open(m_path));
    ActivityLog next(*m_db);
    const qint64 live = next.begin(revoke(QStringLiteral("PAT 3 started by this run")));
    QCOMPARE(next.markInterrupted(), 1);
    QCOMPARE(next.markInterrupted(), 0);

    QHash<qint64, ActivityEntry> byId;
    for (const ActivityEntry &entry : next.entries())
        byId.insert(entry.id, entry);
    QCOMPARE(byId.value(finished).outcome, ActivityOutcome::Succeeded);
    QCOMPARE(byId.value(lost).outcome, ActivityOutcome::Interrupted);
    QCOMPARE(activityOutcomeText(byId.value(lost).outcome),
             QStringLiteral("unknown (interrupted)"));
    QCOMPARE(byId.value(lost).target, QStringLiteral("PAT 2 ci-bot"));
    QCOMPARE(byId.value(live).outcome, ActivityOutcome::Pending); // this run's own row
}

void TestActivityLog::crashIsRecordedTruthfully()
{
    m_db.reset(); // the child opens the file itself
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    QSignalSpy finished(&child, &QProcess::finished);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--crash-after-begin"), m_path});
    QVERIFY(finished.wait(60000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    m_db = std::make_unique<Database>();
    QVERIFY(m_db->open(m_path));
    ActivityLog log(*m_db);
    QCOMPARE(log.entries().size(), 2);
    QCOMPARE(log.entries().first().outcome, ActivityOutcome::Pending);
    QCOMPARE(log.markInterrupted(), 1);
    const QList<ActivityEntry> entries = log.entries();
    QCOMPARE(entries.at(0).target, QStringLiteral("PAT 2 ci-bot"));
    QCOMPARE(entries.at(0).outcome, ActivityOutcome::Interrupted);
    QCOMPARE(entries.at(1).target, QStringLiteral("PAT 1 laptop-cli"));
    QCOMPARE(entries.at(1).outcome, ActivityOutcome::Succeeded);
}

void TestActivityLog::interruptedRowStillTakesTheRealOutcome()
{
    // GUI and CLI at once: the second one's start-up marks the first one's live row.
    ActivityLog gui(*m_db);
    const qint64 id = gui.begin(revoke(QStringLiteral("PAT 5")));
    Database other;
    QVERIFY(other.open(m_path));
    ActivityLog cli(other);
    QCOMPARE(cli.markInterrupted(), 1);
    QCOMPARE(gui.entries().first().outcome, ActivityOutcome::Interrupted);

    QVERIFY(gui.complete(id, ActivityOutcome::Failed, QStringLiteral("403")));
    QCOMPARE(cli.entries().first().outcome, ActivityOutcome::Failed);
    QCOMPARE(cli.entries().first().errorText, QStringLiteral("403"));
}

void TestActivityLog::filtersByProfileSinceAndLimit()
{
    ActivityLog log(*m_db, [this] { return tick(); });
    for (int i = 0; i < 5; ++i)
        log.begin(revoke(QStringLiteral("prod %1").arg(i)));
    for (int i = 0; i < 3; ++i)
        log.begin(revoke(QStringLiteral("test %1").arg(i), QStringLiteral("test")));

    QCOMPARE(log.entries().size(), 8);
    QCOMPARE(log.entries().first().target, QStringLiteral("test 2"));

    const QList<ActivityEntry> prod = log.entries({QStringLiteral("prod"), {}, 0});
    QCOMPARE(prod.size(), 5);
    for (const ActivityEntry &entry : prod)
        QCOMPARE(entry.profile, QStringLiteral("prod"));
    QCOMPARE(prod.first().target, QStringLiteral("prod 4"));

    const QList<ActivityEntry> recent = log.entries({{}, t0.addSecs(3 * 60), 0});
    QCOMPARE(recent.size(), 5); // ticks 3..7
    QCOMPARE(recent.last().target, QStringLiteral("prod 3"));

    const QList<ActivityEntry> limited = log.entries({QStringLiteral("prod"), t0.addSecs(60), 2});
    QCOMPARE(limited.size(), 2);
    QCOMPARE(limited.at(0).target, QStringLiteral("prod 4"));
    QCOMPARE(limited.at(1).target, QStringLiteral("prod 3"));

    QVERIFY(log.entries({QStringLiteral("nobody"), {}, 0}).isEmpty());
}

void TestActivityLog::valuesAreBoundNotSpliced()
{
    ActivityLog log(*m_db);
    const QString nasty = QStringLiteral("x'); DROP TABLE activity_log; --");
    const qint64 id = log.begin(revoke(nasty, nasty));
    QVERIFY(id > 0);
    QVERIFY(log.complete(id, ActivityOutcome::Failed, nasty));
    const QList<ActivityEntry> entries = log.entries({nasty, {}, 0});
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().target, nasty);
    QCOMPARE(entries.first().errorText, nasty);
}

void TestActivityLog::exportsCsv()
{
    ActivityLog log(*m_db, [this] { return tick(); });
    const qint64 a = log.begin(revoke(QStringLiteral("PAT 1, \"laptop\"")));
    log.complete(a, ActivityOutcome::Failed, QStringLiteral("=cmd|' /C calc'!A0"));
    log.begin(revoke(QStringLiteral("PAT 2")));

    QList<ActivityEntry> entries = log.entries();
    std::reverse(entries.begin(), entries.end());
    entries.last().outcome = ActivityOutcome::Interrupted;
    const QByteArray csv = ActivityLog::toCsv(entries);
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines.size(), 4); // header, two rows, and the empty rest after the last CRLF
    QCOMPARE(lines.at(0),
             QByteArray("id,time,completed,profile,server,user,action,target,outcome,error\r"));
    QCOMPARE(lines.at(1), QByteArray("1,2024-05-01T09:30:00.000Z,2024-05-01T09:31:00.000Z,prod,"
                                     "https://jira.example.com,alice,revoke-token,"
                                     "\"PAT 1, \"\"laptop\"\"\",failed,'=cmd|' /C calc'!A0\r"));
    QCOMPARE(lines.at(2), QByteArray("2,2024-05-01T09:32:00.000Z,,prod,https://jira.example.com,"
                                     "alice,revoke-token,PAT 2,unknown (interrupted),\r"));
    QVERIFY(lines.at(3).isEmpty());
}

void TestActivityLog::batchWritesItsRowsWithOneCommit()
{
    ActivityLog log(*m_db, [this] { return tick(); });
    // Another connection to the file, as the CLI next to the app: it sees only what is committed.
    Database other;
    QVERIFY(other.open(m_path));
    ActivityLog reader(other);
    QList<qint64> ids;
    {
        ActivityLog::Batch batch(&log);
        ActivityLog::Batch nested(&log); // inside an open batch: the outer one commits
        for (const char *target : {"PAT 1", "PAT 2", "PAT 3"})
            ids << log.begin(revoke(QLatin1String(target)));
        QVERIFY(nested.commit());
        QVERIFY(reader.entries().isEmpty());
        QVERIFY2(batch.commit(), qPrintable(log.lastError()));
    }
    QCOMPARE(reader.entries().size(), 3);
    {
        ActivityLog::Batch batch(&log);
        for (const qint64 id : std::as_const(ids))
            QVERIFY(log.complete(id, ActivityOutcome::Succeeded));
        // The destructor commits what commit() was not called for.
    }
    for (const ActivityEntry &entry : reader.entries())
        QCOMPARE(entry.outcome, ActivityOutcome::Succeeded);
    ActivityLog::Batch none(nullptr);
    QVERIFY(none.commit());
}

// begin() and complete() keep their statements prepared: one row's values must never reach the
// next, and a closed or reopened database must be noticed, not written through a dead statement.
void TestActivityLog::reusedStatementsFollowTheDatabase()
{
    ActivityLog log(*m_db, [this] { return tick(); });
    const qint64 first = log.begin(revoke(QStringLiteral("PAT 1")));
    QVERIFY(log.complete(first, ActivityOutcome::Failed, QStringLiteral("403 forbidden")));
    ActivityEntry bare;
    bare.action = QStringLiteral("probe");
    const qint64 second = log.begin(bare);
    QVERIFY(log.complete(second, ActivityOutcome::Succeeded));
    QList<ActivityEntry> entries = log.entries();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).id, second);
    QCOMPARE(entries.at(0).target, QString());
    QCOMPARE(entries.at(0).profile, QString());
    QCOMPARE(entries.at(0).errorText, QString());
    QCOMPARE(entries.at(1).errorText, QStringLiteral("403 forbidden"));

    const qint64 open = log.begin(revoke(QStringLiteral("PAT 2")));
    m_db->close();
    QTest::ignoreMessage(QtWarningMsg, "QSqlQuery::prepare: database not open");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("activity log:")));
    QCOMPARE(log.begin(revoke(QStringLiteral("PAT 3"))), -1);
    QVERIFY(!log.lastError().isEmpty());

    QVERIFY2(m_db->open(m_path), qPrintable(m_db->errorString()));
    QVERIFY2(log.complete(open, ActivityOutcome::Succeeded), qPrintable(log.lastError()));
    const qint64 after = log.begin(revoke(QStringLiteral("PAT 4")));
    QVERIFY2(after > open, qPrintable(log.lastError()));
    entries = log.entries();
    QCOMPARE(entries.size(), 4); // PAT 1, the probe, PAT 2 and PAT 4; PAT 3 was refused
    QCOMPARE(entries.at(0).target, QStringLiteral("PAT 4"));
    QCOMPARE(entries.at(1).outcome, ActivityOutcome::Succeeded);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--crash-after-begin") == 0)
        return crashAfterBegin(QString::fromLocal8Bit(argv[2]));
    TestActivityLog test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_activitylog.moc"
