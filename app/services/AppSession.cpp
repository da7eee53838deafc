#include "services/AppSession.h"

#include "api/ServerConnection.h"
#include "auth/BearerCredentials.h"
#include "secrets/SecretStore.h"
#include "services/ConnectionResolver.h"
#include "services/ConnectionTester.h"
#include "services/MyAccessController.h"
#include "services/OAuth2Renewal.h"
#include "storage/ActivityLog.h"
#include "storage/OfflineCache.h"
#include "storage/PrivateFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace accessdesk {

namespace {

const QString lastProfileKey = QStringLiteral("app/lastProfile");

QString settingsFileOr(const QString &given)
{
    if (!given.isEmpty())
        return given;
    // accessdesk-cli's file (CliApp), so profiles added there show up here and the other way.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    return privatefiles::settingsFile(dir);
}

} // namespace

AppSession::AppSession(Paths paths, QObject *parent)
    : QObject(parent)
    , m_secrets(new SecretStore(this))
    , m_settings(
          std::make_unique<QSettings>(settingsFileOr(paths.settingsFile), QSettings::IniFormat))
    , m_profiles(*m_settings)
{
    openDatabase(paths.dataDir.isEmpty()
                     ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                     : paths.dataDir);
    m_renewTimer.setSingleShot(true);
    connect(&m_renewTimer, &QTimer::timeout, this, [this] { renewCurrent(false); });
}

AppSession::~AppSession()
{
    // A resolver still running holds a connection on m_network: it goes first.
    delete m_resolver.data();
    delete m_renewal.data();
}

void AppSession::openDatabase(const QString &dataDir)
{
    privatefiles::ensureFolder(dataDir); // open() says what is wrong when it cannot be used
    const QString file = dataDir + QStringLiteral("/accessdesk.sqlite");
    // SQLite opens a file it may not write read-only without a word, and then every record of
    // a change would fail: the activity log must be written before a request leaves, so such a
    // file is no database for this run.
    const QFileInfo info(file);
    if ((info.exists() && !info.isWritable()) || !QFileInfo(dataDir).isWritable()) {
        m_databaseError = tr("%1 cannot be written (read-only).")
                              .arg(QDir::toNativeSeparators(info.exists() ? file : dataDir));
        return;
    }
    if (!m_database.open(file)) {
        m_databaseError = m_database.errorString();
        return;
    }
    m_activityLog = std::make_unique<ActivityLog>(m_database);
    // Rows a previous run (of the app or the CLI) left pending did not finish.
    m_activityLog->markInterrupted();
    m_offlineCache = std::make_unique<OfflineCache>(m_database);
}

QString AppSession::storageProblem() const
{
    if (m_database.isOpen())
        return {};
    return tr("AccessDesk could not open its local database, so this run keeps no activity log "
              "and no list from last time. %1")
        .arg(m_databaseError);
}

QString AppSession::lastUsedProfile() const
{
    return m_settings->value(lastProfileKey).toString();
}

QString AppSession::startupProfile() const
{
    const QStringList names = m_profiles.names();
    const QString last = lastUsedProfile();
    if (!last.isEmpty() && names.contains(last))
        return last;
    return names.size() == 1 ? names.first() : QString();
}

bool AppSession::start(const ConnectionOptions &options)
{
    if (options.namesServer()) {
        connectWith(options);
        return true;
    }
    const QString profile = startupProfile();
    if (profile.isEmpty())
        return false;
    switchToProfile(profile);
    return true;
}

void AppSession::switchToProfile(const QString &name)
{
    ConnectionOptions options;
    options.profile = name;
    connectWith(options);
}

void AppSession::switchToAdHoc()
{
    if (m_adHoc)
        connectWith(*m_adHoc);
}

void AppSession::connectWith(const ConnectionOptions &options)
{
    begin(options);
}

void AppSession::connectWithSecret(const QString &secret)
{
    if (!m_secretRequest)
        return;
    ConnectionOptions options;
    options.profile = m_secretRequest->profile;
    begin(options, m_secretRequest->kind, secret);
}

void AppSession::declineSecret()
{
    if (!m_secretRequest)
        return;
    const QString profile = m_secretRequest->profile;
    m_secretRequest.reset();
    emit connectionFailed(tr("Not connected to “%1”: no password or token was given. Choose the "
                             "server in the Server list to be asked again.")
                              .arg(profile));
}

