// What the REST layer trusts, over real sockets: a pin is a pin (a certificate a CA vouches for
// is still refused when it is not the pinned one), the certificate shown and pinned is the
// server's own and never an issuer of its chain, answers are capped while they download, and a
// secret is not sent over plain http:// to another computer without consent, nor a stored one to
// a server the profile moved to.
#include "SimClient.h"
#include "SimProcess.h"
#include "SimSession.h"

#include "api/ApiJob.h"
#include "api/CertificateInfo.h"
#include "api/CoreJobs.h"
#include "services/ConnectionResolver.h"
#include "services/PlainHttpRule.h"
#include "services/ProfileSaver.h"
#include "storage/ProfileStore.h"

#include "secrets/SecretStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

// A test CA, a server certificate it issued for 127.0.0.1, and an unrelated self-signed one.
struct TestPki
{
    QString caCert, caKey, leafCert, leafKey, otherCert, otherKey;

    QSslCertificate certificate(const QString &file) const
    {
        return QSslCertificate::fromPath(file, QSsl::Pem).value(0);
    }
};

bool makePki(const QTemporaryDir &dir, TestPki *pki)
{
    pki->caCert = dir.filePath(QStringLiteral("ca.pem"));
    pki->caKey = dir.filePath(QStringLiteral("ca.key"));
    pki->leafCert = dir.filePath(QStringLiteral("leaf.pem"));
    pki->leafKey = dir.filePath(QStringLiteral("leaf.key"));
    pki->otherCert = dir.filePath(QStringLiteral("other.pem"));
    pki->otherKey = dir.filePath(QStringLiteral("other.key"));
    const QString csr = dir.filePath(QStringLiteral("leaf.csr"));
    const QString extensions = dir.filePath(QStringLiteral("leaf.ext"));
    QFile ext(extensions);
    if (!ext.open(QIODevice::WriteOnly) ||
        ext.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                  "extendedKeyUsage=serverAuth\n") < 0)
        return false;
    ext.close();
    const auto S = [](const char *text) { return QString::fromLatin1(text); };
    // `req -x509` makes a CA:TRUE certificate (Debian's openssl.cnf, v3_ca).
    return runOpenssl({S("req"), S("-x509"), S("-newkey"), S("rsa:2048"), S("-nodes"), S("-subj"),
                       S("/CN=AccessDesk Test CA"), S("-days"), S("2"), S("-keyout"), pki->caKey,
                       S("-out"), pki->caCert}) &&
           runOpenssl({S("req"), S("-newkey"), S("rsa:2048"), S("-nodes"), S("-subj"),
                       S("/CN=127.0.0.1"), S("-keyout"), pki->leafKey, S("-out"), csr}) &&
           runOpenssl({S("x509"), S("-req"), S("-in"), csr, S("-CA"), pki->caCert, S("-CAkey"),
                       pki->caKey, S("-set_serial"), S("2"), S("-days"), S("2"), S("-extfile"),
                       extensions, S("-out"), pki->leafCert}) &&
           runOpenssl({S("req"), S("-x509"), S("-newkey"), S("rsa:2048"), S("-nodes"), S("-subj"),
                       S("/CN=127.0.0.1"), S("-addext"), S("subjectAltName=IP:127.0.0.1"),
                       S("-days"), S("2"), S("-keyout"), pki->otherKey, S("-out"), pki->otherCert});
}

// Runs one job to its end; false when it did not finish in time.
bool finishes(ApiJob &job, int timeoutMs = 30000)
{
    QSignalSpy finished(&job, &ApiJob::finished);
    job.start();
    return finished.wait(timeoutMs) && job.isFinished();
}

// A GET of the server's info with a chosen cap, to reach the cap without waiting for megabytes.
class CappedServerInfo final : public ApiJob
{
public:
    CappedServerInfo(ServerConnection *connection, qint64 cap)
        : ApiJob(connection)
        , m_cap(cap)
    {}
    ApiRequest request() const override
    {
        ApiRequest request = GetServerInfo::build();
        request.maxReplyBytes = m_cap;
        return request;
    }

protected:
    ApiError decode(const RawReply &) override { return {}; }

private:
    qint64 m_cap;
};

