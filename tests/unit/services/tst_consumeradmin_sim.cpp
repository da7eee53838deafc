// The consumer administration services against a real trackersim: approving a link's consumer
// (read back by fingerprint), the checks that keep a bad draft from being sent, the impersonation
// rule, showing and removing the consumer by either of Jira's ways (each verified by reading back),
// consumer-info from a remote (recorded variants served by the sim's fault injection, a TLS remote,
// an unreachable one) and the key pair generator. What the server holds is read with plain HTTP
// (SimClient), and the activity log is a real SQLite file.
#include "AdminSimBench.h"
#include "SimSession.h"
#include "TestKeys.h"

#include "services/ConsumerApproval.h"
#include "services/ConsumerInfoFetcher.h"
#include "services/ConsumerKeyGenerator.h"
#include "services/ConsumerRemoval.h"
#include "services/LinkConsumerJob.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace accessdesk;
using adminsim::respond;
using adminsim::runOnce;
using adminsim::said;

namespace {

const QString kBamboo = QStringLiteral("4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01");    // Atlassian
const QString kBitbucket = QStringLiteral("e7f8a9b0-c1d2-3e4f-a5b6-c7d8e9f0a104"); // no consumer
const QString kServlet =
    QStringLiteral("/plugins/servlet/applinks/auth/conf/oauth/add-consumer-manually/");

QString consumerPath(const QString &linkId)
{
    return QStringLiteral("/rest/applinks-oauth/1.0/applicationlink/") + linkId +
           QStringLiteral("/authentication/consumer");
}

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(ACCESSDESK_FIXTURES "/models/") + QString::fromLatin1(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A consumer draft named after its key, with this public key text.
OAuthConsumer consumerDraft(const QString &key, const QByteArray &publicKey)
{
    OAuthConsumer draft;
    draft.key = key;
    draft.name = key + QStringLiteral(" app");
    draft.publicKey = QString::fromLatin1(publicKey);
    return draft;
}

// The draft with two-legged OAuth as alice, impersonation included.
OAuthConsumer impersonating(OAuthConsumer draft)
{
    draft.twoLoAllowed = true;
    draft.executingTwoLoUser = QStringLiteral("alice");
    draft.twoLoImpersonationAllowed = true;
    return draft;
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort(); // closed again when server goes
}

} // namespace

class TestConsumerAdminSim final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void approveReadsBackTheStoredKey();
    void approveConvertsPkcs1ToWhatJiraStores();
    void badDraftsAreNotSent_data();
    void badDraftsAreNotSent();
    void unknownLinkIsNotFound();
    void impersonationIsRefusedUpFront();
    void impersonationRefusedByTheServerIsNamed();
    void aWriteNotSeenIsUnconfirmed();
    void showTellsALinkWithoutConsumer();
    void removeFromAGenericLinkUsesTheForm();
    void removeFromAnAtlassianLinkKeepsOutgoingOAuth();
    void removeFallsBackWhenTheFirstWayDoesNothing();
    void removeThatJiraIgnoresIsUnconfirmed();
    void removeRefusesAnotherConsumerThanConfirmed();
    void fetchReadsTheRemotesConsumerInfo();
    void fetchRecordedVariants_data();
    void fetchRecordedVariants();
    void fetchFailuresAreNamed();
    void fetchFromATlsRemoteWithUntrustedCertificate();
    void keyGeneratorWritesAPrivateFileAndGivesThePublicHalf();

private:
    QString createGenericLink(const QString &name);
    void approveOn(const QString &linkId, const QString &key, const testkeys::Key &rsa);
    // The consumer the server lists for the link, read with plain HTTP; empty when it has none.
    QJsonObject consumerOnServer(const QString &linkId) const;
    QList<ActivityEntry> records() const { return m_log.entries(); }
    bool fault(const QJsonObject &fault) const { return m_session.server().addFault(fault); }

