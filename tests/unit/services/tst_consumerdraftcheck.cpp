// The consumer approval's draft checks: ConsumerRules with RsaPublicKey's verdict on the key, the
// permission rule for impersonation, and the body that goes to Jira. Keys come from OpenSSL
// directly (TestKeys), and fingerprints are computed here from the DER, not by the code under test.
#include "TestKeys.h"
#include "services/ConsumerDraftCheck.h"

#include <QCryptographicHash>
#include <QTest>

using namespace accessdesk;

namespace {

QString sha256Of(const QByteArray &der)
{
    const QByteArray hex =
        QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex().toUpper();
    QStringList pairs;
    for (qsizetype at = 0; at < hex.size(); at += 2)
        pairs << QString::fromLatin1(hex.mid(at, 2));
    return pairs.join(QLatin1Char(':'));
}

OAuthConsumer draftWith(const QByteArray &publicKeyText)
{
    OAuthConsumer draft;
    draft.key = QStringLiteral("release-radar");
    draft.name = QStringLiteral("Release Radar");
    draft.publicKey = QString::fromLatin1(publicKeyText);
    return draft;
}

} // namespace

class TestConsumerDraftCheck final : public QObject
{
    Q_OBJECT

private:
    testkeys::Key m_rsa = testkeys::rsa(2048);

private slots:
    void everyPublicFormGivesTheSameKey_data();
    void everyPublicFormGivesTheSameKey();
    void unusableKeysAreRefusedAtTheKeyField_data();
    void unusableKeysAreRefusedAtTheKeyField();
    void privateKeyTextIsNeverRepeated();
    void otherFieldsAreCheckedToo();
    void impersonationNeedsASysadmin();
    void requestBodyIsTrimmedAndTheKeyBare();
    void linkIdsAreUuids();
    void incomingConsumerIsPicked();
};

void TestConsumerDraftCheck::everyPublicFormGivesTheSameKey_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("SubjectPublicKeyInfo PEM") << testkeys::publicPem(m_rsa);
    QTest::newRow("PKCS#1 PEM") << testkeys::pkcs1PublicPem(m_rsa);
    QTest::newRow("certificate") << testkeys::certificatePem(m_rsa);
    QTest::newRow("bare base64") << testkeys::publicDer(m_rsa).toBase64();
    QTest::newRow("PEM with CRLF and spaces")
        << QByteArray("  " + testkeys::publicPem(m_rsa).replace('\n', "\r\n") + "\r\n");
}

void TestConsumerDraftCheck::everyPublicFormGivesTheSameKey()
{
    QFETCH(QByteArray, text);
    const ConsumerDraftVerdict verdict = ConsumerDraftCheck::check(draftWith(text));
    QVERIFY2(verdict.ok(), qPrintable(QStringList(verdict.fieldErrors.values()).join(u'\n')));
    QVERIFY(verdict.publicKey);
    QCOMPARE(verdict.publicKey->der(), testkeys::publicDer(m_rsa));
    QCOMPARE(verdict.publicKey->bits(), 2048);
    QCOMPARE(verdict.publicKey->sha256Fingerprint(), sha256Of(testkeys::publicDer(m_rsa)));
}

void TestConsumerDraftCheck::unusableKeysAreRefusedAtTheKeyField_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("said"); // part of the sentence, lower case
    QTest::newRow("empty") << QByteArray() << QStringLiteral("public key");
    QTest::newRow("1024 bits") << testkeys::publicPem(testkeys::rsa(1024))
                               << QStringLiteral("2048");
    QTest::newRow("EC") << testkeys::publicPem(testkeys::ec()) << QStringLiteral("rsa");
    QTest::newRow("not a key") << QByteArray("hello, this is not a key") << QStringLiteral("key");
    QTest::newRow("truncated") << testkeys::publicPem(m_rsa).left(200) << QStringLiteral("key");
}

