// The OAuth 2.0 client services against a real trackersim: listing without secrets, creating with
// Jira's checks made first (nothing sent for a bad draft or a taken name), the secret handed over
// once, partial updates, secret resets, deletes — each read back — and the outcomes for a
// non-sysadmin and for a server without an OAuth 2.0 provider. What the server holds is read with
// plain HTTP (SimClient); the activity log is a real SQLite file.
#include "AdminSimBench.h"
#include "SimSession.h"

#include "services/OAuth2ClientCreator.h"
#include "services/OAuth2ClientList.h"
#include "services/OAuth2ClientRemoval.h"
#include "services/OAuth2ClientSecretReset.h"
#include "services/OAuth2ClientUpdater.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace accessdesk;
using adminsim::respond;
using adminsim::runOnce;
using adminsim::said;

namespace {

const QString kClients = QStringLiteral("/rest/oauth2/latest/client");

OAuth2Client draft(const QString &name, const QStringList &redirects, const QString &scope)
{
    OAuth2Client client;
    client.name = name;
    client.redirects = redirects;
    client.scope = scope;
    return client;
}

} // namespace

class TestOAuth2ClientAdminSim final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void listDropsEverySecret();
    void createHandsTheSecretOverOnce();
    void badDraftsAreNotSent();
    void aTakenNameIsRefusedBeforeSending();
    void createNotReadBackStillHandsOverTheSecret();
    void updateIsPartial();
    void updateToATakenNameIsRefused();
    void resetGivesANewSecret();
    void deleteIsReadBack();
    void unknownClientsAreNotFound();
    void nonSysadminsAreNotAllowed();
    void serverWithoutProviderIsNotAvailable();
    void cancelReportsOnce();

private:
    // The clients as the server lists them to the admin, with their secrets.
    QJsonArray clientsOnServer() const;
    QJsonObject clientOnServer(const QString &id) const;
    OAuth2Client created(const QString &name);

    SimSession m_session;
    QTemporaryDir m_dir;
    adminsim::ActivityLogPerTest m_log;
};

void TestOAuth2ClientAdminSim::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_session.start(QStringLiteral("admin")), qPrintable(m_session.errorText()));
}

void TestOAuth2ClientAdminSim::init()
{
    QVERIFY(m_log.reopen(m_dir.path()));
}

void TestOAuth2ClientAdminSim::cleanup()
{
    QVERIFY(m_session.server().clearFaults());
}

QJsonArray TestOAuth2ClientAdminSim::clientsOnServer() const
{
    return QJsonDocument::fromJson(m_session.server().get(kClients, "admin").body).array();
}

QJsonObject TestOAuth2ClientAdminSim::clientOnServer(const QString &id) const
{
    const HttpResult reply = m_session.server().get(kClients + QLatin1Char('/') + id, "admin");
    return reply.status == 200 ? QJsonDocument::fromJson(reply.body).object() : QJsonObject();
}

OAuth2Client TestOAuth2ClientAdminSim::created(const QString &name)
{
    OAuth2ClientCreator creator(
        m_session.connection(),
        draft(name, {QStringLiteral("https://app.example.test/cb")}, QStringLiteral("READ")),
        m_log.get(), m_session.who());
    if (!runOnce(creator) || !creator.succeeded())
        qFatal("creating %s failed: %s", qPrintable(name), qPrintable(said(creator.outcome())));
    OAuth2Client client = creator.client();
    client.clientSecret = creator.takeSecret();
    return client;
}

void TestOAuth2ClientAdminSim::listDropsEverySecret()
{
    OAuth2ClientList list(m_session.connection());
    QVERIFY(runOnce(list));
    QVERIFY2(list.succeeded(), qPrintable(said(list.outcome())));
    const QJsonArray onServer = clientsOnServer();
    QCOMPARE(list.clients().size(), onServer.size());
    QVERIFY(!list.clients().isEmpty()); // the seeded Deploy Dashboard
    for (qsizetype i = 0; i < onServer.size(); ++i) {
        QCOMPARE(list.clients().at(i).clientId,
                 onServer.at(i)[QStringLiteral("clientId")].toString());
        QVERIFY(!onServer.at(i)[QStringLiteral("clientSecret")].toString().isEmpty());
        QVERIFY(list.clients().at(i).clientSecret.isEmpty());
    }
}

