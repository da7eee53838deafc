#include "secrets/SecretStore.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace accessdesk;

// The store with no reachable keychain: D-Bus points at a socket that does not exist, as on a
// headless box or a session without a secret service.
class TestSecretStoreNoKeychain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstJobFailsAndSwitchesToMemory();
    void writesAfterwardsGoToMemory();
    void deleteAndDeleteAllWorkInMemory();
    void memoryIsPerStoreAndPerRun();

private:
    using JobPtr = std::unique_ptr<SecretJob>;
    static JobPtr run(SecretJob *job);

    SecretStore m_store;
};

TestSecretStoreNoKeychain::JobPtr TestSecretStoreNoKeychain::run(SecretJob *job)
{
    job->setAutoDelete(false);
    JobPtr owned(job);
    QSignalSpy spy(job, &SecretJob::finished);
    if (!spy.wait(30000))
        qFatal("secret job did not finish");
    QCoreApplication::processEvents();
    if (spy.count() != 1)
        qFatal("secret job finished %d times", int(spy.count()));
    return owned;
}

void TestSecretStoreNoKeychain::initTestCase()
{
    // Before the first job: libsecret/QtDBus read this once, when they first connect.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/accessdesk-test/bus");
}

void TestSecretStoreNoKeychain::firstJobFailsAndSwitchesToMemory()
{
    QSignalSpy unavailable(&m_store, &SecretStore::keychainUnavailable);
    QVERIFY(!m_store.isMemoryOnly());

    auto write = run(m_store.writeSecret({QStringLiteral("p1"), SecretKind::Password}, "hunter2"));
    QCOMPARE(write->error(), SecretJob::Error::KeychainUnavailable);
    QVERIFY(write->isMemoryOnly());
    QVERIFY(!write->errorString().isEmpty());
    QVERIFY2(!write->errorString().contains(QStringLiteral("hunter2")),
             "the message must not carry the secret");
    qInfo("message shown to the user: %s", qPrintable(write->errorString()));

    QVERIFY(m_store.isMemoryOnly());
    QCOMPARE(unavailable.count(), 1);
    QVERIFY(!unavailable.at(0).at(0).toString().isEmpty());
    QCOMPARE(unavailable.at(0).at(0).toString(), m_store.unavailableReason());

    // The value of the failed write is kept for this run, so the caller need not ask again.
    auto read = run(m_store.readSecret({QStringLiteral("p1"), SecretKind::Password}));
    QCOMPARE(read->error(), SecretJob::Error::NoError);
    QVERIFY(read->isMemoryOnly());
    QVERIFY(read->found());
    QCOMPARE(read->value(), QByteArray("hunter2"));
}

void TestSecretStoreNoKeychain::writesAfterwardsGoToMemory()
{
    QSignalSpy unavailable(&m_store, &SecretStore::keychainUnavailable);
    const SecretKey key{QStringLiteral("p2"), SecretKind::OAuth2RefreshToken};

    auto missing = run(m_store.readSecret(key));
    QCOMPARE(missing->error(), SecretJob::Error::NoError);
    QVERIFY(!missing->found());

    auto write = run(m_store.writeSecret(key, QByteArray("\0bin\xff", 5)));
    QCOMPARE(write->error(), SecretJob::Error::NoError);
    QVERIFY(write->isMemoryOnly());
    QCOMPARE(run(m_store.readSecret(key))->value(), QByteArray("\0bin\xff", 5));

    QCOMPARE(run(m_store.writeSecret(key, "newer"))->error(), SecretJob::Error::NoError);
    QCOMPARE(run(m_store.readSecret(key))->value(), QByteArray("newer"));

    auto otherProfile = run(m_store.readSecret({QStringLiteral("p3"), key.kind}));
    QVERIFY(!otherProfile->found());

    // The switch is announced once, not per job.
    QCOMPARE(unavailable.count(), 0);
}

void TestSecretStoreNoKeychain::deleteAndDeleteAllWorkInMemory()
{
    const QString profile = QStringLiteral("p4");
    for (const SecretKind kind : allSecretKinds())
        QCOMPARE(run(m_store.writeSecret({profile, kind}, "v"))->error(),
                 SecretJob::Error::NoError);
    QCOMPARE(
        run(m_store.writeSecret({QStringLiteral("p5"), SecretKind::Password}, "keep"))->error(),
        SecretJob::Error::NoError);

    auto one = run(m_store.deleteSecret({profile, SecretKind::Password}));
    QCOMPARE(one->error(), SecretJob::Error::NoError);
    QVERIFY(!run(m_store.readSecret({profile, SecretKind::Password}))->found());
    QVERIFY(run(m_store.readSecret({profile, SecretKind::SessionCookie}))->found());

    auto all = run(m_store.deleteAllFor(profile));
    QCOMPARE(all->error(), SecretJob::Error::NoError);
    for (const SecretKind kind : allSecretKinds())
        QVERIFY(!run(m_store.readSecret({profile, kind}))->found());
    QCOMPARE(run(m_store.readSecret({QStringLiteral("p5"), SecretKind::Password}))->value(),
             QByteArray("keep"));
}

void TestSecretStoreNoKeychain::memoryIsPerStoreAndPerRun()
{
    // A new store (a new run, as far as secrets go) knows nothing of the old one's memory and
    // finds out about the keychain on its own.
    SecretStore fresh;
    QSignalSpy unavailable(&fresh, &SecretStore::keychainUnavailable);
    auto read = run(fresh.readSecret({QStringLiteral("p5"), SecretKind::Password}));
    QCOMPARE(read->error(), SecretJob::Error::KeychainUnavailable);
    QVERIFY(!read->found());
    QVERIFY(fresh.isMemoryOnly());
    QCOMPARE(unavailable.count(), 1);
}

QTEST_GUILESS_MAIN(TestSecretStoreNoKeychain)
#include "tst_secretstore_nokeychain.moc"
