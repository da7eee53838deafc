// The secret services and the one profile save (SecretReader, SecretWriter, ProfileProbe,
// ProfileSaver) against a real trackersim and the session's real keychain (gnome-keyring under
// dbus-run-session, as scripts/test.sh runs it): what is read from where, what a failed step
// leaves behind (nothing), and what a replaced profile's keychain holds after a failure (what it
// held before).
#include "SimProcess.h"
#include "TestKeychain.h"

#include "secrets/SecretStore.h"
#include "services/ProfileSaver.h"
#include "services/SecretReader.h"
#include "services/SecretWriter.h"
#include "storage/ProfileStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace accessdesk;

namespace {

const char kSecretVar[] = "ACCESSDESK_SAVER_TEST_SECRET";
const char kUnsetVar[] = "ACCESSDESK_SAVER_TEST_UNSET";

template<class Job> void waitForFinished(Job &job)
{
    QSignalSpy finished(&job, &Job::finished);
    if (!job.isFinished() && !finished.wait(30000))
        qFatal("the job did not finish");
}

} // namespace

class TestProfileSaver final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void readerTakesTheEnvironmentFirst();
    void readerFallsBackToTheKeychain();
    void readerSaysWhatIsMissing();
    void readerMayTreatAbsenceAsEmpty();
    void writerSkipsEmptyValuesAndRollsBack();

    void savesANewProfileAfterSigningIn();
    void aRefusedPasswordSavesNothing();
    void withoutASecretOnlyTheServerIsChecked();
    void anUnreachableServerSavesNothing();
    void aProfileThatCannotBeWrittenLeavesTheKeychainAsItWas();
    void anInvalidProfileIsRefusedBeforeAnythingIsSent();
    void editingKeepsTheStoredSecretAndDropsTheObsoleteOne();

private:
    ConnectionProfile aliceProfile(const QString &stem) const;
    std::unique_ptr<ProfileSaver> save(ProfileStore &store, const ProfileSaveRequest &request);

    std::unique_ptr<SimProcess> m_sim;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_profiles;
    SecretStore m_secrets;
    TestKeychain m_keychain{&m_secrets};
    QNetworkAccessManager m_network;
};

void TestProfileSaver::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("profiles.ini")),
                                             QSettings::IniFormat);
    m_profiles = std::make_unique<ProfileStore>(*m_settings);
    m_sim = std::make_unique<SimProcess>();
    QVERIFY2(m_sim->start(), qPrintable(m_sim->errorText()));
    qunsetenv(kUnsetVar);
    // The checks below mean something only with a real keychain.
    QVERIFY(m_keychain.write(m_keychain.uniqueName(QStringLiteral("probe")), SecretKind::Password,
                             "x"));
}

void TestProfileSaver::cleanupTestCase()
{
    m_keychain.forgetAll();
    m_sim.reset();
}

ConnectionProfile TestProfileSaver::aliceProfile(const QString &stem) const
{
    ConnectionProfile profile;
    profile.name = const_cast<TestKeychain &>(m_keychain).uniqueName(stem);
    profile.baseUrl = QUrl(m_sim->url());
    profile.username = QStringLiteral("alice");
    profile.timeoutSeconds = 20;
    return profile;
}

std::unique_ptr<ProfileSaver> TestProfileSaver::save(ProfileStore &store,
                                                     const ProfileSaveRequest &request)
{
    auto saver = std::make_unique<ProfileSaver>(store, &m_secrets, &m_network);
    QSignalSpy finished(saver.get(), &ProfileSaver::finished);
    saver->save(request);
    if (!finished.isEmpty())
        qFatal("the save reported from inside save()");
    if (!finished.wait(30000))
        qFatal("the save did not finish");
    QTest::qWait(50);
    if (finished.size() != 1)
        qFatal("the save reported %d times", int(finished.size()));
    return saver;
}

