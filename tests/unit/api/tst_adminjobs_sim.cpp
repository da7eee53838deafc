// The application-link, consumer and OAuth 2.0 client jobs against a real trackersim: Basic auth
// as admin, refusals as alice, and a cookie session that meets websudo.
#include "SimProcess.h"

#include "api/AppLinkJobs.h"
#include "api/ConsumerJobs.h"
#include "api/OAuth2ClientJobs.h"
#include "api/PatJobs.h"
#include "api/ServerConnection.h"
#include "api/SessionJobs.h"
#include "auth/BasicCredentials.h"
#include "auth/RsaPrivateKey.h"
#include "auth/SessionCredentials.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace accessdesk;

namespace {

QString describe(const ApiJob &job)
{
    return QStringLiteral("%1 (HTTP %2): %3")
        .arg(ApiError::kindName(job.error().kind()))
        .arg(job.error().httpStatus())
        .arg(job.error().userMessage());
}

template<class T, class Pred> bool containsWhere(const QList<T> &list, Pred pred)
{
    return std::any_of(list.begin(), list.end(), pred);
}

} // namespace

// Runs a job to its end and checks that it succeeded.
#define RUN_OK(job)                                                                                \
    do {                                                                                           \
        QVERIFY2(run(job), "the job did not finish exactly once");                                 \
        QVERIFY2((job).succeeded(), qPrintable(describe(job)));                                    \
    } while (false)

// Runs a job to its end and checks the kind of its error.
#define RUN_FAILS(job, expectedKind)                                                               \
    do {                                                                                           \
        QVERIFY2(run(job), "the job did not finish exactly once");                                 \
        QVERIFY2((job).error().kind() == (expectedKind), qPrintable(describe(job)));               \
    } while (false)

class TestAdminJobsSim : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void anonymousResources();
    void genericLinkLifecycle();
    void makePrimaryAndListWithAuthenticators();
    void consumerRoundTrip();
    void consumerInfoIsXml();
    void probeRemoteManifest();
    void relocate();
    void reciprocalDeleteOfALinkToItself();
    void validationErrorsNameTheField();
    void oauth2ClientLifecycle();
    void tokenUserSearch();
    void nonAdminsAreRefused();
    void sessionAdminMeetsWebSudo();

private:
    std::unique_ptr<ServerConnection> connectAs(const QString &user);
    static bool run(ApiJob &job);
    // Creates a generic link; *id stays empty (and the test has failed) when it could not.
    void createLink(ServerConnection *server, const QString &name, const QString &url, QString *id);
    void seededLinkId(QString *id);

    std::unique_ptr<SimProcess> m_sim;
    QNetworkAccessManager m_network;
};

void TestAdminJobsSim::initTestCase()
{
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
}

std::unique_ptr<ServerConnection> TestAdminJobsSim::connectAs(const QString &user)
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    settings.retryFloorMs = 50;
    std::shared_ptr<const Credentials> credentials;
    if (!user.isEmpty()) // the demo users' passwords are their names
        credentials = std::make_shared<BasicCredentials>(user, user);
    return std::make_unique<ServerConnection>(&m_network, settings, credentials);
}

bool TestAdminJobsSim::run(ApiJob &job)
{
    QSignalSpy finished(&job, &ApiJob::finished);
    job.start();
    return finished.wait(30000) && finished.size() == 1;
}

void TestAdminJobsSim::createLink(ServerConnection *server, const QString &name, const QString &url,
                                  QString *id)
{
    CreateAppLink create(server, {{}, QStringLiteral("generic"), name, url, url, false});
    RUN_OK(create);
    QVERIFY2(!create.result().id.isEmpty(), "the answer named no link");
    *id = create.result().id;
}

void TestAdminJobsSim::seededLinkId(QString *id)
{
    auto admin = connectAs(QStringLiteral("admin"));
    ListAppLinks list(admin.get());
    RUN_OK(list);
    for (const AppLink &link : list.result()) {
        if (link.name == QLatin1String("Confluence"))
            *id = link.id;
    }
    QVERIFY2(!id->isEmpty(), "the demo data has no Confluence link");
}

void TestAdminJobsSim::anonymousResources()
{
    auto anonymous = connectAs({});
    GetManifest manifest(anonymous.get());
    RUN_OK(manifest);
    QCOMPARE(manifest.result().typeId, QStringLiteral("jira"));
    QVERIFY(!manifest.result().id.isEmpty());
    QVERIFY(manifest.result().inboundAuthenticationTypes.contains(
        QStringLiteral("com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider")));

    GetOAuth2Metadata metadata(anonymous.get());
    RUN_OK(metadata);
    QVERIFY2(metadata.result().tokenEndpoint.endsWith(QLatin1String("/rest/oauth2/latest/token")),
             qPrintable(metadata.result().tokenEndpoint));

    QString linkId;
    seededLinkId(&linkId);
    if (QTest::currentTestFailed())
        return;
    GetAppLinkOAuthStatus oauth(anonymous.get(), linkId); // anonymous by design (spec 3.4 (17))
    RUN_OK(oauth);
}

