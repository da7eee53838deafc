// AccessGrantModel and AccessGrantFilterModel: model contract, badges, sorting, filtering.
#include "AccessGrantFilterModel.h"
#include "AccessGrantModel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

using namespace accessdesk;

namespace {

const QDateTime kNow(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC);

AccessGrant grant(const QString &id, GrantKind kind, const QString &app, int issuedDaysAgo)
{
    AccessGrant g;
    g.id = id;
    g.kind = kind;
    g.application = app;
    g.revokeKey = id;
    g.issuedAt = kNow.addDays(-issuedDaysAgo);
    return g;
}

QList<AccessGrant> sample()
{
    AccessGrant bamboo =
        grant(QStringLiteral("t1"), GrantKind::OAuth1, QStringLiteral("Bamboo"), 30);
    bamboo.description = QStringLiteral("Build server");
    AccessGrant radar =
        grant(QStringLiteral("r1"), GrantKind::OAuth2, QStringLiteral("Release Radar"), 2);
    radar.scopes = {QStringLiteral("READ")};
    radar.expiresAt = kNow.addDays(3); // expires soon
    AccessGrant laptop =
        grant(QStringLiteral("11"), GrantKind::PersonalToken, QStringLiteral("laptop-cli"), 10);
    laptop.expiresAt = kNow.addDays(-1); // expired, never used
    AccessGrant ci =
        grant(QStringLiteral("12"), GrantKind::PersonalToken, QStringLiteral("ci-pipeline"), 5);
    ci.expiresAt = kNow.addDays(90);
    ci.lastUsedAt = kNow.addDays(-1);
    return {bamboo, radar, laptop, ci};
}

} // namespace

class TestGrantModel final : public QObject
{
    Q_OBJECT

private slots:
    void modelContract();
    void badges();
    void rolesAndDisplay();
    void sortsTextWithCollator();
    void sortsTextWithCollationKeysInALocale();
    void sortsDatesByValue();
    void missingDatesSortLastInBothOrders();
    void filtersByText();
    void filtersByKind();
    void filterFollowsTheSourceModel();
};

void TestGrantModel::modelContract()
{
    AccessGrantModel model([] { return kNow; });
    AccessGrantFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester sourceTester(&model,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGrants(sample());
    proxy.sort(AccessGrantModel::Issued);
    proxy.setTextFilter(QStringLiteral("e"));
    proxy.setKinds({GrantKind::PersonalToken});
    model.setGrants({});
    QCOMPARE(proxy.rowCount(), 0);
}

void TestGrantModel::badges()
{
    const QList<AccessGrant> grants = sample();
    QCOMPARE(AccessGrantModel::badgesFor(grants.at(0), kNow), QStringList());
    QCOMPARE(AccessGrantModel::badgesFor(grants.at(1), kNow),
             QStringList{QStringLiteral("expires soon")});
    QCOMPARE(AccessGrantModel::badgesFor(grants.at(2), kNow),
             (QStringList{QStringLiteral("expired"), QStringLiteral("never used")}));
    QCOMPARE(AccessGrantModel::badgesFor(grants.at(3), kNow), QStringList());
    // Five days ahead is still "soon"; six is not.
    AccessGrant edge = grants.at(3);
    edge.expiresAt = kNow.addDays(5);
    QCOMPARE(AccessGrantModel::badgesFor(edge, kNow), QStringList{QStringLiteral("expires soon")});
    edge.expiresAt = kNow.addDays(6);
    QCOMPARE(AccessGrantModel::badgesFor(edge, kNow), QStringList());
    // A wider warning window (Preferences) makes six days "soon" in the model's rows too.
    QCOMPARE(AccessGrantModel::badgesFor(edge, kNow, 10),
             QStringList{QStringLiteral("expires soon")});
    AccessGrantModel model([] { return kNow; });
    model.setGrants({edge});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QCOMPARE(model.index(0, 0).data(AccessGrantModel::BadgeRole).toStringList(), QStringList());
    model.setExpiresSoonDays(10);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, 0).data(AccessGrantModel::BadgeRole).toStringList(),
             QStringList{QStringLiteral("expires soon")});
}

