#pragma once

#include "api/ApiError.h"
#include "services/ConnectionError.h"
#include "services/ProbeJob.h"
#include "services/SecretWriter.h"
#include "storage/ConnectionProfile.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace accessdesk {

class ConnectionResolver;
class SecretStore;
class ServerConnection;

// Tests a connection profile that may not be stored yet: builds its connection exactly as the app
// and the CLI will use it (ConnectionResolver, with the secrets given and, when asked, the ones
// in the profile's keychain entry) and asks the server who we are. The connection dialog's "Test
// connection" and every profile save (ProfileSaver) go through here.
//
// SignIn probes with the credentials (ProbeJob: server, user, rights, features). ServerOnly sends
// no credentials and only checks that a Jira server answers at the address with a certificate we
// trust (serverInfo): for profiles whose tokens come later (oauth1 authorize, oauth2 login).
//
// One probe at a time: start() drops a probe still running, which then never reports; otherwise
// exactly one finished() per start(), always after start() returned.
class ProfileProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileProbe)

public:
    enum class Depth { SignIn, ServerOnly };

    // secrets and network must outlive the probe.
    ProfileProbe(SecretStore *secrets, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ProfileProbe() override;

    void start(const ConnectionProfile &profile, const SecretWriter::Secrets &given, Depth depth,
               bool useStoredSecrets);
    void cancel();

    bool isBusy() const { return m_busy; }
    Depth depth() const { return m_depth; }
    bool succeeded() const
    {
        return !m_busy && m_setupError == ConnectionError::None && !m_apiError.isError();
    }
    // The connection could not be built (a secret missing, the keychain refusing, a login
    // refused). setupErrorString() is in accessdesk-cli's words; keychainError() is what the
    // keychain said.
    ConnectionError setupError() const { return m_setupError; }
    const QString &setupErrorString() const { return m_setupErrorString; }
    const QString &keychainError() const { return m_keychainError; }
    // What the server answered (or the network said), when it was asked.
    const ApiError &apiError() const { return m_apiError; }
    // SignIn: everything; ServerOnly: only report().server.
    const ProbeReport &report() const { return m_report; }

signals:
    void finished();

private:
    void resolved(ConnectionResolver *resolver, quint64 run);
    void probeSignedIn(quint64 run);
    void probeServerOnly(quint64 run);
    void finish();
    void drop();

    SecretStore *m_secrets;
    QNetworkAccessManager *m_network;
    QPointer<ConnectionResolver> m_resolver;
    std::unique_ptr<ServerConnection> m_connection;
    QPointer<QObject> m_job;
    Depth m_depth = Depth::SignIn;
    ConnectionError m_setupError = ConnectionError::None;
    QString m_setupErrorString;
    QString m_keychainError;
    ApiError m_apiError;
    ProbeReport m_report;
    // The pin of the previous probe: the network manager keeps connections whose certificate was
    // accepted or refused under another pin, and a changed pin must not ride on them.
    std::optional<QString> m_lastPin;
    // Bumped by every start() and cancel(): late answers of an older run are ignored.
    quint64 m_run = 0;
    bool m_busy = false;
};

} // namespace accessdesk