void TestAdminJobsSim::genericLinkLifecycle()
{
    auto admin = connectAs(QStringLiteral("admin"));
    QString id;
    createLink(admin.get(), QStringLiteral("Build Radar"),
               QStringLiteral("https://buildradar.example.test"), &id);
    if (QTest::currentTestFailed())
        return;

    GetAppLink get(admin.get(), id);
    RUN_OK(get);
    QCOMPARE(get.result().id, id);
    QCOMPARE(get.result().name, QStringLiteral("Build Radar"));
    QCOMPARE(get.result().typeId, QStringLiteral("generic"));
    QCOMPARE(get.result().rpcUrl, QStringLiteral("https://buildradar.example.test"));

    ListAppLinks list(admin.get(), {QStringLiteral("iconUri"), QStringLiteral("configUrl")});
    RUN_OK(list);
    QVERIFY(containsWhere(list.result(), [&](const AppLink &link) { return link.id == id; }));

    UpdateAppLink update(admin.get(), id,
                         {QStringLiteral("Build Radar 2"),
                          QStringLiteral("https://radar2.example.test"),
                          QStringLiteral("https://radar2.example.test/ui"), false});
    RUN_OK(update);
    QCOMPARE(update.result().name, QStringLiteral("Build Radar 2"));
    QCOMPARE(update.result().rpcUrl, QStringLiteral("https://radar2.example.test")); // v3 may
    QCOMPARE(update.result().displayUrl, QStringLiteral("https://radar2.example.test/ui"));

    GetAppLinkStatus status(admin.get(), id);
    RUN_OK(status);
    QCOMPARE(status.result().link.id, id);
    QVERIFY(!status.result().working); // a generic link cannot be checked (NON_ATLASSIAN)
    QCOMPARE(status.result().errorCategory, QStringLiteral("NON_ATLASSIAN"));

    GetAppLinkOAuthStatus oauth(admin.get(), id);
    RUN_OK(oauth);
    QVERIFY(!oauth.result().incoming.enabled); // nobody configured a consumer yet

    ListAuthProviders providers(admin.get(), id); // Basic auth is not asked for websudo
    RUN_OK(providers);

    DeleteAppLink remove(admin.get(), id);
    RUN_OK(remove);
    GetAppLink gone(admin.get(), id);
    RUN_FAILS(gone, ApiError::Kind::NotFound);
}

void TestAdminJobsSim::makePrimaryAndListWithAuthenticators()
{
    auto admin = connectAs(QStringLiteral("admin"));
    QString id;
    createLink(admin.get(), QStringLiteral("Primary Tool"),
               QStringLiteral("https://primarytool.example.test"), &id);
    if (QTest::currentTestFailed())
        return;

    MakeAppLinkPrimary primary(admin.get(), id);
    RUN_OK(primary);
    GetAppLink get(admin.get(), id);
    RUN_OK(get);
    QVERIFY(get.result().primary);

    ListAppLinksWithAuth list(admin.get());
    RUN_OK(list);
    QVERIFY(containsWhere(list.result(), [&](const AppLinkWithAuth &entry) {
        return entry.link.id == id && entry.link.primary;
    }));
    // The demo's Confluence link has OAuth configured both ways.
    QVERIFY(containsWhere(list.result(), [](const AppLinkWithAuth &entry) {
        return entry.link.name == QLatin1String("Confluence") &&
               !entry.outboundAuthenticators.isEmpty();
    }));

    DeleteAppLink remove(admin.get(), id);
    RUN_OK(remove);
}

