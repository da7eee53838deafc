// Administration → Personal tokens, searching, against real trackersims on the offscreen
// platform: every filter Jira has (owner, name, created, expires, last used, never used) on the
// demo data and on 3,000 generated tokens, checked against the server's own listing read over
// plain HTTP; rows arriving page by page while the search still runs (insert batches, not a
// reset per page); Stop; sorting with "never" after every real date both ways; the filter box;
// no owner / too many owners / contradictory filters explained. QAbstractItemModelTester watches
// the table's models throughout.
#include "GuiTestSupport.h"
#include "PersonalTokenModel.h"
#include "SimSession.h"
#include "TokenTestSupport.h"
#include "services/AdminTokenController.h"
#include "ui/AdminTokensTab.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QCollator>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

// One search as a user types it: days are counted from today (local), unset when absent.
struct Filters
{
    QString owner = {};
    QString name = {};
    std::optional<int> createdFrom = {}, createdTo = {}, expiresFrom = {}, expiresTo = {},
                       lastUsedFrom = {}, lastUsedTo = {};
    bool neverUsed = false;
};

QString dayText(const std::optional<int> &offset)
{
    return offset ? QDate::currentDate().addDays(*offset).toString(Qt::ISODate) : QString();
}

bool inDays(const QDateTime &when, const std::optional<int> &from, const std::optional<int> &to)
{
    if (!when.isValid())
        return false;
    const QDate today = QDate::currentDate();
    if (from && when < QDateTime(today.addDays(*from), QTime(0, 0)).toUTC())
        return false;
    return !to || when < QDateTime(today.addDays(*to + 1), QTime(0, 0)).toUTC();
}

// The search's meaning, written here apart from the app: an owner text that is somebody's whole
// user name or e-mail means that user; otherwise every user whose name, display name or e-mail
// contains it.
QSet<qint64> expectedIds(const QJsonArray &all, const Filters &f)
{
    const auto profile = [](const QJsonObject &token) {
        return token.value(QStringLiteral("userProfileResource")).toObject();
    };
    const QString owner = f.owner.trimmed();
    bool exact = false;
    for (const QJsonValue &value : all) {
        const QJsonObject user = profile(value.toObject());
        exact =
            exact ||
            user.value(QStringLiteral("username")).toString().compare(owner, Qt::CaseInsensitive) ==
                0 ||
            user.value(QStringLiteral("email")).toString().compare(owner, Qt::CaseInsensitive) == 0;
    }
    QSet<qint64> ids;
    for (const QJsonValue &value : all) {
        const QJsonObject token = value.toObject();
        const QJsonObject user = profile(token);
        const QStringList names{user.value(QStringLiteral("username")).toString(),
                                user.value(QStringLiteral("email")).toString(),
                                user.value(QStringLiteral("fullName")).toString()};
        if (!owner.isEmpty()) {
            const bool matches =
                exact ? names.at(0).compare(owner, Qt::CaseInsensitive) == 0 ||
                            names.at(1).compare(owner, Qt::CaseInsensitive) == 0
                      : std::any_of(names.cbegin(), names.cend(), [&owner](const QString &name) {
                            return name.contains(owner, Qt::CaseInsensitive);
                        });
            if (!matches)
                continue;
        }
        if (!token.value(QStringLiteral("name")).toString().contains(f.name, Qt::CaseInsensitive))
            continue;
        const QDateTime created = timeOf(token, "createdAt");
        QDateTime expires = timeOf(token, "expiringAt");
        if (expires.isValid() && expires.date().year() == 9999)
            expires = QDateTime(); // never expires: outside every expiry range
        const QDateTime used = timeOf(token, "lastAccessedAt");
        if ((f.createdFrom || f.createdTo) && !inDays(created, f.createdFrom, f.createdTo))
            continue;
        if ((f.expiresFrom || f.expiresTo) && !inDays(expires, f.expiresFrom, f.expiresTo))
            continue;
        if ((f.lastUsedFrom || f.lastUsedTo) && !inDays(used, f.lastUsedFrom, f.lastUsedTo))
            continue;
        if (f.neverUsed && used.isValid())
            continue;
        ids.insert(token.value(QStringLiteral("id")).toInteger());
    }
    return ids;
}

