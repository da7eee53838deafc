// ConnectionResolver against a real trackersim and the real keychain of the session
// (gnome-keyring under dbus-run-session, as scripts/test.sh runs it): secrets from the
// environment and from a profile's keychain entries, what is missing, unknown profiles, unusable
// CA files, and the cookie-session login. Plus the shared option parsing.
#include "SimProcess.h"
#include "TestKeychain.h"

#include "api/CertificateInfo.h"
#include "api/CoreJobs.h"
#include "api/ServerConnection.h"
#include "auth/Credentials.h"
#include "secrets/SecretStore.h"
#include "services/ConnectionOptions.h"
#include "services/ConnectionResolver.h"
#include "storage/ProfileStore.h"

#include <QCommandLineParser>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

const char kPasswordVar[] = "ACCESSDESK_RESOLVER_TEST_PASSWORD";
const char kUnsetVar[] = "ACCESSDESK_RESOLVER_TEST_UNSET";

} // namespace

class TestConnectionResolver final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void passwordFromTheEnvironment();
    void passwordFromTheKeychain();
    void optionsWinOverTheProfile();
    void environmentVariableNotSet();
    void noSecretNamed();
    void nothingInTheKeychain();
    void unknownProfile();
    void noServer();
    void caFileWithoutCertificate();
    void missingUser();
    void sessionLogin();
    void sessionLoginRefused();
    void serverOnlyHasNoCredentials();
    void reportsOnceAfterStartReturned();
    void optionsAreReadBack();
    void unusableOptionValues_data();
    void unusableOptionValues();

private:
    std::unique_ptr<ConnectionResolver> resolve(const ConnectionOptions &options);
    ConnectionOptions basicOptions(const QString &user) const;
    QString saveProfile(const QString &user, bool storePassword);
    QString whoIsSignedIn(ServerConnection *connection);

    std::unique_ptr<SimProcess> m_sim;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    SecretStore m_secrets;
    TestKeychain m_keychain{&m_secrets};
    QNetworkAccessManager m_network;
};

void TestConnectionResolver::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("profiles.ini")),
                                             QSettings::IniFormat);
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    qputenv(kPasswordVar, "alice");
    qunsetenv(kUnsetVar);
}

void TestConnectionResolver::cleanupTestCase()
{
    m_keychain.forgetAll();
    m_sim.reset();
}

std::unique_ptr<ConnectionResolver>
TestConnectionResolver::resolve(const ConnectionOptions &options)
{
    auto resolver = std::make_unique<ConnectionResolver>(options, ProfileStore(*m_settings),
                                                         &m_secrets, &m_network);
    QSignalSpy finished(resolver.get(), &ConnectionResolver::finished);
    resolver->start();
    if (!finished.wait(30000))
        qFatal("the resolver did not finish");
    return resolver;
}

ConnectionOptions TestConnectionResolver::basicOptions(const QString &user) const
{
    ConnectionOptions options;
    options.server = m_sim->url();
    options.user = user;
    options.passwordEnv = QString::fromLatin1(kPasswordVar);
    return options;
}

// A profile of the sim for user, with the password (= user name) in the keychain if asked.
QString TestConnectionResolver::saveProfile(const QString &user, bool storePassword)
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("resolver-test");
    profile.baseUrl = QUrl(m_sim->url());
    profile.username = user;
    profile.timeoutSeconds = 20;
    ProfileStore store(*m_settings);
    QString problem;
    const QString name = m_keychain.addProfile(store, profile, storePassword, &problem);
    if (name.isEmpty())
        qFatal("%s", qPrintable(problem));
    return name;
}

QString TestConnectionResolver::whoIsSignedIn(ServerConnection *connection)
{
    GetMyself job(connection);
    QSignalSpy finished(&job, &GetMyself::finished);
    job.start();
    if (!finished.wait(30000) || !job.succeeded())
        return QStringLiteral("<refused: %1>").arg(job.error().userMessage());
    return job.result().name;
}

void TestConnectionResolver::passwordFromTheEnvironment()
{
    const auto resolver = resolve(basicOptions(QStringLiteral("alice")));
    QVERIFY2(resolver->succeeded(), qPrintable(resolver->errorString()));
    QCOMPARE(resolver->error(), ConnectionError::None);
    QCOMPARE(resolver->authKind(), AuthKind::Basic);
    QCOMPARE(resolver->password(), QStringLiteral("alice"));
    QVERIFY(!resolver->profile());
    QCOMPARE(resolver->who().profile, QString());
    QCOMPARE(resolver->who().serverUrl, m_sim->url());
    QCOMPARE(resolver->who().user, QStringLiteral("alice"));

    std::unique_ptr<ServerConnection> connection = resolver->takeConnection();
    QVERIFY(connection);
    QVERIFY(!resolver->connection()); // handed over
    QCOMPARE(connection->settings().timeoutMs, 30000);
    QCOMPARE(whoIsSignedIn(connection.get()), QStringLiteral("alice"));
}

