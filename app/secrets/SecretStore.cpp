#include "secrets/SecretStore.h"

#include "secrets/SecretsLogging.h"

#include <qt6keychain/keychain.h>

#ifdef ACCESSDESK_HAVE_QTDBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusVariant>
#endif

namespace accessdesk {

namespace {

QString unavailableMessage(const QString &detail)
{
    return SecretStore::tr("No keychain is available (%1). Secrets are kept in memory for this run "
                           "only and will be asked for again next time.")
        .arg(detail);
}

template<typename KeychainJob>
KeychainJob *newKeychainJob(SecretStore *store, const QString &storageKey)
{
    // Owned by the store and deleting itself once answered (see ~SecretStore for one still
    // waiting then); never the insecure QSettings fallback.
    auto *job = new KeychainJob(secretServiceName(), store);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(storageKey);
    return job;
}

// Whether the Secret Service (freedesktop.org) holds this entry in a locked collection.
// QtKeychain's libsecret backend reports such an entry as "not found" when the unlock prompt
// cannot be shown or is dismissed, which would send the user off to save again a secret that is
// there. Asked only after such a "not found"; never starts a Secret Service that is not running.
bool lockedInSecretService(const QString &storageKey)
{
#ifdef ACCESSDESK_HAVE_QTDBUS
    const QString service = QStringLiteral("org.freedesktop.secrets");
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface() || !bus.interface()->isServiceRegistered(service))
        return false;
    using Attributes = QMap<QString, QString>;
    qDBusRegisterMetaType<Attributes>();
    QDBusMessage search = QDBusMessage::createMethodCall(
        service, QStringLiteral("/org/freedesktop/secrets"),
        QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("SearchItems"));
    // The attributes QtKeychain's libsecret backend stores an entry under.
    search << QVariant::fromValue(Attributes{{QStringLiteral("user"), storageKey},
                                             {QStringLiteral("server"), secretServiceName()}});
    const QDBusMessage reply = bus.call(search, QDBus::Block, 2000);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 2)
        return false;
    return !qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().at(1)).isEmpty();
#else
    Q_UNUSED(storageKey)
    return false;
#endif
}

