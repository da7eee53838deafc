// RevokeWording: what revoking means for an application, for a personal access token, and for a
// mix; the app's confirmation and the CLI's prompt both take their text from here.
#include "services/RevokeWording.h"
#include "services/Translations.h"

#include <QTest>

using namespace accessdesk;

namespace {

AccessGrant grant(const QString &name, GrantKind kind)
{
    AccessGrant g;
    g.application = name;
    g.kind = kind;
    return g;
}

} // namespace

class TestRevokeWording : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(translations::install(QStringLiteral("en"))); }

    void anApplicationLosesAccess()
    {
        const QList<AccessGrant> grants{grant(QStringLiteral("Bamboo"), GrantKind::OAuth1)};
        const QString message = RevokeWording::message(grants);
        QVERIFY(message.startsWith(QStringLiteral("Revoke this grant?")));
        QVERIFY(message.contains(QStringLiteral("• Bamboo can then see only public data.")));
        QVERIFY(message.contains(QStringLiteral("the application would have to ask again")));
        QVERIFY2(!message.contains(QStringLiteral("refused")), qPrintable(message));
        QCOMPARE(RevokeWording::summary(grants),
                 QStringLiteral("Bamboo can then see only public data."));
        QCOMPARE(RevokeWording::consequence(grant(QStringLiteral("Radar"), GrantKind::OAuth2)),
                 QStringLiteral("Radar can then see only public data."));
    }

    void aTokenStopsWorking()
    {
        const QList<AccessGrant> grants{
            grant(QStringLiteral("ci-pipeline"), GrantKind::PersonalToken)};
        const QString message = RevokeWording::message(grants);
        QVERIFY(message.contains(
            QStringLiteral("• Scripts and tools using ci-pipeline will be refused.")));
        QVERIFY(message.contains(QStringLiteral("a new token would have to be created")));
        QVERIFY2(!message.contains(QStringLiteral("public data")), qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("ask again")));
    }

    void aMixSaysBoth()
    {
        const QList<AccessGrant> grants{
            grant(QStringLiteral("Bamboo"), GrantKind::OAuth1),
            grant(QStringLiteral("ci-pipeline"), GrantKind::PersonalToken)};
        const QString message = RevokeWording::message(grants);
        QVERIFY(message.startsWith(QStringLiteral("Revoke these 2 grants?")));
        QVERIFY(message.contains(QStringLiteral("• Bamboo can then see only public data.")));
        QVERIFY(message.contains(
            QStringLiteral("• Scripts and tools using ci-pipeline will be refused.")));
        QVERIFY(message.contains(QStringLiteral("the applications would have to ask again, and "
                                                "new tokens would have to be created")));
        QCOMPARE(RevokeWording::summary(grants),
                 QStringLiteral("The applications can then see only public data, and scripts "
                                "and tools using the personal access tokens will be refused."));
    }

    void theDetailsSayWhatFollows()
    {
        QCOMPARE(RevokeWording::ifRevoked(grant(QStringLiteral("Bamboo"), GrantKind::OAuth1)),
                 QStringLiteral("If you revoke it, Bamboo can then see only public data."));
        QCOMPARE(RevokeWording::ifRevoked(
                     grant(QStringLiteral("ci-pipeline"), GrantKind::PersonalToken)),
                 QStringLiteral(
                     "If you revoke it, scripts and tools using ci-pipeline will be refused."));
    }

    void theRestIsCountedPerKind()
    {
        QList<AccessGrant> grants;
        for (int i = 1; i <= 12; ++i)
            grants << grant(QStringLiteral("app-%1").arg(i), GrantKind::OAuth1);
        grants << grant(QStringLiteral("token-a"), GrantKind::PersonalToken)
               << grant(QStringLiteral("token-b"), GrantKind::PersonalToken);
        const QStringList lines = RevokeWording::consequences(grants);
        QCOMPARE(lines.size(), 12);
        QCOMPARE(lines.at(9), QStringLiteral("app-10 can then see only public data."));
        QCOMPARE(lines.at(10),
                 QStringLiteral("…and 2 more applications; they too can then see only public "
                                "data."));
        QCOMPARE(lines.at(11), QStringLiteral("…and 2 more personal access tokens; scripts and "
                                              "tools using them will be refused."));
        // One or two over the limit are simply named.
        QCOMPARE(RevokeWording::consequences(grants.first(12)).size(), 12);
    }
};

QTEST_GUILESS_MAIN(TestRevokeWording)
#include "tst_revokewording.moc"
