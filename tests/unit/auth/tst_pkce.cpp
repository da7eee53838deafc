#include "auth/Pkce.h"

#include <QSet>
#include <QTest>

using accessdesk::Pkce;

// PKCE S256 (RFC 7636) and the OAuth 2.0 state value.
class TestPkce final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesRfc7636AppendixB();
    void generatesValidVerifiers_data();
    void generatesValidVerifiers();
    void verifiersUseTheWholeAlphabet();
    void validatesVerifiers_data();
    void validatesVerifiers();
    void statesAreRandomAndUrlSafe();
};

void TestPkce::matchesRfc7636AppendixB()
{
    // RFC 7636 appendix B, octets and strings as printed there. (The challenge
    // "E9Melhoa2OwvFxjMTJ2Q0t5rw6fS5aBQHmiAC1TtFWM" sometimes quoted for this verifier is not the
    // RFC's; SHA-256 of the verifier gives the value below, as Python and openssl dgst agree.)
    const QList<int> verifierOctets{116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                                    125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                                    191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
    const QList<int> challengeOctets{19, 211, 30,  150, 26,  26,  216, 236, 47,  22,  177,
                                     12, 76,  152, 46,  8,   118, 168, 120, 173, 109, 241,
                                     68, 86,  110, 225, 137, 74,  203, 112, 249, 195};
    const auto bytes = [](const QList<int> &octets) {
        QByteArray out;
        for (const int octet : octets)
            out.append(char(octet));
        return out;
    };
    const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const QByteArray challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    QCOMPARE(bytes(verifierOctets)
                 .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
             verifier);
    QCOMPARE(QByteArray::fromBase64(challenge, QByteArray::Base64UrlEncoding),
             bytes(challengeOctets));

    QCOMPARE(Pkce::s256Challenge(verifier), challenge);
    const Pkce pkce = Pkce::fromVerifier(verifier);
    QCOMPARE(pkce.verifier, verifier);
    QCOMPARE(pkce.challenge, challenge);
    QCOMPARE(QByteArray(Pkce::method()), QByteArray("S256"));
}

void TestPkce::generatesValidVerifiers_data()
{
    QTest::addColumn<int>("requested");
    QTest::addColumn<int>("length");
    QTest::newRow("default") << Pkce::kDefaultLength << 64;
    QTest::newRow("minimum") << 43 << 43;
    QTest::newRow("maximum") << 128 << 128;
    QTest::newRow("too short, clamped") << 10 << 43;
    QTest::newRow("too long, clamped") << 500 << 128;
}

void TestPkce::generatesValidVerifiers()
{
    QFETCH(int, requested);
    QFETCH(int, length);
    const Pkce pkce = Pkce::generate(requested);
    QCOMPARE(pkce.verifier.size(), length);
    QVERIFY(Pkce::isValidVerifier(pkce.verifier));
    QCOMPARE(pkce.challenge, Pkce::s256Challenge(pkce.verifier));
    QCOMPARE(pkce.challenge.size(), 43); // 32 bytes of SHA-256, base64url without padding
    QVERIFY(!pkce.challenge.contains('='));
    QVERIFY(Pkce::generate(requested).verifier != pkce.verifier);
}

void TestPkce::verifiersUseTheWholeAlphabet()
{
    // 20 verifiers of 128 characters: every one of the 66 unreserved characters turns up; an
    // off-by-one in the alphabet or a biased mapping would leave some out (chance of a false
    // failure < 1e-14).
    QSet<char> seen;
    for (int i = 0; i < 20; ++i) {
        for (const char c : Pkce::generate(128).verifier)
            seen.insert(c);
    }
    QCOMPARE(seen.size(), 66);
}

void TestPkce::validatesVerifiers_data()
{
    QTest::addColumn<QByteArray>("verifier");
    QTest::addColumn<bool>("valid");
    QTest::newRow("RFC example") << QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
                                 << true;
    QTest::newRow("42 chars") << QByteArray(42, 'a') << false;
    QTest::newRow("43 chars") << QByteArray(43, 'a') << true;
    QTest::newRow("128 chars") << QByteArray(128, '~') << true;
    QTest::newRow("129 chars") << QByteArray(129, 'a') << false;
    QTest::newRow("plus sign") << QByteArray(42, 'a') + '+' << false;
    QTest::newRow("space") << QByteArray(42, 'a') + ' ' << false;
}

void TestPkce::validatesVerifiers()
{
    QFETCH(QByteArray, verifier);
    QFETCH(bool, valid);
    QCOMPARE(Pkce::isValidVerifier(verifier), valid);
}

void TestPkce::statesAreRandomAndUrlSafe()
{
    const QByteArray state = Pkce::generateState();
    QCOMPARE(state.size(), 32);
    for (const char c : state)
        QVERIFY(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
    QVERIFY(Pkce::generateState() != state);
}

QTEST_GUILESS_MAIN(TestPkce)
#include "tst_pkce.moc"
