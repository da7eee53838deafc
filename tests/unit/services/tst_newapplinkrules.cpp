// The create wizard's rules without a server: URL comparison, what each probe result allows,
// the draft's own checks, clashes with existing links, and how the server's refusals (E3 from
// the wizard's resource, E4 from v3) become an outcome that names the field.
#include "api/ErrorMapper.h"
#include "services/NewAppLinkDraft.h"

#include <QFile>
#include <QTest>

using namespace accessdesk;

namespace {

using Kind = AppLinkProbeResult::Kind;
using Problem = AppLinkOutcome::Problem;
using Rules = NewAppLinkRules;

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(ACCESSDESK_FIXTURES "/models/") + QString::fromLatin1(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

AppLinkProbeResult probed(Kind kind, const QString &url = QStringLiteral("https://wiki.test"))
{
    AppLinkProbeResult probe;
    probe.kind = kind;
    probe.url = url;
    if (kind == Kind::Atlassian) {
        AppManifest manifest;
        manifest.id = QStringLiteral("b6a2c7d0-0000-3000-8000-000000000001");
        manifest.name = QStringLiteral("Team Wiki");
        manifest.typeId = QStringLiteral("confluence");
        manifest.url = QStringLiteral("https://wiki.test");
        probe.manifest = manifest;
    }
    if (kind != Kind::Atlassian && kind != Kind::NotAtlassian)
        probe.outcome =
            AppLinkOutcome::failure(AppLinkOutcome::Step::Probe, Problem::RemoteUnreachable,
                                    QStringLiteral("nothing answers"), {}, QStringLiteral("url"));
    return probe;
}

AppLink link(const QString &name, const QString &url)
{
    AppLink l;
    l.id = QStringLiteral("id-") + name;
    l.name = name;
    l.rpcUrl = url;
    l.displayUrl = url;
    return l;
}

RawReply reply(int status, const QByteArray &body)
{
    RawReply raw;
    raw.status = status;
    raw.body = body;
    raw.headers = {{"Content-Type", "application/json"}, {"X-AUSERNAME", "admin"}};
    return raw;
}

} // namespace

class TestNewAppLinkRules final : public QObject
{
    Q_OBJECT

private slots:
    void urlsOfOneApplication();
    void atlassianFillsOnlyEmptyFields();
    void notAtlassianBecomesGeneric();
    void notAtlassianRefusesAnAtlassianType();
    void typeMustMatchTheManifest();
    void noAnswerOnlyForAnInsistedGenericLink();
    void refusalsOfTheProbePassThrough();
    void twoWayNeedsAnAtlassianRemote();
    void draftChecksNameTheField_data();
    void draftChecksNameTheField();
    void clashesWithExistingLinks();
    void remoteCredentialsRefusedNamesTheField();
    void v3FieldErrorsNameTheField();
    void lostAnswers();
    void oauthLevels();
};

void TestNewAppLinkRules::urlsOfOneApplication()
{
    QCOMPARE(Rules::normalizedUrl(QStringLiteral(" HTTPS://Wiki.Example.COM:443/confluence/ ")),
             QStringLiteral("https://wiki.example.com/confluence"));
    QVERIFY(
        Rules::sameUrl(QStringLiteral("http://wiki.test:80/"), QStringLiteral("http://WIKI.test")));
    QVERIFY(!Rules::sameUrl(QStringLiteral("http://wiki.test:8090"),
                            QStringLiteral("http://wiki.test")));
    QVERIFY(
        !Rules::sameUrl(QStringLiteral("https://wiki.test"), QStringLiteral("http://wiki.test")));
    QVERIFY(!Rules::sameUrl(QString(), QString()));
    QVERIFY(Rules::isHttpUrl(QStringLiteral("https://wiki.test/x")));
    QVERIFY(!Rules::isHttpUrl(QStringLiteral("ftp://wiki.test")));
    QVERIFY(!Rules::isHttpUrl(QStringLiteral("wiki.test")));
    QVERIFY(!Rules::isHttpUrl(QStringLiteral("https://")));
}

void TestNewAppLinkRules::atlassianFillsOnlyEmptyFields()
{
    NewAppLinkDraft draft;
    draft.url = QStringLiteral("https://wiki.test/");
    QVERIFY(Rules::admit(probed(Kind::Atlassian), &draft).succeeded());
    QCOMPARE(draft.typeId, QStringLiteral("confluence"));
    QCOMPARE(draft.name, QStringLiteral("Team Wiki"));
    QCOMPARE(draft.displayUrl, QStringLiteral("https://wiki.test"));

    NewAppLinkDraft typed;
    typed.url = QStringLiteral("https://wiki.test");
    typed.name = QStringLiteral("Docs");
    typed.displayUrl = QStringLiteral("https://docs.test");
    QVERIFY(Rules::admit(probed(Kind::Atlassian), &typed).succeeded());
    QCOMPARE(typed.name, QStringLiteral("Docs"));
    QCOMPARE(typed.displayUrl, QStringLiteral("https://docs.test"));
}

void TestNewAppLinkRules::notAtlassianBecomesGeneric()
{
    NewAppLinkDraft draft;
    draft.url = QStringLiteral("https://tool.test/app");
    QVERIFY(Rules::admit(probed(Kind::NotAtlassian, draft.url), &draft).succeeded());
    QCOMPARE(draft.typeId, QStringLiteral("generic"));
    QCOMPARE(draft.name, QStringLiteral("tool.test")); // the host, until the admin names it
    QVERIFY(draft.displayUrl.isEmpty());               // the URL itself is shown then
}

void TestNewAppLinkRules::notAtlassianRefusesAnAtlassianType()
{
    NewAppLinkDraft draft;
    draft.url = QStringLiteral("https://tool.test");
    draft.typeId = QStringLiteral("bamboo");
    const AppLinkOutcome outcome = Rules::admit(probed(Kind::NotAtlassian, draft.url), &draft);
    QCOMPARE(outcome.problem, Problem::TypeMismatch);
    QCOMPARE(outcome.field, QStringLiteral("type"));
    QCOMPARE(draft.typeId, QStringLiteral("bamboo")); // kept as typed
}

void TestNewAppLinkRules::typeMustMatchTheManifest()
{
    NewAppLinkDraft draft;
    draft.url = QStringLiteral("https://wiki.test");
    draft.typeId = QStringLiteral("jira");
    const AppLinkOutcome outcome = Rules::admit(probed(Kind::Atlassian), &draft);
    QCOMPARE(outcome.problem, Problem::TypeMismatch);
    QCOMPARE(outcome.field, QStringLiteral("type"));
    QVERIFY2(outcome.message.contains(QLatin1String("Confluence")), qPrintable(outcome.message));
    // A generic link to an Atlassian application is the admin's choice.
    draft.typeId = QStringLiteral("generic");
    QVERIFY(Rules::admit(probed(Kind::Atlassian), &draft).succeeded());
    // An unknown type is refused before the manifest is even compared.
    draft.typeId = QStringLiteral("nonsense");
    const AppLinkOutcome unknown = Rules::admit(probed(Kind::Atlassian), &draft);
    QCOMPARE(unknown.problem, Problem::InvalidInput);
    QCOMPARE(unknown.field, QStringLiteral("type"));
}

void TestNewAppLinkRules::noAnswerOnlyForAnInsistedGenericLink()
{
    for (const Kind kind : {Kind::NoAnswer, Kind::Redirected}) {
        NewAppLinkDraft draft;
        draft.url = QStringLiteral("https://down.test");
        QCOMPARE(Rules::admit(probed(kind, draft.url), &draft).problem, Problem::RemoteUnreachable);
        draft.typeId = QStringLiteral("generic");
        QVERIFY(!Rules::admit(probed(kind, draft.url), &draft).succeeded()); // not insisted
        draft.createAnyway = true;
        QVERIFY(Rules::admit(probed(kind, draft.url), &draft).succeeded());
        QCOMPARE(draft.name, QStringLiteral("down.test"));
        draft.typeId = QStringLiteral("confluence"); // no manifest, no application id
        QVERIFY(!Rules::admit(probed(kind, draft.url), &draft).succeeded());
    }
}

void TestNewAppLinkRules::refusalsOfTheProbePassThrough()
{
    for (const Kind kind : {Kind::AlreadyLinked, Kind::ThisServer, Kind::Failed, Kind::None}) {
        NewAppLinkDraft draft;
        draft.url = QStringLiteral("https://wiki.test");
        draft.typeId = QStringLiteral("generic");
        draft.createAnyway = true; // insisting does not override these
        const AppLinkOutcome outcome = Rules::admit(probed(kind), &draft);
        QVERIFY(!outcome.succeeded());
        QCOMPARE(outcome.field, QStringLiteral("url"));
    }
}

void TestNewAppLinkRules::twoWayNeedsAnAtlassianRemote()
{
    NewAppLinkDraft draft;
    draft.url = QStringLiteral("https://tool.test");
    draft.twoWay = true;
    QCOMPARE(Rules::admit(probed(Kind::NotAtlassian, draft.url), &draft).field,
             QStringLiteral("twoWay"));
    NewAppLinkDraft wiki;
    wiki.url = QStringLiteral("https://wiki.test");
    wiki.twoWay = true;
    QVERIFY(Rules::admit(probed(Kind::Atlassian), &wiki).succeeded());
}

void TestNewAppLinkRules::draftChecksNameTheField_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("displayUrl");
    QTest::addColumn<bool>("twoWay");
    QTest::addColumn<QString>("remoteUser");
    QTest::addColumn<bool>("password");
    QTest::addColumn<QString>("field");
    const QString url = QStringLiteral("https://wiki.test");
    const QString c = QStringLiteral("confluence");
    const QString n = QStringLiteral("Wiki");
    QTest::newRow("ok") << url << c << n << "" << false << "" << false << "";
    QTest::newRow("no url") << "" << c << n << "" << false << "" << false << "url";
    QTest::newRow("not a url") << "wiki.test" << c << n << "" << false << "" << false << "url";
    QTest::newRow("no type") << url << "" << n << "" << false << "" << false << "type";
    QTest::newRow("bad type") << url << "wiki" << n << "" << false << "" << false << "type";
    QTest::newRow("blank name") << url << c << "  "
                                << "" << false << "" << false << "name";
    QTest::newRow("bad display") << url << c << n << "mailto:x" << false << "" << false
                                 << "displayUrl";
    QTest::newRow("two-way ok") << url << c << n << "" << true << "radmin" << true << "";
    QTest::newRow("two-way generic")
        << url << "generic" << n << "" << true << "radmin" << true << "twoWay";
    QTest::newRow("two-way no user") << url << c << n << "" << true << " " << true << "remoteUser";
    QTest::newRow("two-way no password")
        << url << c << n << "" << true << "radmin" << false << "remotePassword";
}

