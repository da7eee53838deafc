#pragma once

#include "secrets/SecretKey.h"
#include "storage/ConnectionProfile.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace accessdesk {

class ProfileStore;
class SecretStore;

// The session's real keychain as tests use it (gnome-keyring under dbus-run-session): every call
// waits for its answer, profile names are made unique so runs and a developer's own keyring stay
// apart, and forgetAll() removes the entries of every name handed out.
class TestKeychain final
{
public:
    explicit TestKeychain(SecretStore *secrets);

    // stem-1a2b3c4d, remembered for forgetAll().
    QString uniqueName(const QString &stem);
    // nullopt when the keychain failed; empty when nothing is stored.
    std::optional<QByteArray> read(const QString &profile, SecretKind kind);
    // False also when only memory took it: then the keychain checks would mean nothing.
    bool write(const QString &profile, SecretKind kind, const QByteArray &value);
    // Saves profile under a unique name made from its name, with the password (= its user name)
    // in the keychain when asked. The name, or an empty one with *problem.
    QString addProfile(ProfileStore &store, ConnectionProfile profile, bool storePassword,
                       QString *problem);
    // False when a removal did not finish.
    bool forgetAll();

private:
    SecretStore *m_secrets;
    QStringList m_names;
};

} // namespace accessdesk
