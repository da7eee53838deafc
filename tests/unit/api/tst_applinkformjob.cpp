// The request of CreateAppLinkForm (spec 3.4 (26)), offline: path, method, the body's fields
// for one-way and two-way links, and where the remote administrator's credentials go.
#include "api/AppLinkFormJobs.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace accessdesk;

namespace {

AppLinkFormRequest wiki()
{
    AppLinkFormRequest request;
    request.link = AppLinkDraft{QStringLiteral("ignored-id"),
                                QStringLiteral("confluence"),
                                QStringLiteral("Team Wiki"),
                                QStringLiteral("https://wiki.example.com"),
                                QStringLiteral("https://wiki.example.com/ui"),
                                true};
    return request;
}

QJsonObject bodyOf(const ApiRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

} // namespace

class TestAppLinkFormJob final : public QObject
{
    Q_OBJECT

private slots:
    void oneWayCarriesNoCredentials();
    void twoWayCarriesTheRemoteAdministrator();
    void customUrlForTheRemote();
    void isNeverRetried();
};

void TestAppLinkFormJob::oneWayCarriesNoCredentials()
{
    const ApiRequest request = CreateAppLinkForm::build(wiki());
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QStringLiteral("/rest/applinks/1.0/applicationlinkForm/createAppLink"));
    QCOMPARE(request.contentType, QByteArray("application/json"));
    const QJsonObject expected{
        {QStringLiteral("applicationLink"),
         QJsonObject{{QStringLiteral("typeId"), QStringLiteral("confluence")},
                     {QStringLiteral("name"), QStringLiteral("Team Wiki")},
                     {QStringLiteral("rpcUrl"), QStringLiteral("https://wiki.example.com")},
                     {QStringLiteral("displayUrl"), QStringLiteral("https://wiki.example.com/ui")},
                     {QStringLiteral("isPrimary"), true}}},
        {QStringLiteral("createTwoWayLink"), false},
        {QStringLiteral("customRpcURL"), false},
        {QStringLiteral("configFormValues"),
         QJsonObject{{QStringLiteral("trustEachOther"), false},
                     {QStringLiteral("shareUserbase"), false}}}};
    QCOMPARE(bodyOf(request), expected);
}

void TestAppLinkFormJob::twoWayCarriesTheRemoteAdministrator()
{
    AppLinkFormRequest form = wiki();
    form.createTwoWayLink = true;
    form.remoteUser = QStringLiteral("remote-admin");
    form.remotePassword = QStringLiteral("p@ss word+");
    form.shareUserbase = true;
    const QJsonObject body = bodyOf(CreateAppLinkForm::build(form));
    QCOMPARE(body.value(QLatin1String("createTwoWayLink")).toBool(), true);
    QCOMPARE(body.value(QLatin1String("username")).toString(), QStringLiteral("remote-admin"));
    QCOMPARE(body.value(QLatin1String("password")).toString(), QStringLiteral("p@ss word+"));
    QCOMPARE(body.value(QLatin1String("configFormValues"))
                 .toObject()
                 .value(QLatin1String("shareUserbase"))
                 .toBool(),
             true);
    // The link's id comes from the remote's manifest on the server's side.
    QVERIFY(!body.value(QLatin1String("applicationLink")).toObject().contains(QLatin1String("id")));
    // The credentials travel in the body only, never in the URL.
    QVERIFY(CreateAppLinkForm::build(form).query.isEmpty());
}

void TestAppLinkFormJob::customUrlForTheRemote()
{
    AppLinkFormRequest form = wiki();
    form.createTwoWayLink = true;
    form.localUrlForRemote = QStringLiteral("https://jira.internal:8443");
    const QJsonObject body = bodyOf(CreateAppLinkForm::build(form));
    QCOMPARE(body.value(QLatin1String("customRpcURL")).toBool(), true);
    QCOMPARE(body.value(QLatin1String("rpcUrl")).toString(),
             QStringLiteral("https://jira.internal:8443"));
}

void TestAppLinkFormJob::isNeverRetried()
{
    // A repeated POST could create the link twice: ApiJob retries idempotent requests only.
    QVERIFY(!CreateAppLinkForm::build(wiki()).isIdempotent());
}

QTEST_GUILESS_MAIN(TestAppLinkFormJob)
#include "tst_applinkformjob.moc"
