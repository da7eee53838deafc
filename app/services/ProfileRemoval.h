#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

namespace accessdesk {

class OfflineCache;
class ProfileStore;
class SecretJob;
class SecretStore;

// Removing a connection profile, for the CLI and the app alike: its keychain entries first (a
// profile whose secrets could not be removed stays, so the removal can be tried again), then the
// profile, then its cached lists. A job: finished() is emitted exactly once, never from start().
class ProfileRemoval final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileRemoval)

public:
    enum class Error { None, UnknownProfile, KeychainRefused, SettingsNotWritten };

    // cache may be null (nothing cached to forget). All must outlive the job.
    ProfileRemoval(QString name, ProfileStore &profiles, SecretStore *secrets, OfflineCache *cache,
                   QObject *parent = nullptr);
    void start();

    const QString &name() const { return m_name; }
    Error error() const { return m_error; }
    // The keychain's own words when error() is KeychainRefused.
    const QString &keychainError() const { return m_keychainError; }

signals:
    void finished();

private:
    void onSecretsDeleted(SecretJob *job);
    void finish(Error error);

    QString m_name;
    ProfileStore &m_profiles;
    SecretStore *m_secrets;
    OfflineCache *m_cache;
    Error m_error = Error::None;
    QString m_keychainError;
};

} // namespace accessdesk
