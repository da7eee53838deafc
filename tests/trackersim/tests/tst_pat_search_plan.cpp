// The admin token search must stay fast at 100,000 tokens (issue 8 section 6). Timings depend on
// the machine, so this test checks the cause instead: SQLite's plan for every sort order and
// filter reads an index in the wanted order, never sorts or scans the whole token table.
#include "routes/PatSearch.h"
#include "store/Schema.h"
#include "store/Seed.h"
#include "store/Store.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace trackersim;
using routes::pat::TokenSearchRequest;

namespace {

struct PlanRow
{
    int id = 0;
    int parent = 0;
    QString detail;
};

QList<PlanRow> planOf(const Store &store, const QString &sql, const QVariantList &values)
{
    QList<PlanRow> rows;
    for (const QVariantMap &row : store.all(QStringLiteral("EXPLAIN QUERY PLAN ") + sql, values))
        rows.append({row.value(QStringLiteral("id")).toInt(),
                     row.value(QStringLiteral("parent")).toInt(),
                     row.value(QStringLiteral("detail")).toString()});
    return rows;
}

// The steps that choose the page: the subquery the page query materialises.
QStringList pageChoice(const QList<PlanRow> &plan)
{
    int root = -1;
    for (const PlanRow &row : plan) {
        if (row.detail.endsWith(QLatin1String(" page")) &&
            (row.detail.startsWith(QLatin1String("MATERIALIZE")) ||
             row.detail.startsWith(QLatin1String("CO-ROUTINE"))))
            root = row.id;
    }
    QList<int> inside{root};
    QStringList steps;
    for (const PlanRow &row : plan) { // parents come before their children
        if (inside.contains(row.parent)) {
            inside.append(row.id);
            steps.append(row.detail);
        }
    }
    return steps;
}

QString described(const QStringList &steps)
{
    return steps.join(QStringLiteral(" | "));
}

TokenSearchRequest sortedBy(const QString &key, const QString &order)
{
    TokenSearchRequest request;
    request.sortBy = key;
    request.orderBy = order;
    request.page = 3;
    return request;
}

} // namespace

class TstPatSearchPlan final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everySortOrderWalksAnIndex_data();
    void everySortOrderWalksAnIndex();
    void everyFilterIsAnsweredFromAnIndex_data();
    void everyFilterIsAnsweredFromAnIndex();
    void aVersion5DatabaseGainsOwnerKeysAndIndexes();

private:
    Store m_store;
};

void TstPatSearchPlan::initTestCase()
{
    QString error;
    QVERIFY2(m_store.open({}, &error), qPrintable(error));
    QVERIFY2(seed::apply(m_store, QStringLiteral("scale:500"), QDateTime::currentMSecsSinceEpoch(),
                         &error),
             qPrintable(error));
}

void TstPatSearchPlan::everySortOrderWalksAnIndex_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("order");
    QTest::addColumn<QString>("index");
    const struct
    {
        const char *key, *ascending, *descending;
    } sorts[] = {
        {"name", "pats_by_name", "pats_by_name"},
        {"createdAt", "pats_by_created", "pats_by_created"},
        {"expiringAt", "pats_by_expiry", "pats_by_expiry_desc"},
        {"lastAccessedAt", "pats_by_last_used", "pats_by_last_used_desc"},
        {"userKey", "pats_by_user_key", "pats_by_user_key"},
    };
    for (const auto &sort : sorts) {
        QTest::addRow("%s asc", sort.key) << QString::fromLatin1(sort.key) << QStringLiteral("asc")
                                          << QString::fromLatin1(sort.ascending);
        QTest::addRow("%s desc", sort.key)
            << QString::fromLatin1(sort.key) << QStringLiteral("desc")
            << QString::fromLatin1(sort.descending);
    }
}

void TstPatSearchPlan::everySortOrderWalksAnIndex()
{
    QFETCH(QString, key);
    QFETCH(QString, order);
    QFETCH(QString, index);
    const auto query = routes::pat::searchQuery(sortedBy(key, order));
    const QStringList steps = pageChoice(planOf(m_store, query.pageSql, query.pageValues));
    const QString plan = described(steps);
    QVERIFY2(!steps.isEmpty(), "the page is not chosen in a subquery");
    // "COVERING": no table row is read for the tokens a deep page skips.
    QVERIFY2(steps.contains(QStringLiteral("SCAN p USING COVERING INDEX ") + index),
             qPrintable(plan));
    // Only ties of the sort key may still be ordered by a temporary tree, never the whole table.
    QVERIFY2(!steps.contains(QStringLiteral("USE TEMP B-TREE FOR ORDER BY")), qPrintable(plan));
    // The total counts entries of the smallest index rather than reading the table.
    const QList<PlanRow> count = planOf(m_store, query.countSql, query.values);
    QCOMPARE(count.size(), 1);
    QVERIFY2(count.first().detail.contains(QLatin1String("USING COVERING INDEX")),
             qPrintable(count.first().detail));
}