void TestConsumerDraftCheck::unusableKeysAreRefusedAtTheKeyField()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, said);
    const ConsumerDraftVerdict verdict = ConsumerDraftCheck::check(draftWith(text));
    QVERIFY(!verdict.ok());
    QVERIFY(!verdict.publicKey);
    QCOMPARE(verdict.fieldErrors.keys(), QStringList{QStringLiteral("publicKey")});
    QVERIFY2(verdict.fieldErrors.value(QStringLiteral("publicKey")).toLower().contains(said),
             qPrintable(verdict.fieldErrors.value(QStringLiteral("publicKey"))));
    QVERIFY(!verdict.impersonationNotAllowed);
}

void TestConsumerDraftCheck::privateKeyTextIsNeverRepeated()
{
    for (const QByteArray &pem : {testkeys::pkcs8Pem(m_rsa), testkeys::pkcs1Pem(m_rsa)}) {
        const ConsumerDraftVerdict verdict = ConsumerDraftCheck::check(draftWith(pem));
        QVERIFY(!verdict.ok());
        const QString said = verdict.fieldErrors.value(QStringLiteral("publicKey"));
        QVERIFY2(said.contains(QLatin1String("private key")), qPrintable(said));
        // Not one line of the key's body comes back in the sentence.
        for (const QByteArray &line : pem.split('\n')) {
            if (line.size() > 20 && !line.startsWith("-----"))
                QVERIFY(!said.contains(QString::fromLatin1(line)));
        }
    }
}

void TestConsumerDraftCheck::otherFieldsAreCheckedToo()
{
    OAuthConsumer draft = draftWith(testkeys::publicPem(m_rsa));
    draft.key = QStringLiteral("has space");
    draft.name.clear();
    draft.callback = QStringLiteral("https://app.example.com/cb#frag");
    draft.twoLoAllowed = true; // without an execute-as user
    const ConsumerDraftVerdict verdict = ConsumerDraftCheck::check(draft);
    QCOMPARE(verdict.fieldErrors.keys(),
             (QStringList{QStringLiteral("callback"), QStringLiteral("executingTwoLOUser"),
                          QStringLiteral("key"), QStringLiteral("name")}));
    // A good key is still read, so the form can show its fingerprint meanwhile.
    QVERIFY(verdict.publicKey);
}

void TestConsumerDraftCheck::impersonationNeedsASysadmin()
{
    OAuthConsumer draft = draftWith(testkeys::publicPem(m_rsa));
    draft.twoLoAllowed = true;
    draft.executingTwoLoUser = QStringLiteral("alice");
    draft.twoLoImpersonationAllowed = true;
    const QString field = QStringLiteral("twoLOImpersonationAllowed");

    QVERIFY(ConsumerDraftCheck::check(draft, std::nullopt).ok()); // not known: the server decides
    QVERIFY(ConsumerDraftCheck::check(draft, true).ok());

    const ConsumerDraftVerdict refused = ConsumerDraftCheck::check(draft, false);
    QVERIFY(!refused.ok());
    QVERIFY(refused.impersonationNotAllowed);
    QCOMPARE(refused.fieldErrors.keys(), QStringList{field});
    QCOMPARE(refused.fieldErrors.value(field), ConsumerDraftCheck::impersonationRefusal());

    // With other faults too, the draft is invalid first: not (only) a permission matter.
    draft.name.clear();
    const ConsumerDraftVerdict both = ConsumerDraftCheck::check(draft, false);
    QVERIFY(!both.impersonationNotAllowed);
    QVERIFY(both.fieldErrors.contains(field));
    QVERIFY(both.fieldErrors.contains(QStringLiteral("name")));

    // Impersonation without two-legged OAuth is a rule of the draft, not of permissions.
    OAuthConsumer without = draftWith(testkeys::publicPem(m_rsa));
    without.twoLoImpersonationAllowed = true;
    const ConsumerDraftVerdict rule = ConsumerDraftCheck::check(without, false);
    QVERIFY(!rule.impersonationNotAllowed);
    QVERIFY(rule.fieldErrors.value(field) != ConsumerDraftCheck::impersonationRefusal());
}