void TestProfileSaver::readerTakesTheEnvironmentFirst()
{
    const QString profile = m_keychain.uniqueName(QStringLiteral("reader-env"));
    QVERIFY(m_keychain.write(profile, SecretKind::Password, "from-keychain"));
    qputenv(kSecretVar, "from-env");
    SecretReader reader(&m_secrets, SecretSource{SecretKind::Password, QStringLiteral("password"),
                                                 QString::fromLatin1(kSecretVar), profile});
    reader.start();
    waitForFinished(reader);
    QCOMPARE(reader.error(), ConnectionError::None);
    QVERIFY(reader.found());
    QCOMPARE(reader.value(), QStringLiteral("from-env"));
}

void TestProfileSaver::readerFallsBackToTheKeychain()
{
    const QString profile = m_keychain.uniqueName(QStringLiteral("reader-keychain"));
    QVERIFY(m_keychain.write(profile, SecretKind::PersonalToken, "stored-token"));
    SecretReader reader(&m_secrets,
                        SecretSource{SecretKind::PersonalToken,
                                     QStringLiteral("personal access token"), QString(), profile});
    reader.start();
    waitForFinished(reader);
    QCOMPARE(reader.error(), ConnectionError::None);
    QCOMPARE(reader.value(), QStringLiteral("stored-token"));
}

void TestProfileSaver::readerSaysWhatIsMissing()
{
    SecretReader unset(&m_secrets, SecretSource{SecretKind::Password, QStringLiteral("password"),
                                                QString::fromLatin1(kUnsetVar), QString()});
    unset.start();
    waitForFinished(unset);
    QCOMPARE(unset.error(), ConnectionError::SecretMissing);
    QVERIFY2(unset.errorString().contains(QString::fromLatin1(kUnsetVar)),
             qPrintable(unset.errorString()));

    SecretReader noSource(&m_secrets,
                          SecretSource{SecretKind::Password, QStringLiteral("password"), {}, {}});
    noSource.start();
    waitForFinished(noSource);
    QCOMPARE(noSource.error(), ConnectionError::SecretMissing);

    const QString profile = m_keychain.uniqueName(QStringLiteral("reader-empty"));
    SecretReader absent(
        &m_secrets, SecretSource{SecretKind::Password, QStringLiteral("password"), {}, profile});
    absent.start();
    waitForFinished(absent);
    QCOMPARE(absent.error(), ConnectionError::NotInKeychain);
    QVERIFY2(absent.errorString().contains(profile), qPrintable(absent.errorString()));
    QVERIFY(!absent.found());
}

void TestProfileSaver::readerMayTreatAbsenceAsEmpty()
{
    const QString profile = m_keychain.uniqueName(QStringLiteral("reader-optional"));
    SecretReader reader(
        &m_secrets,
        SecretSource{SecretKind::OAuth2RefreshToken, QStringLiteral("refresh token"), {}, profile});
    reader.setAbsentIsEmpty(true);
    reader.start();
    waitForFinished(reader);
    QCOMPARE(reader.error(), ConnectionError::None);
    QVERIFY(!reader.found());
    QVERIFY(reader.value().isEmpty());
}

void TestProfileSaver::writerSkipsEmptyValuesAndRollsBack()
{
    const QString profile = m_keychain.uniqueName(QStringLiteral("writer"));
    QVERIFY(m_keychain.write(profile, SecretKind::OAuth2RefreshToken, "old-refresh"));
    SecretWriter writer(&m_secrets, profile,
                        {{SecretKind::OAuth2AccessToken, QStringLiteral("new-access")},
                         {SecretKind::OAuth2RefreshToken, QString()},
                         {SecretKind::OAuth2ClientSecret, QStringLiteral("new-secret")}});
    writer.setRememberPrevious(true);
    writer.start();
    waitForFinished(writer);
    QCOMPARE(writer.outcome(), SecretWriter::Outcome::Stored);
    QCOMPARE(writer.writtenKinds(),
             (QList<SecretKind>{SecretKind::OAuth2AccessToken, SecretKind::OAuth2ClientSecret}));
    QCOMPARE(m_keychain.read(profile, SecretKind::OAuth2AccessToken), QByteArray("new-access"));
    // An empty value never replaces a stored one.
    QCOMPARE(m_keychain.read(profile, SecretKind::OAuth2RefreshToken), QByteArray("old-refresh"));

    QVERIFY(m_keychain.write(profile, SecretKind::OAuth2ClientSecret, "changed-meanwhile"));
    QSignalSpy rolledBack(&writer, &SecretWriter::rolledBack);
    writer.rollBack();
    QVERIFY(rolledBack.wait(30000));
    // What was empty before is empty again.
    QCOMPARE(m_keychain.read(profile, SecretKind::OAuth2AccessToken), QByteArray());
    QCOMPARE(m_keychain.read(profile, SecretKind::OAuth2ClientSecret), QByteArray());
    QCOMPARE(m_keychain.read(profile, SecretKind::OAuth2RefreshToken), QByteArray("old-refresh"));
}

