#include "services/OAuth2ClientJob.h"

#include "api/OAuth2ClientJobs.h"

namespace accessdesk {

OAuth2ClientJob::OAuth2ClientJob(ServerConnection *connection, ActivityLog *log,
                                 ActivityContext who, QObject *parent)
    : AdminJob(connection, log, std::move(who), parent)
{}

std::optional<OAuth2Client> OAuth2ClientJob::find(const QList<OAuth2Client> &clients,
                                                  const QString &idOrClientId)
{
    const QString wanted = idOrClientId.trimmed();
    for (const OAuth2Client &client : clients) {
        if (!wanted.isEmpty() && (client.id == wanted || client.clientId == wanted))
            return client;
    }
    return std::nullopt;
}

QString OAuth2ClientJob::describe(const OAuth2Client &client)
{
    return QStringLiteral("OAuth 2.0 client “") + client.name + QStringLiteral("” (client id ") +
           client.clientId + QLatin1Char(')');
}

AdminOutcome OAuth2ClientJob::notAvailable()
{
    return AdminOutcome::local(
        AdminOutcome::Status::NotAvailable,
        tr("OAuth 2.0 clients are not available on this server: Jira has an OAuth 2.0 provider "
           "from version 8.22 on, and this server has none."),
        tr("Upgrade Jira to 8.22 or later to register OAuth 2.0 clients; until then, "
           "applications can use OAuth 1.0a through an application link."));
}

void OAuth2ClientJob::listThen(std::function<void(const QList<OAuth2Client> &)> then)
{
    run<ListOAuth2Clients>(new ListOAuth2Clients(m_connection),
                           [this, then](ListOAuth2Clients &job) {
                               if (finishedOn(job.error(), notDone(), notAvailable()))
                                   return;
                               then(job.result());
                           });
}

std::optional<OAuth2Client> OAuth2ClientJob::targetIn(const QList<OAuth2Client> &clients,
                                                      const QString &idOrClientId)
{
    auto found = find(clients, idOrClientId);
    if (!found) {
        finish(AdminOutcome::local(
            AdminOutcome::Status::NotFound,
            notDone() + QLatin1Char(' ') +
                tr("No OAuth 2.0 client has the id or client id “%1”.").arg(idOrClientId.left(80)),
            tr("List the clients to see their ids.")));
    }
    return found;
}

bool OAuth2ClientJob::refuse(const OAuth2ClientProblems &problems)
{
    m_redirectLines = problems.redirectLines;
    if (problems.ok())
        return false;
    finish(AdminOutcome::local(AdminOutcome::Status::Invalid,
                               notDone() + QLatin1Char(' ') +
                                   tr("Nothing was sent: correct the fields named."),
                               {}, problems.fieldErrors));
    return true;
}

void OAuth2ClientJob::readBackThen(
    const QString &id,
    std::function<void(const std::optional<OAuth2Client> &, const ApiError &)> then)
{
    run<GetOAuth2Client>(new GetOAuth2Client(m_connection, id), [then](GetOAuth2Client &job) {
        if (job.error().isError())
            then(std::nullopt, job.error());
        else
            then(job.result(), {});
    });
}

void OAuth2ClientJob::unconfirmed(const ActivityRecord &record, const QString &why)
{
    record.fail(why);
    finish(AdminOutcome::local(AdminOutcome::Status::Unconfirmed, why,
                               tr("List the clients to see what Jira holds now.")));
}

void OAuth2ClientJob::setClient(OAuth2Client client)
{
    client.clientSecret.clear();
    m_client = std::move(client);
}

} // namespace accessdesk
