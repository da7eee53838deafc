// The application-link services against a real trackersim, for what the CLI tests cannot see:
// the wizard's step-by-step use, lost answers (trackersim's faults), progress, the bound on
// parallel checks, cancel, and the rows each change leaves in a real SQLite activity log.
#include "SimClient.h"
#include "SimProcess.h"

#include "api/AppLinkJobs.h"
#include "api/ServerConnection.h"
#include "auth/BasicCredentials.h"
#include "services/AppLinkChanges.h"
#include "services/AppLinkCreator.h"
#include "services/AppLinkHealthCheck.h"
#include "services/AppLinkListing.h"
#include "services/ParallelJobs.h"
#include "storage/ActivityLog.h"
#include "storage/Database.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace accessdesk;

namespace {

using Result = AppLinkOutcome::Result;
using Problem = AppLinkOutcome::Problem;
using Step = AppLinkOutcome::Step;

const QString kBamboo = QStringLiteral("4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01");
const QString kConfluence = QStringLiteral("8d2e5f10-3a4b-3c5d-8e6f-7a8b9c0d1e02");

QString describe(const AppLinkOutcome &o)
{
    return QStringLiteral("%1 at %2 (%3, field %4): %5")
        .arg(AppLinkOutcome::resultKey(o.result), AppLinkOutcome::stepKey(o.step),
             AppLinkOutcome::problemKey(o.problem), o.field, o.message);
}

// Waits for one finished() of obj; false when none came or more than one did.
template<class T> bool runOnce(T *obj, std::function<void()> start)
{
    QSignalSpy finished(obj, &T::finished);
    start();
    return finished.wait(30000) && (QTest::qWait(50), finished.size() == 1);
}

} // namespace

class TestAppLinkServicesSim final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void wizardStepByStep();
    void noAnswerNeedsAnInsistedGenericLink();
    void twoWayRemoteRefusesTheCredentials();
    void lostCreateAnswerIsLookedUp();
    void createAnswerNeverCameIsUnknown();
    void listingTellsOAuth2ClientsApart();
    void healthCheckRunsBoundedWithProgress();
    void healthCheckCancels();
    void relocateAsksThenMoves();
    void deleteBothEndsOfALinkToItself();
    void deleteBothEndsNeedsRemoteCredentials();
    void nothingIsSentWhenTheLogCannotRecord();

private:
    std::unique_ptr<ServerConnection> connectAs(const QString &user, int timeoutMs = 30000);
    QList<ActivityEntry> rows() const { return m_log->entries(); }
    AppLink createGeneric(const QString &name, const QString &url);
    AppLink readLink(const QString &id, ApiError::Kind *kind = nullptr);

    std::unique_ptr<SimProcess> m_sim;
    std::unique_ptr<SimClient> m_client;
    QNetworkAccessManager m_network;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ActivityLog> m_log;
    ActivityContext m_who;
};

void TestAppLinkServicesSim::initTestCase()
{
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    m_client = std::make_unique<SimClient>(&m_network, m_sim->url());
    m_who = ActivityContext{QStringLiteral("test"), m_sim->url(), QStringLiteral("admin")};
}

void TestAppLinkServicesSim::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>();
    QVERIFY2(m_db->open(m_dir->filePath(QStringLiteral("activity.sqlite"))),
             qPrintable(m_db->errorString()));
    m_log = std::make_unique<ActivityLog>(*m_db);
}

void TestAppLinkServicesSim::cleanup()
{
    QVERIFY(m_client->clearFaults());
    m_log.reset();
    m_db.reset();
    m_dir.reset();
}

std::unique_ptr<ServerConnection> TestAppLinkServicesSim::connectAs(const QString &user,
                                                                    int timeoutMs)
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_sim->url());
    settings.retryFloorMs = 50;
    settings.timeoutMs = timeoutMs;
    return std::make_unique<ServerConnection>(&m_network, settings,
                                              std::make_shared<BasicCredentials>(user, user));
}