void TestOAuth2ClientAdminSim::createHandsTheSecretOverOnce()
{
    const int before = int(clientsOnServer().size());
    OAuth2ClientCreator creator(m_session.connection(),
                                draft(QStringLiteral("  Desktop Admin  "),
                                      {QStringLiteral(" https://desk.example.test/cb "), QString(),
                                       QStringLiteral("http://127.0.0.1:8765/cb")},
                                      QStringLiteral("ADMIN")),
                                m_log.get(), m_session.who());
    QVERIFY(runOnce(creator));
    QVERIFY2(creator.succeeded(), qPrintable(said(creator.outcome())));
    QCOMPARE(clientsOnServer().size(), before + 1);

    const OAuth2Client &client = creator.client();
    QCOMPARE(client.name, QStringLiteral("Desktop Admin"));
    QCOMPARE(client.redirects, (QStringList{QStringLiteral("https://desk.example.test/cb"),
                                            QStringLiteral("http://127.0.0.1:8765/cb")}));
    QCOMPARE(client.scope, QStringLiteral("ADMIN"));
    QVERIFY(client.clientSecret.isEmpty());
    const QString secret = creator.takeSecret();
    QCOMPARE(secret, clientOnServer(client.id)[QStringLiteral("clientSecret")].toString());
    QVERIFY(creator.takeSecret().isEmpty());

    const QList<ActivityEntry> entries = m_log.entries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().action, QStringLiteral("create-oauth2-client"));
    QCOMPARE(entries.first().outcome, ActivityOutcome::Succeeded);
    QVERIFY(!entries.first().target.contains(secret));
    QVERIFY(!creator.outcome().message.contains(secret));
}

void TestOAuth2ClientAdminSim::badDraftsAreNotSent()
{
    const int before = int(clientsOnServer().size());
    OAuth2ClientCreator creator(m_session.connection(),
                                draft(QStringLiteral("Bad redirects"),
                                      {QStringLiteral("https://ok.example.test/cb"),
                                       QStringLiteral("https://app.example.test/cb#fragment"),
                                       QStringLiteral("http://not-loopback.example.test/cb")},
                                      QStringLiteral("READ")),
                                m_log.get(), m_session.who());
    QVERIFY(runOnce(creator));
    QCOMPARE(creator.outcome().status, AdminOutcome::Status::Invalid);
    QCOMPARE(creator.outcome().fieldErrors.keys(), QStringList{QStringLiteral("redirects")});
    QCOMPARE(creator.redirectLines().keys(), (QList<int>{1, 2}));
    QVERIFY(creator.takeSecret().isEmpty());

    OAuth2ClientCreator noScope(m_session.connection(),
                                draft(QStringLiteral("No scope"),
                                      {QStringLiteral("https://ok.example.test/cb")}, QString()),
                                m_log.get(), m_session.who());
    QVERIFY(runOnce(noScope));
    QCOMPARE(noScope.outcome().status, AdminOutcome::Status::Invalid);
    QVERIFY(noScope.outcome().fieldErrors.contains(QStringLiteral("scope")));

    QCOMPARE(clientsOnServer().size(), before);
    QVERIFY(m_log.entries().isEmpty());
}

void TestOAuth2ClientAdminSim::aTakenNameIsRefusedBeforeSending()
{
    const int before = int(clientsOnServer().size());
    // The seeded client, in other letter case.
    OAuth2ClientCreator creator(m_session.connection(),
                                draft(QStringLiteral("deploy DASHBOARD"),
                                      {QStringLiteral("https://ok.example.test/cb")},
                                      QStringLiteral("READ")),
                                m_log.get(), m_session.who());
    QVERIFY(runOnce(creator));
    QCOMPARE(creator.outcome().status, AdminOutcome::Status::Invalid);
    QVERIFY2(creator.outcome().fieldErrors.contains(QStringLiteral("name")),
             qPrintable(said(creator.outcome())));
    QVERIFY(!creator.outcome().error.isError()); // found here, not by the server
    QCOMPARE(clientsOnServer().size(), before);
    QVERIFY(m_log.entries().isEmpty());
}

void TestOAuth2ClientAdminSim::createNotReadBackStillHandsOverTheSecret()
{
    // Every read of a single client fails for a while: the client is made, but not confirmed.
    QVERIFY(m_session.server().addFault(
        respond(QStringLiteral("GET"), kClients + QStringLiteral("/*"), 500,
                QStringLiteral("application/json"), QStringLiteral("{\"errors\":[\"boom\"]}"))));
    OAuth2ClientCreator creator(m_session.connection(),
                                draft(QStringLiteral("Unconfirmed client"),
                                      {QStringLiteral("https://ok.example.test/cb")},
                                      QStringLiteral("WRITE")),
                                m_log.get(), m_session.who());
    QVERIFY(runOnce(creator));
    QCOMPARE(creator.outcome().status, AdminOutcome::Status::Unconfirmed);
    QVERIFY(m_session.server().clearFaults());
    const QString secret = creator.takeSecret();
    QVERIFY(!secret.isEmpty());
    QCOMPARE(secret,
             clientOnServer(creator.client().id)[QStringLiteral("clientSecret")].toString());
    QCOMPARE(m_log.entries().first().outcome, ActivityOutcome::Failed);
}