void TstPatSearchPlan::everyFilterIsAnsweredFromAnIndex_data()
{
    QTest::addColumn<QString>("sortKey");
    QTest::addColumn<int>("filter");
    enum { Owner, Name, Created, Expiry, LastUsed, NeverUsed, Used };
    const char *keys[] = {"name", "createdAt", "expiringAt", "lastAccessedAt", "userKey"};
    const char *filters[] = {"owner",          "name contains", "created from", "expiry to",
                             "last used from", "never used",    "used"};
    for (const char *key : keys) {
        for (int filter = Owner; filter <= Used; ++filter)
            QTest::addRow("%s, sorted by %s", filters[filter], key)
                << QString::fromLatin1(key) << filter;
    }
}

void TstPatSearchPlan::everyFilterIsAnsweredFromAnIndex()
{
    QFETCH(QString, sortKey);
    QFETCH(int, filter);
    TokenSearchRequest request = sortedBy(sortKey, QStringLiteral("desc"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    switch (filter) {
    case 0:
        request.userKeys = {QStringLiteral("JIRAUSER20001"), QStringLiteral("JIRAUSER20042")};
        break;
    case 1:
        request.name = QStringLiteral("oken-4");
        break;
    case 2:
        request.dates.append({0, {}, now - 30LL * 24 * 3600 * 1000});
        break;
    case 3:
        request.dates.append({3, {}, now});
        break;
    case 4:
        request.dates.append({4, {}, now - 7LL * 24 * 3600 * 1000});
        break;
    default:
        request.isUsed = filter == 6;
        break;
    }
    const auto query = routes::pat::searchQuery(request);
    const QStringList steps = pageChoice(planOf(m_store, query.pageSql, query.pageValues));
    QVERIFY2(!steps.isEmpty(), "the page is not chosen in a subquery");
    for (const QString &step : steps) {
        // Every read of the token table goes through an index holding all the filtered columns.
        if (step.startsWith(QLatin1String("SCAN p")) || step.startsWith(QLatin1String("SEARCH p")))
            QVERIFY2(step.contains(QLatin1String("USING COVERING INDEX")),
                     qPrintable(described(steps)));
    }
    // A full sort is fine only after the owner filter, which leaves a handful of tokens.
    if (filter != 0)
        QVERIFY2(!steps.contains(QStringLiteral("USE TEMP B-TREE FOR ORDER BY")),
                 qPrintable(described(steps)));
    const QList<PlanRow> count = planOf(m_store, query.countSql, query.values);
    QCOMPARE(count.size(), filter == 0 ? 3 : 1); // the owner list adds its json_each subquery
    QVERIFY2(count.first().detail.contains(QLatin1String("USING COVERING INDEX")),
             qPrintable(count.first().detail));
}

void TstPatSearchPlan::aVersion5DatabaseGainsOwnerKeysAndIndexes()
{
    // A data file written before schema version 6, with a token of alice's.
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("old.db"));
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v5"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(
            query.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (5)")));
        for (const QStringList &step : schema::migrations().mid(0, 5)) {
            for (const QString &statement : step)
                QVERIFY2(query.exec(statement), qPrintable(statement));
        }
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO users (name, user_key, display_name, email, password) VALUES"
            " ('Alice', 'JIRAUSER10100', 'Alice Able', 'alice@example.test', 'alice')")));
        QVERIFY(query.exec(
            QStringLiteral("INSERT INTO pats (id, user_name, name, secret_hash, created_at) VALUES"
                           " (123456789012, 'alice', 'old-token', 'x', 1)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v5"));

    Store store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), int(schema::migrations().size()));
    // The owner is found whatever the case of the stored user name, as Jira's user names are.
    QCOMPARE(store.scalar(QStringLiteral("SELECT user_key FROM pats WHERE id = 123456789012"))
                 .toString(),
             QStringLiteral("JIRAUSER10100"));
    TokenSearchRequest request = sortedBy(QStringLiteral("userKey"), QStringLiteral("asc"));
    request.page = 0;
    const auto page = routes::pat::searchTokens(store, request);
    QCOMPARE(page.total, 1);
    QCOMPARE(page.values.first()[QStringLiteral("name")].toString(), QStringLiteral("old-token"));
}

QTEST_GUILESS_MAIN(TstPatSearchPlan)
#include "tst_pat_search_plan.moc"