AppLink TestAppLinkServicesSim::createGeneric(const QString &name, const QString &url)
{
    auto admin = connectAs(QStringLiteral("admin"));
    CreateAppLink create(admin.get(), {{}, QStringLiteral("generic"), name, url, url, false});
    QSignalSpy done(&create, &ApiJob::finished);
    create.start();
    if (!done.wait(30000) || !create.succeeded())
        return {};
    return readLink(create.result().id);
}

AppLink TestAppLinkServicesSim::readLink(const QString &id, ApiError::Kind *kind)
{
    auto admin = connectAs(QStringLiteral("admin"));
    GetAppLink get(admin.get(), id);
    QSignalSpy done(&get, &ApiJob::finished);
    get.start();
    done.wait(30000);
    if (kind)
        *kind = get.error().kind();
    return get.succeeded() ? get.result() : AppLink{};
}

void TestAppLinkServicesSim::wizardStepByStep()
{
    auto admin = connectAs(QStringLiteral("admin"));
    AppLinkCreator creator(admin.get(), m_log.get(), m_who);
    QSignalSpy steps(&creator, &AppLinkCreator::stepChanged);

    // Page 1: the URL. The probe fills what the manifest says.
    creator.draft().url = QStringLiteral("http://wiki21.example.test");
    QVERIFY(runOnce(&creator, [&] { creator.probe(); }));
    QCOMPARE(creator.probeResult().kind, AppLinkProbeResult::Kind::Atlassian);
    QCOMPARE(creator.draft().typeId, QStringLiteral("confluence"));
    QCOMPARE(creator.draft().name, QStringLiteral("Confluence"));
    QVERIFY(rows().isEmpty()); // a probe changes nothing

    // Page 2: that name is taken (the seeded Confluence link): said at the name, draft kept.
    QVERIFY(runOnce(&creator, [&] { creator.create(); }));
    QCOMPARE(creator.outcome().problem, Problem::DuplicateName);
    QCOMPARE(creator.outcome().field, QStringLiteral("name"));
    QCOMPARE(creator.draft().url, QStringLiteral("http://wiki21.example.test"));
    QVERIFY(rows().isEmpty()); // refused before anything was sent

    // Renamed: created, read back; OAuth cannot be set up, since the remote never answers.
    creator.draft().name = QStringLiteral("Wiki 21");
    creator.draft().primary = true;
    QVERIFY(runOnce(&creator, [&] { creator.create(); }));
    const AppLinkOutcome &outcome = creator.outcome();
    QVERIFY2(outcome.result == Result::PartlyDone, qPrintable(describe(outcome)));
    QCOMPARE(outcome.step, Step::ConfigureOAuth);
    QCOMPARE(outcome.problem, Problem::OAuthNotSetUp);
    QVERIFY(outcome.changed());
    const AppLink created = creator.createdLink();
    QCOMPARE(created.name, QStringLiteral("Wiki 21"));
    QVERIFY(created.primary);
    QCOMPARE(readLink(created.id), created);
    QList<Step> seen;
    for (const QList<QVariant> &signal : steps)
        seen << signal.at(0).value<Step>();
    QVERIFY(seen.contains(Step::Check) && seen.contains(Step::Create) &&
            seen.contains(Step::Confirm) && seen.contains(Step::ConfigureOAuth));

    // The v2 create took isPrimary itself, so no separate "make primary" was needed.
    const QList<ActivityEntry> log = rows(); // newest first
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(1).action, QStringLiteral("create-applink"));
    QCOMPARE(log.at(1).outcome, ActivityOutcome::Succeeded);
    QVERIFY(log.at(1).target.contains(QLatin1String("Wiki 21")));
    QCOMPARE(log.at(0).action, QStringLiteral("configure-applink-oauth"));
    QCOMPARE(log.at(0).outcome, ActivityOutcome::Failed);
    QVERIFY(!log.at(0).errorText.isEmpty());
}

