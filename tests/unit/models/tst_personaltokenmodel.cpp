// PersonalTokenModel keeps its rows sorted while pages stream in: each page is merged into place,
// and after every page the rows are exactly what a full stable sort of everything loaded gives —
// for each column, both orders, with equal keys and "never" values. PersonalTokenFilterModel only
// filters and hands sorting to the model; the selection follows its rows across a merge.
#include "PersonalTokenFilterModel.h"
#include "PersonalTokenModel.h"

#include <QAbstractItemModelTester>
#include <QCollator>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace accessdesk;

namespace {

const QDateTime kBase(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC);
const QDateTime kNeverExpires(QDate(9999, 12, 31), QTime(0, 0), Qt::UTC); // Jira's sentinel

// Few distinct names, owners and times, so many rows tie on the sorted column; about a quarter of
// the times are missing ("never" / unknown).
PersonalToken randomToken(QRandomGenerator &random, qint64 id)
{
    PersonalToken token;
    token.id = id;
    static const QStringList names{QStringLiteral("ci"),       QStringLiteral("CI"),
                                   QStringLiteral("laptop 2"), QStringLiteral("laptop 10"),
                                   QStringLiteral("backup"),   QStringLiteral("Zeta")};
    token.name = names.at(random.bounded(int(names.size())));
    TokenOwner owner;
    const int user = random.bounded(5);
    owner.username = QStringLiteral("user%1").arg(user);
    owner.fullName = user % 2 ? QStringLiteral("User %1").arg(user) : QString();
    owner.userKey = owner.username;
    token.owner = owner;
    const auto someTime = [&random] { return kBase.addDays(random.bounded(8)); };
    if (random.bounded(4) != 0)
        token.createdAt = someTime();
    const int expiry = random.bounded(4);
    if (expiry == 1)
        token.expiresAt = someTime();
    else if (expiry == 2)
        token.expiresAt = kNeverExpires;
    if (random.bounded(4) != 0)
        token.lastUsedAt = someTime();
    return token;
}

QList<qint64> idsInOrder(const QAbstractItemModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(PersonalTokenModel::TokenIdRole).toLongLong());
    return ids;
}

// The order a full sort gives, worked out here from what the model shows (not from its own
// comparison): the column's raw value — times as times, "never" (an invalid time) after every
// time in both orders; text as people read it, case ignored, numbers as numbers — then ties by
// name, then by token id, all in the sort's direction.
QList<qint64> referenceOrder(const QList<PersonalToken> &arrived, int column, Qt::SortOrder order)
{
    PersonalTokenModel unsorted;
    unsorted.appendTokens(arrived);
    QCollator collator;
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    const auto compareText = [&collator](const QString &a, const QString &b) {
        return collator.compare(a.toCaseFolded(), b.toCaseFolded());
    };
    struct Entry
    {
        QVariant value;
        QString name;
        qint64 id;
    };
    QList<Entry> entries;
    for (int row = 0; row < unsorted.rowCount(); ++row)
        entries.append({unsorted.index(row, column).data(PersonalTokenModel::RawValueRole),
                        unsorted.index(row, PersonalTokenModel::Name).data().toString(),
                        unsorted.tokenAt(row).id});
    const bool ascending = order == Qt::AscendingOrder;
    std::stable_sort(entries.begin(), entries.end(), [&](const Entry &a, const Entry &b) {
        int primary = 0;
        if (a.value.metaType().id() == QMetaType::QDateTime) {
            const QDateTime ta = a.value.toDateTime();
            const QDateTime tb = b.value.toDateTime();
            if (ta.isValid() != tb.isValid())
                return ta.isValid(); // "never" last, whatever the order
            if (ta.isValid())
                primary = ta < tb ? -1 : (tb < ta ? 1 : 0);
        } else {
            primary = compareText(a.value.toString(), b.value.toString());
        }
        if (primary == 0 && column != PersonalTokenModel::Name)
            primary = compareText(a.name, b.name);
        if (primary == 0)
            primary = a.id < b.id ? -1 : (b.id < a.id ? 1 : 0);
        return ascending ? primary < 0 : primary > 0;
    });
    QList<qint64> ids;
    for (const Entry &entry : std::as_const(entries))
        ids.append(entry.id);
    return ids;
}

} // namespace

class TestPersonalTokenModel : public QObject
{
    Q_OBJECT

private slots:
    void mergesEachPageIntoPlace_data();
    void mergesEachPageIntoPlace();
    void sortsWhatIsLoaded();
    void neverGoesLastBothWays();
    void keepsSelectionAcrossMerge();
    void filtersWhileStreaming();
    void unsortedKeepsArrivalOrder();
};

