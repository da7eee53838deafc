// accessdesk-cli: how a command gets its connection (options, profile, environment, keychain).
#include "cli/CliApp.h"

#include "api/ServerConnection.h"
#include "api/SessionJobs.h"
#include "auth/BasicCredentials.h"
#include "auth/BearerCredentials.h"
#include "auth/OAuth1Credentials.h"
#include "auth/OAuth1Signer.h"
#include "auth/SessionCredentials.h"
#include "secrets/SecretJob.h"
#include "secrets/SecretStore.h"
#include "storage/ActivityLog.h"
#include "storage/Database.h"
#include "storage/ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QSslCertificate>
#include <QStandardPaths>

namespace accessdesk::cli {

namespace {

QString kindOf(const CliOptions &options, const std::optional<ConnectionProfile> &profile)
{
    if (!options.auth.isEmpty())
        return options.auth;
    return profile ? authKindName(profile->authKind) : QStringLiteral("basic");
}

} // namespace

bool CliApp::openActivityLog()
{
    if (m_activity)
        return true;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    m_database = std::make_unique<Database>();
    if (!m_database->open(dir + QStringLiteral("/accessdesk.sqlite"))) {
        failWith(ServerError,
                 QStringLiteral("cannot open the activity log: ") + m_database->errorString());
        return false;
    }
    m_activity = std::make_unique<ActivityLog>(*m_database);
    m_activity->markInterrupted();
    return true;
}

void CliApp::resolveSecretThen(const QString &envVar, SecretKind kind, const QString &what,
                               std::function<void(QString)> then)
{
    if (!envVar.isEmpty()) {
        const QByteArray value = qgetenv(envVar.toLocal8Bit().constData());
        if (value.isEmpty()) {
            failWith(Usage, QStringLiteral("the environment variable %1 (for the %2) is not set")
                                .arg(envVar, what));
            return;
        }
        then(QString::fromUtf8(value));
        return;
    }
    if (!m_profile) {
        failWith(Usage,
                 QStringLiteral("no %1: name an environment variable that holds it (see --help)")
                     .arg(what));
        return;
    }
    SecretJob *job = m_secrets->readSecret(SecretKey{m_profile->name, kind});
    connect(job, &SecretJob::finished, this, [this, job, what, then] {
        if (job->error() == SecretJob::Error::KeychainUnavailable) {
            failWith(
                Usage,
                QStringLiteral("no keychain is available (%1), so the profile's %2 cannot be read; "
                               "give it through the environment instead")
                    .arg(job->errorString(), what));
        } else if (job->error() != SecretJob::Error::NoError) {
            failWith(AuthRefused, QStringLiteral("the keychain refused to give the %1: %2")
                                      .arg(what, job->errorString()));
        } else if (!job->found()) {
            failWith(Usage,
                     QStringLiteral(
                         "profile \"%1\" has no %2 in the keychain; add it again with profiles add")
                         .arg(m_profile->name, what));
        } else {
            then(QString::fromUtf8(job->value()));
        }
    });
}

bool CliApp::resolveServer()
{
    if (!m_options.profile.isEmpty()) {
        m_profile = ProfileStore(*m_settings).find(m_options.profile);
        if (!m_profile) {
            failWith(Usage, QStringLiteral("there is no profile named \"%1\" (see: profiles list)")
                                .arg(m_options.profile));
            return false;
        }
    } else if (m_options.server.isEmpty()) {
        failWith(Usage, QStringLiteral("say which server: --server URL or --profile NAME"));
        return false;
    }
    return true;
}

void CliApp::connectThen(Then then)
{
    if (!resolveServer())
        return;
    const QString kind = kindOf(m_options, m_profile);
    const QString user =
        !m_options.user.isEmpty() ? m_options.user : (m_profile ? m_profile->username : QString());

    if (kind == QLatin1String("basic") || kind == QLatin1String("session")) {
        if (user.isEmpty()) {
            failWith(Usage, QStringLiteral("--auth %1 needs --user NAME").arg(kind));
            return;
        }
        resolveSecretThen(
            m_options.passwordEnv, SecretKind::Password, QStringLiteral("password"),
            [=, this](const QString &password) {
                m_password = password;
                if (kind == QLatin1String("basic")) {
                    buildConnection(std::make_shared<BasicCredentials>(user, password), then);
                    return;
                }
                // A session: log in once, then send the cookie.
                buildConnection(nullptr, [=, this] {
                    auto *login = new CreateSession(m_connection.get(), user, password, this);
                    connect(login, &ApiJob::finished, this, [=, this] {
                        login->deleteLater();
                        if (!login->succeeded()) {
                            fail(login->error());
                            return;
                        }
                        m_connection->setCredentials(std::make_shared<SessionCredentials>(
                            login->result().value, login->result().name));
                        then();
                    });
                    login->start();
                });
            });
        return;
    }
    if (kind == QLatin1String("pat") || kind == QLatin1String("oauth2")) {
        const SecretKind secret = kind == QLatin1String("pat") ? SecretKind::PersonalToken
                                                               : SecretKind::OAuth2AccessToken;
        const AuthKind authKind =
            kind == QLatin1String("pat") ? AuthKind::PersonalToken : AuthKind::OAuth2;
        resolveSecretThen(
            m_options.tokenEnv, secret,
            kind == QLatin1String("pat") ? QStringLiteral("personal access token")
                                         : QStringLiteral("OAuth 2.0 access token"),
            [=, this](const QString &token) {
                auto credentials = std::make_shared<BearerCredentials>(token, authKind);
                if (authKind == AuthKind::PersonalToken) {
                    buildConnection(credentials, then);
                    return;
                }
                // A stored OAuth 2.0 access token lives an hour: refresh it with the
                // stored refresh token when it is due or refused.
                buildConnection(credentials, [=, this] { refreshOAuth2IfNeededThen(token, then); });
            });
        return;
    }
    // OAuth 1.0a: consumer key and private key file, plus the access token and its secret.
    const QString consumerKey = !m_options.consumerKey.isEmpty()
                                    ? m_options.consumerKey
                                    : (m_profile ? m_profile->consumerKey : QString());
    const QString keyFile = !m_options.privateKeyFile.isEmpty()
                                ? m_options.privateKeyFile
                                : (m_profile ? m_profile->privateKeyFile : QString());
    if (consumerKey.isEmpty() || keyFile.isEmpty()) {
        failWith(Usage,
                 QStringLiteral("--auth oauth1 needs --consumer-key KEY and --private-key FILE"));
        return;
    }
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        failWith(Usage, QStringLiteral("cannot read the private key file %1: %2")
                            .arg(keyFile, file.errorString()));
        return;
    }
    QString keyError;
    const auto signer = OAuth1Signer::fromPem(consumerKey, file.readAll(), &keyError);
    if (!signer) {
        failWith(Usage,
                 QStringLiteral("the private key in %1 cannot be used: %2").arg(keyFile, keyError));
        return;
    }
    resolveSecretThen(
        m_options.oauthTokenEnv, SecretKind::OAuth1Token, QStringLiteral("OAuth access token"),
        [=, this](const QString &token) {
            resolveSecretThen(
                m_options.oauthSecretEnv, SecretKind::OAuth1TokenSecret,
                QStringLiteral("OAuth token secret"), [=, this](const QString &secret) {
                    buildConnection(std::make_shared<OAuth1Credentials>(
                                        *signer, OAuth1TokenParameters::access(token, secret)),
                                    then);
                });
        });
}

void CliApp::buildConnection(std::shared_ptr<const Credentials> credentials, Then then)
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
            failWith(Usage, QStringLiteral("%1 holds no PEM certificate").arg(caFile));
            return;
        }
    }
    m_connection = std::make_unique<ServerConnection>(&m_network, settings, std::move(credentials));
    m_who = ActivityContext{
        m_profile ? m_profile->name : QString(), settings.baseUrl.toString(),
        !m_options.user.isEmpty() ? m_options.user : (m_profile ? m_profile->username : QString())};
    then();
}

} // namespace accessdesk::cli