void TestAppLinkServicesSim::noAnswerNeedsAnInsistedGenericLink()
{
    auto admin = connectAs(QStringLiteral("admin"));
    AppLinkCreator creator(admin.get(), m_log.get(), m_who);
    creator.draft().url = QStringLiteral("http://silent.invalid");
    QVERIFY(runOnce(&creator, [&] { creator.create(); }));
    QCOMPARE(creator.probeResult().kind, AppLinkProbeResult::Kind::NoAnswer);
    QCOMPARE(creator.outcome().problem, Problem::RemoteUnreachable);
    QCOMPARE(creator.outcome().field, QStringLiteral("url"));
    QVERIFY(rows().isEmpty());

    creator.draft().typeId = QStringLiteral("generic");
    creator.draft().createAnyway = true;
    QVERIFY(runOnce(&creator, [&] { creator.create(); }));
    QVERIFY2(creator.outcome().succeeded(), qPrintable(describe(creator.outcome())));
    QCOMPARE(creator.createdLink().rpcUrl, QStringLiteral("http://silent.invalid"));
    QCOMPARE(creator.createdLink().name, QStringLiteral("silent.invalid"));
}

void TestAppLinkServicesSim::twoWayRemoteRefusesTheCredentials()
{
    // trackersim never reaches a remote, so the remote's refusal is the answer Jira gives for it
    // (spec 3.4 (26): E3 naming the field "authorization"), injected on the wizard's resource.
    QVERIFY(m_client->addFault(QJsonObject{
        {QStringLiteral("method"), QStringLiteral("POST")},
        {QStringLiteral("path"),
         QStringLiteral("/rest/applinks/1.0/applicationlinkForm/createAppLink")},
        {QStringLiteral("status"), 401},
        {QStringLiteral("contentType"), QStringLiteral("application/json")},
        {QStringLiteral("headers"),
         QJsonObject{{QStringLiteral("X-AUSERNAME"), QStringLiteral("admin")}}},
        {QStringLiteral("body"),
         QStringLiteral(R"({"status":401,"message":["The credentials were not accepted."],)"
                        R"("fields":["authorization"]})")},
        {QStringLiteral("times"), 1}}));
    auto admin = connectAs(QStringLiteral("admin"));
    AppLinkCreator creator(admin.get(), m_log.get(), m_who);
    const QString secret = QStringLiteral("s3cret-remote-pw");
    creator.draft().url = QStringLiteral("http://wiki40.example.test");
    creator.draft().name = QStringLiteral("Wiki 40");
    creator.draft().twoWay = true;
    creator.draft().remoteUser = QStringLiteral("remote-admin");
    creator.setRemotePassword(secret);
    QVERIFY(runOnce(&creator, [&] { creator.create(); }));
    const AppLinkOutcome &outcome = creator.outcome();
    QVERIFY2(outcome.problem == Problem::RemoteCredentialsRefused, qPrintable(describe(outcome)));
    QCOMPARE(outcome.result, Result::Failed);
    QCOMPARE(outcome.step, Step::Create);
    QCOMPARE(outcome.field, QStringLiteral("remoteUser"));
    QVERIFY(outcome.message.contains(QLatin1String("remote-admin")));
    QVERIFY(!creator.hasRemotePassword());                                // used once, then gone
    QCOMPARE(creator.draft().remoteUser, QStringLiteral("remote-admin")); // the rest is kept
    QCOMPARE(creator.draft().name, QStringLiteral("Wiki 40"));
    const ActivityEntry row = rows().first();
    QCOMPARE(row.outcome, ActivityOutcome::Failed);
    QVERIFY(!row.target.contains(secret) && !row.errorText.contains(secret));

    // The remote end could not be created (500): said so, with what to check.
    QVERIFY(m_client->addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("POST")},
                    {QStringLiteral("path"),
                     QStringLiteral("/rest/applinks/1.0/applicationlinkForm/createAppLink")},
                    {QStringLiteral("status"), 500},
                    {QStringLiteral("contentType"), QStringLiteral("application/json")},
                    {QStringLiteral("body"),
                     QStringLiteral(R"({"status-code":500,"message":"Reciprocal failed"})")},
                    {QStringLiteral("times"), 1}}));
    creator.setRemotePassword(secret);
    QVERIFY(runOnce(&creator, [&] { creator.create(); }));
    QCOMPARE(creator.outcome().problem, Problem::RemoteFailed);
    QVERIFY(creator.outcome().advice.contains(QLatin1String("base URL")));
}