void TestAdminJobsSim::consumerRoundTrip()
{
    auto admin = connectAs(QStringLiteral("admin"));
    QString id;
    createLink(admin.get(), QStringLiteral("Key Holder"),
               QStringLiteral("https://keyholder.example.test"), &id);
    if (QTest::currentTestFailed())
        return;

    QString error;
    const auto first = RsaPrivateKey::generate(2048, &error);
    const auto second = RsaPrivateKey::generate(2048, &error);
    QVERIFY2(first && second, qPrintable(error));

    // PEM as the admin would paste it; the server keeps bare base64.
    IncomingConsumerDraft draft;
    draft.key = QStringLiteral("sim-consumer-pem");
    draft.name = QStringLiteral("Sim Consumer");
    draft.description = QStringLiteral("A test consumer https://keyholder.example.test/about");
    draft.publicKey = QString::fromLatin1(first->publicKeyPem());
    draft.callback = QStringLiteral("http://127.0.0.1:8765/callback");
    PutIncomingConsumer putPem(admin.get(), id, draft);
    RUN_OK(putPem);

    GetIncomingConsumer get(admin.get(), id);
    RUN_OK(get);
    QCOMPARE(get.result().size(), 1);
    QCOMPARE(get.result().first().key, QStringLiteral("sim-consumer-pem"));
    QCOMPARE(get.result().first().publicKey, QString::fromLatin1(first->publicKeyBase64()));
    QCOMPARE(get.result().first().callback, QStringLiteral("http://127.0.0.1:8765/callback"));

    // Bare base64 replaces the consumer, with 2LO this time.
    draft.key = QStringLiteral("sim-consumer-b64");
    draft.publicKey = QString::fromLatin1(second->publicKeyBase64());
    draft.twoLoAllowed = true;
    draft.executingTwoLoUser = QStringLiteral("admin");
    PutIncomingConsumer putBase64(admin.get(), id, draft);
    RUN_OK(putBase64);

    GetAppLinkAuthentication authentication(admin.get(), id);
    RUN_OK(authentication);
    const QList<OAuthConsumer> consumers = authentication.result().consumers;
    QCOMPARE(consumers.size(), 1);
    QCOMPARE(consumers.first().key, QStringLiteral("sim-consumer-b64"));
    QCOMPARE(consumers.first().publicKey, QString::fromLatin1(second->publicKeyBase64()));
    QVERIFY(consumers.first().twoLoAllowed);
    QCOMPARE(consumers.first().executingTwoLoUser, QStringLiteral("admin"));

    // With a consumer in place, the link's incoming OAuth levels can be set.
    SetAppLinkOAuthStatus levels(admin.get(), id, {{true, true, false}, {false, false, false}});
    RUN_OK(levels);
    GetAppLinkOAuthStatus oauth(admin.get(), id);
    RUN_OK(oauth);
    QCOMPARE(oauth.result().incoming, (OAuthConfig{true, true, false}));
    QCOMPARE(oauth.result().outgoing, OAuthConfig{});

    draft.publicKey = QStringLiteral("not a key");
    PutIncomingConsumer invalid(admin.get(), id, draft);
    RUN_FAILS(invalid, ApiError::Kind::Validation);

    DeleteAppLink remove(admin.get(), id);
    RUN_OK(remove);
}

void TestAdminJobsSim::consumerInfoIsXml()
{
    auto anonymous = connectAs({});
    GetConsumerInfo info(anonymous.get());
    RUN_OK(info);
    QVERIFY(!info.result().key.isEmpty());
    QVERIFY(!info.result().publicKey.isEmpty());
    QVERIFY(!QByteArray::fromBase64(info.result().publicKey.toLatin1()).isEmpty());
}

void TestAdminJobsSim::probeRemoteManifest()
{
    auto admin = connectAs(QStringLiteral("admin"));
    ProbeRemoteManifest atlassian(admin.get(), QStringLiteral("https://wiki2.example.test"));
    RUN_OK(atlassian);
    QVERIFY(atlassian.result().isAtlassian());
    QCOMPARE(atlassian.result().manifest->typeId, QStringLiteral("confluence"));
    QVERIFY(!atlassian.result().manifest->id.isEmpty());

    ProbeRemoteManifest down(admin.get(), QStringLiteral("https://nothing-here.invalid"));
    RUN_OK(down);
    QVERIFY(!down.result().isAtlassian());
    QVERIFY(!down.result().warningCode.isEmpty());
    QVERIFY(!down.result().warning.isEmpty());

    ProbeRemoteManifest existing(admin.get(), QStringLiteral("http://wiki.example.test"));
    RUN_FAILS(existing, ApiError::Kind::Conflict);
}