    SimSession m_session;
    QTemporaryDir m_dir;
    adminsim::ActivityLogPerTest m_log;
    testkeys::Key m_rsa = testkeys::rsa(2048);
    int m_links = 0;
};

void TestConsumerAdminSim::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_session.start(QStringLiteral("admin")), qPrintable(m_session.errorText()));
}

void TestConsumerAdminSim::init()
{
    QVERIFY(m_log.reopen(m_dir.path()));
}

void TestConsumerAdminSim::cleanup()
{
    QVERIFY(m_session.server().clearFaults());
}

QString TestConsumerAdminSim::createGenericLink(const QString &name)
{
    const QString url = QStringLiteral("http://link%1.example.test").arg(++m_links);
    const QJsonObject body{{QStringLiteral("name"), name},
                           {QStringLiteral("rpcUrl"), url},
                           {QStringLiteral("displayUrl"), url},
                           {QStringLiteral("typeId"), QStringLiteral("generic")}};
    const HttpResult created =
        m_session.server().sendJson("PUT", QStringLiteral("/rest/applinks/2.0/applicationlink"),
                                    QJsonDocument(body).toJson(), "admin");
    if (created.status != 201)
        return {};
    const HttpResult list =
        m_session.server().get(QStringLiteral("/rest/applinks/3.0/applinks"), "admin");
    for (const QJsonValue &link : QJsonDocument::fromJson(list.body).array()) {
        if (link[QStringLiteral("name")].toString() == name)
            return link[QStringLiteral("id")].toString();
    }
    return {};
}

QJsonObject TestConsumerAdminSim::consumerOnServer(const QString &linkId) const
{
    const HttpResult reply = m_session.server().get(consumerPath(linkId), "admin");
    if (reply.status != 200)
        return {};
    return QJsonDocument::fromJson(reply.body)[QStringLiteral("consumers")][0].toObject();
}

void TestConsumerAdminSim::approveOn(const QString &linkId, const QString &key,
                                     const testkeys::Key &rsa)
{
    const OAuthConsumer draft = consumerDraft(key, testkeys::publicPem(rsa));
    ConsumerApproval approval(m_session.connection(), {linkId, draft, std::nullopt}, m_log.get(),
                              m_session.who());
    QVERIFY(runOnce(approval));
    QVERIFY2(approval.succeeded(), qPrintable(said(approval.outcome())));
}

void TestConsumerAdminSim::approveReadsBackTheStoredKey()
{
    const QString link = createGenericLink(QStringLiteral("Approve target"));
    QVERIFY(!link.isEmpty());
    OAuthConsumer draft;
    draft.key = QStringLiteral("approve-me");
    draft.name = QStringLiteral("Approve Me");
    draft.description = QStringLiteral("An app https://approve.example.test");
    draft.callback = QStringLiteral("https://approve.example.test/cb");
    draft.twoLoAllowed = true;
    draft.executingTwoLoUser = QStringLiteral("alice");
    draft.publicKey = QString::fromLatin1(testkeys::publicPem(m_rsa));
    ConsumerApproval approval(m_session.connection(), {link, draft, true}, m_log.get(),
                              m_session.who(QStringLiteral("demo")));
    QVERIFY(runOnce(approval));
    QVERIFY2(approval.succeeded(), qPrintable(said(approval.outcome())));

    // The server holds the key as bare base64 of the SubjectPublicKeyInfo, and the job reports
    // what it read back.
    const QJsonObject held = consumerOnServer(link);
    QCOMPARE(held[QStringLiteral("key")].toString(), draft.key);
    QCOMPARE(held[QStringLiteral("publicKey")].toString(),
             QString::fromLatin1(testkeys::publicDer(m_rsa).toBase64()));
    QCOMPARE(held[QStringLiteral("executingTwoLOUser")].toString(), QStringLiteral("alice"));
    QCOMPARE(approval.stored().key, draft.key);
    QCOMPARE(approval.storedKey()->der(), testkeys::publicDer(m_rsa));
    QCOMPARE(approval.link().name, QStringLiteral("Approve target"));
    QVERIFY(approval.outcome().message.contains(approval.storedKey()->sha256Fingerprint()));

    const QList<ActivityEntry> entries = records();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().action, QStringLiteral("approve-consumer"));
    QCOMPARE(entries.first().outcome, ActivityOutcome::Succeeded);
    QCOMPARE(entries.first().profile, QStringLiteral("demo"));
    QVERIFY(entries.first().target.contains(QLatin1String("approve-me")));
    QVERIFY(entries.first().target.contains(link));
}