void TestAppLinkServicesSim::lostCreateAnswerIsLookedUp()
{
    // The link is created, but the answer breaks off; the retried PUT is refused as a
    // duplicate. The creator looks the link up and reports what it sees: created.
    QVERIFY(m_client->addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("PUT")},
                    {QStringLiteral("path"), QStringLiteral("/rest/applinks/2.0/applicationlink")},
                    {QStringLiteral("action"), QStringLiteral("truncate")},
                    {QStringLiteral("times"), 1}}));
    auto admin = connectAs(QStringLiteral("admin"));
    AppLinkCreator creator(admin.get(), m_log.get(), m_who);
    creator.draft().url = QStringLiteral("http://lost-answer.example.test");
    creator.draft().name = QStringLiteral("Lost answer");
    QVERIFY(runOnce(&creator, [&] { creator.create(); }));
    QVERIFY2(creator.outcome().succeeded(), qPrintable(describe(creator.outcome())));
    QCOMPARE(creator.createdLink().name, QStringLiteral("Lost answer"));
    QCOMPARE(m_client->faultCount(), 0); // the fault did strike
    QCOMPARE(rows().first().outcome, ActivityOutcome::Succeeded);
}

void TestAppLinkServicesSim::createAnswerNeverCameIsUnknown()
{
    QVERIFY(m_client->addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("PUT")},
                    {QStringLiteral("path"), QStringLiteral("/rest/applinks/2.0/applicationlink")},
                    {QStringLiteral("action"), QStringLiteral("stall")},
                    {QStringLiteral("times"), 1}}));
    auto admin = connectAs(QStringLiteral("admin"), 1500);
    AppLinkCreator creator(admin.get(), m_log.get(), m_who);
    creator.draft().url = QStringLiteral("http://never-answered.example.test");
    creator.draft().name = QStringLiteral("Never answered");
    QVERIFY(runOnce(&creator, [&] { creator.create(); }));
    const AppLinkOutcome &outcome = creator.outcome();
    QVERIFY2(outcome.result == Result::Unknown, qPrintable(describe(outcome)));
    QCOMPARE(outcome.problem, Problem::AnswerLost);
    QVERIFY(creator.createdLink().id.isEmpty()); // never claimed
    const ActivityEntry row = rows().first();
    QCOMPARE(row.action, QStringLiteral("create-applink"));
    QCOMPARE(row.outcome, ActivityOutcome::Unknown);
    QVERIFY2(!row.errorText.isEmpty(), qPrintable(row.errorText));
}

void TestAppLinkServicesSim::listingTellsOAuth2ClientsApart()
{
    auto admin = connectAs(QStringLiteral("admin"));
    AppLinkListing listing(admin.get());
    QVERIFY(runOnce(&listing, [&] { listing.start(); }));
    QVERIFY2(!listing.error().isError(), qPrintable(listing.error().userMessage()));
    const auto entries = listing.entries();
    const auto deploy = std::find_if(entries.begin(), entries.end(), [](const AppLinkEntry &e) {
        return e.link.name == QLatin1String("Deploy Dashboard");
    });
    QVERIFY2(deploy != entries.end(), "the demo's OAuth 2.0 client is in the v3 list");
    QVERIFY(deploy->oauth2Client);
    QVERIFY(!deploy->oauth); // not asked for
    const auto bamboo = std::find_if(entries.begin(), entries.end(),
                                     [](const AppLinkEntry &e) { return e.link.id == kBamboo; });
    QVERIFY(bamboo != entries.end() && !bamboo->oauth2Client);
    QVERIFY(bamboo->oauth);
    QCOMPARE(bamboo->oauth->incoming, (OAuthConfig{true, true, false}));
    for (const AppLink &link : listing.links())
        QVERIFY(link.name != QLatin1String("Deploy Dashboard"));

    auto alice = connectAs(QStringLiteral("alice"));
    AppLinkListing refused(alice.get());
    QVERIFY(runOnce(&refused, [&] { refused.start(); }));
    QCOMPARE(refused.error().kind(), ApiError::Kind::Forbidden);
}

