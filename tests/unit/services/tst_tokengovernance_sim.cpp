// Token governance against a real trackersim with 300 extra tokens: the incremental search (pages,
// owners, rules, Cancel, retries, an unreadable page named, the request kept ahead and the order
// pages are handed over in), and the sweep (batches, progress,
// Cancel, the verifying search, every outcome, and the activity log in a real SQLite file). What
// the server holds is read by the test itself over plain HTTP, never through the code under test.
#include "SimSession.h"

#include "services/AdminTokenErrors.h"
#include "services/StaleTokenRule.h"
#include "services/TokenInventorySearch.h"
#include "services/TokenSweep.h"
#include "storage/ActivityLog.h"
#include "storage/Database.h"

#include <QElapsedTimer>
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

// How long the server holds a page back where a test needs one page to answer after another.
// The pages themselves take a few milliseconds at this size.
constexpr int kSlowMs = 400;
// A fault that applies to so many searches that it never runs out: it counts them.
constexpr int kCountFrom = 100000;

// The next `times` searches the server is sent wait delayMs (0: are only counted).
QJsonObject searchLatency(int delayMs, int times)
{
    return fault("POST", kSearchPath,
                 {{QStringLiteral("action"), QStringLiteral("latency")},
                  {QStringLiteral("delayMs"), delayMs},
                  {QStringLiteral("times"), times}});
}

QList<qint64> idListOf(const QList<PersonalToken> &tokens)
{
    QList<qint64> ids;
    for (const PersonalToken &token : tokens)
        ids.append(token.id);
    return ids;
}