void TestNewAppLinkRules::draftChecksNameTheField()
{
    QFETCH(QString, url);
    QFETCH(QString, type);
    QFETCH(QString, name);
    QFETCH(QString, displayUrl);
    QFETCH(bool, twoWay);
    QFETCH(QString, remoteUser);
    QFETCH(bool, password);
    QFETCH(QString, field);
    NewAppLinkDraft draft;
    draft.url = url;
    draft.typeId = type;
    draft.name = name;
    draft.displayUrl = displayUrl;
    draft.twoWay = twoWay;
    draft.remoteUser = remoteUser;
    const NewAppLinkDraft before = draft;
    const AppLinkOutcome outcome = Rules::checkDraft(draft, password);
    QCOMPARE(outcome.succeeded(), field.isEmpty());
    QCOMPARE(outcome.field, field);
    if (!field.isEmpty()) {
        QCOMPARE(outcome.step, AppLinkOutcome::Step::Check);
        QVERIFY(!outcome.message.isEmpty());
    }
    QCOMPARE(draft.name, before.name); // nothing typed is touched
}

void TestNewAppLinkRules::clashesWithExistingLinks()
{
    const QList<AppLink> links{
        link(QStringLiteral("Confluence"), QStringLiteral("https://wiki.test")),
        link(QStringLiteral("Bamboo"), QStringLiteral("https://ci.test"))};
    NewAppLinkDraft draft;
    draft.url = QStringLiteral("https://WIKI.test/");
    draft.name = QStringLiteral("Docs");
    AppLinkOutcome outcome = Rules::checkAgainst(draft, links);
    QCOMPARE(outcome.problem, Problem::AlreadyLinked);
    QCOMPARE(outcome.field, QStringLiteral("url"));
    QVERIFY(outcome.message.contains(QLatin1String("Confluence")));

    draft.url = QStringLiteral("https://docs.test");
    draft.name = QStringLiteral(" Bamboo ");
    outcome = Rules::checkAgainst(draft, links);
    QCOMPARE(outcome.problem, Problem::DuplicateName);
    QCOMPARE(outcome.field, QStringLiteral("name"));

    draft.name = QStringLiteral("bamboo"); // names differ in case: the server decides
    QVERIFY(Rules::checkAgainst(draft, links).succeeded());
    QCOMPARE(Rules::findByUrl(links, QStringLiteral("https://ci.test/"))->name,
             QStringLiteral("Bamboo"));
}