// The Personal tokens tab in a window of its own, on one server.
struct TokensTab
{
    TokensTab(ServerConnection *connection, const ActivityContext &who)
        : controller(connection, nullptr, who)
        , tab(new AdminTokensTab(&controller))
        , window(frameFor(tab, 1))
    {
        QAbstractItemModel *shown = child<QTableView>(tab, "table")->model();
        proxyTester = std::make_unique<QAbstractItemModelTester>(shown);
        sourceTester = std::make_unique<QAbstractItemModelTester>(
            qobject_cast<QSortFilterProxyModel *>(shown)->sourceModel());
    }

    QTableView *table() const { return child<QTableView>(tab, "table"); }
    QAbstractItemModel *source() const
    {
        return qobject_cast<QSortFilterProxyModel *>(table()->model())->sourceModel();
    }
    QString status() const { return child<QLabel>(tab, "status")->text(); }
    QString problem() const
    {
        const QLabel *label = child<QLabel>(tab, "problem");
        return label->isVisible() ? label->text() : QString();
    }

    // Fills the form as a user would and presses Search; false when the search did not end.
    bool search(const Filters &f)
    {
        const std::pair<const char *, QString> texts[] = {
            {"tokenOwner", f.owner},
            {"tokenName", f.name},
            {"createdFrom", dayText(f.createdFrom)},
            {"createdTo", dayText(f.createdTo)},
            {"expiresFrom", dayText(f.expiresFrom)},
            {"expiresTo", dayText(f.expiresTo)},
            {"lastUsedFrom", dayText(f.lastUsedFrom)},
            {"lastUsedTo", dayText(f.lastUsedTo)},
        };
        for (const auto &[name, text] : texts)
            child<QLineEdit>(tab, name)->setText(text);
        child<QCheckBox>(tab, "neverUsed")->setChecked(f.neverUsed);
        QTest::mouseClick(child<QPushButton>(tab, "searchTokens"), Qt::LeftButton);
        return waitSearchEnded(&controller);
    }

    QSet<qint64> shownIds() const
    {
        QSet<qint64> ids;
        const QAbstractItemModel *model = table()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            ids.insert(model->index(row, 0).data(PersonalTokenModel::TokenIdRole).toLongLong());
        return ids;
    }

    AdminTokenController controller;
    AdminTokensTab *tab;
    std::unique_ptr<QMainWindow> window;
    std::unique_ptr<QAbstractItemModelTester> proxyTester;
    std::unique_ptr<QAbstractItemModelTester> sourceTester;
};

} // namespace

Q_DECLARE_METATYPE(Filters)

class TestAdminTokenSearch final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void firstLookSearchesEveryToken();
    void filtersMatchTheServer_data();
    void filtersMatchTheServer();
    void filtersOnTheDemoData();
    void rowsArriveWhileTheSearchRuns();
    void stopKeepsWhatLoaded();
    void sortsNeverAfterRealDates();
    void sortsWhileStreaming();
    void filterBoxNarrowsWhatLoaded();
    void explainsOwnersAndBadFilters();

private:
    void checkFilters(TokensTab &tab, const QJsonArray &all, const Filters &filters);

    SimSession m_session{{QStringLiteral("--seed"), QStringLiteral("scale:3000")}};
    std::unique_ptr<TokensTab> m_tab;
    QJsonArray m_all;
};

void TestAdminTokenSearch::initTestCase()
{
    QVERIFY2(m_session.start(QStringLiteral("admin"), withoutRetries()),
             qPrintable(m_session.errorText()));
    const auto all = allTokensOnServer(m_session.server());
    QVERIFY(all);
    m_all = *all;
    QVERIFY(m_all.size() > 3000);
    m_tab = std::make_unique<TokensTab>(m_session.connection(), m_session.who());
}

void TestAdminTokenSearch::cleanupTestCase()
{
    m_tab.reset();
    m_session.stop();
}

void TestAdminTokenSearch::firstLookSearchesEveryToken()
{
    // Nothing is asked before the tab is in view; showing it searches every token once.
    QCOMPARE(m_tab->controller.searchState(), AdminTokenController::SearchState::NotSearched);
    m_tab->window->show();
    QVERIFY(m_tab->controller.isSearching());
    QVERIFY(waitSearchEnded(&m_tab->controller));
    QCOMPARE(m_tab->controller.searchState(), AdminTokenController::SearchState::Completed);
    QCOMPARE(m_tab->table()->model()->rowCount(), m_all.size());
    QVERIFY2(m_tab->status().startsWith(
                 QStringLiteral("%1 tokens, loaded at").arg(QLocale().toString(m_all.size()))),
             qPrintable(m_tab->status()));
    QVERIFY(!child<QPushButton>(m_tab->tab, "stopSearch")->isVisible());
    QVERIFY(child<QPushButton>(m_tab->tab, "sweepTokens")->isEnabled());
}

