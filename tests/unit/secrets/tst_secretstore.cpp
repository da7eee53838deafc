#include "secrets/SecretStore.h"

#include <QPointer>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace accessdesk;

// Round trips through the real keychain of the session (gnome-keyring under dbus-run-session).
class TestSecretStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void keyIsNamespacedPerProfile();
    void writeReadOverwriteDelete();
    void notFoundIsNotAnError();
    void binaryValuesSurvive();
    void profilesDoNotSeeEachOther();
    void deleteAllForRemovesEveryKind();
    void invalidKeyIsRejected();
    void jobReportsAfterTheCallReturned();

private:
    using JobPtr = std::unique_ptr<SecretJob>;
    JobPtr run(SecretJob *job);
    QString newProfile();

    SecretStore m_store;
    QStringList m_profiles;
};

TestSecretStore::JobPtr TestSecretStore::run(SecretJob *job)
{
    job->setAutoDelete(false);
    JobPtr owned(job);
    QSignalSpy spy(job, &SecretJob::finished);
    if (!spy.wait(30000))
        qFatal("secret job did not finish");
    // Exactly once: nothing else may arrive afterwards.
    QCoreApplication::processEvents();
    if (spy.count() != 1)
        qFatal("secret job finished %d times", int(spy.count()));
    return owned;
}

QString TestSecretStore::newProfile()
{
    // Unique ids keep runs (and a shared developer keyring) from seeing each other.
    const QString id = QStringLiteral("test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_profiles.append(id);
    return id;
}

void TestSecretStore::initTestCase()
{
    // The keychain must be real here; a memory fallback would make every test below meaningless.
    QSignalSpy unavailable(&m_store, &SecretStore::keychainUnavailable);
    auto job = run(m_store.readSecret({newProfile(), SecretKind::Password}));
    if (job->error() == SecretJob::Error::KeychainUnavailable)
        QFAIL(qPrintable(QStringLiteral("no keychain: ") + job->errorString()));
    QCOMPARE(job->error(), SecretJob::Error::NoError);
    QVERIFY(!m_store.isMemoryOnly());
    QCOMPARE(unavailable.count(), 0);
}

void TestSecretStore::cleanupTestCase()
{
    for (const QString &profile : std::as_const(m_profiles))
        run(m_store.deleteAllFor(profile));
}

void TestSecretStore::keyIsNamespacedPerProfile()
{
    QCOMPARE((SecretKey{QStringLiteral("prod"), SecretKind::OAuth2RefreshToken}.storageKey()),
             QStringLiteral("accessdesk/prod/oauth2-refresh-token"));
    QCOMPARE((SecretKey{QStringLiteral("a/b"), SecretKind::Password}.storageKey()),
             QStringLiteral("accessdesk/a/b/password"));
    QCOMPARE(secretServiceName(), QStringLiteral("AccessDesk"));
    QStringList names;
    for (const SecretKind kind : allSecretKinds())
        names.append(secretKindName(kind));
    QCOMPARE(names.size(), 9);
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), 9);
}

void TestSecretStore::writeReadOverwriteDelete()
{
    const SecretKey key{newProfile(), SecretKind::PersonalToken};

    auto write = run(m_store.writeSecret(key, "first-value"));
    QCOMPARE(write->error(), SecretJob::Error::NoError);
    QVERIFY(!write->isMemoryOnly());

    auto read = run(m_store.readSecret(key));
    QCOMPARE(read->error(), SecretJob::Error::NoError);
    QVERIFY(read->found());
    QCOMPARE(read->value(), QByteArray("first-value"));

    // Another store (as the next run would) finds it: it is in the keychain, not in this object.
    SecretStore other;
    auto fromOther = run(other.readSecret(key));
    QVERIFY(!fromOther->isMemoryOnly());
    QCOMPARE(fromOther->value(), QByteArray("first-value"));

    auto overwrite = run(m_store.writeSecret(key, "second"));
    QCOMPARE(overwrite->error(), SecretJob::Error::NoError);
    auto reread = run(m_store.readSecret(key));
    QCOMPARE(reread->value(), QByteArray("second"));

    auto remove = run(m_store.deleteSecret(key));
    QCOMPARE(remove->error(), SecretJob::Error::NoError);
    auto gone = run(m_store.readSecret(key));
    QCOMPARE(gone->error(), SecretJob::Error::NoError);
    QVERIFY(!gone->found());
    QVERIFY(gone->value().isEmpty());

    // Deleting what is not there is not an error either.
    auto again = run(m_store.deleteSecret(key));
    QCOMPARE(again->error(), SecretJob::Error::NoError);
}