void TestConsumerAdminSim::approveConvertsPkcs1ToWhatJiraStores()
{
    const QString link = createGenericLink(QStringLiteral("PKCS1 target"));
    const OAuthConsumer draft =
        consumerDraft(QStringLiteral("pkcs1-app"), testkeys::pkcs1PublicPem(m_rsa));
    ConsumerApproval approval(m_session.connection(), {link, draft, std::nullopt}, m_log.get(),
                              m_session.who());
    QVERIFY(runOnce(approval));
    QVERIFY2(approval.succeeded(), qPrintable(said(approval.outcome())));
    QCOMPARE(consumerOnServer(link)[QStringLiteral("publicKey")].toString(),
             QString::fromLatin1(testkeys::publicDer(m_rsa).toBase64()));
}

void TestConsumerAdminSim::badDraftsAreNotSent_data()
{
    QTest::addColumn<QByteArray>("publicKey");
    QTest::addColumn<QString>("field");
    QTest::newRow("1024-bit key") << testkeys::publicPem(testkeys::rsa(1024))
                                  << QStringLiteral("publicKey");
    QTest::newRow("private key") << testkeys::pkcs8Pem(m_rsa) << QStringLiteral("publicKey");
    QTest::newRow("not PEM") << QByteArray("-----BEGIN PUBLIC KEY-----\nnope\n")
                             << QStringLiteral("publicKey");
}

void TestConsumerAdminSim::badDraftsAreNotSent()
{
    QFETCH(QByteArray, publicKey);
    QFETCH(QString, field);
    const QString link = createGenericLink(QStringLiteral("Bad draft %1").arg(m_links));
    const OAuthConsumer draft = consumerDraft(QStringLiteral("bad-draft"), publicKey);
    // Sending would fail loudly: the connection points at a port nobody listens on.
    auto nowhere =
        connectAs(m_session.network(), QStringLiteral("http://127.0.0.1:%1").arg(closedPort()),
                  QStringLiteral("admin"));
    ConsumerApproval approval(nowhere.get(), {link, draft, std::nullopt}, m_log.get(),
                              m_session.who());
    QVERIFY(runOnce(approval));
    QCOMPARE(approval.outcome().status, AdminOutcome::Status::Invalid);
    QVERIFY2(approval.outcome().fieldErrors.contains(field), qPrintable(said(approval.outcome())));
    QVERIFY(!approval.outcome().error.isError());
    QVERIFY(records().isEmpty());
    QVERIFY(consumerOnServer(link).isEmpty());
}

void TestConsumerAdminSim::unknownLinkIsNotFound()
{
    const OAuthConsumer draft = consumerDraft(QStringLiteral("orphan"), testkeys::publicPem(m_rsa));
    for (const QString &link : {QStringLiteral("00000000-0000-0000-0000-000000000000"),
                                QStringLiteral("../../rest/api/2/myself")}) {
        ConsumerApproval approval(m_session.connection(), {link, draft, std::nullopt}, m_log.get(),
                                  m_session.who());
        QVERIFY(runOnce(approval));
        QCOMPARE(approval.outcome().status, AdminOutcome::Status::NotFound);
        QVERIFY(!approval.outcome().nextStep.isEmpty());
    }
    QVERIFY(records().isEmpty());
}