void TestPersonalTokenModel::mergesEachPageIntoPlace_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    for (int column = 0; column < PersonalTokenModel::ColumnCount; ++column) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            const QString title = PersonalTokenModel::columnTitle(column) +
                                  (order == Qt::AscendingOrder ? QStringLiteral(" ascending")
                                                               : QStringLiteral(" descending"));
            QTest::newRow(qPrintable(title)) << column << order;
        }
    }
}

void TestPersonalTokenModel::mergesEachPageIntoPlace()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QRandomGenerator random(quint32(column * 2 + int(order) + 7));
    PersonalTokenModel model;
    PersonalTokenFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model);
    QAbstractItemModelTester proxyTester(&proxy);
    proxy.sort(column, order);
    QCOMPARE(model.sortColumn(), column);
    QCOMPARE(model.sortOrder(), order);

    // Ids in a shuffled order, pages of random sizes, some ids sent again.
    QList<qint64> ids(600);
    std::iota(ids.begin(), ids.end(), 1);
    std::shuffle(ids.begin(), ids.end(), random);
    QList<PersonalToken> arrived;
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    int next = 0;
    while (next < ids.size()) {
        const int size = std::min(int(ids.size()) - next, 1 + random.bounded(60));
        QList<PersonalToken> page;
        for (int i = 0; i < size; ++i)
            page.append(randomToken(random, ids.at(next + i)));
        if (!arrived.isEmpty())
            page.append(arrived.at(random.bounded(int(arrived.size())))); // a repeat
        next += size;
        arrived.append(page.first(size));
        model.appendTokens(page);
        const QList<qint64> expected = referenceOrder(arrived, column, order);
        QCOMPARE(idsInOrder(model), expected);
        QCOMPARE(idsInOrder(proxy), expected);
    }
    QVERIFY(layouts.size() > 0); // pages did go between rows already there
    QCOMPARE(model.rowCount(), ids.size());
    for (const qint64 id : ids)
        QCOMPARE(model.tokenAt(model.rowOfToken(id)).id, id);
    QCOMPARE(model.rowOfToken(100000), -1);
}

void TestPersonalTokenModel::sortsWhatIsLoaded()
{
    QRandomGenerator random(11);
    PersonalTokenModel model;
    PersonalTokenFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy);
    QList<PersonalToken> arrived;
    for (qint64 id = 1; id <= 300; ++id)
        arrived.append(randomToken(random, id));
    model.appendTokens(arrived);
    for (int column = 0; column < PersonalTokenModel::ColumnCount; ++column) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            proxy.sort(column, order);
            QCOMPARE(idsInOrder(proxy), referenceOrder(arrived, column, order));
            QCOMPARE(proxy.sortColumn(), -1); // the proxy itself never sorts
        }
    }
}

void TestPersonalTokenModel::neverGoesLastBothWays()
{
    QRandomGenerator random(5);
    PersonalTokenModel model;
    for (const int column :
         {PersonalTokenModel::Created, PersonalTokenModel::Expires, PersonalTokenModel::LastUsed}) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.clear();
            model.sort(column, order);
            for (qint64 page = 0; page < 5; ++page) {
                QList<PersonalToken> tokens;
                for (qint64 i = 0; i < 40; ++i)
                    tokens.append(randomToken(random, page * 100 + i + 1));
                model.appendTokens(tokens);
            }
            bool seenNever = false;
            QDateTime previous;
            for (int row = 0; row < model.rowCount(); ++row) {
                const QDateTime when =
                    model.index(row, column).data(PersonalTokenModel::RawValueRole).toDateTime();
                if (!when.isValid()) {
                    seenNever = true;
                    continue;
                }
                QVERIFY2(!seenNever, "a real time below \"never\"");
                if (previous.isValid())
                    QVERIFY(order == Qt::AscendingOrder ? previous <= when : previous >= when);
                previous = when;
            }
            QVERIFY(seenNever);
        }
    }
}

