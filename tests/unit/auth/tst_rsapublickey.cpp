#include "ConsumerDecoders.h"
#include "TestKeys.h"
#include "auth/RsaPublicKey.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using accessdesk::RsaPublicKey;
using Refusal = accessdesk::RsaPublicKey::Refusal;

Q_DECLARE_METATYPE(RsaPublicKey::Refusal)

namespace {

// SHA-256 of the SPKI DER as the openssl and coreutils command lines compute it, not this code.
QString opensslSha256(const QByteArray &publicPem)
{
    QProcess shell;
    shell.start(
        QStringLiteral("/bin/sh"),
        {QStringLiteral("-c"), QStringLiteral("openssl pkey -pubin -outform DER | sha256sum")});
    if (!shell.waitForStarted())
        return {};
    shell.write(publicPem);
    shell.closeWriteChannel();
    if (!shell.waitForFinished() || shell.exitCode() != 0)
        return {};
    return QString::fromLatin1(shell.readAllStandardOutput().left(64));
}

QByteArray wrapped(const QByteArray &text, int width, const QByteArray &lineEnd)
{
    QByteArray out;
    for (qsizetype at = 0; at < text.size(); at += width)
        out += text.mid(at, width) + lineEnd;
    return out;
}

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(ACCESSDESK_FIXTURES "/models/") + QString::fromLatin1(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// Reading the public key an admin pastes for an OAuth consumer: every form Jira and admins use
// is accepted and comes out the same; everything else gets a sentence that says what to do.
class TestRsaPublicKey final : public QObject
{
    Q_OBJECT

private:
    testkeys::Key m_rsa = testkeys::rsa(2048);
    testkeys::Key m_rsa4096 = testkeys::rsa(4096);

private Q_SLOTS:
    void readsEveryForm_data();
    void readsEveryForm();
    void givesTheFormsJiraAndAdminsUse();
    void fingerprintMatchesTheOpenSslCommandLine();
    void fingerprintOfARecordedKey();
    void readsWhatConsumerInfoDecodes_data();
    void readsWhatConsumerInfoDecodes();
    void refuses_data();
    void refuses();
    void neverRepeatsAPrivateKey_data();
    void neverRepeatsAPrivateKey();
    void acceptsNullOutPointers();
};

void TestRsaPublicKey::readsEveryForm_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expectedDer");
    QTest::addColumn<int>("bits");

    const QByteArray der = testkeys::publicDer(m_rsa);
    const QByteArray pem = testkeys::publicPem(m_rsa);
    const QByteArray bare = der.toBase64();
    QVERIFY(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"));

    QTest::newRow("SPKI PEM") << pem << der << 2048;
    QTest::newRow("SPKI PEM, CRLF") << QByteArray(pem).replace("\n", "\r\n") << der << 2048;
    QTest::newRow("SPKI PEM, indented, with a heading and blank lines")
        << QByteArray("Public key of the consumer:\n\n" + QByteArray(pem).replace("\n", "\n\t  "))
        << der << 2048;
    QTest::newRow("SPKI PEM, JSON-escaped line breaks")
        << QByteArray("\"" + QByteArray(pem).replace("\n", "\\n") + "\"") << der << 2048;
    QTest::newRow("SPKI PEM, UTF-8 BOM") << QByteArray("\xEF\xBB\xBF" + pem) << der << 2048;
    QTest::newRow("PKCS#1 PEM") << testkeys::pkcs1PublicPem(m_rsa) << der << 2048;
    QTest::newRow("certificate PEM") << testkeys::certificatePem(m_rsa) << der << 2048;
    QTest::newRow("bare base64, one line") << bare << der << 2048;
    QTest::newRow("bare base64, surrounded by spaces") << "  \n" + bare + " \r\n" << der << 2048;
    QTest::newRow("bare base64, 64 columns, CRLF") << wrapped(bare, 64, "\r\n") << der << 2048;
    QTest::newRow("bare base64, 76 columns, LF") << wrapped(bare, 76, "\n") << der << 2048;

    const QByteArray der4096 = testkeys::publicDer(m_rsa4096);
    const QByteArray bare4096 = der4096.toBase64();
    QVERIFY(bare4096.endsWith('=')); // so the next row really drops padding
    QTest::newRow("4096, bare base64 without padding")
        << QByteArray(bare4096).replace("=", "") << der4096 << 4096;
    QTest::newRow("4096, PKCS#1 PEM") << testkeys::pkcs1PublicPem(m_rsa4096) << der4096 << 4096;
    QTest::newRow("4096, bare base64 of PKCS#1 DER")
        << QByteArray(testkeys::pkcs1PublicPem(m_rsa4096))
               .replace("-----BEGIN RSA PUBLIC KEY-----", "")
               .replace("-----END RSA PUBLIC KEY-----", "")
        << der4096 << 4096;
}

void TestRsaPublicKey::readsEveryForm()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expectedDer);
    QFETCH(int, bits);
    QVERIFY(!expectedDer.isEmpty());
    QString reason = QStringLiteral("untouched");
    const auto key = RsaPublicKey::read(input, &reason);
    QVERIFY2(key, qPrintable(reason));
    QCOMPARE(key->bits(), bits);
    QCOMPARE(key->der(), expectedDer);

