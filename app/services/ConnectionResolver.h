#pragma once

#include "AuthKind.h"
#include "api/ApiError.h"
#include "secrets/SecretKey.h"
#include "services/ConnectionError.h"
#include "services/ConnectionOptions.h"
#include "services/GrantRevoker.h"
#include "storage/ConnectionProfile.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace accessdesk {

class Credentials;
class ProfileStore;
class SecretStore;
class ServerConnection;

// Turns connection options into a ready ServerConnection, for the CLI and the desktop app alike:
// the profile (ProfileStore) or --server; the secrets from the environment variables the options
// name or from the profile's keychain entries (SecretStore); basic, session (logged in once here),
// pat, oauth2 and oauth1 credentials; pinned certificate, CA file and timeout. An option given on
// the command line wins over the profile's setting. Signing in over plain http:// to another
// computer is refused (Usage) unless --allow-http or the profile consents (PlainHttpRule).
//
// A job: start(), then exactly one finished(), always after start() returned. On success
// takeConnection() hands the connection over; who() and profile() say what was resolved. Deleting
// the resolver before it finished abandons it (a running login is aborted).
//
// OAuth 2.0 access tokens are used as given: refreshing a stored one that the server refuses is
// the caller's choice (accessdesk-cli and AppSession both do it with OAuth2Renewal, bearerToken()
// and the profile).
class ConnectionResolver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionResolver)

public:
    enum class Purpose {
        SignIn,     // credentials of the resolved kind (and a session login)
        ServerOnly, // no credentials: for flows that sign their own requests (OAuth sign-in)
    };

    // The profile is looked up here, so profiles need not outlive the constructor; secrets and
    // network must outlive the resolver and the connection it hands over.
    ConnectionResolver(ConnectionOptions options, const ProfileStore &profiles,
                       SecretStore *secrets, QNetworkAccessManager *network,
                       QObject *parent = nullptr);
    // A profile that is not stored (yet): saving one tests it first (ProfileProbe). Its secrets
    // are the given ones; the keychain is asked only after setKeychainFallback(true).
    ConnectionResolver(ConnectionProfile profile, SecretStore *secrets,
                       QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ConnectionResolver() override;

    // A secret the user typed: used before any environment variable or keychain entry. Empty
    // values are ignored.
    void setGivenSecret(SecretKind kind, const QString &value);
    void setKeychainFallback(bool fallback) { m_keychainFallback = fallback; }

    void setPurpose(Purpose purpose) { m_purpose = purpose; }
    void start();

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && m_error == ConnectionError::None; }
    ConnectionError error() const { return m_error; }
    const QString &errorString() const { return m_errorString; }
    // The server's answer behind LoginRefused.
    const ApiError &apiError() const { return m_apiError; }
    // What the keychain said behind KeychainUnavailable / KeychainRefused.
    const QString &keychainError() const { return m_secretKeychainError; }

    // Null before success and after the first call.
    std::unique_ptr<ServerConnection> takeConnection();
    ServerConnection *connection() const { return m_connection.get(); }
    const ActivityContext &who() const { return m_who; }
    const std::optional<ConnectionProfile> &profile() const { return m_profile; }
    const ConnectionOptions &options() const { return m_options; }
    AuthKind authKind() const { return m_authKind; }
    // basic and session: the password, kept in memory for websudo (a session connection already
    // carries it for that). Empty for the other kinds.
    const QString &password() const { return m_password; }
    // pat and oauth2: the token the connection carries, for a caller that refreshes it.
    const QString &bearerToken() const { return m_bearerToken; }

signals:
    void finished();

private:
    using Then = std::function<void()>;

    void run();
    bool resolveServer();
    void signIn();
    void signInWithPassword(const QString &user);
    void signInWithToken();
    void signInWithOAuth1();
    void secretThen(const QString &envVar, SecretKind kind, const QString &what,
                    std::function<void(const QString &)> then);
    // Settings from options and profile; false (after failing) when the CA file is unusable.
    bool buildConnection(std::shared_ptr<const Credentials> credentials);
    void logInThen(const QString &user, const QString &password);
    void fail(ConnectionError error, const QString &message);
    void succeed();

    ConnectionOptions m_options;
    std::optional<ConnectionProfile> m_profile;
    bool m_profileMissing = false;
    SecretStore *m_secrets;
    QNetworkAccessManager *m_network;
    Purpose m_purpose = Purpose::SignIn;
    AuthKind m_authKind = AuthKind::Basic;
    std::unique_ptr<ServerConnection> m_connection;
    ActivityContext m_who;
    QString m_password;
    QString m_bearerToken;
    QHash<SecretKind, QString> m_givenSecrets; // memory only
    bool m_keychainFallback = true;
    QString m_secretKeychainError;
    ConnectionError m_error = ConnectionError::None;
    QString m_errorString;
    ApiError m_apiError;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace accessdesk