void TestOAuth2ClientAdminSim::updateIsPartial()
{
    const OAuth2Client client = created(QStringLiteral("Partial update"));
    // Only the scope: name and redirects stay. Addressed by client id this time.
    OAuth2ClientUpdater scope(m_session.connection(), client.clientId,
                              draft(QString(), {}, QStringLiteral("WRITE")), m_log.get(),
                              m_session.who());
    QVERIFY(runOnce(scope));
    QVERIFY2(scope.succeeded(), qPrintable(said(scope.outcome())));
    QJsonObject held = clientOnServer(client.id);
    QCOMPARE(held[QStringLiteral("scope")].toString(), QStringLiteral("WRITE"));
    QCOMPARE(held[QStringLiteral("name")].toString(), client.name);
    QCOMPARE(held[QStringLiteral("redirects")].toArray().size(), 1);
    // The secret is untouched and not kept by the job.
    QCOMPARE(held[QStringLiteral("clientSecret")].toString(), client.clientSecret);
    QVERIFY(scope.client().clientSecret.isEmpty());

    OAuth2ClientUpdater rest(m_session.connection(), client.id,
                             draft(QStringLiteral("Partial update renamed"),
                                   {QStringLiteral("https://a.example.test/cb"),
                                    QStringLiteral("https://b.example.test/cb")},
                                   QString()),
                             m_log.get(), m_session.who());
    QVERIFY(runOnce(rest));
    QVERIFY2(rest.succeeded(), qPrintable(said(rest.outcome())));
    held = clientOnServer(client.id);
    QCOMPARE(held[QStringLiteral("name")].toString(), QStringLiteral("Partial update renamed"));
    QCOMPARE(held[QStringLiteral("redirects")].toArray().size(), 2);
    QCOMPARE(held[QStringLiteral("scope")].toString(), QStringLiteral("WRITE"));

    OAuth2ClientUpdater nothing(m_session.connection(), client.id, OAuth2Client(), m_log.get(),
                                m_session.who());
    QVERIFY(runOnce(nothing));
    QCOMPARE(nothing.outcome().status, AdminOutcome::Status::Invalid);
}

void TestOAuth2ClientAdminSim::updateToATakenNameIsRefused()
{
    const OAuth2Client client = created(QStringLiteral("Rename me"));
    const int records = int(m_log.entries().size());
    OAuth2ClientUpdater updater(m_session.connection(), client.id,
                                draft(QStringLiteral("Deploy Dashboard"), {}, QString()),
                                m_log.get(), m_session.who());
    QVERIFY(runOnce(updater));
    QCOMPARE(updater.outcome().status, AdminOutcome::Status::Invalid);
    QVERIFY(updater.outcome().fieldErrors.contains(QStringLiteral("name")));
    QCOMPARE(clientOnServer(client.id)[QStringLiteral("name")].toString(), client.name);
    QCOMPARE(int(m_log.entries().size()), records);

    // Its own name (in other case) is not "taken".
    OAuth2ClientUpdater own(m_session.connection(), client.id,
                            draft(QStringLiteral("RENAME ME"), {}, QString()), m_log.get(),
                            m_session.who());
    QVERIFY(runOnce(own));
    QVERIFY2(own.succeeded(), qPrintable(said(own.outcome())));
}

void TestOAuth2ClientAdminSim::resetGivesANewSecret()
{
    const OAuth2Client client = created(QStringLiteral("Reset me"));
    OAuth2ClientSecretReset reset(m_session.connection(), client.id, m_log.get(), m_session.who());
    QVERIFY(runOnce(reset));
    QVERIFY2(reset.succeeded(), qPrintable(said(reset.outcome())));
    const QString secret = reset.takeSecret();
    QVERIFY(!secret.isEmpty());
    QVERIFY(secret != client.clientSecret);
    QCOMPARE(clientOnServer(client.id)[QStringLiteral("clientSecret")].toString(), secret);
    QVERIFY(reset.takeSecret().isEmpty());
    QVERIFY(reset.client().clientSecret.isEmpty());
    QCOMPARE(m_log.entries().first().action, QStringLiteral("reset-oauth2-client-secret"));
    QCOMPARE(m_log.entries().first().outcome, ActivityOutcome::Succeeded);
    QVERIFY(OAuth2ClientSecretReset::consequences(client).contains(QLatin1String("stops working")));
}

