// Token governance against a real trackersim with 300 extra tokens: the incremental search (pages,
// owners, rules, Cancel, retries, an unreadable page named), and the sweep (batches, progress,
// Cancel, the verifying search, every outcome, and the activity log in a real SQLite file). What
// the server holds is read by the test itself over plain HTTP, never through the code under test.
#include "SimSession.h"

#include "services/AdminTokenErrors.h"
#include "services/StaleTokenRule.h"
#include "services/TokenInventorySearch.h"
#include "services/TokenSweep.h"
#include "storage/ActivityLog.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace accessdesk;
using Outcome = TokenSweep::Outcome;

namespace {

constexpr int kWaitMs = 60000;
const QString kSearchPath = QStringLiteral("/rest/pat/latest/tokens/search");
const QString kRevokePath = QStringLiteral("/rest/pat/latest/admin/tokens");

QJsonObject fault(const char *method, const QString &path, const QJsonObject &rest)
{
    QJsonObject object = rest;
    object.insert(QStringLiteral("method"), QLatin1String(method));
    object.insert(QStringLiteral("path"), path);
    return object;
}

QSet<qint64> idsOf(const QList<PersonalToken> &tokens)
{
    QSet<qint64> ids;
    for (const PersonalToken &token : tokens)
        ids.insert(token.id);
    return ids;
}

QSet<qint64> idsOf(const QList<TokenSweep::Item> &items, Outcome outcome)
{
    QSet<qint64> ids;
    for (const TokenSweep::Item &item : items) {
        if (item.outcome == outcome)
            ids.insert(item.token.id);
    }
    return ids;
}

} // namespace

class TestTokenGovernanceSim final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void searchHandsOverEveryPage();
    void ruleIsCheckedOnEveryListedToken();
    void ownerTextBecomesUsers();
    void cancelStopsTheSearchAndReportsOnce();
    void unreadablePageEndsTheSearchNamingIt();
    void busyPageIsRetried();
    void refusedPageSizeFallsBackToJirasDefault();
    void nonAdministratorIsRefused();

    void sweepRevokesInBatchesAndRecordsEachToken();
    void cancelLeavesTheRestNotAttempted();
    void refusedBatchIsNotRevoked();
    void timedOutBatchIsResolvedByVerification();
    void withoutVerificationOutcomesStayOpen();

private:
    // Every token on the server, as the admin's own raw search lists them.
    QJsonArray serverTokens() const;
    QSet<qint64> serverIds() const;
    // The tokens of a completed search (the test fails when it does not complete).
    QList<PersonalToken> search(TokenInventoryQuery query, ServerConnection *connection = nullptr);
    // The tokens of these users, one user after the other.
    QList<PersonalToken> tokensOf(std::initializer_list<const char *> users);
    bool runSweep(TokenSweep &sweep);
    QList<ActivityEntry> activity() const { return m_log->entries(); }

    std::unique_ptr<SimSession> m_session;
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ActivityLog> m_log;
};

void TestTokenGovernanceSim::init()
{
    m_session = std::make_unique<SimSession>(
        QStringList{QStringLiteral("--seed"), QStringLiteral("scale:300")});
    ConnectionSettings settings;
    settings.timeoutMs = 5000;
    QVERIFY2(m_session->start(QStringLiteral("admin"), settings),
             qPrintable(m_session->errorText()));
    m_database = std::make_unique<Database>();
    QVERIFY(m_database->open(m_dir.filePath(QStringLiteral("activity.sqlite"))));
    m_log = std::make_unique<ActivityLog>(*m_database);
    QVERIFY(m_log->entries().isEmpty());
}

void TestTokenGovernanceSim::cleanup()
{
    m_log.reset();
    m_database.reset();
    QFile::remove(m_dir.filePath(QStringLiteral("activity.sqlite")));
    m_session.reset();
}

QJsonArray TestTokenGovernanceSim::serverTokens() const
{
    const HttpResult result =
        m_session->server().sendJson("POST", kSearchPath, R"({"limit": 100000})", "admin");
    if (result.status != 200)
        return {};
    return QJsonDocument::fromJson(result.body).object().value(QStringLiteral("values")).toArray();
}