// The jobs of a search that are still under way (its requests in flight or waiting to be sent).
int requestsUnderWay(const QObject &search)
{
    int count = 0;
    for (const ApiJob *job : search.findChildren<ApiJob *>()) {
        if (!job->isFinished())
            ++count;
    }
    return count;
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
    void nextPageAnsweringFirstWaitsItsTurn();
    void shrinkingInventoryEndsWithoutAskingFurther();

    void sweepRevokesInBatchesAndRecordsEachToken();
    void cancelLeavesTheRestNotAttempted();
    void refusedBatchIsNotRevoked();
    void timedOutBatchIsResolvedByVerification();
    void withoutVerificationOutcomesStayOpen();

private:
    // Every token on the server, as the admin's own raw search lists them.
    QJsonArray serverTokens() const;
    QSet<qint64> serverIds() const;
    // The ids on the server in the order the search lists them (oldest first).
    QList<qint64> serverIdsInOrder() const;
    // Counts the searches the server is sent from now on that no fault added before takes (the
    // server applies the first matching fault, in the order they were added).
    bool countSearches() const
    {
        return m_session->server().addFault(searchLatency(0, kCountFrom));
    }
    // How many it counted; it is the last fault in the list.
    int searchesCounted() const;
    // Revokes these tokens as the admin, over plain HTTP.
    bool revoke(const QList<qint64> &ids) const;
    // Runs a search of the admin's connection with pages of pageSize to its end.
    QList<PersonalToken> runSearch(TokenInventorySearch &job);
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

QList<qint64> TestTokenGovernanceSim::serverIdsInOrder() const
{
    const HttpResult result = m_session->server().sendJson(
        "POST", kSearchPath, R"({"limit": 100000, "sortBy": "createdAt"})", "admin");
    QList<qint64> ids;
    for (const QJsonValue &token :
         QJsonDocument::fromJson(result.body).object().value(QStringLiteral("values")).toArray())
        ids.append(token.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}

int TestTokenGovernanceSim::searchesCounted() const
{
    const HttpResult listed = m_session->server().get(QStringLiteral("/__trackersim/faults"));
    const QJsonArray faults = QJsonDocument::fromJson(listed.body).array();
    if (listed.status != 200 || faults.isEmpty())
        return -1;
    return kCountFrom - faults.last().toObject().value(QStringLiteral("times")).toInt();
}

bool TestTokenGovernanceSim::revoke(const QList<qint64> &ids) const
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return m_session->server()
               .sendJson("DELETE", kRevokePath, QJsonDocument(array).toJson(), "admin")
               .status == 204;
}

QList<PersonalToken> TestTokenGovernanceSim::runSearch(TokenInventorySearch &job)
{
    QList<PersonalToken> found;
    connect(&job, &TokenInventorySearch::pageReady, this,
            [&found](const QList<PersonalToken> &tokens) { found += tokens; });
    QSignalSpy finished(&job, &TokenInventorySearch::finished);
    job.start();
    if (!finished.wait(kWaitMs))
        qWarning("the search did not finish");
    return found;
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

    QVERIFY(countSearches());
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
    // One request a page, though one is always asked ahead: none past the last page.
    QCOMPARE(searchesCounted(), 7);
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
    int underWay = -1;
    connect(&job, &TokenInventorySearch::pageReady, this, [&job, &underWay] {
        // Pages 2 and 3 were asked for before the first page was handed over.
        underWay = requestsUnderWay(job);
        job.cancel();
        job.cancel();
    });
    job.start();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(job.outcome(), TokenInventorySearch::Outcome::Cancelled);
    QCOMPARE(job.error().kind(), ApiError::Kind::Cancelled);
    job.cancel();
    QTest::qWait(200);
    QCOMPARE(underWay, 2);
    QCOMPARE(pages.count(), 1);
    QCOMPARE(finished.count(), 1);
    QVERIFY(job.findChildren<ApiJob *>().isEmpty()); // both requests were dropped

    // Cancelled from outside once the server has both requests and holds them back: neither
    // page is handed over when its answer would have come.
    constexpr int kHeldMs = 2 * kSlowMs;
    QVERIFY(m_session->server().addFault(searchLatency(0, 1)));
    QVERIFY(m_session->server().addFault(searchLatency(kHeldMs, 2)));
    TokenInventorySearch held(m_session->connection(), {});
    held.setPageSize(10);
    QSignalSpy heldPages(&held, &TokenInventorySearch::pageReady);
    QSignalSpy heldDone(&held, &TokenInventorySearch::finished);
    held.start();
    QTRY_COMPARE_WITH_TIMEOUT(heldPages.count(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->server().faultCount(), 0, kHeldMs / 2);
    QCOMPARE(requestsUnderWay(held), 2);
    held.cancel();
    QVERIFY(heldDone.wait(kWaitMs));
    QCOMPARE(held.outcome(), TokenInventorySearch::Outcome::Cancelled);
    QTest::qWait(kHeldMs);
    QCOMPARE(heldPages.count(), 1);
    QCOMPARE(heldDone.count(), 1);
    QVERIFY(held.findChildren<ApiJob *>().isEmpty());

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
    // The first page is read; every answer after it arrives broken (pages 2 and 3 are asked for
    // together, so both are).
    QVERIFY(m_session->server().addFault(searchLatency(0, 1)));
    QVERIFY(m_session->server().addFault(
        fault("POST", kSearchPath, {{QStringLiteral("action"), QStringLiteral("malformed")}})));
    TokenInventorySearch job(m_session->connection(), {});
    job.setPageSize(100);
    QSignalSpy pages(&job, &TokenInventorySearch::pageReady);
    QSignalSpy finished(&job, &TokenInventorySearch::finished);
    job.start();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(job.outcome(), TokenInventorySearch::Outcome::Failed);
    QCOMPARE(job.error().kind(), ApiError::Kind::MalformedResponse);
    QCOMPARE(job.failedPage(), 1);
    QCOMPARE(pages.count(), 1);
    QVERIFY2(job.errorText().contains(QStringLiteral("Page 2")), qPrintable(job.errorText()));

    // The page asked ahead arrives broken while the page before it is held back: the page before
    // is still handed over, and then the search fails naming the broken one.
    QVERIFY(m_session->server().clearFaults());
    QVERIFY(m_session->server().addFault(searchLatency(0, 1)));       // page 1
    QVERIFY(m_session->server().addFault(searchLatency(kSlowMs, 1))); // page 2
    QVERIFY(m_session->server().addFault(fault(                       // page 3
        "POST", kSearchPath,
        {{QStringLiteral("action"), QStringLiteral("malformed")}, {QStringLiteral("times"), 1}})));
    TokenInventorySearch ahead(m_session->connection(), {});
    ahead.setPageSize(100);
    QSignalSpy aheadPages(&ahead, &TokenInventorySearch::pageReady);
    QSignalSpy aheadDone(&ahead, &TokenInventorySearch::finished);
    ahead.start();
    QVERIFY(aheadDone.wait(kWaitMs));
    QCOMPARE(ahead.outcome(), TokenInventorySearch::Outcome::Failed);
    QCOMPARE(ahead.error().kind(), ApiError::Kind::MalformedResponse);
    QCOMPARE(ahead.failedPage(), 2);
    QCOMPARE(aheadPages.count(), 2);
    QCOMPARE(ahead.listedCount(), 200);
    QVERIFY2(ahead.errorText().contains(QStringLiteral("Page 3")), qPrintable(ahead.errorText()));
    QCOMPARE(m_session->server().faultCount(), 0);
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
    QVERIFY(countSearches());
    TokenInventorySearch job(m_session->connection(), {});
    QCOMPARE(job.pageSize(), TokenInventorySearch::kDefaultPageSize);
    QSignalSpy finished(&job, &TokenInventorySearch::finished);
    job.start();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(job.outcome(), TokenInventorySearch::Outcome::Completed);
    QCOMPARE(job.pageSize(), TokenInventorySearch::kServerDefaultPageSize);
    QCOMPARE(job.listedCount(), 304);
    // Nothing was asked ahead with the refused size: the refused page, then four of 100.
    QCOMPARE(m_session->server().faultCount(), 1);
    QCOMPARE(searchesCounted(), 4);
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

void TestTokenGovernanceSim::nextPageAnsweringFirstWaitsItsTurn()
{
    const QList<qint64> inOrder = serverIdsInOrder();
    QCOMPARE(inOrder.size(), 304);
    ConnectionSettings settings;
    settings.timeoutMs = 5000;
    settings.retryFloorMs = 50;
    const auto admin = m_session->connectAs(QStringLiteral("admin"), settings);

    // After the first page (alone: it says how many there are), pages 2 and 3 are asked for
    // together. The server takes them in the order they were sent, page 2 on the connection the
    // first page used and page 3 on a new one, and holds page 2 back, so page 3 answers first.
    // The fault injector cannot tell pages apart (it matches method and path), hence the order.
    QVERIFY(m_session->server().addFault(searchLatency(0, 1)));
    QVERIFY(m_session->server().addFault(searchLatency(kSlowMs, 1)));
    QVERIFY(countSearches());
    TokenInventorySearch job(admin.get(), {});
    job.setPageSize(50);
    QElapsedTimer clock;
    clock.start();
    QList<qint64> handedAtMs;
    connect(&job, &TokenInventorySearch::pageReady, this,
            [&handedAtMs, &clock] { handedAtMs.append(clock.elapsed()); });
    QCOMPARE(idListOf(runSearch(job)), inOrder);
    QCOMPARE(job.outcome(), TokenInventorySearch::Outcome::Completed);
    QCOMPARE(job.pagesRead(), 7);
    QCOMPARE(handedAtMs.size(), 7);
    QVERIFY2(handedAtMs.at(1) - handedAtMs.at(0) >= kSlowMs - 50,
             "the server held back page 3, not page 2: the test's premise did not hold");
    QCOMPARE(m_session->server().faultCount(), 1);
    QCOMPARE(searchesCounted(), 5); // 7 in all

    // Page 3 answers first with 503 (busy): it is retried when its turn comes, once.
    QVERIFY(m_session->server().clearFaults());
    QVERIFY(m_session->server().addFault(searchLatency(0, 1)));
    QVERIFY(m_session->server().addFault(searchLatency(kSlowMs, 1)));
    QVERIFY(m_session->server().addFault(
        fault("POST", kSearchPath,
              {{QStringLiteral("status"), 503},
               {QStringLiteral("headers"),
                QJsonObject{{QStringLiteral("Retry-After"), QStringLiteral("0")}}},
               {QStringLiteral("times"), 1}})));
    QVERIFY(countSearches());
    TokenInventorySearch busy(admin.get(), {});
    busy.setPageSize(50);
    QCOMPARE(idListOf(runSearch(busy)), inOrder);
    QCOMPARE(busy.outcome(), TokenInventorySearch::Outcome::Completed);
    QCOMPARE(busy.pagesRead(), 7);
    QCOMPARE(m_session->server().faultCount(), 1);
    QCOMPARE(searchesCounted(), 5); // 8 in all: page 3 twice
}

void TestTokenGovernanceSim::shrinkingInventoryEndsWithoutAskingFurther()
{
    const QList<qint64> inOrder = serverIdsInOrder();
    QCOMPARE(inOrder.size(), 304);

    // While the server holds pages 2 and 3 back, all but the first 100 tokens are revoked: page
    // 2 answers as the last of 2, the request for page 3 is dropped, and nothing more is asked.
    QVERIFY(m_session->server().addFault(searchLatency(0, 1)));
    QVERIFY(m_session->server().addFault(searchLatency(kSlowMs, 2)));
    QVERIFY(countSearches());
    TokenInventorySearch job(m_session->connection(), {});
    job.setPageSize(50);
    bool revoked = false;
    connect(&job, &TokenInventorySearch::pageReady, this, [&] {
        if (job.pagesRead() == 1)
            revoked = revoke(inOrder.mid(100));
    });
    QCOMPARE(idListOf(runSearch(job)), inOrder.mid(0, 100));
    QVERIFY(revoked);
    QCOMPARE(job.outcome(), TokenInventorySearch::Outcome::Completed);
    QCOMPARE(job.pagesRead(), 2);
    QCOMPARE(job.totalPages(), 2);
    QTest::qWait(50);
    QVERIFY(job.findChildren<ApiJob *>().isEmpty());
    QCOMPARE(m_session->server().faultCount(), 1);
    QCOMPARE(searchesCounted(), 0); // 3 in all

    // The page asked ahead comes back empty: pages of 20 (5 pages), page 2 read, then the server
    // holds page 3 back while all but the first 40 are revoked. Page 4 was already asked for
    // (page 2 said there are 5); it is dropped, and nothing more is asked.
    QVERIFY(m_session->server().clearFaults());
    QVERIFY(m_session->server().addFault(searchLatency(0, 2)));       // pages 1 and 2
    QVERIFY(m_session->server().addFault(searchLatency(kSlowMs, 1))); // page 3
    QVERIFY(countSearches());
    TokenInventorySearch empty(m_session->connection(), {});
    empty.setPageSize(20);
    bool revokedAgain = false;
    connect(&empty, &TokenInventorySearch::pageReady, this, [&] {
        if (empty.pagesRead() == 2)
            revokedAgain = revoke(inOrder.mid(40, 60));
    });
    QList<int> pageSizes;
    connect(
        &empty, &TokenInventorySearch::pageReady, this,
        [&pageSizes](const QList<PersonalToken> &tokens) { pageSizes.append(int(tokens.size())); });
    QCOMPARE(idListOf(runSearch(empty)), inOrder.mid(0, 40));
    QVERIFY(revokedAgain);
    QCOMPARE(empty.outcome(), TokenInventorySearch::Outcome::Completed);
    QCOMPARE(pageSizes, (QList<int>{20, 20, 0}));
    QCOMPARE(empty.listedCount(), 40);
    QTest::qWait(50);
    QVERIFY(empty.findChildren<ApiJob *>().isEmpty());
    QCOMPARE(m_session->server().faultCount(), 1);
    QCOMPARE(searchesCounted(), 1); // 4 in all
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