void TestOAuth2ClientAdminSim::deleteIsReadBack()
{
    const OAuth2Client client = created(QStringLiteral("Delete me"));
    OAuth2ClientRemoval removal(m_session.connection(), client.id, m_log.get(), m_session.who());
    QVERIFY(runOnce(removal));
    QVERIFY2(removal.succeeded(), qPrintable(said(removal.outcome())));
    QVERIFY(clientOnServer(client.id).isEmpty());
    QCOMPARE(removal.client().name, client.name);
    QCOMPARE(m_log.entries().first().action, QStringLiteral("delete-oauth2-client"));
    QCOMPARE(m_log.entries().first().outcome, ActivityOutcome::Succeeded);
}

void TestOAuth2ClientAdminSim::unknownClientsAreNotFound()
{
    OAuth2ClientRemoval removal(m_session.connection(), QStringLiteral("no-such-client"),
                                m_log.get(), m_session.who());
    QVERIFY(runOnce(removal));
    QCOMPARE(removal.outcome().status, AdminOutcome::Status::NotFound);
    OAuth2ClientSecretReset reset(m_session.connection(), QString(), m_log.get(), m_session.who());
    QVERIFY(runOnce(reset));
    QCOMPARE(reset.outcome().status, AdminOutcome::Status::NotFound);
    QVERIFY(m_log.entries().isEmpty());
}

void TestOAuth2ClientAdminSim::nonSysadminsAreNotAllowed()
{
    auto alice = m_session.connectAs(QStringLiteral("alice"));
    OAuth2ClientList list(alice.get());
    QVERIFY(runOnce(list));
    QCOMPARE(list.outcome().status, AdminOutcome::Status::NotAllowed);
    QVERIFY(list.outcome().error.isError());
    OAuth2ClientCreator creator(alice.get(),
                                draft(QStringLiteral("Alice's"),
                                      {QStringLiteral("https://ok.example.test/cb")},
                                      QStringLiteral("READ")),
                                m_log.get(), m_session.who());
    QVERIFY(runOnce(creator));
    QCOMPARE(creator.outcome().status, AdminOutcome::Status::NotAllowed);
    QVERIFY(m_log.entries().isEmpty());
}

void TestOAuth2ClientAdminSim::serverWithoutProviderIsNotAvailable()
{
    SimSession old({QStringLiteral("--no-oauth2")});
    QVERIFY2(old.start(QStringLiteral("admin")), qPrintable(old.errorText()));
    OAuth2ClientList list(old.connection());
    QVERIFY(runOnce(list));
    QCOMPARE(list.outcome().status, AdminOutcome::Status::NotAvailable);
    QVERIFY(list.outcome().message.contains(QLatin1String("not available on this server")));
    QVERIFY(list.outcome().message.contains(QLatin1String("8.22")));
    OAuth2ClientCreator creator(old.connection(),
                                draft(QStringLiteral("Too early"),
                                      {QStringLiteral("https://ok.example.test/cb")},
                                      QStringLiteral("READ")),
                                m_log.get(), old.who());
    QVERIFY(runOnce(creator));
    QCOMPARE(creator.outcome().status, AdminOutcome::Status::NotAvailable);
    QVERIFY(m_log.entries().isEmpty());
}

void TestOAuth2ClientAdminSim::cancelReportsOnce()
{
    // The list is slow to answer; cancelling meanwhile ends the job once, as Cancelled, and
    // nothing is created.
    QVERIFY(m_session.server().addFault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                    {QStringLiteral("path"), kClients},
                    {QStringLiteral("action"), QStringLiteral("latency")},
                    {QStringLiteral("delayMs"), 2000},
                    {QStringLiteral("times"), 1}}));
    const int before = int(clientsOnServer().size());
    OAuth2ClientCreator creator(m_session.connection(),
                                draft(QStringLiteral("Cancelled client"),
                                      {QStringLiteral("https://ok.example.test/cb")},
                                      QStringLiteral("READ")),
                                m_log.get(), m_session.who());
    QSignalSpy spy(&creator, &AdminJob::finished);
    creator.start();
    creator.cancel();
    creator.cancel();
    QVERIFY(spy.wait(10000));
    QTest::qWait(50);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(creator.outcome().status, AdminOutcome::Status::Cancelled);
    QCOMPARE(clientsOnServer().size(), before);
    QVERIFY(m_log.entries().isEmpty());
}

QTEST_GUILESS_MAIN(TestOAuth2ClientAdminSim)
#include "tst_oauth2clientadmin_sim.moc"