// An HTTP server written for one misbehaviour at a time, on loopback; over TLS when given a
// certificate chain (QSslServer), which trackersim cannot serve.
class ScriptedServer final : public QObject
{
public:
    enum class Answer {
        ServerInfo,   // a small valid serverInfo
        EndlessJson,  // 200 application/json, no length, streams until the client goes
        DeclaredHuge, // 200 with Content-Length 1 GiB, then nothing more
    };

    explicit ScriptedServer(Answer answer)
        : m_answer(answer)
    {}

    bool listen(const QList<QSslCertificate> &chain = {}, const QSslKey &key = {})
    {
        if (!chain.isEmpty()) {
            auto *tls = new QSslServer(this);
            QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
            configuration.setLocalCertificateChain(chain);
            configuration.setPrivateKey(key);
            tls->setSslConfiguration(configuration);
            m_server = tls;
        } else {
            m_server = new QTcpServer(this);
        }
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                serve(socket);
        });
        return m_server->listen(QHostAddress::LocalHost);
    }
    QString url(const char *scheme) const
    {
        return QStringLiteral("%1://127.0.0.1:%2")
            .arg(QLatin1String(scheme))
            .arg(m_server->serverPort());
    }
    qint64 bytesSent() const { return m_bytesSent; }
    int openConnections() const { return m_open; }
    int requests() const { return m_requests; }

private:
    void serve(QTcpSocket *socket)
    {
        ++m_open;
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_open;
            socket->deleteLater();
        });
        auto head = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, head] {
            head->append(socket->readAll());
            if (!head->contains("\r\n\r\n") || head->isEmpty())
                return;
            head->clear();
            ++m_requests;
            answer(socket);
        });
    }

    void answer(QTcpSocket *socket)
    {
        if (m_answer == Answer::ServerInfo) {
            const QByteArray body =
                R"({"baseUrl":"https://127.0.0.1","version":"9.12.0","versionNumbers":[9,12,0],)"
                R"("deploymentType":"Server","buildNumber":1,"serverTitle":"Scripted"})";
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n" + body);
            return;
        }
        if (m_answer == Answer::DeclaredHuge) {
            // Only the headers: a client that waits for the body waits until its timeout.
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 1073741824\r\n\r\n[");
            return;
        }
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Connection: close\r\n\r\n[");
        // Keep a little queued, never all: the stream lasts as long as the client reads.
        const QByteArray chunk = QByteArray(64 * 1024, ' ');
        auto pump = [this, socket, chunk] {
            while (socket->state() == QAbstractSocket::ConnectedState &&
                   socket->bytesToWrite() < 256 * 1024) {
                socket->write(chunk);
                m_bytesSent += chunk.size();
            }
        };
        connect(socket, &QTcpSocket::bytesWritten, this, pump);
        pump();
    }

    Answer m_answer;
    QTcpServer *m_server = nullptr;
    qint64 m_bytesSent = 0;
    int m_open = 0;
    int m_requests = 0;
};

} // namespace

class TestApiTrust : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void caVouchedCertificateWithAnotherPinIsRefused();
    void pinOfTheServersOwnCertificateIsAccepted();
    void pinnedSelfSignedCertificateStillWorks();
    void refusedChainNamesTheServersOwnCertificate();
    void endlessBodyIsAbortedAtTheCap();
    void declaredLengthOverTheCapIsRefusedAtOnce();
    void plainHttpToAnotherComputerNeedsConsent();
    void storedSecretIsNotReusedForAnotherServer();

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
};

void TestApiTrust::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(makePki(m_dir, &m_pki), "openssl could not make the test certificates");
    QVERIFY(!m_pki.certificate(m_pki.leafCert).isNull());
}

