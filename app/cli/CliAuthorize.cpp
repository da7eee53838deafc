// accessdesk-cli commands that sign in: the OAuth 1.0a dance, the OAuth 2.0 login through the
// browser, and the OAuth 2.0 refresh (also used by connections of --auth oauth2 profiles). The
// renewal itself (OAuth2Renewal) and the secrets a dance leaves (BrowserSignIn::secretsOf) are
// the services the desktop app uses too.
#include "cli/CliApp.h"

#include "api/ServerConnection.h"
#include "auth/BearerCredentials.h"
#include "auth/OAuth1Signer.h"
#include "services/BrowserSignIn.h"
#include "services/OAuth1Authorizer.h"
#include "services/OAuth1ConsumerFiles.h"
#include "services/OAuth2Authorizer.h"
#include "services/OAuth2Refresher.h"
#include "services/OAuth2Renewal.h"
#include "services/SecretWriter.h"
#include "storage/ProfileStore.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrlQuery>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace accessdesk::cli {

namespace {

using Secrets = SecretWriter::Secrets;

// Reads one line from standard input without blocking the event loop; nullopt when the input
// ends (or was closed) before anything came.
void readLineThen(QObject *context, std::function<void(std::optional<QString>)> done)
{
    if (::fcntl(STDIN_FILENO, F_GETFL) == -1) {
        QTimer::singleShot(0, context, [done] { done(std::nullopt); });
        return;
    }
    auto *notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, context);
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(notifier, &QSocketNotifier::activated, context, [notifier, buffer, done] {
        char chunk[256];
        const ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            return;
        // A verification code is short: a line this long without a newline is not one.
        if (got > 0) {
            buffer->append(chunk, got);
            if (!buffer->contains('\n') && buffer->size() < 4096)
                return;
        }
        notifier->setEnabled(false);
        notifier->deleteLater();
        if (buffer->isEmpty()) {
            done(std::nullopt);
            return;
        }
        done(QString::fromUtf8(buffer->left(buffer->indexOf('\n'))).trimmed());
    });
}

// Writes every secret (SecretWriter); done() gets the first problem, or nothing. A keychain that
// fell back to memory is a problem here: the secret would be gone when the command ends.
void writeSecretsThen(SecretStore *store, QObject *context, const QString &profile,
                      const SecretWriter::Secrets &secrets, std::function<void(QString error)> done)
{
    auto *writer = new SecretWriter(store, profile, secrets, context);
    QObject::connect(writer, &SecretWriter::finished, context, [writer, done] {
        writer->deleteLater();
        done(writer->outcome() == SecretWriter::Outcome::Stored ? QString() : writer->problem());
    });
    writer->start();
}

QJsonValue isoOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate))
                          : QJsonValue(QJsonValue::Null);
}

bool hasTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

} // namespace

void CliApp::prepareServerThen(Then then)
{
    // No credentials: each flow signs its own requests.
    resolveThen(ConnectionResolver::Purpose::ServerOnly, std::move(then));
}

void CliApp::oauth1Authorize()
{
    prepareServerThen([this] {
        const auto consumer = OAuth1ConsumerFiles::chosen(m_options, m_profile);
        if (!consumer.isComplete()) {
            failWith(Usage, tr("oauth1 authorize needs --consumer-key KEY and --private-key FILE"));
            return;
        }
        QString keyError;
        const auto signer = consumer.loadSigner(&keyError);
        if (!signer) {
            failWith(Usage, keyError);
            return;
        }
        auto *authorizer =
            new OAuth1Authorizer(&m_network, m_connection->settings(), *signer, this);
        connect(authorizer, &OAuth1Authorizer::authorizeUrlReady, this,
                [this, authorizer](const QUrl &url) {
                    m_err << tr("Open this address in a browser, sign in and allow access:")
                          << "\n  " << url.toString(QUrl::FullyEncoded) << '\n';
                    if (hasTerminal())
                        m_err << tr("Then type the verification code the page shows:") << ' ';
                    m_err.flush();
                    readLineThen(authorizer, [this, authorizer](std::optional<QString> line) {
                        if (!line || line->isEmpty()) {
                            authorizer->cancel();
                            failWith(Usage, tr("no verification code was given: run it in a "
                                               "terminal, or write the code to standard input"));
                            return;
                        }
                        authorizer->submitVerifier(BrowserSignIn::verifierFrom(*line));
                    });
                });
        connect(authorizer, &OAuth1Authorizer::finished, this, [this, authorizer, consumer] {
            authorizer->deleteLater();
            if (m_finished) // already refused: no verification code came
                return;
            if (authorizer->error().isError()) {
                fail(authorizer->error());
                return;
            }
            const OAuth1AccessGrant grant = authorizer->result();
            if (!m_profile) {
                CommandOutput output;
                output.columns = {QStringLiteral("field"), QStringLiteral("value")};
                output.rows = {{QStringLiteral("token"), grant.token},
                               {QStringLiteral("token secret"), grant.tokenSecret}};
                output.json =
                    QJsonDocument(QJsonObject{{QStringLiteral("token"), grant.token},
                                              {QStringLiteral("tokenSecret"), grant.tokenSecret}});
                print(output);
                finish(Success);
                return;
            }
            ConnectionProfile profile = *m_profile;
            // Signing in this way makes it the profile's way to connect.
            profile.authKind = AuthKind::OAuth1;
            profile.consumerKey = consumer.consumerKey;
            profile.privateKeyFile = QFileInfo(consumer.privateKeyFile).absoluteFilePath();
            storeProfileSecretsThen(profile, BrowserSignIn::secretsOf(grant));
        });
        authorizer->start();
    });
}

