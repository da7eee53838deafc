#include "TestKeys.h"
#include "auth/RsaPrivateKey.h"

#include <QTest>

using accessdesk::RsaPrivateKey;

namespace {

// pem (one PEM block) with the last byte of its DER flipped in its lowest bit. For PKCS#1 that is
// the CRT coefficient: the key still parses, but its numbers no longer belong together.
QByteArray withLastDerBitFlipped(const QByteArray &pem)
{
    const QList<QByteArray> lines = pem.trimmed().split('\n');
    QByteArray der = QByteArray::fromBase64(lines.mid(1, lines.size() - 2).join());
    der[der.size() - 1] = char(der.back() ^ 0x01);
    const QByteArray body = der.toBase64();
    QByteArray out = lines.first() + '\n';
    for (qsizetype i = 0; i < body.size(); i += 64)
        out += body.mid(i, 64) + '\n';
    return out + lines.last() + '\n';
}

} // namespace

// Reading an OAuth 1.0a consumer's private key: both PEM forms work, everything else gives a
// clear sentence instead of a crash or a terminal prompt.
class TestRsaPrivateKey final : public QObject
{
    Q_OBJECT

private:
    testkeys::Key m_rsa = testkeys::rsa();

private Q_SLOTS:
    void readsPkcs1AndPkcs8_data();
    void readsPkcs1AndPkcs8();
    void signsVerifiably();
    void refusesWhatIsNotAnRsaPrivateKey_data();
    void refusesWhatIsNotAnRsaPrivateKey();
    void acceptsANullErrorPointer();
    void findsTheKeyInABundle();
    void generatesAndExportsRoundTrip();
};

void TestRsaPrivateKey::readsPkcs1AndPkcs8_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QByteArray>("armour");
    QTest::newRow("PKCS#1") << testkeys::pkcs1Pem(m_rsa)
                            << QByteArray("-----BEGIN RSA PRIVATE KEY-----");
    QTest::newRow("PKCS#8") << testkeys::pkcs8Pem(m_rsa)
                            << QByteArray("-----BEGIN PRIVATE KEY-----");
    QTest::newRow("CRLF line ends") << testkeys::pkcs8Pem(m_rsa).replace("\n", "\r\n")
                                    << QByteArray("-----BEGIN PRIVATE KEY-----");
}