void TestApiTrust::caVouchedCertificateWithAnotherPinIsRefused()
{
    SimSession session(
        {QStringLiteral("--cert"), m_pki.leafCert, QStringLiteral("--key"), m_pki.leafKey});
    ConnectionSettings trustCa;
    trustCa.caCertificates = {m_pki.certificate(m_pki.caCert)};
    QVERIFY2(session.start(QStringLiteral("admin"), trustCa), qPrintable(session.errorText()));
    const QString leafPin = CertificateInfo::fingerprint(m_pki.certificate(m_pki.leafCert));
    QCOMPARE(session.url().left(8), QStringLiteral("https://"));

    // The CA vouches for the server: without a pin that is enough.
    GetServerInfo plain(session.connection());
    QVERIFY(finishes(plain));
    QVERIFY2(plain.succeeded(), qPrintable(plain.error().userMessage()));

    // Pinned to the CA (an issuer, not the server's certificate) on the same network manager,
    // whose connection to the server is already open and verified: refused all the same.
    ConnectionSettings pinnedToIssuer = trustCa;
    pinnedToIssuer.pinnedSha256 = CertificateInfo::fingerprint(m_pki.certificate(m_pki.caCert));
    auto issuerPinned = session.connectAs(QStringLiteral("admin"), pinnedToIssuer);
    GetMyself myself(issuerPinned.get());
    QVERIFY(finishes(myself));
    QCOMPARE(myself.error().kind(), ApiError::Kind::Tls);
    QCOMPARE(myself.error().certificate().sha256, leafPin);
    QVERIFY(myself.error().serverMessage().contains(QLatin1String("not the one trusted")));
    QCOMPARE(myself.attempts(), 1);

    // Pinned to another certificate, on a fresh network manager (a new TLS handshake).
    QNetworkAccessManager fresh;
    ConnectionSettings pinnedElsewhere = trustCa;
    pinnedElsewhere.pinnedSha256 = CertificateInfo::fingerprint(m_pki.certificate(m_pki.otherCert));
    auto otherPinned = connectAs(&fresh, session.url(), QStringLiteral("admin"), pinnedElsewhere);
    GetServerInfo refused(otherPinned.get());
    QVERIFY(finishes(refused));
    QCOMPARE(refused.error().kind(), ApiError::Kind::Tls);
    QCOMPARE(refused.error().certificate().sha256, leafPin);
    QCOMPARE(refused.error().certificate().subject, QStringLiteral("127.0.0.1"));
}

void TestApiTrust::pinOfTheServersOwnCertificateIsAccepted()
{
    SimSession session(
        {QStringLiteral("--cert"), m_pki.leafCert, QStringLiteral("--key"), m_pki.leafKey});
    ConnectionSettings pinned;
    pinned.pinnedSha256 = CertificateInfo::fingerprint(m_pki.certificate(m_pki.leafCert));
    // Without the CA: the chain does not verify, and the pin is what makes it trusted.
    QVERIFY2(session.start(QStringLiteral("admin"), pinned), qPrintable(session.errorText()));
    for (int i = 0; i < 3; ++i) { // the later ones reuse the open connection
        GetMyself job(session.connection());
        QVERIFY(finishes(job));
        QVERIFY2(job.succeeded(), qPrintable(job.error().userMessage()));
        QCOMPARE(job.result().name, QStringLiteral("admin"));
    }
    // With the CA as well: both agree.
    QNetworkAccessManager fresh;
    ConnectionSettings both = pinned;
    both.caCertificates = {m_pki.certificate(m_pki.caCert)};
    auto connection = connectAs(&fresh, session.url(), QStringLiteral("admin"), both);
    GetServerInfo info(connection.get());
    QVERIFY(finishes(info));
    QVERIFY2(info.succeeded(), qPrintable(info.error().userMessage()));
}

void TestApiTrust::pinnedSelfSignedCertificateStillWorks()
{
    SimProcess sim({QStringLiteral("--tls")});
    QVERIFY2(sim.start(), qPrintable(sim.errorText()));
    QNetworkAccessManager network;
    auto connection = connectAs(&network, sim.url(), QStringLiteral("admin"));
    GetServerInfo refused(connection.get());
    QVERIFY(finishes(refused));
    QCOMPARE(refused.error().kind(), ApiError::Kind::Tls);
    // What the trust dialog shows and pins: the certificate the server printed.
    QCOMPARE(refused.error().certificate().sha256, sim.fingerprint());
    connection->pinCertificate(refused.error().certificate().sha256);
    for (int i = 0; i < 2; ++i) { // the second reuses the open connection
        GetMyself job(connection.get());
        QVERIFY(finishes(job));
        QVERIFY2(job.succeeded(), qPrintable(job.error().userMessage()));
    }
}