void TestPersonalTokenModel::keepsSelectionAcrossMerge()
{
    QRandomGenerator random(3);
    PersonalTokenModel model;
    PersonalTokenFilterModel proxy;
    proxy.setSourceModel(&model);
    QItemSelectionModel selection(&proxy);
    proxy.sort(PersonalTokenModel::Name, Qt::AscendingOrder);
    QList<PersonalToken> first;
    for (qint64 id = 1; id <= 50; ++id)
        first.append(randomToken(random, id * 2));
    model.appendTokens(first);
    const QList<int> chosen{3, 17, 18, 40};
    QSet<qint64> selectedIds;
    for (const int row : chosen) {
        selection.select(proxy.index(row, 0),
                         QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selectedIds.insert(proxy.index(row, 0).data(PersonalTokenModel::TokenIdRole).toLongLong());
    }
    selection.setCurrentIndex(proxy.index(17, PersonalTokenModel::Owner),
                              QItemSelectionModel::NoUpdate);
    const qint64 currentId = proxy.index(17, 0).data(PersonalTokenModel::TokenIdRole).toLongLong();

    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    QList<PersonalToken> second;
    for (qint64 id = 1; id <= 50; ++id)
        second.append(randomToken(random, id * 2 + 1));
    model.appendTokens(second);
    QCOMPARE(layouts.size(), 1); // merged, so the rows did move

    QSet<qint64> stillSelected;
    for (const QModelIndex &index : selection.selectedRows())
        stillSelected.insert(index.data(PersonalTokenModel::TokenIdRole).toLongLong());
    QCOMPARE(stillSelected, selectedIds);
    QCOMPARE(selection.currentIndex().data(PersonalTokenModel::TokenIdRole).toLongLong(),
             currentId);
    QCOMPARE(selection.currentIndex().column(), int(PersonalTokenModel::Owner));

    // And across a sort by another column.
    proxy.sort(PersonalTokenModel::LastUsed, Qt::DescendingOrder);
    stillSelected.clear();
    for (const QModelIndex &index : selection.selectedRows())
        stillSelected.insert(index.data(PersonalTokenModel::TokenIdRole).toLongLong());
    QCOMPARE(stillSelected, selectedIds);
    QCOMPARE(selection.currentIndex().data(PersonalTokenModel::TokenIdRole).toLongLong(),
             currentId);
}

void TestPersonalTokenModel::filtersWhileStreaming()
{
    QRandomGenerator random(9);
    PersonalTokenModel model;
    PersonalTokenFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy);
    proxy.sort(PersonalTokenModel::Owner, Qt::DescendingOrder);
    QList<PersonalToken> arrived;
    qint64 id = 0;
    const auto addPage = [&] {
        QList<PersonalToken> page;
        for (int i = 0; i < 30; ++i)
            page.append(randomToken(random, ++id * 7 % 1000)); // ids out of order
        arrived.append(page);
        model.appendTokens(page);
    };
    addPage();
    proxy.setTextFilter(QStringLiteral("  LAPTOP "));
    for (int page = 0; page < 6; ++page) {
        addPage();
        QList<qint64> expected;
        for (const qint64 each :
             referenceOrder(arrived, PersonalTokenModel::Owner, Qt::DescendingOrder)) {
            const PersonalToken &token = model.tokenAt(model.rowOfToken(each));
            if (token.name.contains(QStringLiteral("laptop"), Qt::CaseInsensitive))
                expected.append(each);
        }
        QVERIFY(!expected.isEmpty());
        QCOMPARE(idsInOrder(proxy), expected);
    }
    proxy.setTextFilter(QString());
    QCOMPARE(idsInOrder(proxy),
             referenceOrder(arrived, PersonalTokenModel::Owner, Qt::DescendingOrder));
}

void TestPersonalTokenModel::unsortedKeepsArrivalOrder()
{
    QRandomGenerator random(1);
    PersonalTokenModel model;
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    QList<qint64> expected;
    for (qint64 page = 0; page < 3; ++page) {
        QList<PersonalToken> tokens;
        for (qint64 i = 0; i < 20; ++i) {
            tokens.append(randomToken(random, 1000 - page * 20 - i));
            expected.append(tokens.constLast().id);
        }
        model.appendTokens(tokens);
    }
    QCOMPARE(idsInOrder(model), expected);
    QCOMPARE(layouts.size(), 0);
    // Sorted, then unsorted again: the rows stay, new ones go below.
    model.sort(PersonalTokenModel::Name, Qt::AscendingOrder);
    const QList<qint64> sorted = idsInOrder(model);
    model.sort(-1, Qt::AscendingOrder);
    model.appendTokens({randomToken(random, 1)});
    QCOMPARE(idsInOrder(model), sorted + QList<qint64>{1});
}

QTEST_GUILESS_MAIN(TestPersonalTokenModel)
#include "tst_personaltokenmodel.moc"