void TestConsumerAdminSim::impersonationIsRefusedUpFront()
{
    const QString link = createGenericLink(QStringLiteral("Impersonation target"));
    const OAuthConsumer draft =
        impersonating(consumerDraft(QStringLiteral("impersonator"), testkeys::publicPem(m_rsa)));

    // The probe said so: nothing is sent at all (the connection leads nowhere).
    auto nowhere =
        connectAs(m_session.network(), QStringLiteral("http://127.0.0.1:%1").arg(closedPort()),
                  QStringLiteral("admin"));
    ConsumerApproval known(nowhere.get(), {link, draft, false}, m_log.get(), m_session.who());
    QVERIFY(runOnce(known));
    QCOMPARE(known.outcome().status, AdminOutcome::Status::NotAllowed);
    QVERIFY(known.outcome().fieldErrors.contains(QStringLiteral("twoLOImpersonationAllowed")));

    // Not known: the server's permissions are asked first (alice is no system administrator),
    // before the link or the consumer resource is touched.
    auto alice = m_session.connectAs(QStringLiteral("alice"));
    ConsumerApproval asked(alice.get(), {link, draft, std::nullopt}, m_log.get(), m_session.who());
    QVERIFY(runOnce(asked));
    QCOMPARE(asked.outcome().status, AdminOutcome::Status::NotAllowed);
    QVERIFY2(asked.outcome().message.contains(QLatin1String("system administrator")),
             qPrintable(said(asked.outcome())));
    QVERIFY(!asked.outcome().error.isError());
    QVERIFY(records().isEmpty());
    QVERIFY(consumerOnServer(link).isEmpty());
}

void TestConsumerAdminSim::impersonationRefusedByTheServerIsNamed()
{
    const QString link = createGenericLink(QStringLiteral("Refused impersonation"));
    // Jira refuses a non-sysadmin's impersonation itself (spec 3.4 (18)); here the refusal is
    // served for the consumer PUT, as Jira's E4 body.
    QVERIFY(fault(respond(QStringLiteral("PUT"), consumerPath(link), 403,
                          QStringLiteral("application/json"),
                          QStringLiteral("{\"status\":403,\"errors\":[{\"summary\":\"You must be "
                                         "a system administrator to enable impersonation.\"}]}"))));
    const OAuthConsumer draft =
        impersonating(consumerDraft(QStringLiteral("impersonator2"), testkeys::publicPem(m_rsa)));
    ConsumerApproval approval(m_session.connection(), {link, draft, true}, m_log.get(),
                              m_session.who());
    QVERIFY(runOnce(approval));
    QCOMPARE(approval.outcome().status, AdminOutcome::Status::NotAllowed);
    QVERIFY(approval.outcome().fieldErrors.contains(QStringLiteral("twoLOImpersonationAllowed")));
    QCOMPARE(approval.outcome().error.kind(), ApiError::Kind::Forbidden);
    const QList<ActivityEntry> entries = records();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().outcome, ActivityOutcome::Failed);
}

void TestConsumerAdminSim::aWriteNotSeenIsUnconfirmed()
{
    const QString link = createGenericLink(QStringLiteral("Unseen write"));
    // The write goes through, but the read-back shows another key.
    const testkeys::Key other = testkeys::rsa(2048);
    const QJsonObject shown{
        {QStringLiteral("consumers"),
         QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("unseen")},
                                {QStringLiteral("name"), QStringLiteral("Unseen")},
                                {QStringLiteral("signatureMethod"), QStringLiteral("RSA_SHA1")},
                                {QStringLiteral("publicKey"),
                                 QString::fromLatin1(testkeys::publicDer(other).toBase64())}}}}};
    QVERIFY(fault(
        QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                    {QStringLiteral("path"), consumerPath(link)},
                    {QStringLiteral("status"), 200},
                    {QStringLiteral("contentType"), QStringLiteral("application/json")},
                    {QStringLiteral("body"), QString::fromUtf8(QJsonDocument(shown).toJson())}}));
    const OAuthConsumer draft = consumerDraft(QStringLiteral("unseen"), testkeys::publicPem(m_rsa));
    ConsumerApproval approval(m_session.connection(), {link, draft, std::nullopt}, m_log.get(),
                              m_session.who());
    QVERIFY(runOnce(approval));
    QCOMPARE(approval.outcome().status, AdminOutcome::Status::Unconfirmed);
    QVERIFY(!approval.outcome().nextStep.isEmpty());
    QVERIFY(!approval.storedKey());
    const QList<ActivityEntry> entries = records();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().outcome, ActivityOutcome::Failed);
}

