// trackersim over HTTPS: a generated self-signed certificate is a real TLS error for a client
// that has not pinned it, and the printed SHA-256 fingerprint is the one the client sees.
#include "SimProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

class TestSimTls : public QObject
{
    Q_OBJECT

private slots:
    void selfSignedCertificateIsRefusedUntilPinned();
    void givenCertificateIsServed();
    void eachStartGeneratesANewCertificate();

private:
    static QString fingerprintOf(const QSslCertificate &certificate)
    {
        return QString::fromLatin1(
            certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    }
    QNetworkAccessManager m_manager;
};

void TestSimTls::selfSignedCertificateIsRefusedUntilPinned()
{
    SimProcess sim({QStringLiteral("--tls")});
    QVERIFY2(sim.start(), qPrintable(sim.errorText()));
    QVERIFY(sim.url().startsWith(QLatin1String("https://127.0.0.1:")));
    QCOMPARE(sim.fingerprint().size(), 32 * 3 - 1);

    const HttpResult refused = httpSend(
        m_manager, jsonRequest(sim.url() + QStringLiteral("/rest/api/2/serverInfo")), "GET");
    QCOMPARE(refused.error, QNetworkReply::SslHandshakeFailedError);
    QVERIFY(!refused.sslErrors.isEmpty());
    const QSslCertificate served = refused.sslErrors.first().certificate();
    QCOMPARE(fingerprintOf(served), sim.fingerprint());
    QVERIFY(served.subjectAlternativeNames()
                .values(QSsl::IpAddressEntry)
                .contains(QStringLiteral("127.0.0.1")));

    // Trusting exactly that certificate (what a pinned profile does) lets the request through.
    QNetworkRequest request = jsonRequest(sim.url() + QStringLiteral("/rest/api/2/serverInfo"));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificate(served);
    request.setSslConfiguration(tls);
    // QNAM keeps the refused connection's TLS state per host: a client that trusts a certificate
    // after a refusal must clear its connection cache first (a lesson for the client core).
    m_manager.clearConnectionCache();
    const HttpResult pinned = httpSend(m_manager, request, "GET");
    QCOMPARE(pinned.status, 200);
    QCOMPARE(QJsonDocument::fromJson(pinned.body).object()[QStringLiteral("baseUrl")].toString(),
             sim.url());

    // Or accepting exactly the reported errors for exactly that certificate.
    QNetworkReply *reply =
        m_manager.get(jsonRequest(sim.url() + QStringLiteral("/rest/api/2/serverInfo")));
    QList<QSslError> expected;
    for (const QSslError &error : refused.sslErrors)
        expected.append(QSslError(error.error(), served));
    reply->ignoreSslErrors(expected);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

void TestSimTls::givenCertificateIsServed()
{
    QTemporaryDir dir;
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-days"),
                   QStringLiteral("2"), QStringLiteral("-keyout"), key, QStringLiteral("-out"),
                   cert});
    QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0,
             openssl.readAllStandardError().constData());
    const auto fromFile = QSslCertificate::fromPath(cert);
    QCOMPARE(fromFile.size(), 1);

    SimProcess sim({QStringLiteral("--cert"), cert, QStringLiteral("--key"), key});
    QVERIFY2(sim.start(), qPrintable(sim.errorText()));
    QCOMPARE(sim.fingerprint(), fingerprintOf(fromFile.first()));

    QNetworkRequest request = jsonRequest(sim.url() + QStringLiteral("/rest/api/2/serverInfo"));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificate(fromFile.first());
    request.setSslConfiguration(tls);
    QCOMPARE(httpSend(m_manager, request, "GET").status, 200);
}

void TestSimTls::eachStartGeneratesANewCertificate()
{
    // A server whose certificate changed: the fingerprint a client pinned no longer matches.
    SimProcess first({QStringLiteral("--tls")});
    QVERIFY2(first.start(), qPrintable(first.errorText()));
    SimProcess second({QStringLiteral("--tls")});
    QVERIFY2(second.start(), qPrintable(second.errorText()));
    QVERIFY(!first.fingerprint().isEmpty());
    QVERIFY(first.fingerprint() != second.fingerprint());
}

QTEST_GUILESS_MAIN(TestSimTls)
#include "tst_sim_tls.moc"