void TestAdminJobsSim::relocate()
{
    auto admin = connectAs(QStringLiteral("admin"));
    QString id;
    createLink(admin.get(), QStringLiteral("Mover"),
               QStringLiteral("https://oldmover.example.test"), &id);
    if (QTest::currentTestFailed())
        return;

    RelocateAppLink move(admin.get(), id, QStringLiteral("https://newmover.example.test"), false);
    RUN_OK(move);
    GetAppLink moved(admin.get(), id);
    RUN_OK(moved);
    QCOMPARE(moved.result().rpcUrl, QStringLiteral("https://newmover.example.test"));

    // A URL that does not answer is only taken when the warning is waived.
    RelocateAppLink warned(admin.get(), id, QStringLiteral("https://gone.invalid"), false);
    QVERIFY(run(warned));
    QVERIFY2(warned.error().isError(), "relocated to a host that does not answer, unasked");
    RelocateAppLink waived(admin.get(), id, QStringLiteral("https://gone.invalid"), true);
    RUN_OK(waived);
    GetAppLink gone(admin.get(), id);
    RUN_OK(gone);
    QCOMPARE(gone.result().rpcUrl, QStringLiteral("https://gone.invalid"));

    DeleteAppLink remove(admin.get(), id);
    RUN_OK(remove);
}

void TestAdminJobsSim::reciprocalDeleteOfALinkToItself()
{
    // Only a link whose remote end is this very server can be deleted at both ends here.
    auto admin = connectAs(QStringLiteral("admin"));
    QString id;
    createLink(admin.get(), QStringLiteral("Itself"), m_sim->url(), &id);
    if (QTest::currentTestFailed())
        return;
    DeleteAppLink remove(admin.get(), id, AppLinkDeletion::BothEnds);
    QCOMPARE(remove.request().path, QStringLiteral("/rest/applinks/1.0/applicationlink/") + id);
    RUN_OK(remove);
    GetAppLink gone(admin.get(), id);
    RUN_FAILS(gone, ApiError::Kind::NotFound);
}

void TestAdminJobsSim::validationErrorsNameTheField()
{
    auto admin = connectAs(QStringLiteral("admin"));
    QString id;
    createLink(admin.get(), QStringLiteral("Strict"), QStringLiteral("https://strict.example.test"),
               &id);
    if (QTest::currentTestFailed())
        return;
    UpdateAppLink blank(admin.get(), id,
                        {QStringLiteral("Strict"), QString(),
                         QStringLiteral("https://strict.example.test"), false});
    RUN_FAILS(blank, ApiError::Kind::Validation);
    QVERIFY2(blank.error().fieldErrors().contains(QStringLiteral("rpcUrl")),
             qPrintable(blank.error().fieldErrors().keys().join(QLatin1Char(','))));
    DeleteAppLink remove(admin.get(), id);
    RUN_OK(remove);

    CreateOAuth2Client noRedirects(admin.get(),
                                   {QStringLiteral("No Redirects"), {}, QStringLiteral("READ")});
    RUN_FAILS(noRedirects, ApiError::Kind::Validation);
    QVERIFY(noRedirects.error().fieldErrors().contains(QStringLiteral("redirects")));
}

void TestAdminJobsSim::oauth2ClientLifecycle()
{
    auto admin = connectAs(QStringLiteral("admin"));
    const QStringList redirects{QStringLiteral("http://127.0.0.1:8765/callback")};
    CreateOAuth2Client create(admin.get(),
                              {QStringLiteral("Sim Client"), redirects, QStringLiteral("READ")});
    RUN_OK(create);
    const OAuth2Client created = create.result();
    QVERIFY(!created.id.isEmpty());
    QVERIFY(!created.clientId.isEmpty());
    QVERIFY(!created.clientSecret.isEmpty());
    QCOMPARE(created.redirects, redirects);

    UpdateOAuth2Client update(admin.get(), created.id,
                              {QStringLiteral("Sim Client 2"), {}, QStringLiteral("WRITE")});
    RUN_OK(update);
    GetOAuth2Client get(admin.get(), created.id);
    RUN_OK(get);
    QCOMPARE(get.result().name, QStringLiteral("Sim Client 2"));
    QCOMPARE(get.result().scope, QStringLiteral("WRITE"));
    QCOMPARE(get.result().redirects, redirects); // an empty list keeps them

    ListOAuth2Clients list(admin.get());
    RUN_OK(list);
    QVERIFY(containsWhere(list.result(),
                          [&](const OAuth2Client &client) { return client.id == created.id; }));

    ResetOAuth2ClientSecret reset(admin.get(), created.clientId);
    RUN_OK(reset);
    QCOMPARE(reset.result().clientId, created.clientId);
    QVERIFY(!reset.result().clientSecret.isEmpty());
    QVERIFY(reset.result().clientSecret != created.clientSecret);

    DeleteOAuth2Client remove(admin.get(), created.id);
    RUN_OK(remove);
    QCOMPARE(remove.result().id, created.id);
    GetOAuth2Client gone(admin.get(), created.id);
    RUN_FAILS(gone, ApiError::Kind::NotFound);
}

