#include "storage/ProfileStore.h"

#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace accessdesk;

namespace {

ConnectionProfile fullProfile()
{
    ConnectionProfile p;
    p.name = QStringLiteral("Prod Jira");
    p.baseUrl = QUrl(QStringLiteral("https://jira.example.com:8443/jira"));
    p.authKind = AuthKind::OAuth1;
    p.username = QStringLiteral("alice");
    p.pinnedCertificateSha256 = QString(64, QLatin1Char('a'));
    p.caFile = QStringLiteral("/etc/ssl/company-ca.pem");
    p.consumerKey = QStringLiteral("accessdesk-consumer");
    p.privateKeyFile = QStringLiteral("/home/alice/.config/accessdesk/consumer.pem");
    p.oauth2ClientId = QStringLiteral("client-123");
    p.timeoutSeconds = 45;
    p.options = {{QStringLiteral("pageSize"), QStringLiteral("50")},
                 {QStringLiteral("proxy"), QStringLiteral("http://proxy:3128")}};
    return p;
}

ConnectionProfile simpleProfile(const QString &name)
{
    ConnectionProfile p;
    p.name = name;
    p.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080"));
    p.authKind = AuthKind::PersonalToken;
    return p;
}

} // namespace

class TestProfileStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void roundTripThroughTheFile();
    void listFindRemove();
    void replaceDropsStaleOptions();
    void validate_data();
    void validate();
    void createOnlyRefusesExisting();
    void fileHoldsNoSecretLookingField();
    void fingerprintIsNormalised();
    void authKindKeys();

private:
    std::unique_ptr<QSettings> settings() const
    {
        return std::make_unique<QSettings>(m_path, QSettings::IniFormat);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestProfileStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("profiles.ini"));
}

void TestProfileStore::cleanup()
{
    m_dir.reset();
}

void TestProfileStore::roundTripThroughTheFile()
{
    {
        auto s = settings();
        ProfileStore store(*s);
        QStringList problems;
        QVERIFY2(store.save(fullProfile(), ProfileStore::SaveMode::CreateOnly, &problems),
                 qPrintable(problems.join(u'\n')));
    }
    QVERIFY(QFile::exists(m_path));
    auto s = settings();
    ProfileStore store(*s);
    const auto loaded = store.find(QStringLiteral("Prod Jira"));
    QVERIFY(loaded.has_value());
    QCOMPARE(*loaded, fullProfile());
    QCOMPARE(loaded->baseUrl.toString(), QStringLiteral("https://jira.example.com:8443/jira"));
    QCOMPARE(loaded->options.value(QStringLiteral("pageSize")), QStringLiteral("50"));
}

void TestProfileStore::listFindRemove()
{
    auto s = settings();
    ProfileStore store(*s);
    QVERIFY(store.profiles().isEmpty());
    QVERIFY(store.save(simpleProfile(QStringLiteral("zeta"))));
    QVERIFY(store.save(simpleProfile(QStringLiteral("alpha"))));
    QVERIFY(store.save(simpleProfile(QStringLiteral("Mid"))));
    QCOMPARE(store.names(),
             (QStringList{QStringLiteral("alpha"), QStringLiteral("Mid"), QStringLiteral("zeta")}));
    QCOMPARE(store.profiles().size(), 3);
    QCOMPARE(store.profiles().first().authKind, AuthKind::PersonalToken);
    QVERIFY(!store.find(QStringLiteral("nope")).has_value());
    QVERIFY(!store.find(QStringLiteral("ALPHA")).has_value());

    QVERIFY(store.remove(QStringLiteral("alpha")));
    QVERIFY(!store.remove(QStringLiteral("alpha")));
    QVERIFY(!store.find(QStringLiteral("alpha")).has_value());

    auto reread = settings();
    QCOMPARE(ProfileStore(*reread).names(),
             (QStringList{QStringLiteral("Mid"), QStringLiteral("zeta")}));
}

void TestProfileStore::replaceDropsStaleOptions()
{
    auto s = settings();
    ProfileStore store(*s);
    QVERIFY(store.save(fullProfile()));
    ConnectionProfile changed = fullProfile();
    changed.options.remove(QStringLiteral("proxy"));
    changed.username = QStringLiteral("bob");
    QVERIFY(store.save(changed));
    auto reread = settings();
    const auto loaded = ProfileStore(*reread).find(changed.name);
    QCOMPARE(*loaded, changed);
    QVERIFY(!loaded->options.contains(QStringLiteral("proxy")));
}