// Whether the Secret Service's default collection (where QtKeychain's libsecret backend creates
// entries) is locked. gnome-keyring refuses to create an item in a locked collection with
// "access denied"; this tells that refusal apart from a denial the user chose.
bool defaultCollectionLocked()
{
#ifdef ACCESSDESK_HAVE_QTDBUS
    const QString service = QStringLiteral("org.freedesktop.secrets");
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface() || !bus.interface()->isServiceRegistered(service))
        return false;
    QDBusMessage get = QDBusMessage::createMethodCall(
        service, QStringLiteral("/org/freedesktop/secrets/aliases/default"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    const QDBusMessage reply = bus.call(get, QDBus::Block, 2000);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return false;
    return qdbus_cast<QDBusVariant>(reply.arguments().constFirst()).variant().toBool();
#else
    return false;
#endif
}

QString lockedMessage()
{
    return SecretStore::tr("The keychain is locked and could not be unlocked here. Unlock it (sign "
                           "in to the desktop session, or use your keyring's unlock tool) and try "
                           "again.");
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{}

SecretStore::~SecretStore()
{
    // QtKeychain's libsecret backend hands each job to libsecret's callback, which runs when the
    // Secret Service answers, store or no store: deleting a job still waiting would crash the
    // app there. Those few are let go and delete themselves when answered (autoDelete).
    for (QKeychain::Job *job : std::as_const(m_waiting))
        job->setParent(nullptr);
    for (auto &value : m_memory)
        value.fill('\0');
}

SecretJob *SecretStore::newJob(SecretJob::Operation operation, const SecretKey &key)
{
    return new SecretJob(operation, key, this);
}

bool SecretStore::rejectInvalid(SecretJob *job)
{
    if (job->key().isValid())
        return false;
    job->setFailure(SecretJob::Error::InvalidKey, tr("A secret needs a connection profile."));
    job->finishLater();
    return true;
}

SecretJob *SecretStore::readSecret(const SecretKey &key)
{
    SecretJob *job = newJob(SecretJob::Operation::Read, key);
    if (rejectInvalid(job))
        return job;
    if (m_memoryOnly) {
        job->setMemoryOnly(true);
        const auto it = m_memory.constFind(key.storageKey());
        if (it != m_memory.constEnd())
            job->setValue(it.value());
        job->finishLater();
        return job;
    }
    auto *keychainJob = newKeychainJob<QKeychain::ReadPasswordJob>(this, key.storageKey());
    connect(keychainJob, &QKeychain::Job::finished, job,
            [this, job, keychainJob] { onKeychainFinished(job, keychainJob, {}); });
    startWaiting(keychainJob);
    return job;
}

SecretJob *SecretStore::writeSecret(const SecretKey &key, const QByteArray &value)
{
    SecretJob *job = newJob(SecretJob::Operation::Write, key);
    if (rejectInvalid(job))
        return job;
    if (m_memoryOnly) {
        serveFromMemory(job, value);
        return job;
    }
    auto *keychainJob = newKeychainJob<QKeychain::WritePasswordJob>(this, key.storageKey());
    keychainJob->setBinaryData(value);
    connect(keychainJob, &QKeychain::Job::finished, job,
            [this, job, keychainJob, value] { onKeychainFinished(job, keychainJob, value); });
    startWaiting(keychainJob);
    return job;
}

SecretJob *SecretStore::deleteSecret(const SecretKey &key)
{
    SecretJob *job = newJob(SecretJob::Operation::Delete, key);
    if (rejectInvalid(job))
        return job;
    if (m_memoryOnly) {
        job->setMemoryOnly(true);
        forgetInMemory(key.storageKey());
        job->finishLater();
        return job;
    }
    auto *keychainJob = newKeychainJob<QKeychain::DeletePasswordJob>(this, key.storageKey());
    connect(keychainJob, &QKeychain::Job::finished, job,
            [this, job, keychainJob] { onKeychainFinished(job, keychainJob, {}); });
    startWaiting(keychainJob);
    return job;
}

SecretJob *SecretStore::deleteAllFor(const QString &profileId)
{
    SecretJob *job = newJob(SecretJob::Operation::DeleteAll, SecretKey{profileId, {}});
    if (rejectInvalid(job))
        return job;
    for (const SecretKind kind : allSecretKinds())
        forgetInMemory(SecretKey{profileId, kind}.storageKey());
    if (m_memoryOnly) {
        job->setMemoryOnly(true);
        job->finishLater();
        return job;
    }
    deleteNextKind(job, 0);
    return job;
}

void SecretStore::deleteNextKind(SecretJob *job, qsizetype index)
{
    const QList<SecretKind> kinds = allSecretKinds();
    if (index >= kinds.size()) {
        job->finishLater();
        return;
    }
    const SecretKey key{job->key().profileId, kinds.at(index)};
    auto *keychainJob = newKeychainJob<QKeychain::DeletePasswordJob>(this, key.storageKey());
    connect(keychainJob, &QKeychain::Job::finished, job, [this, job, keychainJob, index] {
        if ((keychainJob->error() == QKeychain::EntryNotFound ||
             keychainJob->error() == QKeychain::NoError) &&
            !job->hasError() && lockedInSecretService(keychainJob->key())) {
            // Still there, only locked (see onKeychainFinished): said, and the others tried.
            job->setFailure(SecretJob::Error::AccessDenied, lockedMessage());
        } else if (keychainJob->error() != QKeychain::NoError &&
                   keychainJob->error() != QKeychain::EntryNotFound) {
            if (handleKeychainError(job, keychainJob)) {
                job->finishLater();
                return;
            }
            // Keep going: one stuck entry should not keep the others alive. The first error
            // is the one reported.
        }
        deleteNextKind(job, index + 1);
    });
    startWaiting(keychainJob);
}

void SecretStore::startWaiting(QKeychain::Job *keychainJob)
{
    m_waiting.insert(keychainJob);
    connect(keychainJob, &QKeychain::Job::finished, this,
            [this, keychainJob] { m_waiting.remove(keychainJob); });
    keychainJob->start();
}

void SecretStore::serveFromMemory(SecretJob *job, const QByteArray &value)
{
    job->setMemoryOnly(true);
    m_memory.insert(job->key().storageKey(), value);
    job->finishLater();
}

void SecretStore::onKeychainFinished(SecretJob *job, QKeychain::Job *keychainJob,
                                     const QByteArray &value)
{
    const QKeychain::Error error = keychainJob->error();
    // A delete that "found nothing" (or "succeeded" without deleting: the libsecret backend says
    // so for an entry in a locked collection) left the secret in the keychain: the caller must
    // not think it gone.
    if (job->operation() == SecretJob::Operation::Delete &&
        (error == QKeychain::NoError || error == QKeychain::EntryNotFound) &&
        lockedInSecretService(job->key().storageKey())) {
        job->setFailure(SecretJob::Error::AccessDenied, lockedMessage());
        job->finishLater();
        return;
    }
    if (error == QKeychain::NoError) {
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(keychainJob))
            job->setValue(read->binaryData());
    } else if (error == QKeychain::EntryNotFound) {
        if (job->operation() == SecretJob::Operation::Read &&
            lockedInSecretService(job->key().storageKey()))
            job->setFailure(SecretJob::Error::AccessDenied, lockedMessage());
    } else {
        if (handleKeychainError(job, keychainJob)) {
            // The keychain is gone for this run: the value still has to live somewhere the
            // caller can read it back, and memory is the only safe place.
            const QString storageKey = job->key().storageKey();
            if (job->operation() == SecretJob::Operation::Write)
                m_memory.insert(storageKey, value);
            else if (job->operation() == SecretJob::Operation::Delete)
                forgetInMemory(storageKey);
            else if (m_memory.contains(storageKey))
                job->setValue(m_memory.value(storageKey));
        }
    }
    job->finishLater();
}

bool SecretStore::handleKeychainError(SecretJob *job, QKeychain::Job *keychainJob)
{
    const QString detail = keychainJob->errorString();
    qCWarning(lcSecrets) << "keychain error" << keychainJob->error() << detail << "for"
                         << keychainJob->key();
    switch (keychainJob->error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        switchToMemory(detail);
        if (!job->hasError())
            job->setFailure(SecretJob::Error::KeychainUnavailable, unavailableMessage(detail));
        job->setMemoryOnly(true);
        return true;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        if (!job->hasError())
            job->setFailure(SecretJob::Error::AccessDenied,
                            keychainJob->error() == QKeychain::AccessDenied &&
                                    defaultCollectionLocked()
                                ? lockedMessage()
                                : tr("Access to the keychain was denied: %1").arg(detail));
        return false;
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
    case QKeychain::CouldNotDeleteEntry:
        break;
    }
    if (!job->hasError())
        job->setFailure(SecretJob::Error::Failed,
                        tr("The keychain reported an error: %1").arg(detail));
    return false;
}

void SecretStore::switchToMemory(const QString &detail)
{
    if (m_memoryOnly)
        return;
    m_memoryOnly = true;
    m_unavailableReason = unavailableMessage(detail);
    m_unavailableDetail = detail;
    qCWarning(lcSecrets) << "no keychain; keeping secrets in memory for this run:" << detail;
    Q_EMIT keychainUnavailable(m_unavailableReason);
}

void SecretStore::forgetInMemory(const QString &storageKey)
{
    auto it = m_memory.find(storageKey);
    if (it == m_memory.end())
        return;
    it.value().fill('\0');
    m_memory.erase(it);
}

} // namespace accessdesk
