#include "services/ConnectionResolver.h"

#include "api/ServerConnection.h"
#include "api/SessionJobs.h"
#include "auth/BasicCredentials.h"
#include "auth/BearerCredentials.h"
#include "auth/OAuth1Credentials.h"
#include "auth/OAuth1Signer.h"
#include "auth/SessionCredentials.h"
#include "services/OAuth1ConsumerFiles.h"
#include "services/PlainHttpRule.h"
#include "services/SecretReader.h"
#include "storage/ProfileStore.h"

#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QTimer>

// The messages below are accessdesk-cli's contract wording (its Python suite checks them), so
// they stay as they were when they lived in the CLI; the desktop app rewords the few that name
// CLI commands (AppSession).

namespace accessdesk {

ConnectionResolver::ConnectionResolver(ConnectionOptions options, const ProfileStore &profiles,
                                       SecretStore *secrets, QNetworkAccessManager *network,
                                       QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_secrets(secrets)
    , m_network(network)
{
    if (!m_options.profile.isEmpty()) {
        m_profile = profiles.find(m_options.profile);
        m_profileMissing = !m_profile;
    }
}

ConnectionResolver::ConnectionResolver(ConnectionProfile profile, SecretStore *secrets,
                                       QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_secrets(secrets)
    , m_network(network)
    , m_keychainFallback(false)
{
    m_options.profile = m_profile->name;
}

void ConnectionResolver::setGivenSecret(SecretKind kind, const QString &value)
{
    if (!value.isEmpty())
        m_givenSecrets.insert(kind, value);
}

ConnectionResolver::~ConnectionResolver() = default;

void ConnectionResolver::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, &ConnectionResolver::run);
}

std::unique_ptr<ServerConnection> ConnectionResolver::takeConnection()
{
    return std::move(m_connection);
}

void ConnectionResolver::run()
{
    if (!resolveServer())
        return;
    if (m_purpose == Purpose::ServerOnly) {
        if (buildConnection(nullptr))
            succeed();
        return;
    }
    // Refused before any secret is read or anything sent: a password, token or session cookie
    // over plain http:// to another computer can be read by anyone on the way.
    const QUrl server = m_profile ? m_profile->baseUrl : QUrl(m_options.server);
    const bool consent =
        m_options.allowPlainHttp || (m_profile && plainhttp::hasConsent(*m_profile));
    if (plainhttp::isExposed(server) && !consent) {
        fail(ConnectionError::Usage,
             QStringLiteral("refusing to send the password or token over plain http:// to %1, "
                            "where anyone on the way can read it; use https://, or give "
                            "--allow-http to send it unencrypted anyway")
                 .arg(server.host()));
        return;
    }
    signIn();
}

bool ConnectionResolver::resolveServer()
{
    if (m_profileMissing) {
        fail(ConnectionError::UnknownProfile,
             QStringLiteral("there is no profile named \"%1\" (see: profiles list)")
                 .arg(m_options.profile));
        return false;
    }
    if (!m_profile && m_options.server.isEmpty()) {
        fail(ConnectionError::NoServer,
             QStringLiteral("say which server: --server URL or --profile NAME"));
        return false;
    }
    return true;
}

void ConnectionResolver::signIn()
{
    const QString kind = !m_options.auth.isEmpty() ? m_options.auth
                                                   : (m_profile ? authKindName(m_profile->authKind)
                                                                : QStringLiteral("basic"));
    const std::optional<AuthKind> authKind = authKindFromName(kind);
    if (!authKind) {
        fail(ConnectionError::Usage,
             QStringLiteral("--auth takes basic, pat, session, oauth1 or oauth2"));
        return;
    }
    m_authKind = *authKind;
    const QString user =
        !m_options.user.isEmpty() ? m_options.user : (m_profile ? m_profile->username : QString());
    switch (m_authKind) {
    case AuthKind::Basic:
    case AuthKind::Session:
        if (user.isEmpty()) {
            fail(ConnectionError::Usage, QStringLiteral("--auth %1 needs --user NAME").arg(kind));
            return;
        }
        signInWithPassword(user);
        return;
    case AuthKind::PersonalToken:
    case AuthKind::OAuth2:
        signInWithToken();
        return;
    case AuthKind::OAuth1:
        signInWithOAuth1();
        return;
    }
}

void ConnectionResolver::signInWithPassword(const QString &user)
{
    secretThen(m_options.passwordEnv, SecretKind::Password, QStringLiteral("password"),
               [this, user](const QString &password) {
                   m_password = password;
                   if (m_authKind == AuthKind::Basic) {
                       if (buildConnection(std::make_shared<BasicCredentials>(user, password)))
                           succeed();
                       return;
                   }
                   // A session: log in once, then send the cookie.
                   if (buildConnection(nullptr))
                       logInThen(user, password);
               });
}

void ConnectionResolver::logInThen(const QString &user, const QString &password)
{
    // The network manager may be shared (the connection tester): a new login must not present
    // the cookie of an earlier session on this server, or the server takes it for that user's.
    m_connection->forgetServerCookies();
    auto *login = new CreateSession(m_connection.get(), user, password, this);
    connect(login, &ApiJob::finished, this, [this, login] {
        login->deleteLater();
        if (!login->succeeded()) {
            m_apiError = login->error();
            fail(ConnectionError::LoginRefused, login->error().userMessage());
            return;
        }
        m_connection->setCredentials(
            std::make_shared<SessionCredentials>(login->result().value, login->result().name));
        // Admin resources may ask for the password again (websudo): confirmed once, from memory.
        m_connection->setWebSudoPassword(m_password);
        succeed();
    });
    login->start();
}

void ConnectionResolver::signInWithToken()
{
    const bool pat = m_authKind == AuthKind::PersonalToken;
    secretThen(m_options.tokenEnv, pat ? SecretKind::PersonalToken : SecretKind::OAuth2AccessToken,
               pat ? QStringLiteral("personal access token")
                   : QStringLiteral("OAuth 2.0 access token"),
               [this](const QString &token) {
                   m_bearerToken = token;
                   if (buildConnection(std::make_shared<BearerCredentials>(token, m_authKind)))
                       succeed();
               });
}

void ConnectionResolver::signInWithOAuth1()
{
    // The consumer key and private key file, plus the access token and its secret.
    const auto consumer = OAuth1ConsumerFiles::chosen(m_options, m_profile);
    if (!consumer.isComplete()) {
        fail(ConnectionError::Usage,
             QStringLiteral("--auth oauth1 needs --consumer-key KEY and --private-key FILE"));
        return;
    }
    QString keyError;
    const auto signer = consumer.loadSigner(&keyError);
    if (!signer) {
        fail(ConnectionError::Usage, keyError);
        return;
    }
    secretThen(m_options.oauthTokenEnv, SecretKind::OAuth1Token,
               QStringLiteral("OAuth access token"), [this, signer](const QString &token) {
                   secretThen(m_options.oauthSecretEnv, SecretKind::OAuth1TokenSecret,
                              QStringLiteral("OAuth token secret"),
                              [this, signer, token](const QString &secret) {
                                  if (buildConnection(std::make_shared<OAuth1Credentials>(
                                          *signer, OAuth1TokenParameters::access(token, secret))))
                                      succeed();
                              });
               });
}

void ConnectionResolver::secretThen(const QString &envVar, SecretKind kind, const QString &what,
                                    std::function<void(const QString &)> then)
{
    const auto given = m_givenSecrets.constFind(kind);
    if (given != m_givenSecrets.cend()) {
        then(*given);
        return;
    }
    const QString keychainEntry = m_profile && m_keychainFallback ? m_profile->name : QString();
    auto *reader =
        new SecretReader(m_secrets, SecretSource{kind, what, envVar, keychainEntry}, this);
    connect(reader, &SecretReader::finished, this, [this, reader, then] {
        reader->deleteLater();
        if (reader->error() != ConnectionError::None) {
            m_secretKeychainError = reader->keychainError();
            fail(reader->error(), reader->errorString());
            return;
        }
        then(reader->value());
    });
    reader->start();
}

bool ConnectionResolver::buildConnection(std::shared_ptr<const Credentials> credentials)
{
    ConnectionSettings settings;
    settings.baseUrl = QUrl(m_profile ? m_profile->baseUrl.toString() : m_options.server);
    settings.pinnedSha256 = !m_options.pinSha256.isEmpty()
                                ? m_options.pinSha256
                                : (m_profile ? m_profile->pinnedCertificateSha256 : QString());
    const int timeoutSeconds =
        m_profile && !m_options.timeoutGiven ? m_profile->timeoutSeconds : m_options.timeoutSeconds;
    settings.timeoutMs = timeoutSeconds * 1000;
    const QString caFile = !m_options.caFile.isEmpty()
                               ? m_options.caFile
                               : (m_profile ? m_profile->caFile : QString());
    if (!caFile.isEmpty()) {
        settings.caCertificates = QSslCertificate::fromPath(caFile, QSsl::Pem);
        if (settings.caCertificates.isEmpty()) {
            fail(ConnectionError::Usage, QStringLiteral("%1 holds no PEM certificate").arg(caFile));
            return false;
        }
    }
    m_connection = std::make_unique<ServerConnection>(m_network, settings, std::move(credentials));
    m_who = ActivityContext{
        m_profile ? m_profile->name : QString(), settings.baseUrl.toString(),
        !m_options.user.isEmpty() ? m_options.user : (m_profile ? m_profile->username : QString())};
    return true;
}

void ConnectionResolver::fail(ConnectionError error, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_errorString = message;
    // A job of the failed login may still be unwinding from its finished() and hold it.
    if (m_connection)
        m_connection.release()->deleteLater();
    m_password.clear();
    m_bearerToken.clear();
    m_givenSecrets.clear();
    emit finished();
}

void ConnectionResolver::succeed()
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished();
}

} // namespace accessdesk
