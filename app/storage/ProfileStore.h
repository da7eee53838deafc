#pragma once

#include "storage/ConnectionProfile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QSettings;

namespace accessdesk {

// Connection profiles in QSettings, under "profiles/<name>/…". The QSettings object (and so its
// file) is chosen by the caller. No secret is ever written here; removing a profile here does not
// remove its keychain entries or cached lists — the caller does that (SecretStore::deleteAllFor,
// OfflineCache::clear).
class ProfileStore final
{
    Q_DECLARE_TR_FUNCTIONS(ProfileStore)
    Q_DISABLE_COPY_MOVE(ProfileStore)

public:
    enum class SaveMode {
        CreateOnly,      // refuse when a profile of that name exists
        CreateOrReplace, // replace the profile of exactly that name
    };

    explicit ProfileStore(QSettings &settings);

    // Sorted by name.
    QList<ConnectionProfile> profiles() const;
    QStringList names() const;
    std::optional<ConnectionProfile> find(const QString &name) const;

    // Problems in plain words; empty when the profile may be saved.
    QStringList validate(const ConnectionProfile &profile,
                         SaveMode mode = SaveMode::CreateOrReplace) const;
    // Validates, then writes and syncs. On failure *problems (if given) says why.
    bool save(const ConnectionProfile &profile, SaveMode mode = SaveMode::CreateOrReplace,
              QStringList *problems = nullptr);
    // False when there was no such profile or the settings could not be written.
    bool remove(const QString &name);

    // Names such as "password", "apiToken", "client_secret": refused as option keys.
    static bool looksSecret(const QString &name);

private:
    bool sync();

    QSettings &m_settings;
};

} // namespace accessdesk
