#include "services/ProfileRemoval.h"

#include "secrets/SecretJob.h"
#include "secrets/SecretStore.h"
#include "storage/OfflineCache.h"
#include "storage/ProfileStore.h"

#include <QTimer>

namespace accessdesk {

ProfileRemoval::ProfileRemoval(QString name, ProfileStore &profiles, SecretStore *secrets,
                               OfflineCache *cache, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_cache(cache)
{}

void ProfileRemoval::start()
{
    if (!m_profiles.find(m_name)) {
        // Callers connect to finished() after start(), too.
        QTimer::singleShot(0, this, [this] { finish(Error::UnknownProfile); });
        return;
    }
    SecretJob *job = m_secrets->deleteAllFor(m_name);
    connect(job, &SecretJob::finished, this, [this, job] { onSecretsDeleted(job); });
}

void ProfileRemoval::onSecretsDeleted(SecretJob *job)
{
    // Without a keychain there is nothing stored to delete (secrets lived in memory at most).
    if (job->error() != SecretJob::Error::NoError &&
        job->error() != SecretJob::Error::KeychainUnavailable) {
        m_keychainError = job->errorString();
        finish(Error::KeychainRefused);
        return;
    }
    if (!m_profiles.remove(m_name)) {
        finish(Error::SettingsNotWritten);
        return;
    }
    if (m_cache)
        m_cache->clear(m_name);
    finish(Error::None);
}

void ProfileRemoval::finish(Error error)
{
    m_error = error;
    emit finished();
}

} // namespace accessdesk