void TestConsumerDraftCheck::requestBodyIsTrimmedAndTheKeyBare()
{
    OAuthConsumer draft = draftWith(testkeys::pkcs1PublicPem(m_rsa));
    draft.key = QStringLiteral("  radar  ");
    draft.name = QStringLiteral(" Release Radar\n");
    draft.description = QStringLiteral(" Plans releases https://radar.example.test ");
    draft.callback = QStringLiteral(" https://radar.example.test/cb ");
    draft.executingTwoLoUser = QStringLiteral("alice"); // dropped: two-legged OAuth is off
    draft.twoLoImpersonationAllowed = true;             // dropped with it
    const ConsumerDraftVerdict verdict = ConsumerDraftCheck::check(draft);
    QVERIFY(verdict.publicKey);

    const IncomingConsumerDraft body = ConsumerDraftCheck::toRequest(draft, *verdict.publicKey);
    QCOMPARE(body.key, QStringLiteral("radar"));
    QCOMPARE(body.name, QStringLiteral("Release Radar"));
    QCOMPARE(body.description, QStringLiteral("Plans releases https://radar.example.test"));
    QCOMPARE(body.callback, QStringLiteral("https://radar.example.test/cb"));
    // PKCS#1 in, SubjectPublicKeyInfo out: the only form Jira takes.
    QCOMPARE(body.publicKey, QString::fromLatin1(testkeys::publicDer(m_rsa).toBase64()));
    QVERIFY(!body.twoLoAllowed);
    QVERIFY(body.executingTwoLoUser.isEmpty());
    QVERIFY(!body.twoLoImpersonationAllowed);

    draft.twoLoAllowed = true;
    const IncomingConsumerDraft twoLegged =
        ConsumerDraftCheck::toRequest(draft, *verdict.publicKey);
    QVERIFY(twoLegged.twoLoAllowed);
    QCOMPARE(twoLegged.executingTwoLoUser, QStringLiteral("alice"));
    QVERIFY(twoLegged.twoLoImpersonationAllowed);
}

void TestConsumerDraftCheck::linkIdsAreUuids()
{
    QVERIFY(ConsumerDraftCheck::isLinkId(QStringLiteral("4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01")));
    QVERIFY(!ConsumerDraftCheck::isLinkId(QString()));
    QVERIFY(
        !ConsumerDraftCheck::isLinkId(QStringLiteral("{4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01}")));
    QVERIFY(!ConsumerDraftCheck::isLinkId(QStringLiteral("../../rest/api/2/myself")));
    QVERIFY(
        !ConsumerDraftCheck::isLinkId(QStringLiteral("4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01/x")));
}

void TestConsumerDraftCheck::incomingConsumerIsPicked()
{
    OAuthConsumer outgoing;
    outgoing.key = QStringLiteral("jira-at-tool");
    outgoing.signatureMethod = QStringLiteral("HMAC_SHA1");
    OAuthConsumer incoming = draftWith(testkeys::publicDer(m_rsa).toBase64());
    incoming.signatureMethod = QStringLiteral("RSA_SHA1");

    QCOMPARE(ConsumerDraftCheck::incomingOf({outgoing, incoming}), incoming);
    QCOMPARE(ConsumerDraftCheck::incomingOf({outgoing, incoming}, QStringLiteral("release-radar")),
             incoming);
    QVERIFY(!ConsumerDraftCheck::incomingOf({outgoing, incoming}, QStringLiteral("other")));
    QVERIFY(!ConsumerDraftCheck::incomingOf({outgoing}));
    QVERIFY(!ConsumerDraftCheck::incomingOf({}));
}

QTEST_GUILESS_MAIN(TestConsumerDraftCheck)
#include "tst_consumerdraftcheck.moc"
