#pragma once

#include "secrets/SecretJob.h"
#include "secrets/SecretKey.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

namespace QKeychain {
class Job;
}

namespace accessdesk {

// The keychain of the operating system, seen through QtKeychain (the only user of it).
//
// Rules: keys are namespaced per profile (SecretKey::storageKey()); "not found" means "nothing
// stored"; everything is asynchronous (SecretJob). When no keychain can be reached, the job that
// found out fails with KeychainUnavailable, keychainUnavailable() is emitted once, and from then
// on this store keeps secrets in memory for the rest of the run: writes succeed there, reads look
// there. There is never a plaintext file fallback; secrets kept in memory are gone at exit, and
// the UI/CLI must say so.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    SecretJob *readSecret(const SecretKey &key);
    SecretJob *writeSecret(const SecretKey &key, const QByteArray &value);
    SecretJob *deleteSecret(const SecretKey &key);
    // Removes every SecretKind of the profile (used when the profile is removed).
    SecretJob *deleteAllFor(const QString &profileId);

    // True once the keychain was found unavailable: secrets live in memory for this run only.
    bool isMemoryOnly() const { return m_memoryOnly; }
    // Why the keychain is unavailable (empty while it works).
    const QString &unavailableReason() const { return m_unavailableReason; }
    // The keychain's own words for it ("Could not connect: …"), without the sentence around them.
    const QString &unavailableDetail() const { return m_unavailableDetail; }

Q_SIGNALS:
    // Emitted once, when the store switches to memory only. reason is plain words for people.
    void keychainUnavailable(const QString &reason);

private:
    SecretJob *newJob(SecretJob::Operation operation, const SecretKey &key);
    bool rejectInvalid(SecretJob *job);
    // Starts a keychain job, remembered until it is answered (see ~SecretStore).
    void startWaiting(QKeychain::Job *keychainJob);
    void serveFromMemory(SecretJob *job, const QByteArray &value);
    void onKeychainFinished(SecretJob *job, QKeychain::Job *keychainJob, const QByteArray &value);
    void deleteNextKind(SecretJob *job, qsizetype index);
    // Returns true when the keychain error means "no keychain"; switches to memory then.
    bool handleKeychainError(SecretJob *job, QKeychain::Job *keychainJob);
    void switchToMemory(const QString &detail);
    void forgetInMemory(const QString &storageKey);

    bool m_memoryOnly = false;
    QString m_unavailableReason;
    QString m_unavailableDetail;
    QHash<QString, QByteArray> m_memory;
    QSet<QKeychain::Job *> m_waiting;
};

} // namespace accessdesk
