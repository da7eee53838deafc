#include "services/OAuth2Renewal.h"

#include "services/SecretReader.h"
#include "services/SecretWriter.h"

#include <QTimer>

namespace accessdesk {

OAuth2Renewal::OAuth2Renewal(SecretStore *secrets, QNetworkAccessManager *network,
                             OAuth2RenewalRequest request, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_network(network)
    , m_request(std::move(request))
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{}

OAuth2Renewal::~OAuth2Renewal() = default;

bool OAuth2Renewal::needsNewSignIn() const
{
    return m_outcome == Outcome::NoRefreshToken ||
           (m_outcome == Outcome::Failed && m_error.kind() == ApiError::Kind::Unauthenticated);
}

void OAuth2Renewal::start()
{
    if (m_started)
        return;
    m_started = true;
    const quint64 run = m_run;
    // The wording of these two names is accessdesk-cli's (its messages quote them).
    readSecret(SecretKind::OAuth2RefreshToken, QStringLiteral("refresh token"), QString(),
               [this, run](const QString &refreshToken) {
                   if (run != m_run)
                       return;
                   if (refreshToken.isEmpty()) {
                       finish(Outcome::NoRefreshToken);
                       return;
                   }
                   readSecret(SecretKind::OAuth2ClientSecret,
                              QStringLiteral("OAuth 2.0 client secret"), m_request.clientSecretEnv,
                              [this, run, refreshToken](const QString &clientSecret) {
                                  if (run == m_run)
                                      refreshWith(refreshToken, clientSecret);
                              });
               });
}

void OAuth2Renewal::readSecret(SecretKind kind, const QString &what, const QString &envVar,
                               std::function<void(const QString &)> then)
{
    auto *reader =
        new SecretReader(m_secrets, SecretSource{kind, what, envVar, m_request.profileName}, this);
    // Both are optional: no refresh token is an outcome, no client secret a public client.
    reader->setAbsentIsEmpty(true);
    m_step = reader;
    connect(reader, &SecretReader::finished, this, [this, reader, then] {
        reader->deleteLater();
        if (reader->error() != ConnectionError::None) {
            m_secretError = reader->error();
            m_secretErrorString = reader->errorString();
            finish(Outcome::SecretUnreadable);
            return;
        }
        then(reader->value());
    });
    reader->start();
}

void OAuth2Renewal::refreshWith(const QString &refreshToken, const QString &clientSecret)
{
    auto *refresher = new OAuth2Refresher(
        m_network, m_request.settings, OAuth2ClientKeys{m_request.clientId, clientSecret},
        OAuth2Tokens{m_request.accessToken, refreshToken, m_request.expiresAt, {}}, this);
    refresher->setPolicy(m_request.policy);
    refresher->setClock(m_clock);
    m_step = refresher;
    connect(refresher, &OAuth2Refresher::finished, this, [this, refresher] {
        refresher->deleteLater();
        if (refresher->error().isError()) {
            m_error = refresher->error();
            finish(Outcome::Failed);
            return;
        }
        if (!refresher->refreshed()) {
            finish(Outcome::NotNeeded);
            return;
        }
        m_tokens = refresher->tokens();
        store();
    });
    refresher->start();
}

void OAuth2Renewal::store()
{
    // Jira rotated the pair: the old refresh token is dead, so both are stored now.
    auto *writer = new SecretWriter(m_secrets, m_request.profileName,
                                    {{SecretKind::OAuth2AccessToken, m_tokens.accessToken},
                                     {SecretKind::OAuth2RefreshToken, m_tokens.refreshToken}},
                                    this);
    m_step = writer;
    connect(writer, &SecretWriter::finished, this, [this, writer] {
        writer->deleteLater();
        // A keychain that fell back to memory forgets the pair when the process ends.
        if (writer->outcome() != SecretWriter::Outcome::Stored)
            m_storeProblem = writer->problem().isEmpty()
                                 ? tr("the keychain keeps them only until the program ends")
                                 : writer->problem();
        finish(Outcome::Refreshed);
    });
    writer->start();
}

void OAuth2Renewal::cancel()
{
    if (m_finished)
        return;
    ++m_run;
    if (m_step) {
        disconnect(m_step, nullptr, this, nullptr);
        m_step->deleteLater();
        m_step = nullptr;
    }
    m_error = ApiError(ApiError::Kind::Cancelled, 0, {});
    QTimer::singleShot(0, this, [this] { finish(Outcome::Failed); });
}

void OAuth2Renewal::finish(Outcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome = outcome;
    m_step = nullptr;
    emit finished();
}

} // namespace accessdesk