    // The text box gives a QString: the same answer.
    const auto fromText = RsaPublicKey::read(QString::fromUtf8(input), &reason);
    QVERIFY2(fromText, qPrintable(reason));
    QCOMPARE(*fromText, *key);
}

void TestRsaPublicKey::givesTheFormsJiraAndAdminsUse()
{
    QString reason;
    const auto key = RsaPublicKey::read(testkeys::pkcs1PublicPem(m_rsa), &reason);
    QVERIFY2(key, qPrintable(reason));
    // Jira's publicKey field: one line of base64, no armour.
    QCOMPARE(key->base64(), testkeys::publicDer(m_rsa).toBase64());
    QVERIFY(!key->base64().contains('\n'));
    QVERIFY(key->base64().startsWith("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"));
    // The PEM is byte for byte what OpenSSL writes.
    QCOMPARE(key->pem(), testkeys::publicPem(m_rsa));
    // And reading any output again gives the same key.
    QCOMPARE(RsaPublicKey::read(key->pem(), nullptr), key);
    QCOMPARE(RsaPublicKey::read(key->base64(), nullptr), key);
}

void TestRsaPublicKey::fingerprintMatchesTheOpenSslCommandLine()
{
    for (const testkeys::Key &reference : {m_rsa, m_rsa4096}) {
        const QByteArray pem = testkeys::publicPem(reference);
        const QString expected = opensslSha256(pem);
        QCOMPARE(expected.size(), 64);
        QString reason;
        const auto key = RsaPublicKey::read(pem, &reason);
        QVERIFY2(key, qPrintable(reason));
        QCOMPARE(key->sha256Hex(), expected);
        static const QRegularExpression colonHex(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"));
        QVERIFY2(colonHex.match(key->sha256Fingerprint()).hasMatch(),
                 qPrintable(key->sha256Fingerprint()));
        QCOMPARE(key->sha256Fingerprint().remove(QLatin1Char(':')).toLower(), expected);
    }
}

void TestRsaPublicKey::fingerprintOfARecordedKey()
{
    // The key in tests/fixtures/models/consumer-info.xml, fingerprinted once with
    //   grep -o '<publicKey>[^<]*' consumer-info.xml | sed 's/<publicKey>//' | base64 -d |
    //     openssl pkey -pubin -inform DER -outform DER | sha256sum
    const auto info = accessdesk::decodeConsumerInfo(fixture("consumer-info.xml"));
    QVERIFY2(info, qPrintable(info.error));
    QString reason;
    const auto key = RsaPublicKey::read(info->publicKey, &reason);
    QVERIFY2(key, qPrintable(reason));
    QCOMPARE(key->bits(), 2048);
    QCOMPARE(key->sha256Hex(),
             QStringLiteral("cafbc6636c286dd5e6bbffc7ed27d8c3f95e09ae51d774a162d302dfd6d5b447"));
    QCOMPARE(key->sha256Fingerprint(),
             QStringLiteral("CA:FB:C6:63:6C:28:6D:D5:E6:BB:FF:C7:ED:27:D8:C3:"
                            "F9:5E:09:AE:51:D7:74:A1:62:D3:02:DF:D6:D5:B4:47"));
    QCOMPARE(QString::fromLatin1(key->base64()), info->publicKey);
}

void TestRsaPublicKey::readsWhatConsumerInfoDecodes_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("sha256"); // of the key's SPKI DER, as openssl computes it

    // The recorded variants hold one key (tst_consumerdecoders checks their decoding),
    // fingerprinted once when the fixtures were written with
    //   openssl pkey -pubin -in pub.pem -outform DER | sha256sum
    const QString recorded =
        QStringLiteral("c29102d0a264237d0cc3bd18b140bbbc28630b0b0ff7a7707160ae170319b420");
    for (const char *name : {"consumer-info-wrapped.xml", "consumer-info-pem.xml",
                             "consumer-info-pkcs1.xml", "consumer-info-noname.xml"})
        QTest::newRow(name) << fixture(name) << recorded;

    const QByteArray bare = testkeys::publicDer(m_rsa).toBase64();
    const QByteArray pem = testkeys::publicPem(m_rsa);
    const QString generated = opensslSha256(pem);
    const QByteArray open = "<consumer><key>k</key><publicKey>";
    const QByteArray close = "</publicKey></consumer>";
    QTest::newRow("bare") << open + bare + close << generated;
    QTest::newRow("wrapped with tabs and CRLF")
        << open + "\r\n\t" + wrapped(bare, 64, "\r\n\t") + close << generated;
    QTest::newRow("PEM armour") << open + pem + close << generated;
    QTest::newRow("PKCS#1 PEM armour")
        << open + testkeys::pkcs1PublicPem(m_rsa) + close << generated;
    QTest::newRow("CDATA") << open + "<![CDATA[" + pem + "]]>" + close << generated;
}