void TestConsumerAdminSim::showTellsALinkWithoutConsumer()
{
    LinkConsumerReader none(m_session.connection(), kBitbucket);
    QVERIFY(runOnce(none));
    QVERIFY2(none.succeeded(), qPrintable(said(none.outcome())));
    QCOMPARE(none.link().name, QStringLiteral("Bitbucket"));
    QVERIFY(!none.consumer());

    LinkConsumerReader bamboo(m_session.connection(), kBamboo);
    QVERIFY(runOnce(bamboo));
    QVERIFY(bamboo.consumer());
    QVERIFY(bamboo.publicKey());
    QCOMPARE(QString::fromLatin1(bamboo.publicKey()->base64()),
             consumerOnServer(kBamboo)[QStringLiteral("publicKey")].toString());

    auto alice = m_session.connectAs(QStringLiteral("alice"));
    LinkConsumerReader refused(alice.get(), kBamboo);
    QVERIFY(runOnce(refused));
    QCOMPARE(refused.outcome().status, AdminOutcome::Status::NotAllowed);
}

void TestConsumerAdminSim::removeFromAGenericLinkUsesTheForm()
{
    const QString link = createGenericLink(QStringLiteral("Remove generic"));
    approveOn(link, QStringLiteral("remove-generic"), m_rsa);
    QVERIFY(!consumerOnServer(link).isEmpty());

    ConsumerRemoval removal(m_session.connection(), link, QStringLiteral("remove-generic"),
                            m_log.get(), m_session.who());
    QVERIFY(runOnce(removal));
    QVERIFY2(removal.succeeded(), qPrintable(said(removal.outcome())));
    QCOMPARE(removal.method(), ConsumerRemoval::Method::ConsumerForm);
    QCOMPARE(removal.consumer()->key, QStringLiteral("remove-generic"));
    QVERIFY(consumerOnServer(link).isEmpty());
    const QList<ActivityEntry> entries = records();
    QCOMPARE(entries.first().action, QStringLiteral("remove-consumer"));
    QCOMPARE(entries.first().outcome, ActivityOutcome::Succeeded);

    const QString consequences = ConsumerRemoval::consequences(*removal.consumer(), removal.link());
    QVERIFY(consequences.contains(QLatin1String("stops working")));
    QVERIFY(consequences.contains(QLatin1String("does not report how many users")));

    // Again: nothing left to remove.
    ConsumerRemoval again(m_session.connection(), link, {}, m_log.get(), m_session.who());
    QVERIFY(runOnce(again));
    QCOMPARE(again.outcome().status, AdminOutcome::Status::NotFound);
}