void TestAppLinkServicesSim::healthCheckRunsBoundedWithProgress()
{
    auto admin = connectAs(QStringLiteral("admin"));
    QList<AppLink> links;
    for (const QString &id : {kBamboo, kConfluence, kBamboo, kConfluence, kBamboo})
        links.append(AppLink{id, {}, {}, {}, {}, false, false});
    int inFlight = 0;
    int most = 0;
    ParallelJobs jobs(
        int(links.size()), 2,
        [&](int index) -> ApiJob * {
            most = std::max(most, ++inFlight);
            return new GetAppLinkStatus(admin.get(), links.at(index).id);
        },
        [&](int, ApiJob *) { --inFlight; });
    QSignalSpy progress(&jobs, &ParallelJobs::progress);
    QVERIFY(runOnce(&jobs, [&] { jobs.start(); }));
    QCOMPARE(most, 2);
    QCOMPARE(progress.size(), 5);
    QCOMPARE(progress.last().at(0).toInt(), 5);
    QCOMPARE(progress.last().at(1).toInt(), 5);

    links.append(AppLink{
        QStringLiteral("00000000-0000-3000-8000-000000000000"), {}, {}, {}, {}, false, false});
    AppLinkHealthCheck check(admin.get(), links, 3);
    QSignalSpy checked(&check, &AppLinkHealthCheck::linkChecked);
    QVERIFY(runOnce(&check, [&] { check.start(); }));
    QCOMPARE(checked.size(), links.size());
    const AppLinkHealth &bamboo = check.results().at(0);
    QVERIFY(bamboo.checked);
    QCOMPARE(bamboo.link.name, QStringLiteral("Bamboo")); // named by the answer
    QCOMPARE(bamboo.status->errorType, QStringLiteral("UNKNOWN_HOST"));
    QCOMPARE(bamboo.diagnosis.problem, AppLinkDiagnosis::Problem::UnknownHost);
    const AppLinkHealth &gone = check.results().last();
    QCOMPARE(gone.error.kind(), ApiError::Kind::NotFound);
    QCOMPARE(gone.diagnosis.problem, AppLinkDiagnosis::Problem::LinkGone);
    QCOMPARE(check.count(AppLinkDiagnosis::Verdict::Broken), 5);
    QCOMPARE(check.count(AppLinkDiagnosis::Verdict::Unknown), 1);
}

void TestAppLinkServicesSim::healthCheckCancels()
{
    QVERIFY(m_client->addFault(
        QJsonObject{{QStringLiteral("path"), QStringLiteral("/rest/applinks/3.0/status/*")},
                    {QStringLiteral("action"), QStringLiteral("stall")}}));
    auto admin = connectAs(QStringLiteral("admin"));
    const QList<AppLink> links{AppLink{kBamboo, {}, {}, {}, {}, false, false},
                               AppLink{kConfluence, {}, {}, {}, {}, false, false}};
    AppLinkHealthCheck check(admin.get(), links);
    QSignalSpy finished(&check, &AppLinkHealthCheck::finished);
    check.start();
    check.cancel();
    check.cancel(); // safe twice
    QVERIFY(finished.wait(10000));
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
    QVERIFY(check.wasCancelled());
    for (const AppLinkHealth &health : check.results())
        QVERIFY(!health.checked);
}