void TestConnectionResolver::passwordFromTheKeychain()
{
    const QString name = saveProfile(QStringLiteral("bob"), true);
    ConnectionOptions options;
    options.profile = name;
    const auto resolver = resolve(options);
    QVERIFY2(resolver->succeeded(), qPrintable(resolver->errorString()));
    QVERIFY(resolver->profile());
    QCOMPARE(resolver->profile()->name, name);
    QCOMPARE(resolver->who().profile, name);
    QCOMPARE(resolver->who().user, QStringLiteral("bob"));
    std::unique_ptr<ServerConnection> connection = resolver->takeConnection();
    QCOMPARE(connection->settings().timeoutMs, 20000); // the profile's own
    QCOMPARE(whoIsSignedIn(connection.get()), QStringLiteral("bob"));
}

void TestConnectionResolver::optionsWinOverTheProfile()
{
    // The profile says bob with his password in the keychain; the command line says alice.
    ConnectionOptions options = basicOptions(QStringLiteral("alice"));
    options.server.clear();
    options.profile = saveProfile(QStringLiteral("bob"), true);
    options.timeoutSeconds = 7;
    options.timeoutGiven = true;
    const auto resolver = resolve(options);
    QVERIFY2(resolver->succeeded(), qPrintable(resolver->errorString()));
    QCOMPARE(resolver->who().user, QStringLiteral("alice"));
    std::unique_ptr<ServerConnection> connection = resolver->takeConnection();
    QCOMPARE(connection->settings().timeoutMs, 7000);
    QCOMPARE(whoIsSignedIn(connection.get()), QStringLiteral("alice"));
}

void TestConnectionResolver::environmentVariableNotSet()
{
    ConnectionOptions options = basicOptions(QStringLiteral("alice"));
    options.passwordEnv = QString::fromLatin1(kUnsetVar);
    const auto resolver = resolve(options);
    QCOMPARE(resolver->error(), ConnectionError::SecretMissing);
    QVERIFY(resolver->errorString().contains(QString::fromLatin1(kUnsetVar)));
    QVERIFY(!resolver->takeConnection());
    QCOMPARE(resolver->password(), QString());
}

void TestConnectionResolver::noSecretNamed()
{
    ConnectionOptions options;
    options.server = m_sim->url();
    options.auth = QStringLiteral("pat");
    const auto resolver = resolve(options);
    QCOMPARE(resolver->error(), ConnectionError::SecretMissing);
    QVERIFY(resolver->errorString().contains(QStringLiteral("personal access token")));
}

void TestConnectionResolver::nothingInTheKeychain()
{
    ConnectionOptions options;
    options.profile = saveProfile(QStringLiteral("alice"), false);
    const auto resolver = resolve(options);
    QCOMPARE(resolver->error(), ConnectionError::NotInKeychain);
    QVERIFY(resolver->errorString().contains(options.profile));
    QVERIFY(!resolver->takeConnection());
}

void TestConnectionResolver::unknownProfile()
{
    ConnectionOptions options;
    options.profile = QStringLiteral("no-such-profile");
    const auto resolver = resolve(options);
    QCOMPARE(resolver->error(), ConnectionError::UnknownProfile);
    QVERIFY(resolver->errorString().contains(QStringLiteral("no-such-profile")));
    QVERIFY(!resolver->profile());
}

void TestConnectionResolver::noServer()
{
    const auto resolver = resolve(ConnectionOptions());
    QCOMPARE(resolver->error(), ConnectionError::NoServer);
}

void TestConnectionResolver::caFileWithoutCertificate()
{
    QFile notPem(m_dir.filePath(QStringLiteral("not-a-ca.pem")));
    QVERIFY(notPem.open(QIODevice::WriteOnly));
    notPem.write("this is no certificate\n");
    notPem.close();
    ConnectionOptions options = basicOptions(QStringLiteral("alice"));
    options.caFile = notPem.fileName();
    const auto resolver = resolve(options);
    QCOMPARE(resolver->error(), ConnectionError::Usage);
    QVERIFY(resolver->errorString().contains(notPem.fileName()));
    QVERIFY(!resolver->takeConnection());
}

void TestConnectionResolver::missingUser()
{
    ConnectionOptions options = basicOptions(QString());
    const auto resolver = resolve(options);
    QCOMPARE(resolver->error(), ConnectionError::Usage);
    QVERIFY(resolver->errorString().contains(QStringLiteral("--user")));
}

void TestConnectionResolver::sessionLogin()
{
    ConnectionOptions options = basicOptions(QStringLiteral("alice"));
    options.auth = QStringLiteral("session");
    const auto resolver = resolve(options);
    QVERIFY2(resolver->succeeded(), qPrintable(resolver->errorString()));
    QCOMPARE(resolver->authKind(), AuthKind::Session);
    std::unique_ptr<ServerConnection> connection = resolver->takeConnection();
    QVERIFY(connection->credentials());
    QCOMPARE(connection->credentials()->kind(), AuthKind::Session);
    // Kept in memory for websudo, never anywhere else.
    QCOMPARE(connection->webSudoPassword(), QStringLiteral("alice"));
    QCOMPARE(whoIsSignedIn(connection.get()), QStringLiteral("alice"));
}

