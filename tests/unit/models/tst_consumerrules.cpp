#include "ConsumerRules.h"

#include <QTest>

using namespace accessdesk;

Q_DECLARE_METATYPE(accessdesk::OAuthConsumer)

using Errors = QMap<QString, QString>; // field → a phrase its sentence must contain

namespace {

// A draft that passes every rule; each row changes one thing.
OAuthConsumer valid()
{
    OAuthConsumer consumer;
    consumer.key = QStringLiteral("release-radar");
    consumer.name = QStringLiteral("Release Radar");
    consumer.description = QStringLiteral("Release notes https://radar.example.test");
    consumer.publicKey = QStringLiteral("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
    return consumer;
}

} // namespace

// The consumer rules, each at its boundary, reported at the field of the ConsumerEntity JSON.
class TestConsumerRules final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void check_data();
    void check();
};

void TestConsumerRules::check_data()
{
    QTest::addColumn<OAuthConsumer>("consumer");
    QTest::addColumn<QString>("publicKeyProblem");
    QTest::addColumn<Errors>("errors");

    const auto row = [](const char *name, const OAuthConsumer &consumer, const Errors &errors,
                        const QString &keyProblem = QString()) {
        QTest::newRow(name) << consumer << keyProblem << errors;
    };
    const auto with = [](auto change) {
        OAuthConsumer consumer = valid();
        change(consumer);
        return consumer;
    };

    row("valid", valid(), {});
    row("valid with a callback and 2LO", with([](OAuthConsumer &c) {
            c.callback = QStringLiteral("https://radar.example.test/oauth/callback");
            c.twoLoAllowed = true;
            c.executingTwoLoUser = QStringLiteral("radar-bot");
            c.twoLoImpersonationAllowed = true;
        }),
        {});
    row("spaces around the key", with([](OAuthConsumer &c) { c.key = QStringLiteral(" k \n"); }),
        {});

    // key
    row("no key", with([](OAuthConsumer &c) { c.key = QStringLiteral("  "); }),
        {{QStringLiteral("key"), QStringLiteral("Enter the consumer key")}});
    row("key with a space", with([](OAuthConsumer &c) { c.key = QStringLiteral("release radar"); }),
        {{QStringLiteral("key"), QStringLiteral("cannot contain spaces")}});
    row("key with a tab", with([](OAuthConsumer &c) { c.key = QStringLiteral("release\tradar"); }),
        {{QStringLiteral("key"), QStringLiteral("cannot contain spaces")}});
    row("key of 255", with([](OAuthConsumer &c) { c.key = QString(255, QLatin1Char('k')); }), {});
    row("key of 256", with([](OAuthConsumer &c) { c.key = QString(256, QLatin1Char('k')); }),
        {{QStringLiteral("key"), QStringLiteral("is 256 characters long; at most 255")}});

    // name
    row("no name", with([](OAuthConsumer &c) { c.name.clear(); }),
        {{QStringLiteral("name"), QStringLiteral("Enter a name")}});
    row("name of 255", with([](OAuthConsumer &c) { c.name = QString(255, QLatin1Char('n')); }), {});
    row("name of 256", with([](OAuthConsumer &c) { c.name = QString(256, QLatin1Char('n')); }),
        {{QStringLiteral("name"), QStringLiteral("is 256 characters long; at most 255")}});

    // description
    row("no description", with([](OAuthConsumer &c) { c.description.clear(); }), {});
    row("description of 1000",
        with([](OAuthConsumer &c) { c.description = QString(1000, QLatin1Char('d')); }), {});
    row("description of 1001",
        with([](OAuthConsumer &c) { c.description = QString(1001, QLatin1Char('d')); }),
        {{QStringLiteral("description"), QStringLiteral("is 1001 characters long; at most 1000")}});

    // public key: required here, judged by RsaPublicKey
    row("no public key", with([](OAuthConsumer &c) { c.publicKey = QStringLiteral("\n"); }),
        {{QStringLiteral("publicKey"), QStringLiteral("Paste the consumer's RSA public key")}});
    row("public key refused by the reader", valid(),
        {{QStringLiteral("publicKey"), QStringLiteral("This RSA key has 1024 bits")}},
        QStringLiteral("This RSA key has 1024 bits, fewer than the 2048 bits required."));
    row("no public key, and a stale problem", with([](OAuthConsumer &c) { c.publicKey.clear(); }),
        {{QStringLiteral("publicKey"), QStringLiteral("Paste the consumer's RSA public key")}},
        QStringLiteral("stale"));

    // callback
    const auto callback = [&row, &with](const char *name, const char *url, const char *phrase) {
        Errors errors;
        if (phrase)
            errors.insert(QStringLiteral("callback"), QString::fromUtf8(phrase));
        row(name, with([url](OAuthConsumer &c) { c.callback = QString::fromUtf8(url); }), errors);
    };
    callback("callback https", "https://radar.example.test/cb?x=1", nullptr);
    callback("callback http to a remote host", "http://radar.example.test/cb", nullptr);
    callback("callback of spaces", "   ", nullptr);
    callback("callback with a fragment", "https://radar.example.test/cb#top", "fragment");
    callback("callback relative", "/oauth/callback", "absolute http:// or https:// URL");
    callback("callback without a scheme", "radar.example.test/cb", "absolute http://");
    callback("callback ftp", "ftp://radar.example.test/cb", "absolute http://");
    callback("callback oob", "oob", "absolute http://");

    // two-legged OAuth
    row("2LO without a user", with([](OAuthConsumer &c) { c.twoLoAllowed = true; }),
        {{QStringLiteral("executingTwoLOUser"), QStringLiteral("Enter the user")}});
    row("2LO with a blank user", with([](OAuthConsumer &c) {
            c.twoLoAllowed = true;
            c.executingTwoLoUser = QStringLiteral("  ");
        }),
        {{QStringLiteral("executingTwoLOUser"), QStringLiteral("Enter the user")}});
    row("2LO with a user of 256", with([](OAuthConsumer &c) {
            c.twoLoAllowed = true;
            c.executingTwoLoUser = QString(256, QLatin1Char('u'));
        }),
        {{QStringLiteral("executingTwoLOUser"), QStringLiteral("256 characters")}});
    row("a user without 2LO",
        with([](OAuthConsumer &c) { c.executingTwoLoUser = QStringLiteral("radar-bot"); }),
        {{QStringLiteral("executingTwoLOUser"), QStringLiteral("applies only to two-legged")}});
    row("impersonation without 2LO",
        with([](OAuthConsumer &c) { c.twoLoImpersonationAllowed = true; }),
        {{QStringLiteral("twoLOImpersonationAllowed"), QStringLiteral("only with two-legged")}});

    row("everything wrong at once", OAuthConsumer{},
        {{QStringLiteral("key"), QStringLiteral("Enter the consumer key")},
         {QStringLiteral("name"), QStringLiteral("Enter a name")},
         {QStringLiteral("publicKey"), QStringLiteral("Paste")}});
}

void TestConsumerRules::check()
{
    QFETCH(OAuthConsumer, consumer);
    QFETCH(QString, publicKeyProblem);
    QFETCH(Errors, errors);
    const QMap<QString, QString> found = ConsumerRules::check(consumer, publicKeyProblem);
    QCOMPARE(found.keys(), errors.keys());
    for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
        const QString sentence = found.value(it.key());
        QVERIFY2(sentence.contains(it.value()),
                 qPrintable(it.key() + QStringLiteral(": ") + sentence));
    }
}

QTEST_GUILESS_MAIN(TestConsumerRules)
#include "tst_consumerrules.moc"