void TestSecretStore::notFoundIsNotAnError()
{
    auto read = run(m_store.readSecret({newProfile(), SecretKind::SessionCookie}));
    QCOMPARE(read->error(), SecretJob::Error::NoError);
    QVERIFY(!read->hasError());
    QVERIFY(!read->found());
    QVERIFY(read->value().isEmpty());
    QVERIFY(read->errorString().isEmpty());
}

void TestSecretStore::binaryValuesSurvive()
{
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary.append(char(i));
    static const char tail[] = "\0\0\xff\n\r-----BEGIN PRIVATE KEY-----";
    binary.append(tail, sizeof(tail) - 1);
    const SecretKey key{newProfile(), SecretKind::OAuth1PrivateKey};

    QCOMPARE(run(m_store.writeSecret(key, binary))->error(), SecretJob::Error::NoError);
    auto read = run(m_store.readSecret(key));
    QVERIFY(read->found());
    QCOMPARE(read->value().size(), binary.size());
    QCOMPARE(read->value(), binary);

    const QByteArray utf8 = QStringLiteral("pässwörd ✓ 密码").toUtf8();
    const SecretKey textKey{key.profileId, SecretKind::Password};
    QCOMPARE(run(m_store.writeSecret(textKey, utf8))->error(), SecretJob::Error::NoError);
    QCOMPARE(run(m_store.readSecret(textKey))->value(), utf8);
}

void TestSecretStore::profilesDoNotSeeEachOther()
{
    const QString a = newProfile();
    const QString b = newProfile();
    QCOMPARE(run(m_store.writeSecret({a, SecretKind::Password}, "alpha"))->error(),
             SecretJob::Error::NoError);

    auto fromB = run(m_store.readSecret({b, SecretKind::Password}));
    QVERIFY(!fromB->found());
    auto otherKind = run(m_store.readSecret({a, SecretKind::PersonalToken}));
    QVERIFY(!otherKind->found());

    QCOMPARE(run(m_store.writeSecret({b, SecretKind::Password}, "bravo"))->error(),
             SecretJob::Error::NoError);
    QCOMPARE(run(m_store.readSecret({a, SecretKind::Password}))->value(), QByteArray("alpha"));
    QCOMPARE(run(m_store.readSecret({b, SecretKind::Password}))->value(), QByteArray("bravo"));

    QCOMPARE(run(m_store.deleteAllFor(b))->error(), SecretJob::Error::NoError);
    QCOMPARE(run(m_store.readSecret({a, SecretKind::Password}))->value(), QByteArray("alpha"));
}

void TestSecretStore::deleteAllForRemovesEveryKind()
{
    const QString profile = newProfile();
    const QString neighbour = newProfile();
    for (const SecretKind kind : allSecretKinds()) {
        const QByteArray value = secretKindName(kind).toUtf8() + "-value";
        QCOMPARE(run(m_store.writeSecret({profile, kind}, value))->error(),
                 SecretJob::Error::NoError);
    }
    QCOMPARE(run(m_store.writeSecret({neighbour, SecretKind::Password}, "keep"))->error(),
             SecretJob::Error::NoError);
    for (const SecretKind kind : allSecretKinds())
        QVERIFY(run(m_store.readSecret({profile, kind}))->found());

    auto removeAll = run(m_store.deleteAllFor(profile));
    QCOMPARE(removeAll->operation(), SecretJob::Operation::DeleteAll);
    QCOMPARE(removeAll->error(), SecretJob::Error::NoError);

    for (const SecretKind kind : allSecretKinds()) {
        auto read = run(m_store.readSecret({profile, kind}));
        QCOMPARE(read->error(), SecretJob::Error::NoError);
        QVERIFY2(!read->found(), qPrintable(secretKindName(kind)));
    }
    QCOMPARE(run(m_store.readSecret({neighbour, SecretKind::Password}))->value(),
             QByteArray("keep"));
}

void TestSecretStore::invalidKeyIsRejected()
{
    auto job = run(m_store.writeSecret({QString(), SecretKind::Password}, "x"));
    QCOMPARE(job->error(), SecretJob::Error::InvalidKey);
    QVERIFY(!job->errorString().isEmpty());
    QCOMPARE(run(m_store.deleteAllFor(QString()))->error(), SecretJob::Error::InvalidKey);
}

void TestSecretStore::jobReportsAfterTheCallReturned()
{
    // Even an answer known at once (invalid key) arrives through the event loop, and an
    // auto-deleting job is gone afterwards.
    SecretJob *job = m_store.readSecret({QString(), SecretKind::Password});
    QPointer<SecretJob> watch(job);
    QSignalSpy spy(job, &SecretJob::finished);
    QCOMPARE(spy.count(), 0);
    QVERIFY(!job->isFinished());
    QVERIFY(spy.wait(5000));
    QTRY_VERIFY(watch.isNull());
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