void TestProfileSaver::savesANewProfileAfterSigningIn()
{
    ProfileSaveRequest request;
    request.profile = aliceProfile(QStringLiteral("saver-new"));
    request.secrets = {{SecretKind::Password, QStringLiteral("alice")}};
    const auto saver = save(*m_profiles, request);
    QVERIFY2(saver->succeeded(), qPrintable(saver->probe().apiError().userMessage()));
    QVERIFY(saver->signInTested());
    QCOMPARE(saver->probe().report().user.name, QStringLiteral("alice"));
    QCOMPARE(saver->secretOutcome(), SecretWriter::Outcome::Stored);
    QVERIFY(m_profiles->find(request.profile.name));
    QCOMPARE(m_keychain.read(request.profile.name, SecretKind::Password), QByteArray("alice"));
}

void TestProfileSaver::aRefusedPasswordSavesNothing()
{
    ProfileSaveRequest request;
    request.profile = aliceProfile(QStringLiteral("saver-refused"));
    request.secrets = {{SecretKind::Password, QStringLiteral("not-alices-password")}};
    const auto saver = save(*m_profiles, request);
    QCOMPARE(saver->failedAt(), ProfileSaver::Step::Probe);
    QCOMPARE(saver->probe().apiError().kind(), ApiError::Kind::Unauthenticated);
    QVERIFY(!m_profiles->find(request.profile.name));
    QCOMPARE(m_keychain.read(request.profile.name, SecretKind::Password), QByteArray());
}

void TestProfileSaver::withoutASecretOnlyTheServerIsChecked()
{
    ProfileSaveRequest request;
    request.profile = aliceProfile(QStringLiteral("saver-server-only"));
    const auto saver = save(*m_profiles, request);
    QVERIFY(saver->succeeded());
    QVERIFY(!saver->signInTested());
    QVERIFY(!saver->probe().report().server.version.isEmpty());
    QVERIFY(saver->probe().report().user.name.isEmpty());
    QVERIFY(m_profiles->find(request.profile.name));
}

void TestProfileSaver::anUnreachableServerSavesNothing()
{
    ProfileSaveRequest request;
    request.profile = aliceProfile(QStringLiteral("saver-unreachable"));
    request.profile.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1")); // nothing listens
    request.secrets = {{SecretKind::Password, QStringLiteral("alice")}};
    const auto saver = save(*m_profiles, request);
    QCOMPARE(saver->failedAt(), ProfileSaver::Step::Probe);
    QCOMPARE(saver->probe().apiError().kind(), ApiError::Kind::Network);
    QVERIFY(!m_profiles->find(request.profile.name));
    QCOMPARE(m_keychain.read(request.profile.name, SecretKind::Password), QByteArray());
}