void TestConsumerAdminSim::removeFromAnAtlassianLinkKeepsOutgoingOAuth()
{
    const QString statusPath =
        QStringLiteral("/rest/applinks/3.0/status/") + kBamboo + QStringLiteral("/oauth");
    const QJsonObject before =
        QJsonDocument::fromJson(m_session.server().get(statusPath, "admin").body).object();
    QVERIFY(!consumerOnServer(kBamboo).isEmpty());

    ConsumerRemoval removal(m_session.connection(), kBamboo, {}, m_log.get(), m_session.who());
    QVERIFY(runOnce(removal));
    QVERIFY2(removal.succeeded(), qPrintable(said(removal.outcome())));
    QCOMPARE(removal.method(), ConsumerRemoval::Method::OAuthStatus);
    QVERIFY(consumerOnServer(kBamboo).isEmpty());
    const QJsonObject after =
        QJsonDocument::fromJson(m_session.server().get(statusPath, "admin").body).object();
    QCOMPARE(after[QStringLiteral("outgoing")], before[QStringLiteral("outgoing")]);
    QCOMPARE(after[QStringLiteral("incoming")][QStringLiteral("enabled")].toBool(), false);
}

void TestConsumerAdminSim::removeFallsBackWhenTheFirstWayDoesNothing()
{
    const QString link = createGenericLink(QStringLiteral("Remove fallback"));
    approveOn(link, QStringLiteral("remove-fallback"), m_rsa);
    // The form's path is inferred (spec 4.1): here it is not there at all.
    QVERIFY(fault(respond(QStringLiteral("POST"), kServlet + link, 404, QStringLiteral("text/html"),
                          QStringLiteral("<html>Not found</html>"))));
    ConsumerRemoval removal(m_session.connection(), link, {}, m_log.get(), m_session.who());
    QVERIFY(runOnce(removal));
    QVERIFY2(removal.succeeded(), qPrintable(said(removal.outcome())));
    QCOMPARE(removal.method(), ConsumerRemoval::Method::OAuthStatus);
    QVERIFY(consumerOnServer(link).isEmpty());
}

void TestConsumerAdminSim::removeThatJiraIgnoresIsUnconfirmed()
{
    const QString link = createGenericLink(QStringLiteral("Remove ignored"));
    approveOn(link, QStringLiteral("remove-ignored"), m_rsa);
    // Both ways answer success and change nothing.
    QVERIFY(fault(respond(QStringLiteral("POST"), kServlet + link, 200, QStringLiteral("text/html"),
                          QStringLiteral("<html>Saved</html>"))));
    QVERIFY(fault(respond(
        QStringLiteral("PUT"),
        QStringLiteral("/rest/applinks/3.0/status/") + link + QStringLiteral("/oauth"), 204)));
    ConsumerRemoval removal(m_session.connection(), link, {}, m_log.get(), m_session.who());
    QVERIFY(runOnce(removal));
    QCOMPARE(removal.outcome().status, AdminOutcome::Status::Unconfirmed);
    QVERIFY2(removal.outcome().message.contains(QLatin1String("still lists")),
             qPrintable(said(removal.outcome())));
    QVERIFY(removal.outcome().nextStep.contains(QLatin1String("Incoming authentication")));
    QVERIFY(!consumerOnServer(link).isEmpty());
    const QList<ActivityEntry> entries = records();
    QCOMPARE(entries.first().action, QStringLiteral("remove-consumer"));
    QCOMPARE(entries.first().outcome, ActivityOutcome::Failed);
}

void TestConsumerAdminSim::removeRefusesAnotherConsumerThanConfirmed()
{
    const QString link = createGenericLink(QStringLiteral("Remove changed"));
    approveOn(link, QStringLiteral("now-here"), m_rsa);
    ConsumerRemoval removal(m_session.connection(), link, QStringLiteral("confirmed-one"),
                            m_log.get(), m_session.who());
    QVERIFY(runOnce(removal));
    QCOMPARE(removal.outcome().status, AdminOutcome::Status::Failed);
    QCOMPARE(consumerOnServer(link)[QStringLiteral("key")].toString(), QStringLiteral("now-here"));
    QCOMPARE(records().size(), 1); // the approval only
}