void TestAppLinkServicesSim::relocateAsksThenMoves()
{
    const AppLink link =
        createGeneric(QStringLiteral("Moving tool"), QStringLiteral("http://moving.example.test"));
    QVERIFY(!link.id.isEmpty());
    auto admin = connectAs(QStringLiteral("admin"));
    AppLinkRelocator relocator(admin.get(), link, QStringLiteral("http://gone-away.invalid"),
                               m_log.get(), m_who);
    QVERIFY(relocator.describe().contains(QLatin1String("http://moving.example.test")));
    QVERIFY(runOnce(&relocator, [&] { relocator.start(); }));
    QCOMPARE(relocator.outcome().result, Result::NeedsConfirmation);
    QCOMPARE(relocator.outcome().field, QStringLiteral("newUrl"));
    QVERIFY(relocator.describe().contains(QLatin1String("anyway")));
    QCOMPARE(readLink(link.id).rpcUrl, link.rpcUrl); // not moved yet

    QVERIFY(runOnce(&relocator, [&] { relocator.moveAnyway(); }));
    QVERIFY2(relocator.outcome().succeeded(), qPrintable(describe(relocator.outcome())));
    QCOMPARE(relocator.link().rpcUrl, QStringLiteral("http://gone-away.invalid"));
    QCOMPARE(readLink(link.id).rpcUrl, QStringLiteral("http://gone-away.invalid"));
    const QList<ActivityEntry> log = rows();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(1).outcome, ActivityOutcome::Failed); // asked, not moved
    QCOMPARE(log.at(0).outcome, ActivityOutcome::Succeeded);
    QVERIFY(log.at(0).target.contains(QLatin1String("did not answer")));
}

void TestAppLinkServicesSim::deleteBothEndsOfALinkToItself()
{
    auto admin = connectAs(QStringLiteral("admin"));
    // A link to this very trackersim is its own remote end.
    CreateAppLink create(
        admin.get(),
        {{}, QStringLiteral("jira"), QStringLiteral("Myself"), m_sim->url(), m_sim->url(), false});
    QVERIFY(runOnce<ApiJob>(&create, [&] { create.start(); }));
    QVERIFY(create.succeeded());
    const AppLink self = readLink(create.result().id);
    QVERIFY(!self.id.isEmpty());

    AppLinkRemover remover(admin.get(), self, AppLinkDeletion::BothEnds, m_log.get(), m_who);
    QVERIFY(remover.describe().contains(QLatin1String("other end")));
    QVERIFY(runOnce(&remover, [&] { remover.start(); }));
    QVERIFY2(remover.outcome().succeeded(), qPrintable(describe(remover.outcome())));
    ApiError::Kind kind = ApiError::Kind::None;
    readLink(self.id, &kind);
    QCOMPARE(kind, ApiError::Kind::NotFound);
    QCOMPARE(rows().first().action, QStringLiteral("delete-applink-both-ends"));
    QCOMPARE(rows().first().outcome, ActivityOutcome::Succeeded);
}

void TestAppLinkServicesSim::deleteBothEndsNeedsRemoteCredentials()
{
    const AppLink link = readLink(kConfluence);
    auto admin = connectAs(QStringLiteral("admin"));
    AppLinkRemover remover(admin.get(), link, AppLinkDeletion::BothEnds, m_log.get(), m_who);
    QVERIFY(runOnce(&remover, [&] { remover.start(); }));
    const AppLinkOutcome &outcome = remover.outcome();
    QCOMPARE(outcome.result, Result::Failed);
    QCOMPARE(outcome.problem, Problem::RemoteCredentialsRequired);
    QVERIFY2(outcome.message.contains(QLatin1String("still there")), qPrintable(outcome.message));
    QCOMPARE(readLink(kConfluence), link);
    QCOMPARE(rows().first().outcome, ActivityOutcome::Failed);
}

void TestAppLinkServicesSim::nothingIsSentWhenTheLogCannotRecord()
{
    const AppLink link = createGeneric(QStringLiteral("Unrecorded"),
                                       QStringLiteral("http://unrecorded.example.test"));
    QVERIFY(!link.id.isEmpty());
    m_db->close(); // the log can no longer write its rows
    auto admin = connectAs(QStringLiteral("admin"));
    AppLinkEdit edit;
    edit.name = QStringLiteral("Renamed without a record");
    AppLinkUpdater updater(admin.get(), link, edit, m_log.get(), m_who);
    QVERIFY(runOnce(&updater, [&] { updater.start(); }));
    QCOMPARE(updater.outcome().problem, Problem::NotRecorded);
    QCOMPARE(readLink(link.id).name, QStringLiteral("Unrecorded"));
}

QTEST_GUILESS_MAIN(TestAppLinkServicesSim)
#include "tst_applinkservices_sim.moc"