void TestGrantModel::rolesAndDisplay()
{
    AccessGrantModel model([] { return kNow; });
    model.setGrants(sample());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(AccessGrantModel::ColumnCount));
    const QModelIndex issued = model.index(0, AccessGrantModel::Issued);
    QCOMPARE(issued.data(AccessGrantModel::RawValueRole).toDateTime(), kNow.addDays(-30));
    // The locale's short format without seconds (C's own short format has them).
    const QLocale previous;
    QLocale::setDefault(QLocale::c());
    QCOMPARE(issued.data().toString(),
             kNow.addDays(-30).toLocalTime().toString(QStringLiteral("d MMM yyyy HH:mm")));
    QLocale::setDefault(QLocale(QLocale::German));
    QCOMPARE(issued.data().toString(),
             kNow.addDays(-30).toLocalTime().toString(QStringLiteral("dd.MM.yy HH:mm")));
    QLocale::setDefault(previous);
    QCOMPARE(model.index(2, 0).data(AccessGrantModel::GrantIdRole).toString(),
             QStringLiteral("pat:11"));
    QCOMPARE(model.index(1, AccessGrantModel::Kind).data().toString(), QStringLiteral("OAuth 2.0"));
    QCOMPARE(model.index(1, AccessGrantModel::Scopes).data().toString(), QStringLiteral("READ"));
    QVERIFY(model.index(1, AccessGrantModel::Expires)
                .data()
                .toString()
                .contains(QStringLiteral("expires soon")));
    QCOMPARE(model.index(2, AccessGrantModel::LastUsed).data().toString(),
             QStringLiteral("never used"));
    QCOMPARE(model.headerData(AccessGrantModel::LastUsed, Qt::Horizontal).toString(),
             QStringLiteral("Last used"));
}

void TestGrantModel::sortsTextWithCollator()
{
    AccessGrantModel model([] { return kNow; });
    model.setGrants(sample());
    AccessGrantFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(AccessGrantModel::Application, Qt::AscendingOrder);
    QStringList names;
    for (int row = 0; row < proxy.rowCount(); ++row)
        names << proxy.index(row, AccessGrantModel::Application).data().toString();
    // Case-insensitive: "ci-pipeline" between "Bamboo" and "laptop-cli".
    QCOMPARE(names, (QStringList{QStringLiteral("Bamboo"), QStringLiteral("ci-pipeline"),
                                 QStringLiteral("laptop-cli"), QStringLiteral("Release Radar")}));
}

// In a real locale the proxy compares collation keys made once per row (in the C locale, folded
// text): numbers as numbers, case ignored, and a changed or added row sorted by its new key.
void TestGrantModel::sortsTextWithCollationKeysInALocale()
{
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const auto restore = qScopeGuard([&] { QLocale::setDefault(before); });
    QList<AccessGrant> grants;
    for (const QString &name :
         {QStringLiteral("runner 10"), QStringLiteral("Runner 9"), QStringLiteral("bamboo"),
          QStringLiteral("Zephyr"), QStringLiteral("runner 100")})
        grants.append(grant(name, GrantKind::PersonalToken, name, 1));
    AccessGrantModel model([] { return kNow; });
    model.setGrants(grants);
    AccessGrantFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(AccessGrantModel::Application, Qt::AscendingOrder);
    const auto names = [&proxy] {
        QStringList shown;
        for (int row = 0; row < proxy.rowCount(); ++row)
            shown << proxy.index(row, AccessGrantModel::Application).data().toString();
        return shown;
    };
    QCOMPARE(names(), (QStringList{QStringLiteral("bamboo"), QStringLiteral("Runner 9"),
                                   QStringLiteral("runner 10"), QStringLiteral("runner 100"),
                                   QStringLiteral("Zephyr")}));
    proxy.sort(AccessGrantModel::Application, Qt::DescendingOrder);
    QCOMPARE(names().first(), QStringLiteral("Zephyr"));

    // A new list brings new keys, not the old rows'.
    grants.removeFirst();
    grants.append(grant(QStringLiteral("x"), GrantKind::PersonalToken, QStringLiteral("Alpha"), 1));
    model.setGrants(grants);
    proxy.sort(AccessGrantModel::Application, Qt::AscendingOrder);
    QCOMPARE(names(), (QStringList{QStringLiteral("Alpha"), QStringLiteral("bamboo"),
                                   QStringLiteral("Runner 9"), QStringLiteral("runner 100"),
                                   QStringLiteral("Zephyr")}));
}