void TestProfileSaver::aProfileThatCannotBeWrittenLeavesTheKeychainAsItWas()
{
    // A settings "file" that is a folder cannot be written, even by root (tests may run as root,
    // who ignores file modes).
    QTemporaryDir blocked;
    QVERIFY(blocked.isValid());
    QSettings unwritable(blocked.path(), QSettings::IniFormat);
    ProfileStore store(unwritable);

    ProfileSaveRequest request;
    request.profile = aliceProfile(QStringLiteral("saver-unwritable"));
    request.mode = ProfileStore::SaveMode::CreateOrReplace;
    request.secrets = {{SecretKind::Password, QStringLiteral("alice")}};
    QVERIFY(m_keychain.write(request.profile.name, SecretKind::Password, "the-old-password"));

    const auto saver = save(store, request);
    QCOMPARE(saver->failedAt(), ProfileSaver::Step::WriteProfile);
    QVERIFY(!saver->profileProblems().isEmpty());
    QCOMPARE(m_keychain.read(request.profile.name, SecretKind::Password),
             QByteArray("the-old-password"));

    // A new profile: the secret it would have brought is gone again.
    ProfileSaveRequest fresh = request;
    fresh.profile = aliceProfile(QStringLiteral("saver-unwritable-new"));
    const auto second = save(store, fresh);
    QCOMPARE(second->failedAt(), ProfileSaver::Step::WriteProfile);
    QCOMPARE(m_keychain.read(fresh.profile.name, SecretKind::Password), QByteArray());
}

void TestProfileSaver::anInvalidProfileIsRefusedBeforeAnythingIsSent()
{
    ProfileSaveRequest first;
    first.profile = aliceProfile(QStringLiteral("saver-duplicate"));
    first.secrets = {{SecretKind::Password, QStringLiteral("alice")}};
    QVERIFY(save(*m_profiles, first)->succeeded());

    ProfileSaveRequest again = first; // CreateOnly, the same name
    again.secrets = {{SecretKind::Password, QStringLiteral("something-else")}};
    const auto saver = save(*m_profiles, again);
    QCOMPARE(saver->failedAt(), ProfileSaver::Step::CheckProfile);
    QVERIFY(!saver->profileProblems().isEmpty());
    QCOMPARE(m_keychain.read(first.profile.name, SecretKind::Password), QByteArray("alice"));
}

void TestProfileSaver::editingKeepsTheStoredSecretAndDropsTheObsoleteOne()
{
    ProfileSaveRequest first;
    first.profile = aliceProfile(QStringLiteral("saver-edit"));
    first.secrets = {{SecretKind::Password, QStringLiteral("alice")}};
    QVERIFY(save(*m_profiles, first)->succeeded());

    // Edited with the password field left empty: the stored password signs in.
    ProfileSaveRequest edited = first;
    edited.mode = ProfileStore::SaveMode::CreateOrReplace;
    edited.profile.timeoutSeconds = 11;
    edited.secrets = {{SecretKind::Password, QString()}};
    edited.useStoredSecrets = true;
    const auto kept = save(*m_profiles, edited);
    QVERIFY2(kept->succeeded(), qPrintable(kept->probe().setupErrorString()));
    QVERIFY(kept->signInTested());
    QCOMPARE(m_profiles->find(first.profile.name)->timeoutSeconds, 11);
    QCOMPARE(m_keychain.read(first.profile.name, SecretKind::Password), QByteArray("alice"));

    // Switched to a personal access token: the password goes, the token's user is recorded.
    ProfileSaveRequest token = edited;
    token.profile.authKind = AuthKind::PersonalToken;
    token.profile.username.clear();
    QNetworkRequest create =
        jsonRequest(m_sim->url() + QStringLiteral("/rest/pat/latest/tokens"), "alice");
    create.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const HttpResult created = httpSend(
        m_network, create, "POST", R"({"name": "profile-saver-test", "expirationDuration": 1})");
    QCOMPARE(created.status, 201);
    const QString rawToken =
        QJsonDocument::fromJson(created.body).object().value(QStringLiteral("rawToken")).toString();
    QVERIFY(!rawToken.isEmpty());
    token.secrets = {{SecretKind::PersonalToken, rawToken}};
    token.useStoredSecrets = false;
    const auto switched = save(*m_profiles, token);
    QVERIFY2(switched->succeeded(), qPrintable(switched->probe().apiError().userMessage()));
    QCOMPARE(m_profiles->find(first.profile.name)->username, QStringLiteral("alice"));
    QTRY_COMPARE_WITH_TIMEOUT(m_keychain.read(first.profile.name, SecretKind::Password),
                              std::optional<QByteArray>(QByteArray()), 10000);
}

QTEST_GUILESS_MAIN(TestProfileSaver)
#include "tst_profilesaver.moc"