void TestProfileStore::validate_data()
{
    QTest::addColumn<ConnectionProfile>("profile");
    QTest::addColumn<QString>("problem"); // a word the message must contain; empty = valid

    const ConnectionProfile ok = simpleProfile(QStringLiteral("ok"));
    QTest::newRow("valid") << ok << QString();
    QTest::newRow("full") << fullProfile() << QString();

    auto with = [&ok](auto change) {
        ConnectionProfile p = ok;
        change(p);
        return p;
    };
    QTest::newRow("empty name") << with([](auto &p) { p.name.clear(); }) << QStringLiteral("name");
    QTest::newRow("blank name") << with([](auto &p) { p.name = QStringLiteral("  "); })
                                << QStringLiteral("name");
    QTest::newRow("padded name") << with([](auto &p) { p.name = QStringLiteral(" x"); })
                                 << QStringLiteral("spaces");
    QTest::newRow("slash in name")
        << with([](auto &p) { p.name = QStringLiteral("a/b"); }) << QStringLiteral("/");
    QTest::newRow("case twin") << with([](auto &p) { p.name = QStringLiteral("EXISTING"); })
                               << QStringLiteral("already exists");
    QTest::newRow("no scheme") << with([](auto &p) {
        p.baseUrl = QUrl(QStringLiteral("jira.example.com"));
    }) << QStringLiteral("http");
    QTest::newRow("ftp") << with([](auto &p) { p.baseUrl = QUrl(QStringLiteral("ftp://x/")); })
                         << QStringLiteral("http");
    QTest::newRow("no host") << with([](auto &p) { p.baseUrl = QUrl(QStringLiteral("https://")); })
                             << QStringLiteral("http");
    QTest::newRow("empty url") << with([](auto &p) { p.baseUrl = QUrl(); })
                               << QStringLiteral("http");
    QTest::newRow("password in url")
        << with([](auto &p) { p.baseUrl = QUrl(QStringLiteral("https://alice:pw@jira/")); })
        << QStringLiteral("password");
    QTest::newRow("query in url") << with([](auto &p) {
        p.baseUrl = QUrl(QStringLiteral("https://jira/?a=1"));
    }) << QStringLiteral("query");
    QTest::newRow("zero timeout") << with([](auto &p) { p.timeoutSeconds = 0; })
                                  << QStringLiteral("timeout");
    QTest::newRow("short pin") << with([](auto &p) {
        p.pinnedCertificateSha256 = QStringLiteral("abcd");
    }) << QStringLiteral("SHA-256");
    QTest::newRow("oauth1 without consumer")
        << with([](auto &p) { p.authKind = AuthKind::OAuth1; }) << QStringLiteral("consumer");
    QTest::newRow("oauth2 without client")
        << with([](auto &p) { p.authKind = AuthKind::OAuth2; }) << QStringLiteral("client");
    QTest::newRow("secret option")
        << with([](auto &p) { p.options.insert(QStringLiteral("apiToken"), QStringLiteral("x")); })
        << QStringLiteral("keychain");
    QTest::newRow("password option")
        << with([](auto &p) { p.options.insert(QStringLiteral("Password"), QStringLiteral("x")); })
        << QStringLiteral("keychain");
}

void TestProfileStore::validate()
{
    QFETCH(ConnectionProfile, profile);
    QFETCH(QString, problem);
    auto s = settings();
    ProfileStore store(*s);
    QVERIFY(store.save(simpleProfile(QStringLiteral("existing"))));

    QStringList problems = store.validate(profile);
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(store.save(profile));
        return;
    }
    QVERIFY(!problems.isEmpty());
    QVERIFY2(problems.join(u'\n').contains(problem, Qt::CaseInsensitive),
             qPrintable(problems.join(u'\n')));
    QStringList fromSave;
    QVERIFY(!store.save(profile, ProfileStore::SaveMode::CreateOrReplace, &fromSave));
    QCOMPARE(fromSave, problems);
    QCOMPARE(store.names(), QStringList{QStringLiteral("existing")});
}