// consumer-info's publicKey goes into the reader as it is: "Fetch from the remote" needs no
// massaging in between.
void TestRsaPublicKey::readsWhatConsumerInfoDecodes()
{
    QFETCH(QByteArray, xml);
    QFETCH(QString, sha256);
    QCOMPARE(sha256.size(), 64);
    const auto info = accessdesk::decodeConsumerInfo(xml);
    QVERIFY2(info, qPrintable(info.error));
    QString reason;
    const auto key = RsaPublicKey::read(info->publicKey, &reason);
    QVERIFY2(key, qPrintable(reason));
    QCOMPARE(key->sha256Hex(), sha256);
}

void TestRsaPublicKey::refuses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Refusal>("refusal");
    QTest::addColumn<QString>("phrase"); // the sentence must contain it

    const QByteArray pem = testkeys::publicPem(m_rsa);
    const QByteArray bare = testkeys::publicDer(m_rsa).toBase64();

    QTest::newRow("nothing") << QByteArray() << Refusal::Empty << "empty";
    QTest::newRow("only spaces") << QByteArray(" \r\n\t ") << Refusal::Empty << "empty";
    QTest::newRow("a sentence") << QByteArray("please approve my consumer") << Refusal::NotAKey
                                << "not a public key";
    QTest::newRow("binary") << QByteArray("\x01\x02\xff\xfe", 4) << Refusal::NotAKey
                            << "not a public key";
    QTest::newRow("a URL") << QByteArray("https://consumer.example.test/key.pem")
                           << Refusal::NotAKey << "not a public key";
    QTest::newRow("huge") << QByteArray(RsaPublicKey::kMaximumInputBytes + 1, 'A')
                          << Refusal::TooLarge << "far more than a public key";

    QTest::newRow("EC") << testkeys::publicPem(testkeys::ec()) << Refusal::NotRsa
                        << "elliptic-curve";
    QTest::newRow("DSA") << testkeys::publicPem(testkeys::dsa()) << Refusal::NotRsa
                         << "a DSA key, not an RSA key";
    QTest::newRow("Ed25519, bare")
        << testkeys::publicDer(testkeys::ed25519()).toBase64() << Refusal::NotRsa << "ED25519";
    QTest::newRow("RSA-PSS") << testkeys::publicPem(testkeys::rsaPss()) << Refusal::NotRsa
                             << "RSA-PSS";
    QTest::newRow("1024 bits") << testkeys::publicPem(testkeys::rsa(1024)) << Refusal::TooShort
                               << "has 1024 bits, fewer than the 2048 bits required";
    QTest::newRow("16400 bits") << testkeys::publicPem(testkeys::rsaPublicOnly(16400))
                                << Refusal::TooLong << "has 16400 bits; Jira accepts at most 16384";

    const qsizetype middle = pem.size() / 2;
    QTest::newRow("PEM cut in the middle") << pem.left(middle) << Refusal::Damaged << "truncated";
    QTest::newRow("PEM without its last lines") << pem.left(middle) + "\n-----END PUBLIC KEY-----\n"
                                                << Refusal::Damaged << "truncated";
    QTest::newRow("PEM with a stray character")
        << QByteArray(pem).insert(middle, '!') << Refusal::Damaged << "damaged";
    QTest::newRow("PEM with a damaged header")
        << QByteArray(pem).replace(27, 8, "AAAAAAAA") << Refusal::Damaged << "damaged";
    QTest::newRow("PEM with nothing inside")
        << QByteArray("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n") << Refusal::Damaged
        << "damaged";
    QTest::newRow("bare base64 cut short") << bare.left(200) << Refusal::Damaged << "truncated";
    QTest::newRow("bare base64 cut to a lone character")
        << bare.left(201) << Refusal::Damaged << "truncated";
    QTest::newRow("bare base64 with a damaged length")
        << QByteArray(bare).replace(4, 4, "////") << Refusal::Damaged << "damaged";
    QTest::newRow("bare base64 with more after the key")
        << bare + "AAAA" << Refusal::Damaged << "damaged";

    QTest::newRow("OpenSSH public key")
        << QByteArray("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAB user@host") << Refusal::WrongFormat
        << "OpenSSH";
    QTest::newRow("certificate request")
        << QByteArray(
               "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----")
        << Refusal::WrongFormat << "\"CERTIFICATE REQUEST\" block";
    QTest::newRow("PGP public key")
        << QByteArray("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBF\n-----END PGP PUBLIC KEY "
                      "BLOCK-----")
        << Refusal::WrongFormat << "\"PGP PUBLIC KEY BLOCK\" block";
}