void TestAdminTokenSearch::checkFilters(TokensTab &tab, const QJsonArray &all,
                                        const Filters &filters)
{
    QVERIFY(tab.search(filters));
    QCOMPARE(tab.controller.searchState(), AdminTokenController::SearchState::Completed);
    QVERIFY2(tab.problem().isEmpty(), qPrintable(tab.problem()));
    const QSet<qint64> expected = expectedIds(all, filters);
    const QSet<qint64> shown = tab.shownIds();
    QCOMPARE(shown.size(), expected.size());
    QCOMPARE(shown, expected);
}

void TestAdminTokenSearch::filtersMatchTheServer_data()
{
    QTest::addColumn<Filters>("filters");
    QTest::addColumn<int>("atLeast"); // so that no case passes by matching nothing
    QTest::newRow("everything") << Filters{} << 3000;
    QTest::newRow("owner: a user name") << Filters{.owner = QStringLiteral("user0007")} << 10;
    QTest::newRow("owner: an e-mail")
        << Filters{.owner = QStringLiteral("USER0010@example.test")} << 10;
    QTest::newRow("owner: part of display names")
        << Filters{.owner = QStringLiteral("Scale User 12")} << 100;
    QTest::newRow("name contains") << Filters{.name = QStringLiteral("TOKEN-29")} << 10;
    QTest::newRow("created between") << Filters{.createdFrom = -10, .createdTo = -5} << 40;
    QTest::newRow("created up to") << Filters{.createdTo = -300} << 300;
    QTest::newRow("expires between") << Filters{.expiresFrom = 100, .expiresTo = 200} << 100;
    QTest::newRow("expired by today") << Filters{.expiresFrom = -400, .expiresTo = 0} << 100;
    QTest::newRow("last used between") << Filters{.lastUsedFrom = -30, .lastUsedTo = -20} << 30;
    QTest::newRow("never used") << Filters{.neverUsed = true} << 1000;
    QTest::newRow("owner and never used")
        << Filters{.owner = QStringLiteral("user0011"), .neverUsed = true} << 3;
    QTest::newRow("name and created from")
        << Filters{.name = QStringLiteral("token-1"), .createdFrom = -100} << 100;
}

void TestAdminTokenSearch::filtersMatchTheServer()
{
    QFETCH(Filters, filters);
    QFETCH(int, atLeast);
    m_tab->window->show();
    QVERIFY(waitSearchEnded(&m_tab->controller));
    checkFilters(*m_tab, m_all, filters);
    QVERIFY2(m_tab->table()->model()->rowCount() >= atLeast,
             qPrintable(QString::number(m_tab->table()->model()->rowCount())));
}

void TestAdminTokenSearch::filtersOnTheDemoData()
{
    SimSession demo{{QStringLiteral("--seed"), QStringLiteral("demo")}};
    QVERIFY2(demo.start(QStringLiteral("admin"), withoutRetries()), qPrintable(demo.errorText()));
    const auto all = allTokensOnServer(demo.server());
    QVERIFY(all);
    {
        TokensTab tab(demo.connection(), demo.who());
        tab.window->show();
        QVERIFY(waitSearchEnded(&tab.controller));
        QCOMPARE(tab.table()->model()->rowCount(), all->size());
        checkFilters(tab, *all, Filters{.owner = QStringLiteral("bob")});
        QCOMPARE(tab.table()->model()->rowCount(), 2);
        checkFilters(tab, *all,
                     Filters{.owner = QStringLiteral("bob"), .name = QStringLiteral("REPORT")});
        QCOMPARE(columnTexts(tab.table()->model(), PersonalTokenModel::Name),
                 QStringList{QStringLiteral("reporting")});
        QCOMPARE(columnTexts(tab.table()->model(), PersonalTokenModel::Owner),
                 QStringList{QStringLiteral("Bob Baker (bob)")});
        checkFilters(tab, *all, Filters{.neverUsed = true});
        QStringList neverUsed = columnTexts(tab.table()->model(), PersonalTokenModel::Name);
        neverUsed.sort();
        QCOMPARE(neverUsed,
                 (QStringList{QStringLiteral("ci-pipeline"), QStringLiteral("old-import")}));
        QCOMPARE(columnTexts(tab.table()->model(), PersonalTokenModel::LastUsed),
                 (QStringList{QStringLiteral("never"), QStringLiteral("never")}));
        // alice's laptop-cli expires within five days.
        checkFilters(tab, *all, Filters{.expiresFrom = 0, .expiresTo = 5});
        QCOMPARE(columnTexts(tab.table()->model(), PersonalTokenModel::Name),
                 QStringList{QStringLiteral("laptop-cli")});
        checkFilters(tab, *all, Filters{.lastUsedFrom = -365, .lastUsedTo = 0});
        QVERIFY(tab.table()->model()->rowCount() >= 2);
    }
    demo.stop();
}