void TestApiTrust::refusedChainNamesTheServersOwnCertificate()
{
    // The server sends its certificate and the CA that issued it; the CA is not trusted here, so
    // OpenSSL's complaint is about the CA ("self-signed certificate in certificate chain").
    const QSslCertificate leaf = m_pki.certificate(m_pki.leafCert);
    const QSslCertificate ca = m_pki.certificate(m_pki.caCert);
    QFile keyFile(m_pki.leafKey);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslKey key(keyFile.readAll(), QSsl::Rsa);
    QVERIFY(!key.isNull());
    ScriptedServer server(ScriptedServer::Answer::ServerInfo);
    QVERIFY(server.listen({leaf, ca}, key));

    QNetworkAccessManager network;
    ConnectionSettings unpinned;
    auto connection = connectAs(&network, server.url("https"), QStringLiteral("admin"), unpinned);
    GetServerInfo refused(connection.get());
    QVERIFY(finishes(refused));
    QCOMPARE(refused.error().kind(), ApiError::Kind::Tls);
    QCOMPARE(refused.error().certificate().sha256, CertificateInfo::fingerprint(leaf));
    QVERIFY(refused.error().certificate().sha256 != CertificateInfo::fingerprint(ca));
    QCOMPARE(server.requests(), 0); // nothing was sent

    // Trusting what was shown (as the trust dialog does) is trusting the server's certificate.
    connection->pinCertificate(refused.error().certificate().sha256);
    GetServerInfo trusted(connection.get());
    QVERIFY(finishes(trusted));
    QVERIFY2(trusted.succeeded(), qPrintable(trusted.error().userMessage()));
    QCOMPARE(trusted.result().serverTitle, QStringLiteral("Scripted"));

    // Pinning the CA instead trusts nothing: the pin names one certificate, not an issuer.
    QNetworkAccessManager other;
    ConnectionSettings pinnedToCa;
    pinnedToCa.pinnedSha256 = CertificateInfo::fingerprint(ca);
    auto caPinned = connectAs(&other, server.url("https"), QStringLiteral("admin"), pinnedToCa);
    GetServerInfo stillRefused(caPinned.get());
    QVERIFY(finishes(stillRefused));
    QCOMPARE(stillRefused.error().kind(), ApiError::Kind::Tls);
    QCOMPARE(stillRefused.error().certificate().sha256, CertificateInfo::fingerprint(leaf));
}

void TestApiTrust::endlessBodyIsAbortedAtTheCap()
{
    ScriptedServer server(ScriptedServer::Answer::EndlessJson);
    QVERIFY(server.listen());
    QNetworkAccessManager network;
    auto connection = connectAs(&network, server.url("http"), QStringLiteral("admin"));
    GetServerInfo job(connection.get()); // JSON: the default cap
    QCOMPARE(job.request().replyLimit(), ApiRequest::kDefaultJsonLimit);

    QElapsedTimer clock;
    clock.start();
    QVERIFY2(finishes(job, 60000), "the job never ended: the endless body was read on");
    QCOMPARE(job.error().kind(), ApiError::Kind::MalformedResponse);
    QCOMPARE(job.error().serverMessage(),
             QStringLiteral("the server's answer was larger than 8 MiB; it was not read"));
    QCOMPARE(job.attempts(), 1); // not retried
    QCOMPARE(server.requests(), 1);
    // Stopped near the cap, not long after: what was sent is the cap plus what the socket
    // buffers on both sides held.
    QVERIFY2(server.bytesSent() < 3 * ApiRequest::kDefaultJsonLimit,
             qPrintable(QString::number(server.bytesSent())));
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 10000); // the client hung up
    qInfo() << "aborted after" << clock.elapsed() << "ms," << server.bytesSent() << "bytes sent";
}

void TestApiTrust::declaredLengthOverTheCapIsRefusedAtOnce()
{
    ScriptedServer server(ScriptedServer::Answer::DeclaredHuge);
    QVERIFY(server.listen());
    QNetworkAccessManager network;
    auto connection = connectAs(&network, server.url("http"), QStringLiteral("admin"));
    CappedServerInfo job(connection.get(), 1024 * 1024);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(finishes(job));
    // Refused on the headers, long before the 30 s a client waiting for the body would take.
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(job.error().kind(), ApiError::Kind::MalformedResponse);
    QCOMPARE(job.error().serverMessage(),
             QStringLiteral("the server's answer was larger than 1 MiB; it was not read"));
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 10000); // the client hung up
}