void TestConnectionResolver::sessionLoginRefused()
{
    ConnectionOptions options = basicOptions(QStringLiteral("bob")); // with alice's password
    options.auth = QStringLiteral("session");
    const auto resolver = resolve(options);
    QCOMPARE(resolver->error(), ConnectionError::LoginRefused);
    QVERIFY2(resolver->apiError().kind() == ApiError::Kind::Unauthenticated,
             qPrintable(resolver->errorString()));
    QCOMPARE(resolver->errorString(), resolver->apiError().userMessage());
    QVERIFY(!resolver->takeConnection());
}

void TestConnectionResolver::serverOnlyHasNoCredentials()
{
    ConnectionOptions options;
    options.server = m_sim->url();
    options.auth = QStringLiteral("oauth2"); // no token needed: the flow signs its own requests
    auto resolver = std::make_unique<ConnectionResolver>(options, ProfileStore(*m_settings),
                                                         &m_secrets, &m_network);
    resolver->setPurpose(ConnectionResolver::Purpose::ServerOnly);
    QSignalSpy finished(resolver.get(), &ConnectionResolver::finished);
    resolver->start();
    QVERIFY(finished.wait(30000));
    QVERIFY2(resolver->succeeded(), qPrintable(resolver->errorString()));
    QVERIFY(!resolver->connection()->credentials());
}

void TestConnectionResolver::reportsOnceAfterStartReturned()
{
    // Even a failure known at once is reported from the event loop, exactly once.
    ConnectionResolver resolver(ConnectionOptions(), ProfileStore(*m_settings), &m_secrets,
                                &m_network);
    QSignalSpy finished(&resolver, &ConnectionResolver::finished);
    resolver.start();
    resolver.start();
    QCOMPARE(finished.count(), 0);
    QVERIFY(finished.wait(30000));
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
}

void TestConnectionResolver::optionsAreReadBack()
{
    const ConnectionOptionSet set;
    QCommandLineParser parser;
    set.addTo(parser);
    QVERIFY(parser.parse({QStringLiteral("accessdesk"), QStringLiteral("--server"),
                          QStringLiteral("https://jira.example.com/jira"), QStringLiteral("--auth"),
                          QStringLiteral("pat"), QStringLiteral("--token-env"),
                          QStringLiteral("TOKEN"), QStringLiteral("--pin-sha256"),
                          QStringLiteral("AB:") + QStringLiteral("ab").repeated(31),
                          QStringLiteral("--timeout"), QStringLiteral("12")}));
    QString error;
    const auto options = set.read(parser, &error);
    QVERIFY2(options, qPrintable(error));
    QCOMPARE(options->server, QStringLiteral("https://jira.example.com/jira"));
    QCOMPARE(options->auth, QStringLiteral("pat"));
    QCOMPARE(options->tokenEnv, QStringLiteral("TOKEN"));
    QCOMPARE(options->pinSha256,
             CertificateInfo::normaliseFingerprint(QStringLiteral("ab").repeated(32)));
    QCOMPARE(options->timeoutSeconds, 12);
    QVERIFY(options->timeoutGiven);
    QVERIFY(options->namesServer());
}

void TestConnectionResolver::unusableOptionValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("named");
    QTest::newRow("auth") << QStringList{QStringLiteral("--auth"), QStringLiteral("kerberos")}
                          << QStringLiteral("--auth");
    QTest::newRow("timeout") << QStringList{QStringLiteral("--timeout"), QStringLiteral("0")}
                             << QStringLiteral("--timeout");
    QTest::newRow("pin") << QStringList{QStringLiteral("--pin-sha256"), QStringLiteral("xyz")}
                         << QStringLiteral("--pin-sha256");
    QTest::newRow("server") << QStringList{QStringLiteral("--server"),
                                           QStringLiteral("ftp://jira.example.com")}
                            << QStringLiteral("--server");
    QTest::newRow("both") << QStringList{QStringLiteral("--server"),
                                         QStringLiteral("https://jira.example.com"),
                                         QStringLiteral("--profile"), QStringLiteral("p")}
                          << QStringLiteral("--profile");
}

void TestConnectionResolver::unusableOptionValues()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, named);
    const ConnectionOptionSet set;
    QCommandLineParser parser;
    set.addTo(parser);
    QVERIFY(parser.parse(QStringList{QStringLiteral("accessdesk")} + arguments));
    QString error;
    QVERIFY(!set.read(parser, &error));
    QVERIFY2(error.contains(named), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestConnectionResolver)
#include "tst_connectionresolver.moc"