void TestConsumerAdminSim::fetchReadsTheRemotesConsumerInfo()
{
    const HttpResult info =
        m_session.server().get(QStringLiteral("/plugins/servlet/oauth/consumer-info"));
    QCOMPARE(info.status, 200);
    const QString published = QString::fromUtf8(info.body)
                                  .section(QStringLiteral("<publicKey>"), 1)
                                  .section(QStringLiteral("</publicKey>"), 0, 0);

    // The consumer-info address itself works as well as the base URL (with a trailing slash).
    for (const QString &remote :
         QStringList{m_session.url() + QLatin1Char('/'),
                     m_session.url() + QStringLiteral("/plugins/servlet/oauth/consumer-info")}) {
        ConsumerInfoFetcher fetcher(m_session.network(), remote);
        QVERIFY(runOnce(fetcher));
        QVERIFY2(fetcher.succeeded(), qPrintable(said(fetcher.outcome())));
        QCOMPARE(fetcher.baseUrl(), QUrl(m_session.url()));
        QVERIFY(fetcher.info().key.startsWith(QLatin1String("jira:")));
        QVERIFY(fetcher.publicKey());
        QCOMPARE(QString::fromLatin1(fetcher.publicKey()->base64()), published);
        QVERIFY(fetcher.publicKeyProblem().isEmpty());
        const OAuthConsumer draft = fetcher.asDraft();
        QCOMPARE(draft.key, fetcher.info().key);
        QVERIFY(draft.publicKey.startsWith(QLatin1String("-----BEGIN PUBLIC KEY-----")));
    }
}

void TestConsumerAdminSim::fetchRecordedVariants_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<bool>("filled");
    QTest::addColumn<bool>("keyUsable");
    QTest::newRow("Jira's") << fixture("consumer-info.xml")
                            << QStringLiteral("application/xml;charset=UTF-8") << true << true;
    QTest::newRow("PEM armour") << fixture("consumer-info-pem.xml")
                                << QStringLiteral("application/xml") << true << true;
    QTest::newRow("PKCS#1") << fixture("consumer-info-pkcs1.xml")
                            << QStringLiteral("application/xml") << true << true;
    QTest::newRow("wrapped key") << fixture("consumer-info-wrapped.xml")
                                 << QStringLiteral("application/xml") << true << true;
    QTest::newRow("no name") << fixture("consumer-info-noname.xml")
                             << QStringLiteral("application/xml") << true << true;
    QTest::newRow("1024-bit key")
        << QByteArray("<consumer><key>old-jira</key><name>Old</name><publicKey>" +
                      testkeys::publicDer(testkeys::rsa(1024)).toBase64() +
                      "</publicKey></consumer>")
        << QStringLiteral("application/xml") << true << false;
    QTest::newRow("login page") << fixture("consumer-info-login.html")
                                << QStringLiteral("text/html;charset=UTF-8") << false << false;
}

void TestConsumerAdminSim::fetchRecordedVariants()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, contentType);
    QFETCH(bool, filled);
    QFETCH(bool, keyUsable);
    QVERIFY(!body.isEmpty());
    QVERIFY(
        fault(respond(QStringLiteral("GET"), QStringLiteral("/plugins/servlet/oauth/consumer-info"),
                      200, contentType, QString::fromUtf8(body))));
    ConsumerInfoFetcher fetcher(m_session.network(), m_session.url());
    QVERIFY(runOnce(fetcher));
    if (!filled) {
        QCOMPARE(fetcher.outcome().status, AdminOutcome::Status::Failed);
        QVERIFY2(fetcher.outcome().message.contains(QLatin1String("web page")),
                 qPrintable(said(fetcher.outcome())));
        QVERIFY(!fetcher.outcome().nextStep.isEmpty());
        return;
    }
    QVERIFY2(fetcher.succeeded(), qPrintable(said(fetcher.outcome())));
    QVERIFY(!fetcher.info().key.isEmpty());
    QCOMPARE(fetcher.publicKey().has_value(), keyUsable);
    QCOMPARE(fetcher.publicKeyProblem().isEmpty(), keyUsable);
    if (!keyUsable)
        QVERIFY(fetcher.publicKeyProblem().contains(QLatin1String("2048")));
}

