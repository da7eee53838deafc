#pragma once

#include "secrets/SecretKey.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace accessdesk {

class SecretStore;

// One keychain operation, started by SecretStore. It reports exactly once through finished(),
// always asynchronously (after the call that created it returned), then its result can be read.
// By default the job deletes itself after finished() has been delivered; call
// setAutoDelete(false) right after creating it to own it instead.
class SecretJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretJob)

public:
    enum class Operation { Read, Write, Delete, DeleteAll };
    enum class Error {
        NoError,
        // No usable keychain (no backend, no D-Bus session, …). The store has switched to memory.
        KeychainUnavailable,
        // The keychain refused (e.g. the user denied the unlock prompt). Nothing falls back.
        AccessDenied,
        // The key has no profile id.
        InvalidKey,
        // Any other keychain failure; errorString() has the details.
        Failed,
    };
    Q_ENUM(Error)

    ~SecretJob() override;

    Operation operation() const { return m_operation; }
    // For DeleteAll, kind is meaningless; profileId names the profile.
    const SecretKey &key() const { return m_key; }

    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    bool hasError() const { return m_error != Error::NoError; }
    // Plain words for people; never contains a secret.
    const QString &errorString() const { return m_errorString; }

    // Read: whether something was stored. "Not found" is not an error.
    bool found() const { return m_found; }
    // Read: the stored bytes (empty when nothing was found).
    const QByteArray &value() const { return m_value; }
    // The operation was served by (or also applied to) the in-memory store of this run.
    bool isMemoryOnly() const { return m_memoryOnly; }

    bool autoDelete() const { return m_autoDelete; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

Q_SIGNALS:
    void finished();

private:
    friend class SecretStore;
    SecretJob(Operation operation, SecretKey key, QObject *parent);

    // Records the outcome and emits finished() from the event loop. Only the first call counts.
    void finishLater();
    void setFailure(Error error, const QString &message);
    void setValue(const QByteArray &value);
    void setMemoryOnly(bool memoryOnly) { m_memoryOnly = memoryOnly; }

    Operation m_operation;
    SecretKey m_key;
    Error m_error = Error::NoError;
    QString m_errorString;
    QByteArray m_value;
    bool m_found = false;
    bool m_memoryOnly = false;
    bool m_autoDelete = true;
    bool m_finishQueued = false;
    bool m_finished = false;
};

} // namespace accessdesk