void TestAdminTokenSearch::rowsArriveWhileTheSearchRuns()
{
    // Each page waits a little on the server, so the window has time to show what came.
    QVERIFY(m_session.server().addFault(
        R"({"path":"/rest/pat/latest/tokens/search","action":"latency","delayMs":150})"));
    m_tab->controller.setPageSize(200);
    QSignalSpy inserted(m_tab->source(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_tab->source(), &QAbstractItemModel::modelReset);
    child<QPushButton>(m_tab->tab, "clearSearch")->click();
    QTest::mouseClick(child<QPushButton>(m_tab->tab, "searchTokens"), Qt::LeftButton);
    QCOMPARE(reset.size(), 1); // the last search's rows go, once

    // The first page is shown while the others are still on their way.
    QVERIFY(inserted.wait(30000));
    QVERIFY(m_tab->controller.isSearching());
    QCOMPARE(m_tab->table()->model()->rowCount(), 200);
    QVERIFY(child<QPushButton>(m_tab->tab, "stopSearch")->isVisible());
    QVERIFY2(m_tab->status().startsWith(QStringLiteral("Loaded 200 of ~")),
             qPrintable(m_tab->status()));

    QVERIFY(waitSearchEnded(&m_tab->controller));
    QVERIFY(m_session.server().clearFaults());
    m_tab->controller.setPageSize(0);
    QCOMPARE(m_tab->table()->model()->rowCount(), m_all.size());
    // One insert per page, never a reset per page: 3,000-odd tokens in pages of 200.
    QCOMPARE(inserted.size(), int((m_all.size() + 199) / 200));
    QCOMPARE(reset.size(), 1);
    for (const QList<QVariant> &batch : std::as_const(inserted))
        QVERIFY(batch.at(2).toInt() - batch.at(1).toInt() + 1 <= 200);
}

void TestAdminTokenSearch::stopKeepsWhatLoaded()
{
    QVERIFY(m_session.server().addFault(
        R"({"path":"/rest/pat/latest/tokens/search","action":"latency","delayMs":300})"));
    m_tab->controller.setPageSize(100);
    QSignalSpy inserted(m_tab->source(), &QAbstractItemModel::rowsInserted);
    QTest::mouseClick(child<QPushButton>(m_tab->tab, "searchTokens"), Qt::LeftButton);
    QVERIFY(inserted.wait(30000));
    QTest::mouseClick(child<QPushButton>(m_tab->tab, "stopSearch"), Qt::LeftButton);
    QVERIFY(waitSearchEnded(&m_tab->controller));
    QVERIFY(m_session.server().clearFaults());
    m_tab->controller.setPageSize(0);

    QCOMPARE(m_tab->controller.searchState(), AdminTokenController::SearchState::Stopped);
    const int rows = m_tab->table()->model()->rowCount();
    QVERIFY(rows >= 100 && rows < m_all.size());
    QCOMPARE(rows % 100, 0); // whole pages only
    QVERIFY2(m_tab->status().startsWith(QStringLiteral("Stopped: %1 of ~").arg(rows)),
             qPrintable(m_tab->status()));
    QVERIFY(m_tab->problem().isEmpty());
    QVERIFY(!child<QPushButton>(m_tab->tab, "stopSearch")->isVisible());
}

namespace {

// The column's raw values top to bottom: real dates first, in order, then every "never".
QString orderProblem(const QAbstractItemModel *model, int column, Qt::SortOrder order)
{
    bool seenNever = false;
    QDateTime previous;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QDateTime when =
            model->index(row, column).data(PersonalTokenModel::RawValueRole).toDateTime();
        if (!when.isValid()) {
            seenNever = true;
            continue;
        }
        if (seenNever)
            return QStringLiteral("a date after “never” at row %1").arg(row);
        if (previous.isValid() && (order == Qt::AscendingOrder ? when < previous : when > previous))
            return QStringLiteral("out of order at row %1").arg(row);
        previous = when;
    }
    return seenNever || column == PersonalTokenModel::Created ? QString()
                                                              : QStringLiteral("no “never” at all");
}

QString textOrderProblem(const QAbstractItemModel *model, int column, Qt::SortOrder order)
{
    QCollator collator;
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    for (int row = 1; row < model->rowCount(); ++row) {
        const int compared = collator.compare(model->index(row - 1, column).data().toString(),
                                              model->index(row, column).data().toString());
        if (order == Qt::AscendingOrder ? compared > 0 : compared < 0)
            return QStringLiteral("out of order at row %1").arg(row);
    }
    return {};
}

} // namespace