void TestConsumerAdminSim::fetchFailuresAreNamed()
{
    {
        ConsumerInfoFetcher fetcher(m_session.network(), QStringLiteral("ftp://example.test"));
        QVERIFY(runOnce(fetcher));
        QCOMPARE(fetcher.outcome().status, AdminOutcome::Status::Invalid);
        QVERIFY(fetcher.outcome().fieldErrors.contains(QStringLiteral("url")));
    }
    {
        ConsumerInfoFetcher fetcher(m_session.network(),
                                    m_session.url() + QStringLiteral("/not-an-app"));
        QVERIFY(runOnce(fetcher));
        QCOMPARE(fetcher.outcome().status, AdminOutcome::Status::NotFound);
        QVERIFY(fetcher.outcome().message.contains(QLatin1String("publishes no OAuth consumer")));
    }
    {
        ConnectionSettings quick;
        quick.maxAttempts = 1;
        ConsumerInfoFetcher fetcher(m_session.network(),
                                    QStringLiteral("http://127.0.0.1:%1").arg(closedPort()), quick);
        QVERIFY(runOnce(fetcher));
        QCOMPARE(fetcher.outcome().status, AdminOutcome::Status::Failed);
        QCOMPARE(fetcher.outcome().error.kind(), ApiError::Kind::Network);
        QVERIFY(fetcher.outcome().message.contains(QLatin1String("could not be reached")));
    }
}

void TestConsumerAdminSim::fetchFromATlsRemoteWithUntrustedCertificate()
{
    SimProcess remote({QStringLiteral("--tls")});
    QVERIFY2(remote.start(), qPrintable(remote.errorText()));
    ConsumerInfoFetcher fetcher(m_session.network(), remote.url());
    QVERIFY(runOnce(fetcher));
    QCOMPARE(fetcher.outcome().status, AdminOutcome::Status::Failed);
    QCOMPARE(fetcher.outcome().error.kind(), ApiError::Kind::Tls);
    QVERIFY2(fetcher.outcome().message.contains(remote.fingerprint()),
             qPrintable(said(fetcher.outcome())));
}

void TestConsumerAdminSim::keyGeneratorWritesAPrivateFileAndGivesThePublicHalf()
{
    const QString path = m_dir.filePath(QStringLiteral("consumer.pem"));
    ConsumerKeyGenerator generator(path);
    QVERIFY(runOnce(generator));
    QVERIFY2(generator.outcome().succeeded(), qPrintable(said(generator.outcome())));
    QVERIFY(generator.publicKey());
    QCOMPARE(generator.publicKey()->bits(), 2048);
    struct stat info
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().startsWith("-----BEGIN PRIVATE KEY-----"));
    // The outcome names the file but holds no key material.
    QVERIFY(generator.outcome().message.contains(path));

    ConsumerKeyGenerator refused(path);
    QVERIFY(runOnce(refused));
    QCOMPARE(refused.outcome().status, AdminOutcome::Status::Invalid);
    QCOMPARE(refused.fileProblem(), PrivateKeyFile::Problem::FileExists);
    QVERIFY(refused.outcome().fieldErrors.contains(QStringLiteral("privateKeyFile")));

    ConsumerKeyGenerator replaced(path, 3072, PrivateKeyFile::Existing::Replace);
    QVERIFY(runOnce(replaced));
    QVERIFY2(replaced.outcome().succeeded(), qPrintable(said(replaced.outcome())));
    QCOMPARE(replaced.publicKey()->bits(), 3072);
    QVERIFY(replaced.publicKey()->der() != generator.publicKey()->der());
}

QTEST_GUILESS_MAIN(TestConsumerAdminSim)
#include "tst_consumeradmin_sim.moc"