void TestProfileStore::createOnlyRefusesExisting()
{
    auto s = settings();
    ProfileStore store(*s);
    QVERIFY(store.save(simpleProfile(QStringLiteral("dev")), ProfileStore::SaveMode::CreateOnly));
    ConnectionProfile again = simpleProfile(QStringLiteral("dev"));
    again.username = QStringLiteral("bob");
    QStringList problems;
    QVERIFY(!store.save(again, ProfileStore::SaveMode::CreateOnly, &problems));
    QVERIFY(problems.join(u' ').contains(QLatin1String("already exists")));
    QVERIFY(store.find(QStringLiteral("dev"))->username.isEmpty());
    QVERIFY(store.save(again, ProfileStore::SaveMode::CreateOrReplace));
    QCOMPARE(store.find(QStringLiteral("dev"))->username, QStringLiteral("bob"));
}

void TestProfileStore::fileHoldsNoSecretLookingField()
{
    {
        auto s = settings();
        ProfileStore store(*s);
        QVERIFY(store.save(fullProfile()));
        ConnectionProfile pat = simpleProfile(QStringLiteral("pat"));
        pat.username = QStringLiteral("bob");
        QVERIFY(store.save(pat));
    }
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());

    const QSet<QString> allowed{
        QStringLiteral("baseUrl"),        QStringLiteral("authKind"),
        QStringLiteral("username"),       QStringLiteral("pinnedCertificateSha256"),
        QStringLiteral("caFile"),         QStringLiteral("consumerKey"),
        QStringLiteral("privateKeyFile"), QStringLiteral("oauth2ClientId"),
        QStringLiteral("timeoutSeconds"), QStringLiteral("options")};
    const QRegularExpression secretish(
        QStringLiteral("passw|secret|token|cookie|credential|private.?key$|bearer"),
        QRegularExpression::CaseInsensitiveOption);
    int keys = 0;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        if (line.isEmpty() || line.startsWith(u'['))
            continue;
        const QString key = line.section(u'=', 0, 0);
        // INI keys are "<profile>\<field>" or "<profile>\options\<name>".
        const QStringList parts = key.split(u'\\');
        QVERIFY2(parts.size() >= 2, qPrintable(line));
        QVERIFY2(allowed.contains(parts.at(1)), qPrintable(line));
        for (const QString &part : parts.mid(1))
            QVERIFY2(!secretish.match(part).hasMatch(), qPrintable(line));
        ++keys;
    }
    QCOMPARE(keys, 9 + 2 + 9); // two profiles of 9 fields, 2 options
    // privateKeyFile names a file; no PEM content may ever land here.
    QVERIFY(!text.contains(QLatin1String("BEGIN")));
}

void TestProfileStore::fingerprintIsNormalised()
{
    const QString colons = QStringLiteral(
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:"
        "67:89");
    const QString plain =
        QStringLiteral("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
    QCOMPARE(normalisedSha256(colons), plain);
    QCOMPARE(normalisedSha256(plain), plain);
    QCOMPARE(normalisedSha256(QStringLiteral("xyz")), QStringLiteral("xyz"));
    QCOMPARE(normalisedSha256(QString(64, u'g')), QString(64, u'g'));

    auto s = settings();
    ProfileStore store(*s);
    ConnectionProfile p = simpleProfile(QStringLiteral("pinned"));
    p.pinnedCertificateSha256 = colons;
    QVERIFY(store.save(p));
    QCOMPARE(store.find(QStringLiteral("pinned"))->pinnedCertificateSha256, plain);
}

void TestProfileStore::authKindKeys()
{
    for (const AuthKind kind : {AuthKind::Basic, AuthKind::PersonalToken, AuthKind::Session,
                                AuthKind::OAuth1, AuthKind::OAuth2})
        QCOMPARE(authKindFromName(authKindName(kind)), std::optional<AuthKind>(kind));
    QCOMPARE(authKindName(AuthKind::PersonalToken), QStringLiteral("pat"));
    QVERIFY(!authKindFromName(QStringLiteral("kerberos")).has_value());
    QVERIFY(ProfileStore::looksSecret(QStringLiteral("client_secret")));
    QVERIFY(ProfileStore::looksSecret(QStringLiteral("API-KEY")));
    QVERIFY(!ProfileStore::looksSecret(QStringLiteral("pageSize")));
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
