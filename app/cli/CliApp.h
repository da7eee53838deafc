#pragma once

#include "cli/CliOptions.h"
#include "cli/ExitCode.h"
#include "secrets/SecretKey.h"
#include "services/ConnectionResolver.h"
#include "services/GrantRevoker.h"
#include "services/TokenSweep.h"
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
class StaleTokenRule;
class TokenInventorySearch;
struct OAuth2Tokens;
struct TokenInventoryQuery;
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
    explicit CliApp(CliOptions options, QObject *parent = nullptr);
    ~CliApp() override;
    void run();

signals:
    void done(int exitCode);

private:
    using Then = std::function<void()>;

    // Connection set-up (CliConnection.cpp): ConnectionResolver does the work; these map its
    // outcome to the CLI's exit codes and messages.
    void resolveThen(ConnectionResolver::Purpose purpose, Then then);
    void connectThen(Then then);
    void failConnecting(ConnectionError error, const QString &message, const ApiError &apiError);
    void resolveSecretThen(const QString &envVar, SecretKind kind, const QString &what,
                           std::function<void(QString)> then);
    bool openActivityLog();

    // Commands (CliCommands.cpp, CliProfiles.cpp)
    void dispatch();
    void probe();
    void tokensList();
    void tokensRevoke(const QStringList &ids);
    void patList();
    void patCreate(const QString &name);
    void patRevoke(const QStringList &ids);
    void revoke(const QList<AccessGrant> &grants);
    void profilesAdd(const QString &name);
    void profilesList();
    void profilesRemove(const QString &name);
    void activityList(bool csv);

    // admin-pats (CliAdminPats.cpp): every user's personal access tokens, for system admins.
    void adminPats(const QString &sub, const QStringList &args);
    void adminPatsRevokeIds(const QList<qint64> &ids);
    void adminPatsSweep(const TokenInventoryQuery &query, const StaleTokenRule &rule);
    bool checkReceiptPath();
    void adminPatsList(const TokenInventoryQuery &query);
    void adminPatsCollect(const TokenInventoryQuery &query,
                          std::function<bool(const TokenInventorySearch &)> enough,
                          std::function<void(QList<PersonalToken>)> then);
    void failAdminSearch(const TokenInventorySearch &search);
    void adminPatsRevoke(QList<PersonalToken> tokens, const QString &question);
    void adminPatsReport(const QList<TokenSweep::Item> &items, const ApiError &verifyError);

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
    void storeProfileSecretsThen(const ConnectionProfile &profile,
                                 const QList<std::pair<SecretKind, QString>> &secrets,
                                 const QString &what);

    // Asks before a revoke; false (after saying why, exit 2) unless the answer is yes.
    bool confirmRevoke(const QString &question);
    void print(const CommandOutput &output);
    void fail(const ApiError &error);
    void failWith(ExitCode code, const QString &message);
    void finish(ExitCode code);

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
    bool m_finished = false;
};

} // namespace accessdesk::cli