void TestAdminTokenSearch::sortsNeverAfterRealDates()
{
    QVERIFY(m_tab->search(Filters{}));
    QTableView *table = m_tab->table();
    for (const int column :
         {PersonalTokenModel::Created, PersonalTokenModel::Expires, PersonalTokenModel::LastUsed}) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            table->sortByColumn(column, order);
            const QString problem = orderProblem(table->model(), column, order);
            QVERIFY2(
                problem.isEmpty(),
                qPrintable(
                    QStringLiteral("column %1, %2: %3").arg(column).arg(int(order)).arg(problem)));
        }
    }
    // Never used, and never expiring, read "never".
    table->sortByColumn(PersonalTokenModel::LastUsed, Qt::DescendingOrder);
    const int last = table->model()->rowCount() - 1;
    QCOMPARE(table->model()->index(last, PersonalTokenModel::LastUsed).data().toString(),
             QStringLiteral("never"));
    table->sortByColumn(PersonalTokenModel::Expires, Qt::AscendingOrder);
    QCOMPARE(table->model()->index(last, PersonalTokenModel::Expires).data().toString(),
             QStringLiteral("never"));
    for (const int column : {PersonalTokenModel::Name, PersonalTokenModel::Owner}) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            table->sortByColumn(column, order);
            const QString problem = textOrderProblem(table->model(), column, order);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }
    table->sortByColumn(PersonalTokenModel::Created, Qt::AscendingOrder);
}

void TestAdminTokenSearch::sortsWhileStreaming()
{
    // Sorted by name, against the order pages come in (by creation), while rows stream in.
    QTableView *table = m_tab->table();
    table->sortByColumn(PersonalTokenModel::Name, Qt::DescendingOrder);
    m_tab->controller.setPageSize(250);
    QSignalSpy inserted(m_tab->source(), &QAbstractItemModel::rowsInserted);
    QVERIFY(m_tab->search(Filters{}));
    m_tab->controller.setPageSize(0);
    QVERIFY(inserted.size() > 10);
    QCOMPARE(table->model()->rowCount(), m_all.size());
    const QString problem =
        textOrderProblem(table->model(), PersonalTokenModel::Name, Qt::DescendingOrder);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    table->sortByColumn(PersonalTokenModel::Created, Qt::AscendingOrder);
}

void TestAdminTokenSearch::filterBoxNarrowsWhatLoaded()
{
    QVERIFY(m_tab->search(Filters{}));
    const qsizetype requests = m_tab->controller.checkedCount();
    QLineEdit *filter = child<QLineEdit>(m_tab->tab, "filter");
    QTest::keyClicks(filter, QStringLiteral("USER0042"));
    const QAbstractItemModel *shown = m_tab->table()->model();
    QCOMPARE(shown->rowCount(), 10);
    for (const QString &owner : columnTexts(shown, PersonalTokenModel::Owner))
        QCOMPARE(owner, QStringLiteral("Scale User 42 (user0042)"));
    QVERIFY2(m_tab->status().endsWith(QStringLiteral("The filter shows 10 of them.")),
             qPrintable(m_tab->status()));
    // Filtering does not ask the server again.
    QCOMPARE(m_tab->controller.checkedCount(), requests);
    QCOMPARE(m_tab->controller.searchState(), AdminTokenController::SearchState::Completed);
    filter->clear();
    QCOMPARE(shown->rowCount(), m_all.size());
}

