#pragma once

#include "services/ProfileProbe.h"
#include "services/SecretWriter.h"
#include "storage/ConnectionProfile.h"
#include "storage/ProfileStore.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

class QNetworkAccessManager;

namespace accessdesk {

class SecretStore;

// What to save: the profile, how (a new one, or replacing one of the same name), and its secrets.
struct ProfileSaveRequest
{
    ConnectionProfile profile;
    ProfileStore::SaveMode mode = ProfileStore::SaveMode::CreateOnly;
    // Typed in the app, read from the environment by the CLI. Empty values are not stored (an
    // edited profile whose password field was left empty keeps the stored password, as long as
    // its scheme, host and port stay the same: moved elsewhere, the stored one is forgotten).
    SecretWriter::Secrets secrets;
    // Sign-in secrets that are not given come from the profile's keychain entry (editing); refused
    // (CheckProfile) when the address moved to another origin, which must not get them unasked.
    bool useStoredSecrets = false;
};

// Saves a connection profile the one way the CLI's "profiles add" and the app's connection dialog
// both use: (1) check the profile, (2) probe the server with it (signed in when its sign-in
// secrets are at hand, else only that a Jira server with a trusted certificate answers), (3)
// store the secrets in the keychain, (4) write the profile. A step that fails undoes what the
// steps before it wrote: nothing half made is left behind. When no keychain exists the profile
// is still saved and secretOutcome() says its secrets live only in this process.
//
// A job: save(), then exactly one finished(), always after save() returned. save() again or
// cancel() drops the run under way, which then never reports.
class ProfileSaver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileSaver)

public:
    enum class Step { None, CheckProfile, Probe, StoreSecrets, WriteProfile };

    // profiles, secrets and network must outlive the saver.
    ProfileSaver(ProfileStore &profiles, SecretStore *secrets, QNetworkAccessManager *network,
                 QObject *parent = nullptr);
    ~ProfileSaver() override;

    void save(ProfileSaveRequest request);
    void cancel();

    bool isBusy() const { return m_busy; }
    bool succeeded() const { return !m_busy && m_failedAt == Step::None; }
    // Where it stopped; None on success.
    Step failedAt() const { return m_failedAt; }
    // CheckProfile / WriteProfile: the profile store's reasons, in plain words.
    const QStringList &profileProblems() const { return m_profileProblems; }
    // Probe: what the probe found (also on success: who we are, the server).
    const ProfileProbe &probe() const { return *m_probe; }
    // Whether the probe signed in, or only checked the server (no sign-in secret given).
    bool signInTested() const { return m_probe->depth() == ProfileProbe::Depth::SignIn; }
    SecretWriter::Outcome secretOutcome() const { return m_secretOutcome; }
    const QString &secretProblem() const { return m_secretProblem; }
    // The profile as written (a token profile records the user the server named).
    const ConnectionProfile &profile() const { return m_request.profile; }

    // The secrets a profile of this kind signs in with.
    static QList<SecretKind> signInSecrets(AuthKind kind);

signals:
    void finished();

private:
    void probed(quint64 run);
    void storeSecrets(quint64 run);
    void writeProfile(quint64 run, SecretWriter *writer);
    void forgetObsoleteSecrets(quint64 run);
    void fail(Step step);
    void finish();

    ProfileStore &m_profiles;
    SecretStore *m_secrets;
    ProfileProbe *m_probe;
    QPointer<SecretWriter> m_writer;
    ProfileSaveRequest m_request;
    std::optional<ConnectionProfile> m_before; // the profile this save replaces
    Step m_failedAt = Step::None;
    QStringList m_profileProblems;
    SecretWriter::Outcome m_secretOutcome = SecretWriter::Outcome::Stored;
    QString m_secretProblem;
    quint64 m_run = 0;
    bool m_busy = false;
};

} // namespace accessdesk