void AppSession::begin(const ConnectionOptions &options, std::optional<SecretKind> givenKind,
                       const QString &given)
{
    // A question still open is answered by this newer choice.
    m_secretRequest.reset();
    // The newest choice wins: an older attempt still running is abandoned.
    delete m_resolver.data();
    // Each connection gets a network manager, and so a cookie jar, of its own. Jira answers Basic
    // and token requests with a session cookie too, and prefers a session to the Authorization
    // header: on a shared jar, switching from alice to admin on one server would go on as alice.
    // The manager belongs to the resolver (outliving the connection it builds) until the
    // connection is taken, then to the connection.
    auto *network = new QNetworkAccessManager;
    auto *resolver = new ConnectionResolver(options, m_profiles, m_secrets, network, this);
    network->setParent(resolver);
    m_resolver = resolver;
    if (givenKind)
        resolver->setGivenSecret(*givenKind, given);
    m_connectingTo = !options.profile.isEmpty() ? options.profile : options.server;
    connect(resolver, &ConnectionResolver::finished, this,
            [this, resolver] { resolved(resolver); });
    resolver->start();
    emit connectingStarted();
}

void AppSession::resolved(ConnectionResolver *resolver)
{
    const std::optional<ConnectionProfile> &profile = resolver->profile();
    if (resolver->succeeded() && resolver->authKind() == AuthKind::OAuth2 && profile &&
        !profile->oauth2ClientId.isEmpty() && resolver->options().tokenEnv.isEmpty()) {
        // A stored access token lives an hour: renew it before the pages use it. The renewal
        // belongs to the resolver, so a newer connectWith() abandons both.
        OAuth2Renewal *job = renewal(resolver->connection(), *profile, resolver->bearerToken(),
                                     QDateTime(), false, resolver);
        connect(job, &OAuth2Renewal::finished, this, [this, resolver, job] {
            if (job->needsNewSignIn()) {
                resolver->deleteLater();
                m_resolver.clear();
                m_connectingTo.clear();
                emit connectionFailed(renewalRefused(resolver->profile()->name));
                return;
            }
            if (job->refreshed()) {
                useRenewed(resolver->connection(), *job);
            } else {
                // Working, with an expiry nobody told: the server's first 401 renews it.
                m_oauth2AccessToken = resolver->bearerToken();
                m_oauth2ExpiresAt = QDateTime();
                m_renewTimer.stop();
            }
            // Unreachable or unreadable: the connection goes on with the token it has, and the
            // pages say what the server answers.
            adopt(resolver);
        });
        job->start();
        return;
    }
    m_oauth2AccessToken.clear();
    m_oauth2ExpiresAt = QDateTime();
    adopt(resolver);
}

void AppSession::adopt(ConnectionResolver *resolver)
{
    resolver->deleteLater();
    m_resolver.clear();
    m_connectingTo.clear();
    if (!resolver->succeeded()) {
        if (auto request = secretRequestFor(*resolver)) {
            m_secretRequest = std::move(request);
            emit secretNeeded();
            return;
        }
        emit connectionFailed(messageFor(*resolver));
        return;
    }
    delete m_renewal.data(); // it was for the connection that goes now
    std::unique_ptr<ServerConnection> old = std::move(m_connection);
    m_connection = resolver->takeConnection();
    m_connection->network()->setParent(m_connection.get());
    m_who = resolver->who();
    if (resolver->profile()) {
        m_settings->setValue(lastProfileKey, resolver->profile()->name);
        m_settings->sync();
    } else {
        m_adHoc = resolver->options();
    }
    if (!m_oauth2AccessToken.isEmpty())
        connect(m_connection.get(), &ServerConnection::credentialsRefused, this,
                [this] { renewCurrent(true); });
    else
        m_renewTimer.stop();
    emit connectionChanged();
    // Every receiver has moved to the new connection; jobs still unwinding may hold the old.
    if (old)
        old.release()->deleteLater();
}

OAuth2Renewal *AppSession::renewal(ServerConnection *connection, const ConnectionProfile &profile,
                                   const QString &accessToken, const QDateTime &expiresAt,
                                   bool force, QObject *parent)
{
    OAuth2RenewalRequest request;
    request.settings = connection->settings();
    request.profileName = profile.name;
    request.clientId = profile.oauth2ClientId;
    request.accessToken = accessToken;
    request.expiresAt = expiresAt;
    request.policy =
        force ? OAuth2Refresher::Policy::Always : OAuth2Refresher::Policy::WhenExpiredOrRefused;
    m_lastRenewal = QDateTime::currentDateTimeUtc();
    return new OAuth2Renewal(m_secrets, connection->network(), request, parent);
}

void AppSession::useRenewed(ServerConnection *connection, const OAuth2Renewal &renewal)
{
    const OAuth2Tokens &tokens = renewal.tokens();
    m_oauth2AccessToken = tokens.accessToken;
    m_oauth2ExpiresAt = tokens.expiresAt;
    connection->setCredentials(
        std::make_shared<BearerCredentials>(tokens.accessToken, AuthKind::OAuth2));
    m_renewTimer.stop();
    if (tokens.expiresAt.isValid()) {
        // Renewed a minute early, so no request races the expiry.
        const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(tokens.expiresAt) -
                          OAuth2Refresher::kDefaultMargin.count() * 1000;
        m_renewTimer.start(std::chrono::milliseconds(std::max<qint64>(ms, 1000)));
    }
}