void TestNewAppLinkRules::remoteCredentialsRefusedNamesTheField()
{
    const ApiError authorization =
        errormapper::fromReply(reply(401, fixture("applink-form-error-authorization.json")));
    QVERIFY(authorization.fieldErrors().contains(QStringLiteral("authorization")));
    QCOMPARE(AppLinkOutcome::fieldKey(QStringLiteral("authorization")),
             QStringLiteral("remoteUser"));

    const ApiError userbase =
        errormapper::fromReply(reply(400, fixture("applink-form-error-same-userbase.json")));
    const AppLinkOutcome outcome =
        AppLinkOutcome::fromError(AppLinkOutcome::Step::Create, userbase);
    QCOMPARE(outcome.field, QStringLiteral("impersonation"));
    QVERIFY2(outcome.message.contains(QLatin1String("system administrators")),
             qPrintable(outcome.message));

    const ApiError name = errormapper::fromReply(reply(
        400, R"({"status":400,"message":["Please enter a name."],"fields":["application-name"]})"));
    QCOMPARE(AppLinkOutcome::fromError(AppLinkOutcome::Step::Create, name).field,
             QStringLiteral("name"));
}

void TestNewAppLinkRules::v3FieldErrorsNameTheField()
{
    const ApiError error = errormapper::fromReply(reply(
        400, R"({"status":400,"errors":[{"summary":"Another Application Link already uses this )"
             R"(Application URL.","context":"rpcUrl"}]})"));
    const AppLinkOutcome outcome = AppLinkOutcome::fromError(AppLinkOutcome::Step::Update, error);
    QCOMPARE(outcome.problem, Problem::InvalidInput);
    QCOMPARE(outcome.field, QStringLiteral("rpcUrl"));
    QVERIFY(outcome.message.contains(QLatin1String("Application URL")));
    QVERIFY(!outcome.advice.isEmpty());

    const AppLinkOutcome forbidden = AppLinkOutcome::fromError(
        AppLinkOutcome::Step::Update, ApiError(ApiError::Kind::Forbidden, 403, {}));
    QCOMPARE(forbidden.problem, Problem::NotAdmin);
    QCOMPARE(AppLinkOutcome::problemKey(forbidden.problem), QStringLiteral("not-admin"));
}