void CliApp::oauth2Login()
{
    prepareServerThen([this] {
        const QString clientId = !m_options.clientId.isEmpty()
                                     ? m_options.clientId
                                     : (m_profile ? m_profile->oauth2ClientId : QString());
        if (clientId.isEmpty()) {
            failWith(Usage, tr("oauth2 login needs --client-id ID"));
            return;
        }
        readSecretThen(
            SecretSource{SecretKind::OAuth2ClientSecret, tr("OAuth 2.0 client secret"),
                         m_options.clientSecretEnv, m_profile ? m_profile->name : QString()},
            [this, clientId](const QString &secret) {
                OAuth2Authorizer::Options options;
                options.client = OAuth2ClientKeys{clientId, secret};
                options.scope = m_options.scope;
                options.redirectPort = m_options.redirectPort;
                auto *authorizer =
                    new OAuth2Authorizer(&m_network, m_connection->settings(), options, this);
                connect(authorizer, &OAuth2Authorizer::authorizeUrlReady, this,
                        [this, authorizer](const QUrl &url) {
                            const QString address = url.toString(QUrl::FullyEncoded);
                            m_err << tr("Open this address in a browser, sign in and allow access:")
                                  << "\n  " << address << '\n'
                                  << tr("Waiting for the browser to come back to %1 …")
                                         .arg(authorizer->redirectUri())
                                  << '\n';
                            m_err.flush();
                            // Only where a desktop session can show a browser.
                            if (!qEnvironmentVariableIsEmpty("DISPLAY") ||
                                !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
                                QProcess::startDetached(QStringLiteral("xdg-open"), {address});
                        });
                connect(authorizer, &OAuth2Authorizer::finished, this,
                        [this, authorizer, clientId, secret] {
                            authorizer->deleteLater();
                            if (authorizer->error().isError()) {
                                fail(authorizer->error());
                                return;
                            }
                            const OAuth2Tokens tokens = authorizer->result();
                            if (!m_profile) {
                                printOAuth2Tokens(tokens);
                                return;
                            }
                            ConnectionProfile profile = *m_profile;
                            profile.authKind = AuthKind::OAuth2;
                            profile.oauth2ClientId = clientId;
                            // The app's dialog keeps the same entries (BrowserSignIn).
                            const Secrets secrets = BrowserSignIn::secretsOf(
                                tokens, m_options.clientSecretEnv.isEmpty() ? QString() : secret);
                            storeProfileSecretsThen(profile, secrets);
                        });
                authorizer->start();
            });
    });
}

void CliApp::printOAuth2Tokens(const OAuth2Tokens &tokens)
{
    CommandOutput output;
    output.columns = {QStringLiteral("field"), QStringLiteral("value")};
    output.rows = {{QStringLiteral("access token"), tokens.accessToken},
                   {QStringLiteral("refresh token"), tokens.refreshToken},
                   {QStringLiteral("expires"), tokens.expiresAt.isValid()
                                                   ? tokens.expiresAt.toString(Qt::ISODate)
                                                   : QStringLiteral("-")},
                   {QStringLiteral("scope"), tokens.scope}};
    output.json =
        QJsonDocument(QJsonObject{{QStringLiteral("accessToken"), tokens.accessToken},
                                  {QStringLiteral("refreshToken"), tokens.refreshToken},
                                  {QStringLiteral("expiresAt"), isoOrNull(tokens.expiresAt)},
                                  {QStringLiteral("scope"), tokens.scope}});
    print(output);
    finish(Success);
}

void CliApp::storeProfileSecretsThen(const ConnectionProfile &profile,
                                     const QList<std::pair<SecretKind, QString>> &secrets)
{
    const bool oauth1 = profile.authKind == AuthKind::OAuth1;
    writeSecretsThen(
        m_secrets, this, profile.name, secrets, [this, profile, oauth1](const QString &problem) {
            if (!problem.isEmpty()) {
                failWith(AuthRefused,
                         (oauth1 ? tr("the OAuth access token and its secret could not be stored "
                                      "in the keychain (%1); run again without --profile to "
                                      "print them instead")
                                 : tr("the OAuth 2.0 tokens could not be stored in the keychain "
                                      "(%1); run again without --profile to print them instead"))
                             .arg(problem));
                return;
            }
            // Public settings that go with the secrets (consumer key, key file, client id).
            if (profile != *m_profile) {
                QStringList problems;
                if (!ProfileStore(*m_settings)
                         .save(profile, ProfileStore::SaveMode::CreateOrReplace, &problems)) {
                    failWith(Usage, tr("the profile was not updated: %1")
                                        .arg(problems.join(QStringLiteral("; "))));
                    return;
                }
                m_profile = profile;
            }
            CommandOutput output;
            output.columns = {QStringLiteral("profile"), QStringLiteral("stored")};
            output.rows = {{profile.name, oauth1 ? tr("OAuth access token and its secret")
                                                 : tr("OAuth 2.0 tokens")}};
            output.json = QJsonDocument(QJsonObject{{QStringLiteral("profile"), profile.name},
                                                    {QStringLiteral("stored"), true}});
            if (m_options.format == OutputFormat::Table)
                m_out << (oauth1 ? tr("Stored the OAuth access token and its secret of profile "
                                      "\"%1\" in the keychain.")
                                 : tr("Stored the OAuth 2.0 tokens of profile \"%1\" in the "
                                      "keychain."))
                             .arg(profile.name)
                      << '\n';
            else
                print(output);
            finish(Success);
        });
}

void CliApp::oauth2Refresh()
{
    if (m_options.profile.isEmpty()) {
        failWith(Usage, tr("oauth2 refresh needs --profile NAME: the tokens are read from and "
                           "stored in its keychain entries"));
        return;
    }
    prepareServerThen([this] {
        runOAuth2Refresh(QString(), true, [this](bool) {
            m_out << tr("Refreshed the OAuth 2.0 tokens of profile \"%1\".").arg(m_profile->name)
                  << '\n';
            finish(Success);
        });
    });
}

void CliApp::refreshOAuth2IfNeededThen(const QString &accessToken, Then then)
{
    // Tokens from the environment cannot be stored again, so they are used as given.
    if (!m_profile || !m_options.tokenEnv.isEmpty() || !m_connection) {
        then();
        return;
    }
    runOAuth2Refresh(accessToken, false, [then](bool) { then(); });
}

void CliApp::runOAuth2Refresh(const QString &accessToken, bool force,
                              std::function<void(bool refreshed)> then)
{
    const QString clientId =
        !m_options.clientId.isEmpty() ? m_options.clientId : m_profile->oauth2ClientId;
    if (clientId.isEmpty()) {
        if (force)
            failWith(Usage, tr("profile \"%1\" has no OAuth 2.0 client id: sign in with oauth2 "
                               "login --client-id ID")
                                .arg(m_profile->name));
        else
            then(false);
        return;
    }
    OAuth2RenewalRequest request;
    request.settings = m_connection->settings();
    request.profileName = m_profile->name;
    request.clientId = clientId;
    request.clientSecretEnv = m_options.clientSecretEnv;
    request.accessToken = accessToken;
    request.policy =
        force ? OAuth2Refresher::Policy::Always : OAuth2Refresher::Policy::WhenExpiredOrRefused;
    // The one renewal the app uses too: read, refresh when due or refused, store both tokens.
    auto *renewal = new OAuth2Renewal(m_secrets, &m_network, request, this);
    connect(renewal, &OAuth2Renewal::finished, this, [=, this] {
        renewal->deleteLater();
        switch (renewal->outcome()) {
        case OAuth2Renewal::Outcome::NoRefreshToken:
            if (force)
                failWith(Usage, tr("profile \"%1\" has no OAuth 2.0 refresh token: sign in with "
                                   "oauth2 login")
                                    .arg(m_profile->name));
            else
                then(false);
            return;
        case OAuth2Renewal::Outcome::SecretUnreadable:
            failConnecting(renewal->secretError(), renewal->secretErrorString(), {});
            return;
        case OAuth2Renewal::Outcome::Failed:
            fail(renewal->error());
            return;
        case OAuth2Renewal::Outcome::NotNeeded:
            then(false);
            return;
        case OAuth2Renewal::Outcome::Refreshed:
            break;
        }
        if (!renewal->storeProblem().isEmpty())
            m_err << "accessdesk-cli: "
                  << tr("the refreshed OAuth 2.0 tokens could not be stored (%1); sign in again "
                        "with oauth2 login next time.")
                         .arg(renewal->storeProblem())
                  << '\n';
        m_connection->setCredentials(
            std::make_shared<BearerCredentials>(renewal->tokens().accessToken, AuthKind::OAuth2));
        then(true);
    });
    renewal->start();
}

} // namespace accessdesk::cli
