#pragma once

#include "AuthKind.h"
#include "secrets/SecretKey.h"
#include "services/ConnectionOptions.h"
#include "services/GrantRevoker.h"
#include "storage/Database.h"
#include "storage/ProfileStore.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSettings>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

namespace accessdesk {

class ActivityLog;
class ConnectionResolver;
class MyAccessController;
class OAuth2Renewal;
class OfflineCache;
class SecretStore;
class ServerConnection;

// What one running app needs: the network manager, the keychain, the saved profiles (the same
// settings file as accessdesk-cli, so both see the same profiles), the local database (the same
// file as the CLI's: activity log and offline cache), and the CURRENT connection.
//
// connectWith() / switchToProfile() run a ConnectionResolver; on success the new connection
// replaces the current one and connectionChanged() is emitted (the old one is deleted after every
// receiver has been re-pointed); on failure connectionFailed() says why and the current connection
// stays. A newer request abandons one still running.
//
// An OAuth 2.0 profile's tokens are renewed (OAuth2Renewal, as accessdesk-cli does) before its
// connection is used when the stored access token is refused, again shortly before a renewed
// token expires, and whenever the server answers the connection 401. The new pair goes to the
// keychain; a renewal the server refuses says "sign in again" through connectionFailed().
//
// Without a keychain (none running, so a profile's secret cannot be read) a profile that signs in
// with a password or token is not given up: secretNeeded() asks for the secret, and
// connectWithSecret() connects with the typed one, kept in memory for that connection only.
class AppSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppSession)

public:
    // Where the app keeps its files. Empty: the CLI's places (AppConfigLocation/profiles.ini,
    // AppDataLocation/accessdesk.sqlite). Tests give their own.
    struct Paths
    {
        QString settingsFile;
        QString dataDir;
    };

    // What secretNeeded() asks for: the profile, whose list (the offline cache, under who) can be
    // shown meanwhile, and which secret to type.
    struct SecretRequest
    {
        QString profile;
        AuthKind authKind = AuthKind::Basic;
        SecretKind kind = SecretKind::Password;
        ActivityContext who;     // profile, server and user, as the connection would have them
        QString notice;          // why it is asked, in plain words
        QString keychainDetails; // what the keychain said, for a tooltip
    };

    explicit AppSession(Paths paths = {}, QObject *parent = nullptr);
    ~AppSession() override;

    // For short-lived work beside the current connection (testing a profile). The current
    // connection has a network manager of its own (see connectWith()).
    QNetworkAccessManager *network() { return &m_network; }
    SecretStore *secrets() const { return m_secrets; }
    QSettings &settings() { return *m_settings; }
    ProfileStore &profiles() { return m_profiles; }
    // Null when the database could not be opened (databaseError() says why): the app still
    // works, without a record of changes or cached lists.
    ActivityLog *activityLog() const { return m_activityLog.get(); }
    OfflineCache *offlineCache() const { return m_offlineCache.get(); }
    // For other stores on the same file (expiry announcements); null when not open.
    Database *database() { return m_database.isOpen() ? &m_database : nullptr; }
    QString databaseError() const { return m_databaseError; }
    // What the window tells the user when the database could not be opened (corrupt, locked by
    // another program, not writable): the app goes on without it. Empty when it is open.
    QString storageProblem() const;

    // Null until the first connection succeeded.
    ServerConnection *connection() const { return m_connection.get(); }
    const ActivityContext &who() const { return m_who; }
    // The profile of the current connection; empty for a --server connection or none.
    const QString &profileName() const { return m_who.profile; }
    bool isConnecting() const { return !m_resolver.isNull(); }
    // What is being connected to (a profile name or a URL) while isConnecting().
    const QString &connectingTo() const { return m_connectingTo; }
    // The connection the app was started with by --server, once it succeeded, so the switcher
    // can go back to it.
    const std::optional<ConnectionOptions> &adHocOptions() const { return m_adHoc; }

    // The profile to open when the command line names none: the last one used, if it is still
    // stored; else the only stored one; else none.
    QString startupProfile() const;
    QString lastUsedProfile() const;

    // At start-up: connects with options that name a server, else with startupProfile().
    // False when there is nothing to connect to (the window says how to add a server).
    bool start(const ConnectionOptions &options);
    void connectWith(const ConnectionOptions &options);
    void switchToProfile(const QString &name);
    void switchToAdHoc();
    // The answer to secretNeeded(): connects to secretRequest()'s profile with this secret (used,
    // never stored). declineSecret() gives up and says so (connectionFailed()).
    void connectWithSecret(const QString &secret);
    void declineSecret();
    // The open question of secretNeeded(); nullopt when none is open.
    const std::optional<SecretRequest> &secretRequest() const { return m_secretRequest; }

    // Keeps controller on the current connection: on each connectionChanged() it gets the
    // connection and the activity log, then probes and refreshes.
    void keepPointed(MyAccessController *controller);
    // Whoever saves or removes a profile calls this, so the switcher lists it.
    void notifyProfilesChanged();

signals:
    void connectingStarted();
    void connectionChanged();
    void connectionFailed(const QString &message);
    // The keychain cannot give the profile's secret: ask the user (secretRequest() says for what),
    // then connectWithSecret() or declineSecret().
    void secretNeeded();
    void profilesChanged();

private:
    void openDatabase(const QString &dataDir);
    void begin(const ConnectionOptions &options, std::optional<SecretKind> givenKind = {},
               const QString &given = {});
    void resolved(ConnectionResolver *resolver);
    void adopt(ConnectionResolver *resolver);
    // Renews the current connection's OAuth 2.0 tokens (always, or only when due).
    void renewCurrent(bool force);
    OAuth2Renewal *renewal(ServerConnection *connection, const ConnectionProfile &profile,
                           const QString &accessToken, const QDateTime &expiresAt, bool force,
                           QObject *parent);
    // After a renewal: the connection signs with the new token; the next renewal is timed.
    void useRenewed(ServerConnection *connection, const OAuth2Renewal &renewal);
    QString renewalRefused(const QString &profile) const;
    std::optional<SecretRequest> secretRequestFor(const ConnectionResolver &resolver) const;
    QString messageFor(const ConnectionResolver &resolver) const;

    QNetworkAccessManager m_network;
    SecretStore *m_secrets;
    std::unique_ptr<QSettings> m_settings;
    ProfileStore m_profiles;
    Database m_database;
    std::unique_ptr<ActivityLog> m_activityLog;
    std::unique_ptr<OfflineCache> m_offlineCache;
    QString m_databaseError;
    std::unique_ptr<ServerConnection> m_connection;
    ActivityContext m_who;
    std::optional<ConnectionOptions> m_adHoc;
    QPointer<ConnectionResolver> m_resolver;
    QString m_connectingTo;
    // The current connection's OAuth 2.0 access token (memory only), its renewal and its timing.
    QString m_oauth2AccessToken;
    QDateTime m_oauth2ExpiresAt;
    QPointer<OAuth2Renewal> m_renewal;
    QDateTime m_lastRenewal;
    QTimer m_renewTimer;
    std::optional<SecretRequest> m_secretRequest;
};

} // namespace accessdesk