void TestNewAppLinkRules::lostAnswers()
{
    using K = ApiError::Kind;
    QVERIFY(AppLinkOutcome::answerMayBeLost(ApiError(K::Timeout, 0, {}), 1));
    QVERIFY(AppLinkOutcome::answerMayBeLost(ApiError(K::Network, 0, {}), 1));
    QVERIFY(AppLinkOutcome::answerMayBeLost(ApiError(K::Server, 504, {}), 1));
    QVERIFY(!AppLinkOutcome::answerMayBeLost(ApiError(K::Server, 500, {}), 1));
    // A refusal of the first attempt is a refusal; of a retry, maybe the first went through.
    QVERIFY(!AppLinkOutcome::answerMayBeLost(ApiError(K::Validation, 400, {}), 1));
    QVERIFY(AppLinkOutcome::answerMayBeLost(ApiError(K::Validation, 400, {}), 2));
    QVERIFY(!AppLinkOutcome::answerMayBeLost(ApiError(K::Forbidden, 403, {}), 2));
}

void TestNewAppLinkRules::oauthLevels()
{
    QCOMPARE(oauthConfigFor(LinkOAuth::Off), OAuthConfig{});
    QCOMPARE(oauthConfigFor(LinkOAuth::OAuth), (OAuthConfig{true, true, false}));
    QCOMPARE(oauthConfigFor(LinkOAuth::OAuthWithImpersonation), (OAuthConfig{true, true, true}));
}

QTEST_GUILESS_MAIN(TestNewAppLinkRules)
#include "tst_newapplinkrules.moc"
