#pragma once

#include "cli/CliOptions.h"
#include "cli/ExitCode.h"
#include "secrets/SecretKey.h"
#include "services/ConnectionResolver.h"
#include "services/GrantRevoker.h"
#include "services/ProfileSaver.h"
#include "services/SecretReader.h"
#include "services/SecretWriter.h"
#include "storage/ConnectionProfile.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QSettings>
#include <QTextStream>

#include <functional>
#include <memory>

namespace accessdesk {
class ActivityLog;
class Database;
class OfflineCache;
class ProfileStore;
class SecretStore;
class ServerConnection;
struct OAuth2Tokens;
} // namespace accessdesk

namespace accessdesk::cli {

// accessdesk-cli: gets its connection from ConnectionResolver (options, profile, environment,
// keychain), runs one command through the same services the desktop app uses, and exits with a
// documented code.
class CliApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliApp)

public:
    using Then = std::function<void()>;

    explicit CliApp(CliOptions options, QObject *parent = nullptr);
    ~CliApp() override;
    void run();

    // What a command group (CliCommandGroup) works with.
    const CliOptions &options() const { return m_options; }
    // Resolves the connection (options, profile, environment, keychain), then then(); a failure
    // ends the run with its exit code.
    void connectThen(Then then);
    // Valid inside connectThen()'s then().
    ServerConnection *connection() const { return m_connection.get(); }
    const ActivityContext &who() const { return m_who; }
    QNetworkAccessManager *network() { return &m_network; }
    SecretStore *secrets() const { return m_secrets; }
    // The activity log every change is written to; null after it could not be opened (the run
    // has then ended with a message).
    ActivityLog *activityLog() { return openActivityLog() ? m_activity.get() : nullptr; }
    // One secret through SecretReader (environment, then the profile's keychain entry); a
    // failure ends the command. With optional, a keychain without the entry gives "".
    void readSecretThen(SecretSource source, std::function<void(QString)> then,
                        bool optional = false);
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    // Asks before a revoke; false (after saying why, exit 2) unless the answer is yes.
    bool confirmRevoke(const QString &question);
    bool isFinished() const { return m_finished; }
    void print(const CommandOutput &output);
    void fail(const ApiError &error);
    // The error's words, with the refused certificate's details, the pinned fingerprint it
    // differs from (a pinned profile) and how to trust it (TLS only). The one copy of these
    // words: every command that meets a refused certificate prints them through here.
    QString withCertificate(const ApiError &error) const;
    void failWith(ExitCode code, const QString &message);
    void finish(ExitCode code);

signals:
    void done(int exitCode);

private:
    // Connection set-up (CliConnection.cpp): ConnectionResolver does the work; these map its
    // outcome to the CLI's exit codes and messages.
    void resolveThen(ConnectionResolver::Purpose purpose, Then then);
    void failConnecting(ConnectionError error, const QString &message, const ApiError &apiError);
    // forChanges: a command about to change something fails at once when another program
    // holds the log (its first write would only wait for the same lock, and fail).
    bool openActivityLog(bool forChanges = true);

    // Commands (CliCommands.cpp, CliProfiles.cpp)
    void dispatch();
    void probe();
    void tokensList();
    void tokensRevoke(const QStringList &ids);
    void patList();
    void patCreate(const QString &name);
    void patRevoke(const QStringList &ids);
    // fromList: the grants were found in the user's list (tokens revoke), not only named by id.
    void revoke(const QList<AccessGrant> &grants, bool fromList = true);
    void profilesAdd(const QString &name);
    void readSecretsThen(QList<SecretSource> sources,
                         std::function<void(SecretWriter::Secrets)> then,
                         SecretWriter::Secrets read = {});
    void saveProfile(ProfileSaveRequest request);
    void profilesList();
    void profilesRemove(const QString &name);
    void activityList(bool csv);

    // Sign-in flows (CliAuthorize.cpp)
    void oauth1Authorize();
    void oauth2Login();
    void oauth2Refresh();
    // For connections of --auth oauth2 with a profile, after buildConnection(): when the access
    // token is refused (401 on myself) and a refresh token is stored, refreshes once, stores the
    // new pair, puts it on m_connection, then then(). Tokens from --token-env are left as given.
    void refreshOAuth2IfNeededThen(const QString &accessToken, Then then);
    void runOAuth2Refresh(const QString &accessToken, bool force,
                          std::function<void(bool refreshed)> then);
    void prepareServerThen(Then then);
    void printOAuth2Tokens(const OAuth2Tokens &tokens);
    // profile.authKind (OAuth1 or OAuth2) says which tokens these are, in the messages.
    void storeProfileSecretsThen(const ConnectionProfile &profile,
                                 const QList<std::pair<SecretKind, QString>> &secrets);

    CliOptions m_options;
    std::optional<ConnectionProfile> m_profile;
    QNetworkAccessManager m_network;
    std::unique_ptr<ServerConnection> m_connection;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ActivityLog> m_activity;
    std::unique_ptr<OfflineCache> m_offlineCache; // profiles remove: its cached lists go too
    std::unique_ptr<ProfileStore> m_profileStore;
    std::unique_ptr<QSettings> m_settings;
    SecretStore *m_secrets = nullptr;
    ActivityContext m_who;
    QTextStream m_out;
    QTextStream m_err;
    QString m_keychainNotice; // the keychain is unavailable; not said yet
    bool m_finished = false;
};

} // namespace accessdesk::cli
