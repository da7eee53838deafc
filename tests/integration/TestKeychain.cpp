#include "TestKeychain.h"

#include "secrets/SecretJob.h"
#include "secrets/SecretStore.h"
#include "storage/ProfileStore.h"

#include <QSignalSpy>
#include <QUuid>

#include <memory>

namespace accessdesk {

namespace {

// Waits for the job; it, now owned here, when it finished without an error.
std::unique_ptr<SecretJob> waitFor(SecretJob *job)
{
    job->setAutoDelete(false);
    std::unique_ptr<SecretJob> owned(job);
    QSignalSpy done(job, &SecretJob::finished);
    if (!(job->isFinished() || done.wait(30000)) || job->hasError())
        return nullptr;
    return owned;
}

} // namespace

TestKeychain::TestKeychain(SecretStore *secrets)
    : m_secrets(secrets)
{}

QString TestKeychain::uniqueName(const QString &stem)
{
    const QString name =
        stem + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    m_names.append(name);
    return name;
}

std::optional<QByteArray> TestKeychain::read(const QString &profile, SecretKind kind)
{
    const std::unique_ptr<SecretJob> job = waitFor(m_secrets->readSecret(SecretKey{profile, kind}));
    if (!job)
        return std::nullopt;
    return job->found() ? job->value() : QByteArray();
}

bool TestKeychain::write(const QString &profile, SecretKind kind, const QByteArray &value)
{
    return waitFor(m_secrets->writeSecret(SecretKey{profile, kind}, value)) &&
           !m_secrets->isMemoryOnly();
}

QString TestKeychain::addProfile(ProfileStore &store, ConnectionProfile profile, bool storePassword,
                                 QString *problem)
{
    profile.name = uniqueName(profile.name);
    QStringList problems;
    if (!store.save(profile, ProfileStore::SaveMode::CreateOnly, &problems)) {
        *problem = QStringLiteral("profile not saved: ") + problems.join(QLatin1Char(';'));
        return {};
    }
    if (storePassword && !write(profile.name, SecretKind::Password, profile.username.toUtf8())) {
        *problem = QStringLiteral("no keychain: run inside dbus-run-session with an unlocked "
                                  "gnome-keyring (scripts/test.sh does)");
        return {};
    }
    return profile.name;
}

bool TestKeychain::forgetAll()
{
    bool all = true;
    for (const QString &name : std::as_const(m_names))
        all = waitFor(m_secrets->deleteAllFor(name)) && all;
    m_names.clear();
    return all;
}

} // namespace accessdesk