void TestAdminTokenSearch::explainsOwnersAndBadFilters()
{
    QVERIFY(m_tab->search(Filters{.owner = QStringLiteral("nobody-like-this")}));
    QCOMPARE(m_tab->controller.searchState(), AdminTokenController::SearchState::NoSuchOwner);
    QVERIFY2(m_tab->problem().contains(QStringLiteral(
                 "No user's name, display name or e-mail contains “nobody-like-this”")),
             qPrintable(m_tab->problem()));
    QCOMPARE(m_tab->table()->model()->rowCount(), 0);

    // More users than the search takes (the server's answer made up by trackersim's faults).
    QJsonArray users;
    for (int i = 0; i < 1001; ++i)
        users.append(QJsonObject{{QStringLiteral("userKey"), QStringLiteral("K%1").arg(i)},
                                 {QStringLiteral("username"), QStringLiteral("u%1").arg(i)},
                                 {QStringLiteral("fullName"), QStringLiteral("U %1").arg(i)},
                                 {QStringLiteral("email"), QStringLiteral("u%1@x.test").arg(i)}});
    QVERIFY(m_session.server().addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                    {QStringLiteral("path"), QStringLiteral("/rest/pat/latest/tokens/search/user")},
                    {QStringLiteral("status"), 200},
                    {QStringLiteral("contentType"), QStringLiteral("application/json")},
                    {QStringLiteral("body"), QString::fromUtf8(QJsonDocument(users).toJson())},
                    {QStringLiteral("times"), 1}}));
    QVERIFY(m_tab->search(Filters{.owner = QStringLiteral("u")}));
    QCOMPARE(m_tab->controller.searchState(), AdminTokenController::SearchState::TooManyOwners);
    QVERIFY2(m_tab->problem().contains(QStringLiteral("More than 1000 users match “u”")),
             qPrintable(m_tab->problem()));

    // Filters that cannot be searched are named at their field; nothing is lost or sent.
    QVERIFY(m_tab->search(Filters{.owner = QStringLiteral("user0007")}));
    const qsizetype rows = m_tab->table()->model()->rowCount();
    QLineEdit *createdFrom = child<QLineEdit>(m_tab->tab, "createdFrom");
    createdFrom->setText(QStringLiteral("2025-13-45"));
    QTest::mouseClick(child<QPushButton>(m_tab->tab, "searchTokens"), Qt::LeftButton);
    const QLabel *formProblem = child<QLabel>(m_tab->tab, "searchProblem");
    QVERIFY(formProblem->isVisible());
    QVERIFY2(formProblem->text().contains(QStringLiteral("“2025-13-45” is not a day")),
             qPrintable(formProblem->text()));
    QCOMPARE(createdFrom->text(), QStringLiteral("2025-13-45"));
    QCOMPARE(m_tab->controller.query().owner, QStringLiteral("user0007"));
    QCOMPARE(m_tab->table()->model()->rowCount(), rows);

    createdFrom->setText(QStringLiteral("2025-03-31"));
    child<QLineEdit>(m_tab->tab, "createdTo")->setText(QStringLiteral("2025-03-01"));
    QTest::mouseClick(child<QPushButton>(m_tab->tab, "searchTokens"), Qt::LeftButton);
    QVERIFY2(formProblem->text().contains(QStringLiteral("The first day is after the last day")),
             qPrintable(formProblem->text()));

    child<QPushButton>(m_tab->tab, "clearSearch")->click();
    child<QLineEdit>(m_tab->tab, "lastUsedFrom")->setText(QStringLiteral("2025-03-01"));
    child<QCheckBox>(m_tab->tab, "neverUsed")->setChecked(true);
    QTest::mouseClick(child<QPushButton>(m_tab->tab, "searchTokens"), Qt::LeftButton);
    QVERIFY2(formProblem->text().contains(QStringLiteral("never used has no last-used day")),
             qPrintable(formProblem->text()));
    QCOMPARE(m_tab->controller.query().owner, QStringLiteral("user0007"));
    child<QPushButton>(m_tab->tab, "clearSearch")->click();
    QVERIFY(!formProblem->isVisible());
}

QTEST_MAIN(TestAdminTokenSearch)
#include "tst_admintokensearch.moc"