void TestRsaPrivateKey::readsPkcs1AndPkcs8()
{
    QFETCH(QByteArray, pem);
    QFETCH(QByteArray, armour);
    QVERIFY(pem.startsWith(armour)); // the fixture is what the row claims
    QString error;
    const auto key = RsaPrivateKey::fromPem(pem, &error);
    QVERIFY2(key, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(key->bits(), 2048);
    QCOMPARE(key->publicKeyPem(), testkeys::publicPem(m_rsa));
}

void TestRsaPrivateKey::signsVerifiably()
{
    QString error;
    const auto key = RsaPrivateKey::fromPem(testkeys::pkcs1Pem(m_rsa), &error);
    QVERIFY2(key, qPrintable(error));
    const QByteArray message = "GET&http%3A%2F%2Fexample.com%2F&a%3D1";
    const QByteArray signature = key->signSha1(message);
    QCOMPARE(signature.size(), 256);
    QVERIFY(testkeys::verifySha1(m_rsa, message, signature));
    QVERIFY(!testkeys::verifySha1(m_rsa, message + 'x', signature));
    QVERIFY(!testkeys::verifySha1(testkeys::rsa(1024), message, signature));
}

void TestRsaPrivateKey::refusesWhatIsNotAnRsaPrivateKey_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QString>("expected"); // a phrase the sentence must contain

    const QByteArray pkcs8 = testkeys::pkcs8Pem(m_rsa);
    const testkeys::Key ec = testkeys::ec();
    QTest::newRow("empty") << QByteArray("  \n") << QStringLiteral("empty");
    QTest::newRow("garbage") << QByteArray("this is not a key at all \x01\x02\xff")
                             << QStringLiteral("not a PEM private key");
    QTest::newRow("bare base64") << pkcs8.mid(28, 200) << QStringLiteral("not a PEM private key");
    QTest::newRow("truncated") << pkcs8.left(pkcs8.size() / 2)
                               << QStringLiteral("truncated or damaged");
    QByteArray damaged = pkcs8;
    damaged.replace(28, 8, "AAAAAAAA"); // the DER header right after the armour
    QTest::newRow("damaged body") << damaged << QStringLiteral("truncated or damaged");
    // Found by tests/fuzz/fuzz_privatekey (regressions/privatekey/inconsistent-crt.pem): OpenSSL
    // read such a key, and every signature then failed.
    QTest::newRow("inconsistent numbers") << withLastDerBitFlipped(testkeys::pkcs1Pem(m_rsa))
                                          << QStringLiteral("truncated or damaged");
    QTest::newRow("public key") << testkeys::publicPem(m_rsa) << QStringLiteral("public key");
    QTest::newRow("EC key, SEC1") << testkeys::pkcs1Pem(ec) << QStringLiteral("not an RSA key");
    QTest::newRow("EC key, PKCS#8") << testkeys::pkcs8Pem(ec) << QStringLiteral("not an RSA key");
    QTest::newRow("encrypted PKCS#8")
        << testkeys::encryptedPkcs8Pem(m_rsa) << QStringLiteral("passphrase");
    QTest::newRow("encrypted PKCS#1")
        << testkeys::encryptedPkcs1Pem(m_rsa) << QStringLiteral("passphrase");
    QTest::newRow("OpenSSH") << QByteArray("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1r\n"
                                           "-----END OPENSSH PRIVATE KEY-----\n")
                             << QStringLiteral("OpenSSH");
    QTest::newRow("other block") << QByteArray("-----BEGIN X509 CRL-----\nAAAA\n"
                                               "-----END X509 CRL-----\n")
                                 << QStringLiteral("Unsupported PEM block \"X509 CRL\"");
}

void TestRsaPrivateKey::refusesWhatIsNotAnRsaPrivateKey()
{
    QFETCH(QByteArray, pem);
    QFETCH(QString, expected);
    QString error;
    const auto key = RsaPrivateKey::fromPem(pem, &error);
    QVERIFY(!key);
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestRsaPrivateKey::acceptsANullErrorPointer()
{
    QVERIFY(!RsaPrivateKey::fromPem("garbage", nullptr));
    QVERIFY(RsaPrivateKey::fromPem(testkeys::pkcs8Pem(m_rsa), nullptr));
}

void TestRsaPrivateKey::findsTheKeyInABundle()
{
    // Some tools write the public key and the private key into one file.
    const QByteArray bundle = testkeys::publicPem(m_rsa) + testkeys::pkcs1Pem(m_rsa);
    QString error;
    const auto key = RsaPrivateKey::fromPem(bundle, &error);
    QVERIFY2(key, qPrintable(error));
    QCOMPARE(key->publicKeyPem(), testkeys::publicPem(m_rsa));
}

void TestRsaPrivateKey::generatesAndExportsRoundTrip()
{
    QString error;
    const auto generated = RsaPrivateKey::generate(2048, &error);
    QVERIFY2(generated, qPrintable(error));
    QCOMPARE(generated->bits(), 2048);

    const QByteArray privatePem = generated->privateKeyPem();
    QVERIFY(privatePem.startsWith("-----BEGIN PRIVATE KEY-----"));
    const auto reread = RsaPrivateKey::fromPem(privatePem, &error);
    QVERIFY2(reread, qPrintable(error));
    QCOMPARE(reread->publicKeyPem(), generated->publicKeyPem());

    // The bare base64 is the PEM body without armour and line breaks, as Jira shows it.
    QByteArray body = generated->publicKeyPem();
    body.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
    body.replace("\n", "");
    QCOMPARE(generated->publicKeyBase64(), body);

    QVERIFY(!RsaPrivateKey::generate(-5, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestRsaPrivateKey)
#include "tst_rsaprivatekey.moc"