void TestAdminJobsSim::tokenUserSearch()
{
    // The admin token search starts from user keys: "bo" finds bob (and only users whose names
    // contain it); a name nobody has finds nothing rather than failing.
    auto admin = connectAs(QStringLiteral("admin"));
    SearchTokenUsers bo(admin.get(), QStringLiteral("bo"));
    RUN_OK(bo);
    QVERIFY(containsWhere(bo.result(), [](const TokenOwner &owner) {
        return owner.username == QLatin1String("bob") && !owner.userKey.isEmpty();
    }));
    QVERIFY(!containsWhere(bo.result(), [](const TokenOwner &owner) {
        return owner.username == QLatin1String("alice");
    }));
    SearchTokenUsers nobody(admin.get(), QStringLiteral("no such user & co"));
    RUN_OK(nobody);
    QVERIFY(nobody.result().isEmpty());

    auto alice = connectAs(QStringLiteral("alice"));
    SearchTokenUsers refused(alice.get(), QStringLiteral("bo"));
    RUN_FAILS(refused, ApiError::Kind::Forbidden);
}

void TestAdminJobsSim::nonAdminsAreRefused()
{
    QString linkId;
    seededLinkId(&linkId);
    if (QTest::currentTestFailed())
        return;
    // v3 answers 403; v1/v2 and applinks-oauth answer 401 to signed-in non-admins, which the
    // error mapper tells apart from "not signed in" by X-AUSERNAME.
    auto alice = connectAs(QStringLiteral("alice"));
    std::vector<std::unique_ptr<ApiJob>> jobs;
    jobs.push_back(std::make_unique<ListAppLinks>(alice.get()));
    jobs.push_back(std::make_unique<ListAuthProviders>(alice.get(), linkId));
    jobs.push_back(std::make_unique<ListAppLinksWithAuth>(alice.get()));
    jobs.push_back(std::make_unique<CreateAppLink>(
        alice.get(), AppLinkDraft{{},
                                  QStringLiteral("generic"),
                                  QStringLiteral("Nope"),
                                  QStringLiteral("https://nope.example.test"),
                                  QStringLiteral("https://nope.example.test"),
                                  false}));
    jobs.push_back(std::make_unique<MakeAppLinkPrimary>(alice.get(), linkId));
    jobs.push_back(std::make_unique<DeleteAppLink>(alice.get(), linkId));
    jobs.push_back(std::make_unique<GetIncomingConsumer>(alice.get(), linkId));
    jobs.push_back(std::make_unique<ListOAuth2Clients>(alice.get()));
    jobs.push_back(std::make_unique<CreateOAuth2Client>(
        alice.get(), OAuth2ClientDraft{QStringLiteral("Nope"),
                                       {QStringLiteral("http://127.0.0.1:1/cb")},
                                       QStringLiteral("READ")}));
    for (const auto &job : jobs) {
        const ApiRequest request = job->request();
        QVERIFY(run(*job));
        QVERIFY2(job->error().kind() == ApiError::Kind::Forbidden,
                 qPrintable(QString::fromLatin1(request.method) + QLatin1Char(' ') + request.path +
                            QStringLiteral(": ") + describe(*job)));
    }
}

void TestAdminJobsSim::sessionAdminMeetsWebSudo()
{
    // A network manager of its own: its cookie jar keeps the session away from the other tests.
    QNetworkAccessManager network;
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    auto server = std::make_unique<ServerConnection>(&network, settings, nullptr);
    CreateSession login(server.get(), QStringLiteral("admin"), QStringLiteral("admin"));
    RUN_OK(login);
    server->setCredentials(
        std::make_shared<SessionCredentials>(login.result().value, login.result().name));

    // v3 is never websudo-protected (spec 1.6).
    ListAppLinks list(server.get());
    RUN_OK(list);
    QString linkId;
    for (const AppLink &link : list.result()) {
        if (link.name == QLatin1String("Confluence"))
            linkId = link.id;
    }
    QVERIFY(!linkId.isEmpty());

    // With a websudo password the job would confirm it and retry (ApiJob); without one, the
    // refusal reaches the caller.
    if (!server->webSudoPassword().isEmpty())
        QSKIP("a websudo password is configured");
    ListAuthProviders providers(server.get(), linkId);
    RUN_FAILS(providers, ApiError::Kind::WebSudoRequired);
    GetIncomingConsumer consumer(server.get(), linkId);
    RUN_FAILS(consumer, ApiError::Kind::WebSudoRequired);
}

QTEST_GUILESS_MAIN(TestAdminJobsSim)
#include "tst_adminjobs_sim.moc"