void TestRsaPublicKey::refuses()
{
    QFETCH(QByteArray, input);
    QFETCH(Refusal, refusal);
    QFETCH(QString, phrase);
    QString reason;
    Refusal why = Refusal::Empty;
    QVERIFY(!input.isNull() || refusal == Refusal::Empty); // the key generator worked
    const auto key = RsaPublicKey::read(input, &reason, &why);
    QVERIFY2(!key, qPrintable(key ? key->sha256Fingerprint() : QString()));
    QVERIFY2(reason.contains(phrase), qPrintable(reason));
    QCOMPARE(why, refusal);
    QVERIFY(!reason.contains(QLatin1String("error:"))); // OpenSSL's queue stays out of it
}

void TestRsaPublicKey::neverRepeatsAPrivateKey_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("secret"); // a piece of the key that must not be quoted back

    const QByteArray pkcs8 = testkeys::pkcs8Pem(m_rsa);
    const QByteArray pkcs8Body = pkcs8.mid(28, pkcs8.indexOf("-----END") - 28);
    QVERIFY(pkcs8.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QTest::newRow("PKCS#8 PEM") << pkcs8 << pkcs8Body.mid(100, 40);
    QTest::newRow("PKCS#1 PEM") << testkeys::pkcs1Pem(m_rsa)
                                << testkeys::pkcs1Pem(m_rsa).mid(200, 40);
    QTest::newRow("encrypted PKCS#8")
        << testkeys::encryptedPkcs8Pem(m_rsa) << testkeys::encryptedPkcs8Pem(m_rsa).mid(200, 40);
    QTest::newRow("encrypted PKCS#1")
        << testkeys::encryptedPkcs1Pem(m_rsa) << testkeys::encryptedPkcs1Pem(m_rsa).mid(200, 40);
    QTest::newRow("EC private key")
        << testkeys::pkcs1Pem(testkeys::ec()) << testkeys::pkcs1Pem(testkeys::ec()).mid(40, 20);
    QTest::newRow("bare base64 of PKCS#8 DER") << pkcs8Body << pkcs8Body.mid(100, 40);
    QTest::newRow("bare base64 of PKCS#8 DER on one line")
        << QByteArray(pkcs8Body).replace("\n", "") << pkcs8Body.mid(100, 40);
    QTest::newRow("public and private key in one file")
        << testkeys::publicPem(m_rsa) + pkcs8 << pkcs8Body.mid(100, 40);
    QTest::newRow("OpenSSH private key")
        << QByteArray("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUA\n"
                      "-----END OPENSSH PRIVATE KEY-----\n")
        << QByteArray("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUA");
}

void TestRsaPublicKey::neverRepeatsAPrivateKey()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, secret);
    QVERIFY(!secret.isEmpty());
    QString reason;
    Refusal why = Refusal::Empty;
    QVERIFY(!RsaPublicKey::read(input, &reason, &why));
    QCOMPARE(why, Refusal::PrivateKey);
    QVERIFY2(reason.contains(QLatin1String("This is a private key")), qPrintable(reason));
    QVERIFY2(reason.contains(QLatin1String("must stay secret")), qPrintable(reason));
    QVERIFY(!reason.contains(QString::fromLatin1(secret)));
}

void TestRsaPublicKey::acceptsNullOutPointers()
{
    QVERIFY(!RsaPublicKey::read(QByteArray("nope"), nullptr, nullptr));
    QVERIFY(RsaPublicKey::read(testkeys::publicPem(m_rsa), nullptr, nullptr));
}

QTEST_GUILESS_MAIN(TestRsaPublicKey)
#include "tst_rsapublickey.moc"
