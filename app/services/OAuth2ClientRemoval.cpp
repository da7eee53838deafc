#include "services/OAuth2ClientRemoval.h"

#include "api/OAuth2ClientJobs.h"

namespace accessdesk {

OAuth2ClientRemoval::OAuth2ClientRemoval(ServerConnection *connection, QString idOrClientId,
                                         ActivityLog *log, ActivityContext who, QObject *parent)
    : OAuth2ClientJob(connection, log, std::move(who), parent)
    , m_idOrClientId(std::move(idOrClientId))
{}

QString OAuth2ClientRemoval::notDone() const
{
    return tr("The OAuth 2.0 client was not deleted.");
}

QString OAuth2ClientRemoval::consequences(const OAuth2Client &client)
{
    return tr("“%1” is deleted with every authorisation users gave it: the applications using it "
              "lose access at once and cannot sign users in again.")
        .arg(client.name);
}

void OAuth2ClientRemoval::start()
{
    listThen([this](const QList<OAuth2Client> &clients) {
        if (const auto target = targetIn(clients, m_idOrClientId))
            remove(*target);
    });
}

void OAuth2ClientRemoval::remove(const OAuth2Client &target)
{
    const auto record = beginOrRefuse(QStringLiteral("delete-oauth2-client"), describe(target));
    if (!record)
        return;
    setClient(target);
    run<DeleteOAuth2Client>(
        new DeleteOAuth2Client(m_connection, target.id),
        [this, record = *record, target](DeleteOAuth2Client &job) {
            if (job.error().isError()) {
                record.complete(job.error());
                finish(AdminOutcome::failure(job.error(), notDone()));
                return;
            }
            readBackThen(target.id, [this, record, target](const std::optional<OAuth2Client> &held,
                                                           const ApiError &error) {
                if (error.kind() == ApiError::Kind::NotFound) {
                    record.complete({});
                    finish(AdminOutcome::success(
                        tr("The OAuth 2.0 client “%1” is deleted.").arg(target.name)));
                    return;
                }
                unconfirmed(record, held ? tr("Jira answered that “%1” was deleted, but still "
                                              "shows it.")
                                               .arg(target.name)
                                         : tr("Jira answered that “%1” was deleted, but reading "
                                              "it back failed: %2")
                                               .arg(target.name, error.userMessage()));
            });
        });
}

} // namespace accessdesk
