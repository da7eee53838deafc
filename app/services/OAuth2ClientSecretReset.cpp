#include "services/OAuth2ClientSecretReset.h"

#include "api/OAuth2ClientJobs.h"

namespace accessdesk {

OAuth2ClientSecretReset::OAuth2ClientSecretReset(ServerConnection *connection, QString idOrClientId,
                                                 ActivityLog *log, ActivityContext who,
                                                 QObject *parent)
    : OAuth2ClientJob(connection, log, std::move(who), parent)
    , m_idOrClientId(std::move(idOrClientId))
{}

QString OAuth2ClientSecretReset::notDone() const
{
    return tr("The client secret was not reset.");
}

QString OAuth2ClientSecretReset::takeSecret()
{
    return std::exchange(m_secret, QString());
}

QString OAuth2ClientSecretReset::consequences(const OAuth2Client &client)
{
    return tr("The current secret of “%1” stops working at once: every application that uses it "
              "cannot sign users in or refresh tokens until it is given the new secret, which is "
              "shown only once.")
        .arg(client.name);
}

void OAuth2ClientSecretReset::start()
{
    listThen([this](const QList<OAuth2Client> &clients) {
        if (const auto target = targetIn(clients, m_idOrClientId))
            reset(*target);
    });
}

void OAuth2ClientSecretReset::reset(const OAuth2Client &target)
{
    const auto record =
        beginOrRefuse(QStringLiteral("reset-oauth2-client-secret"), describe(target));
    if (!record)
        return;
    run<ResetOAuth2ClientSecret>(
        new ResetOAuth2ClientSecret(m_connection, target.clientId),
        [this, record = *record, target](ResetOAuth2ClientSecret &job) {
            if (job.error().isError()) {
                record.complete(job.error());
                finish(AdminOutcome::failure(job.error(), notDone()));
                return;
            }
            OAuth2Client answered = job.result();
            m_secret = std::exchange(answered.clientSecret, QString());
            setClient(answered.id.isEmpty() ? target : answered);
            // The old secret (from the list) serves only this comparison.
            if (m_secret.isEmpty() || m_secret == target.clientSecret) {
                unconfirmed(
                    record,
                    tr("The server's answer carries no new secret for “%1”.").arg(target.name));
                return;
            }
            readBackThen(target.id, [this, record, target](const std::optional<OAuth2Client> &held,
                                                           const ApiError &error) {
                if (!held || held->clientSecret != m_secret) {
                    unconfirmed(record,
                                held ? tr("Jira reset the secret of “%1”, but now holds another "
                                          "one than it answered.")
                                           .arg(target.name)
                                     : tr("Jira reset the secret of “%1”, but reading the client "
                                          "back failed: %2")
                                           .arg(target.name, error.userMessage()));
                    return;
                }
                setClient(*held);
                record.complete({});
                finish(AdminOutcome::success(
                    tr("The OAuth 2.0 client “%1” has a new secret; the old one no longer works. "
                       "Copy the new one now: AccessDesk shows it this once and keeps no copy.")
                        .arg(held->name)));
            });
        });
}

} // namespace accessdesk