QSet<qint64> TestTokenGovernanceSim::serverIds() const
{
    QSet<qint64> ids;
    for (const QJsonValue &token : serverTokens())
        ids.insert(token.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}

QList<PersonalToken> TestTokenGovernanceSim::search(TokenInventoryQuery query,
                                                    ServerConnection *connection)
{
    TokenInventorySearch job(connection ? connection : m_session->connection(), std::move(query));
    job.setPageSize(100);
    QList<PersonalToken> found;
    connect(&job, &TokenInventorySearch::pageReady, this,
            [&found](const QList<PersonalToken> &tokens) { found += tokens; });
    QSignalSpy finished(&job, &TokenInventorySearch::finished);
    job.start();
    if (!finished.wait(kWaitMs) || job.outcome() != TokenInventorySearch::Outcome::Completed) {
        qWarning("search did not complete: %s", qPrintable(job.errorText()));
        return {};
    }
    return found;
}

QList<PersonalToken> TestTokenGovernanceSim::tokensOf(std::initializer_list<const char *> users)
{
    QList<PersonalToken> tokens;
    for (const char *user : users) {
        TokenInventoryQuery query;
        query.owner = QLatin1String(user);
        tokens += search(query);
    }
    return tokens;
}

bool TestTokenGovernanceSim::runSweep(TokenSweep &sweep)
{
    QSignalSpy finished(&sweep, &TokenSweep::finished);
    sweep.start();
    if (!finished.wait(kWaitMs))
        return false;
    QCoreApplication::processEvents();
    return finished.count() == 1 && sweep.isFinished();
}

void TestTokenGovernanceSim::searchHandsOverEveryPage()
{
    const QSet<qint64> onServer = serverIds();
    QCOMPARE(onServer.size(), 304); // 300 and the demo's four

    TokenInventorySearch job(m_session->connection(), {});
    job.setPageSize(50);
    QList<int> pageSizes;
    QSet<qint64> found;
    connect(&job, &TokenInventorySearch::pageReady, this, [&](const QList<PersonalToken> &tokens) {
        QVERIFY(!job.isFinished());
        pageSizes.append(int(tokens.size()));
        for (const PersonalToken &token : tokens) {
            QVERIFY2(!found.contains(token.id), "a token was handed over twice");
            found.insert(token.id);
            QVERIFY(token.owner);
        }
    });
    QSignalSpy finished(&job, &TokenInventorySearch::finished);
    job.start();
    QVERIFY(finished.isEmpty()); // never from inside start()
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(job.outcome(), TokenInventorySearch::Outcome::Completed);
    QCOMPARE(pageSizes, (QList<int>{50, 50, 50, 50, 50, 50, 4}));
    QCOMPARE(job.pagesRead(), 7);
    QCOMPARE(job.totalPages(), 7);
    QCOMPARE(job.listedCount(), 304);
    QCOMPARE(job.matchedCount(), 304);
    QCOMPARE(found, onServer);
    QCOMPARE(job.errorText(), QString());
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
}

void TestTokenGovernanceSim::ruleIsCheckedOnEveryListedToken()
{
    QSet<qint64> neverUsed;
    for (const QJsonValue &value : serverTokens()) {
        const QJsonObject token = value.toObject();
        if (!token.contains(QStringLiteral("lastAccessedAt")))
            neverUsed.insert(token.value(QStringLiteral("id")).toInteger());
    }
    QCOMPARE(neverUsed.size(), 102); // every third of the 300, and two of the demo's

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const StaleTokenRule rule = StaleTokenRule::neverUsed();
    TokenInventoryQuery query;
    rule.narrow(query.filter, now);
    query.accept = [rule, now](const PersonalToken &token) { return rule.matches(token, now); };
    QCOMPARE(idsOf(search(query)), neverUsed);

    // The client's check alone, with no server-side filter, finds the same tokens.
    TokenInventoryQuery clientOnly;
    clientOnly.accept = query.accept;
    QCOMPARE(idsOf(search(clientOnly)), neverUsed);
}

void TestTokenGovernanceSim::ownerTextBecomesUsers()
{
    TokenInventoryQuery bob;
    bob.owner = QStringLiteral(" BOB ");
    const QList<PersonalToken> bobs = search(bob);
    QCOMPARE(bobs.size(), 2);
    for (const PersonalToken &token : bobs)
        QCOMPARE(token.owner->username, QStringLiteral("bob"));

    // No user is called "user000": every user whose name contains it.
    TokenInventoryQuery several;
    several.owner = QStringLiteral("user000");
    TokenInventorySearch job(m_session->connection(), several);
    QList<PersonalToken> found;
    connect(&job, &TokenInventorySearch::pageReady, this,
            [&found](const QList<PersonalToken> &tokens) { found += tokens; });
    QSignalSpy finished(&job, &TokenInventorySearch::finished);
    job.start();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(job.owners().size(), 9); // user0001 … user0009
    QCOMPARE(found.size(), 90);

    TokenInventoryQuery nobody;
    nobody.owner = QStringLiteral("no-such-person");
    TokenInventorySearch none(m_session->connection(), nobody);
    QSignalSpy pages(&none, &TokenInventorySearch::pageReady);
    QSignalSpy done(&none, &TokenInventorySearch::finished);
    none.start();
    QVERIFY(done.wait(kWaitMs));
    QCOMPARE(none.outcome(), TokenInventorySearch::Outcome::NoSuchOwner);
    QVERIFY(!none.error().isError());
    QVERIFY(pages.isEmpty());
    QVERIFY(none.errorText().contains(QStringLiteral("no-such-person")));
}

void TestTokenGovernanceSim::cancelStopsTheSearchAndReportsOnce()
{
    TokenInventorySearch job(m_session->connection(), {});
    job.setPageSize(10);
    QSignalSpy pages(&job, &TokenInventorySearch::pageReady);
    QSignalSpy finished(&job, &TokenInventorySearch::finished);
    connect(&job, &TokenInventorySearch::pageReady, this, [&job] {
        job.cancel();
        job.cancel();
    });
    job.start();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(job.outcome(), TokenInventorySearch::Outcome::Cancelled);
    QCOMPARE(job.error().kind(), ApiError::Kind::Cancelled);
    job.cancel();
    QTest::qWait(200);
    QCOMPARE(pages.count(), 1);
    QCOMPARE(finished.count(), 1);

    // Cancelled before it began: nothing is asked at all.
    TokenInventorySearch early(m_session->connection(), {});
    QSignalSpy earlyPages(&early, &TokenInventorySearch::pageReady);
    QSignalSpy earlyDone(&early, &TokenInventorySearch::finished);
    early.start();
    early.cancel();
    QVERIFY(earlyDone.wait(kWaitMs));
    QCOMPARE(early.outcome(), TokenInventorySearch::Outcome::Cancelled);
    QVERIFY(earlyPages.isEmpty());
}

void TestTokenGovernanceSim::unreadablePageEndsTheSearchNamingIt()
{
    TokenInventorySearch job(m_session->connection(), {});
    job.setPageSize(100);
    int pages = 0;
    connect(&job, &TokenInventorySearch::pageReady, this, [&] {
        // The second page's answer arrives broken.
        if (++pages == 1)
            QVERIFY(m_session->server().addFault(fault(
                "POST", kSearchPath, {{QStringLiteral("action"), QStringLiteral("malformed")}})));
    });
    QSignalSpy finished(&job, &TokenInventorySearch::finished);
    job.start();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(job.outcome(), TokenInventorySearch::Outcome::Failed);
    QCOMPARE(job.error().kind(), ApiError::Kind::MalformedResponse);
    QCOMPARE(job.failedPage(), 1);
    QCOMPARE(pages, 1);
    QVERIFY2(job.errorText().contains(QStringLiteral("Page 2")), qPrintable(job.errorText()));
}

void TestTokenGovernanceSim::busyPageIsRetried()
{
    QVERIFY(m_session->server().addFault(
        fault("POST", kSearchPath,
              {{QStringLiteral("status"), 503},
               {QStringLiteral("headers"),
                QJsonObject{{QStringLiteral("Retry-After"), QStringLiteral("0")}}},
               {QStringLiteral("times"), 1}})));
    QCOMPARE(search({}).size(), 304);
    QCOMPARE(m_session->server().faultCount(), 0); // the 503 was sent, and then retried
}

void TestTokenGovernanceSim::refusedPageSizeFallsBackToJirasDefault()
{
    QVERIFY(m_session->server().addFault(fault(
        "POST", kSearchPath,
        {{QStringLiteral("status"), 400},
         {QStringLiteral("contentType"), QStringLiteral("application/json")},
         {QStringLiteral("body"),
          QStringLiteral(R"({"exception":"java.lang.IllegalArgumentException","error":"limit"})")},
         {QStringLiteral("times"), 1}})));
    TokenInventorySearch job(m_session->connection(), {});
    QCOMPARE(job.pageSize(), TokenInventorySearch::kDefaultPageSize);
    QSignalSpy finished(&job, &TokenInventorySearch::finished);
    job.start();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(job.outcome(), TokenInventorySearch::Outcome::Completed);
    QCOMPARE(job.pageSize(), TokenInventorySearch::kServerDefaultPageSize);
    QCOMPARE(job.listedCount(), 304);
}

void TestTokenGovernanceSim::nonAdministratorIsRefused()
{
    const auto alice = m_session->connectAs(QStringLiteral("alice"));
    TokenInventorySearch job(alice.get(), {});
    QSignalSpy finished(&job, &TokenInventorySearch::finished);
    job.start();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(job.outcome(), TokenInventorySearch::Outcome::Failed);
    QVERIFY(AdminTokenErrors::isPermissionRefusal(job.error()));
    QVERIFY2(job.errorText().contains(QStringLiteral("system administrators")),
             qPrintable(job.errorText()));
}

void TestTokenGovernanceSim::sweepRevokesInBatchesAndRecordsEachToken()
{
    TokenInventoryQuery query;
    query.filter.used = false;
    const QList<PersonalToken> tokens = search(query);
    QCOMPARE(tokens.size(), 102);

    TokenSweep sweep(m_session->connection(), tokens, m_log.get(), m_session->who());
    sweep.setBatchSize(25);
    QList<int> progress;
    connect(&sweep, &TokenSweep::progress, this, [&progress](int done, int total) {
        QCOMPARE(total, 102);
        progress.append(done);
    });
    QSignalSpy verifying(&sweep, &TokenSweep::verifying);
    QVERIFY(runSweep(sweep));
    QCOMPARE(progress, (QList<int>{25, 50, 75, 100, 102}));
    QCOMPARE(verifying.count(), 1);
    QCOMPARE(sweep.count(Outcome::Revoked), 102);
    QVERIFY(!sweep.verifyError().isError());
    QVERIFY(!(serverIds() & idsOf(tokens)).size());
    QCOMPARE(serverIds().size(), 304 - 102);

    const QList<ActivityEntry> rows = activity();
    QCOMPARE(rows.size(), 102);
    for (const ActivityEntry &row : rows) {
        QCOMPARE(row.action, QStringLiteral("admin-revoke-pat"));
        QCOMPARE(row.outcome, ActivityOutcome::Succeeded);
        QCOMPARE(row.user, QStringLiteral("admin"));
    }
}

void TestTokenGovernanceSim::cancelLeavesTheRestNotAttempted()
{
    const QList<PersonalToken> tokens = tokensOf({"user0001", "user0002", "user0003"});
    QCOMPARE(tokens.size(), 30);

    TokenSweep sweep(m_session->connection(), tokens, m_log.get(), m_session->who());
    sweep.setBatchSize(10);
    connect(&sweep, &TokenSweep::progress, this, [&sweep] {
        sweep.cancel();
        sweep.cancel();
    });
    QVERIFY(runSweep(sweep));
    QVERIFY(sweep.wasCancelled());
    const QSet<qint64> revoked = idsOf(sweep.items(), Outcome::Revoked);
    QCOMPARE(revoked, idsOf(tokens.mid(0, 10)));
    QCOMPARE(idsOf(sweep.items(), Outcome::NotAttempted), idsOf(tokens.mid(10)));
    for (const TokenSweep::Item &item : sweep.items()) {
        if (item.outcome == Outcome::NotAttempted)
            QVERIFY(item.reason.contains(QStringLiteral("cancelled")));
    }
    const QSet<qint64> left = serverIds();
    QVERIFY(!(left & revoked).size());
    QVERIFY(left.contains(idsOf(tokens.mid(10))));
    QCOMPARE(activity().size(), 10); // nothing is recorded for what was never sent
}

void TestTokenGovernanceSim::refusedBatchIsNotRevoked()
{
    const QList<PersonalToken> tokens = tokensOf({"user0004", "user0005"});
    QCOMPARE(tokens.size(), 20);
    QVERIFY(m_session->server().addFault(
        fault("DELETE", kRevokePath,
              {{QStringLiteral("status"), 500},
               {QStringLiteral("contentType"), QStringLiteral("application/json")},
               {QStringLiteral("body"), QStringLiteral(R"({"exception":"x","error":"disk full"})")},
               {QStringLiteral("times"), 1}})));

    TokenSweep sweep(m_session->connection(), tokens, m_log.get(), m_session->who());
    sweep.setBatchSize(10);
    QVERIFY(runSweep(sweep));
    QCOMPARE(idsOf(sweep.items(), Outcome::NotRevoked), idsOf(tokens.mid(0, 10)));
    QCOMPARE(idsOf(sweep.items(), Outcome::Revoked), idsOf(tokens.mid(10)));
    for (const TokenSweep::Item &item : sweep.items().mid(0, 10)) {
        QCOMPARE(item.requestError.kind(), ApiError::Kind::Server);
        QVERIFY2(item.reason.contains(QStringLiteral("500")), qPrintable(item.reason));
    }
    QVERIFY(serverIds().contains(idsOf(tokens.mid(0, 10))));

    int failed = 0;
    for (const ActivityEntry &row : activity()) {
        if (row.outcome == ActivityOutcome::Failed) {
            ++failed;
            QVERIFY(row.errorText.contains(QStringLiteral("500")));
        } else {
            QCOMPARE(row.outcome, ActivityOutcome::Succeeded);
        }
    }
    QCOMPARE(failed, 10);
    QCOMPARE(activity().size(), 20);
}

void TestTokenGovernanceSim::timedOutBatchIsResolvedByVerification()
{
    const QList<PersonalToken> tokens = tokensOf({"user0006"});
    QCOMPARE(tokens.size(), 10);
    // The server takes the request and never answers it (nor carries it out).
    QVERIFY(m_session->server().addFault(fault("DELETE", kRevokePath,
                                               {{QStringLiteral("action"), QStringLiteral("stall")},
                                                {QStringLiteral("delayMs"), 0},
                                                {QStringLiteral("times"), 1}})));
    ConnectionSettings impatient;
    impatient.timeoutMs = 1000;
    const auto admin = m_session->connectAs(QStringLiteral("admin"), impatient);
    TokenSweep sweep(admin.get(), tokens, m_log.get(), m_session->who());
    QVERIFY(runSweep(sweep));
    // Still listed just afterwards, but a batch the client gave up on may yet be carried out
    // (the client cannot tell a stall from a slow server): unknown, never "not revoked".
    QCOMPARE(sweep.count(Outcome::Unknown), 10);
    QCOMPARE(sweep.items().first().requestError.kind(), ApiError::Kind::Timeout);
    QVERIFY(serverIds().contains(idsOf(tokens)));
    for (const ActivityEntry &row : activity())
        QCOMPARE(row.outcome, ActivityOutcome::Unknown);
}

void TestTokenGovernanceSim::withoutVerificationOutcomesStayOpen()
{
    const QList<PersonalToken> tokens = tokensOf({"user0007"});
    QCOMPARE(tokens.size(), 10);
    // The first batch is refused outright, the second accepted; the check afterwards fails.
    QVERIFY(m_session->server().addFault(
        fault("DELETE", kRevokePath,
              {{QStringLiteral("status"), 400},
               {QStringLiteral("contentType"), QStringLiteral("application/json")},
               {QStringLiteral("body"), QStringLiteral(R"({"exception":"x","error":"bad ids"})")},
               {QStringLiteral("times"), 1}})));
    QVERIFY(m_session->server().addFault(fault(
        "POST", kSearchPath, {{QStringLiteral("status"), 500}, {QStringLiteral("times"), 1}})));

    TokenSweep sweep(m_session->connection(), tokens, m_log.get(), m_session->who());
    sweep.setBatchSize(5);
    QVERIFY(runSweep(sweep));
    QCOMPARE(sweep.verifyError().kind(), ApiError::Kind::Server);
    QCOMPARE(idsOf(sweep.items(), Outcome::Failed), idsOf(tokens.mid(0, 5)));
    QCOMPARE(idsOf(sweep.items(), Outcome::Unknown), idsOf(tokens.mid(5)));
    // The server did revoke the accepted batch; without the check the sweep may not claim it.
    QVERIFY(!(serverIds() & idsOf(tokens.mid(5))).size());
    // Refused: failed. Accepted but unchecked: unknown, never succeeded.
    int failed = 0;
    int unknown = 0;
    for (const ActivityEntry &row : activity()) {
        QVERIFY(!row.errorText.isEmpty());
        failed += row.outcome == ActivityOutcome::Failed;
        unknown += row.outcome == ActivityOutcome::Unknown;
    }
    QCOMPARE(failed, 5);
    QCOMPARE(unknown, 5);
    QCOMPARE(activity().size(), 10);
}

QTEST_GUILESS_MAIN(TestTokenGovernanceSim)
#include "tst_tokengovernance_sim.moc"