void AppSession::renewCurrent(bool force)
{
    if (!m_connection || m_oauth2AccessToken.isEmpty() || m_renewal)
        return;
    const std::optional<ConnectionProfile> profile = m_profiles.find(m_who.profile);
    if (!profile || profile->oauth2ClientId.isEmpty())
        return;
    // Several pages refused at once, or a server that refuses even the new token: renew once.
    if (force && m_lastRenewal.isValid() &&
        m_lastRenewal.secsTo(QDateTime::currentDateTimeUtc()) < 10)
        return;
    ServerConnection *connection = m_connection.get();
    OAuth2Renewal *job =
        renewal(connection, *profile, m_oauth2AccessToken, m_oauth2ExpiresAt, force, this);
    m_renewal = job;
    const QString name = profile->name;
    connect(job, &OAuth2Renewal::finished, this, [this, job, connection, name] {
        job->deleteLater();
        if (connection != m_connection.get())
            return;
        if (job->refreshed())
            useRenewed(connection, *job);
        else if (job->needsNewSignIn())
            emit connectionFailed(renewalRefused(name));
    });
    job->start();
}

QString AppSession::renewalRefused(const QString &profile) const
{
    return tr("The server no longer accepts the sign-in of “%1” and refused to renew it. Sign in "
              "again: edit the connection and press “Sign in in browser…”.")
        .arg(profile);
}

std::optional<AppSession::SecretRequest>
AppSession::secretRequestFor(const ConnectionResolver &resolver) const
{
    // Only a keychain that is not there: a missing entry in a working keychain means the profile
    // was not saved whole, which messageFor() explains. Once the keychain was found missing in
    // this run, the store looks in memory and finds nothing: the same case.
    const bool noKeychain =
        resolver.error() == ConnectionError::KeychainUnavailable ||
        (resolver.error() == ConnectionError::NotInKeychain && m_secrets->isMemoryOnly());
    const auto &profile = resolver.profile();
    if (!noKeychain || !profile)
        return std::nullopt;
    SecretRequest request;
    request.profile = profile->name;
    request.authKind = resolver.authKind();
    switch (request.authKind) {
    case AuthKind::Basic:
    case AuthKind::Session:
        request.kind = SecretKind::Password;
        break;
    case AuthKind::PersonalToken:
        request.kind = SecretKind::PersonalToken;
        break;
    case AuthKind::OAuth1:
    case AuthKind::OAuth2:
        // Tokens the user cannot type from memory: signing in again is the way.
        return std::nullopt;
    }
    request.who = ActivityContext{profile->name, profile->baseUrl.toString(), profile->username};
    request.notice = ConnectionCheck::noKeychainNotice();
    request.keychainDetails = !m_secrets->unavailableReason().isEmpty()
                                  ? m_secrets->unavailableReason()
                                  : resolver.keychainError();
    return request;
}

QString AppSession::messageFor(const ConnectionResolver &resolver) const
{
    const QString profile = resolver.options().profile;
    switch (resolver.error()) {
    case ConnectionError::UnknownProfile:
        return tr("There is no saved server named “%1”. Choose one in the Server list, or add "
                  "it on the Connection page.")
            .arg(profile);
    case ConnectionError::NoServer:
        return tr("No server was named. Add a server on the Connection page.");
    case ConnectionError::NotInKeychain:
        return tr("The keychain holds no password or token for “%1”. Add the server again on the "
                  "Connection page.")
            .arg(profile);
    case ConnectionError::KeychainUnavailable:
        // Plain words; what the keychain (D-Bus) said is for the log, not for the window.
        return tr("No password store is running, so AccessDesk cannot read the saved sign-in of "
                  "“%1”. Sign in to the server again on the Connection page.")
            .arg(profile);
    case ConnectionError::KeychainRefused:
        // The keychain is there and holds the secret, but would not give it (locked, denied):
        // nothing to add again, only the keychain's state to change.
        return tr("AccessDesk could not read the saved sign-in of “%1” from the keychain. %2")
            .arg(profile, resolver.keychainError());
    case ConnectionError::LoginRefused:
        return resolver.apiError().userMessage();
    default:
        return ConnectionCheck::asSentence(resolver.errorString());
    }
}

void AppSession::keepPointed(MyAccessController *controller)
{
    connect(this, &AppSession::connectionChanged, controller, [this, controller] {
        controller->setActivityLog(activityLog());
        controller->setConnection(connection(), who());
        controller->probe();
        controller->refresh();
    });
}

void AppSession::notifyProfilesChanged()
{
    emit profilesChanged();
}

} // namespace accessdesk