void TestGrantModel::sortsDatesByValue()
{
    AccessGrantModel model([] { return kNow; });
    model.setGrants(sample());
    AccessGrantFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(AccessGrantModel::Expires, Qt::AscendingOrder);
    QStringList names;
    for (int row = 0; row < proxy.rowCount(); ++row)
        names << proxy.index(row, AccessGrantModel::Application).data().toString();
    // Soonest first; Bamboo has no expiry and comes last.
    QCOMPARE(names, (QStringList{QStringLiteral("laptop-cli"), QStringLiteral("Release Radar"),
                                 QStringLiteral("ci-pipeline"), QStringLiteral("Bamboo")}));
}

void TestGrantModel::missingDatesSortLastInBothOrders()
{
    AccessGrantModel model([] { return kNow; });
    model.setGrants(sample());
    AccessGrantFilterModel proxy;
    proxy.setSourceModel(&model);
    const auto applications = [&proxy] {
        QStringList names;
        for (int row = 0; row < proxy.rowCount(); ++row)
            names << proxy.index(row, AccessGrantModel::Application).data().toString();
        return names;
    };
    // Latest expiry first; the grant without one ("not reported") still comes last.
    proxy.sort(AccessGrantModel::Expires, Qt::DescendingOrder);
    QCOMPARE(applications(),
             (QStringList{QStringLiteral("ci-pipeline"), QStringLiteral("Release Radar"),
                          QStringLiteral("laptop-cli"), QStringLiteral("Bamboo")}));
    // Only ci-pipeline was ever used: the "never used" and "not reported" rows follow it either
    // way.
    proxy.sort(AccessGrantModel::LastUsed, Qt::AscendingOrder);
    QCOMPARE(applications().first(), QStringLiteral("ci-pipeline"));
    proxy.sort(AccessGrantModel::LastUsed, Qt::DescendingOrder);
    QCOMPARE(applications().first(), QStringLiteral("ci-pipeline"));
}

void TestGrantModel::filtersByText()
{
    AccessGrantModel model([] { return kNow; });
    model.setGrants(sample());
    AccessGrantFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.setTextFilter(QStringLiteral("RADAR"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Release Radar"));
    proxy.setTextFilter(QStringLiteral("build server"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setTextFilter(QStringLiteral("no such thing"));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setTextFilter({});
    QCOMPARE(proxy.rowCount(), 4);
}

void TestGrantModel::filtersByKind()
{
    AccessGrantModel model([] { return kNow; });
    model.setGrants(sample());
    AccessGrantFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.setKinds({GrantKind::PersonalToken});
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setKinds({GrantKind::OAuth1, GrantKind::OAuth2});
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setKinds({});
    QCOMPARE(proxy.rowCount(), 4);
}

void TestGrantModel::filterFollowsTheSourceModel()
{
    AccessGrantModel model([] { return kNow; });
    model.setGrants(sample());
    AccessGrantFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setTextFilter(QStringLiteral("radar"));
    QCOMPARE(proxy.rowCount(), 1);
    // The search texts the proxy keeps follow a new list.
    QList<AccessGrant> renamed = sample();
    for (AccessGrant &g : renamed) {
        if (g.application == QLatin1String("Release Radar"))
            g.application = QStringLiteral("Release notes");
    }
    model.setGrants(renamed);
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setTextFilter(QStringLiteral("NOTES"));
    QCOMPARE(proxy.rowCount(), 1);

    // Thousands of rows coming and going at once (one layout change) give the same rows as a
    // few at a time.
    QList<AccessGrant> many;
    int expected = 0;
    for (int i = 0; i < 6000; ++i) {
        const QString app = (i % 2 ? QStringLiteral("alpha %1") : QStringLiteral("beta %1")).arg(i);
        many.append(grant(QString::number(i), GrantKind::PersonalToken, app, i % 50));
        expected += app.startsWith(QLatin1String("alpha 1")) ? 1 : 0;
    }
    model.setGrants(many);
    proxy.setTextFilter(QStringLiteral("Alpha"));
    QCOMPARE(proxy.rowCount(), 3000);
    proxy.setTextFilter(QStringLiteral("alpha 1"));
    QCOMPARE(proxy.rowCount(), expected);
    for (int row = 0; row < proxy.rowCount(); ++row)
        QVERIFY(proxy.index(row, AccessGrantModel::Application)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("alpha 1")));
    proxy.setTextFilter({});
    QCOMPARE(proxy.rowCount(), 6000);
}

QTEST_GUILESS_MAIN(TestGrantModel)
#include "tst_grantmodel.moc"