void TestApiTrust::plainHttpToAnotherComputerNeedsConsent()
{
    QSettings settings(m_dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
    ProfileStore profiles(settings);
    SecretStore secrets;
    QNetworkAccessManager network;
    qputenv("ACCESSDESK_TEST_PASSWORD", "admin");
    // TEST-NET-1: nobody answers there, and nobody needs to: the refusal comes before sending.
    const QString remote = QStringLiteral("http://192.0.2.10:8080");

    auto resolve = [&](const QString &server, bool allow) {
        ConnectionOptions options;
        options.server = server;
        options.user = QStringLiteral("admin");
        options.passwordEnv = QStringLiteral("ACCESSDESK_TEST_PASSWORD");
        options.allowPlainHttp = allow;
        auto resolver = std::make_unique<ConnectionResolver>(options, profiles, &secrets, &network);
        QSignalSpy finished(resolver.get(), &ConnectionResolver::finished);
        resolver->start();
        if (!finished.wait(10000))
            resolver.reset();
        return resolver;
    };

    QElapsedTimer clock;
    clock.start();
    const auto refused = resolve(remote, false);
    QVERIFY(refused);
    QCOMPARE(refused->error(), ConnectionError::Usage);
    QVERIFY2(refused->errorString().contains(QLatin1String("--allow-http")),
             qPrintable(refused->errorString()));
    QVERIFY(refused->errorString().contains(QLatin1String("192.0.2.10")));
    QVERIFY(clock.elapsed() < 5000); // nothing was tried on the network

    const auto allowed = resolve(remote, true);
    QVERIFY(allowed);
    QVERIFY2(allowed->succeeded(), qPrintable(allowed->errorString()));

    // Loopback is exempt: nothing crosses a network.
    for (const QString &local :
         {QStringLiteral("http://127.0.0.1:8080"), QStringLiteral("http://localhost:8080"),
          QStringLiteral("http://[::1]:8080")}) {
        const auto loopback = resolve(local, false);
        QVERIFY(loopback);
        QVERIFY2(loopback->succeeded(), qPrintable(local + loopback->errorString()));
    }

    // A profile's consent is for the address it was given for.
    ConnectionProfile profile;
    profile.name = QStringLiteral("plain");
    profile.baseUrl = QUrl(remote);
    profile.username = QStringLiteral("admin");
    QVERIFY(plainhttp::needsConsent(profile));
    plainhttp::setConsent(profile, true);
    QVERIFY(!plainhttp::needsConsent(profile));
    profile.baseUrl = QUrl(QStringLiteral("http://192.0.2.10:8081"));
    QVERIFY(plainhttp::needsConsent(profile)); // another port: asked again
}

void TestApiTrust::storedSecretIsNotReusedForAnotherServer()
{
    QSettings settings(m_dir.filePath(QStringLiteral("moved.ini")), QSettings::IniFormat);
    ProfileStore profiles(settings);
    SecretStore secrets;
    QNetworkAccessManager network;
    ConnectionProfile profile;
    profile.name = QStringLiteral("moved");
    profile.baseUrl = QUrl(QStringLiteral("https://jira.example.test"));
    profile.username = QStringLiteral("alice");
    QVERIFY(profiles.save(profile));

    // Editing with the secret left empty, but to another host: refused before anything is sent
    // (the new host does not exist, so a probe would fail otherwise, and differently).
    for (const char *moved : {"https://jira.example.org", "http://jira.example.test",
                              "https://jira.example.test:8443"}) {
        ProfileSaveRequest request;
        request.profile = profile;
        request.profile.baseUrl = QUrl(QLatin1String(moved));
        request.mode = ProfileStore::SaveMode::CreateOrReplace;
        request.useStoredSecrets = true;
        ProfileSaver saver(profiles, &secrets, &network);
        QSignalSpy finished(&saver, &ProfileSaver::finished);
        saver.save(request);
        QVERIFY(finished.wait(10000));
        QCOMPARE(saver.failedAt(), ProfileSaver::Step::CheckProfile);
        QVERIFY2(
            saver.profileProblems().join(QLatin1Char(' ')).contains(QLatin1String("entered again")),
            qPrintable(saver.profileProblems().join(QLatin1Char(' '))));
        QCOMPARE(profiles.find(profile.name)->baseUrl, profile.baseUrl); // unchanged
    }
}

QTEST_GUILESS_MAIN(TestApiTrust)
#include "tst_api_trust.moc"
