#include "services/OAuth2ClientUpdater.h"

#include "api/OAuth2ClientJobs.h"

namespace accessdesk {

OAuth2ClientUpdater::OAuth2ClientUpdater(ServerConnection *connection, QString idOrClientId,
                                         OAuth2Client changes, ActivityLog *log,
                                         ActivityContext who, QObject *parent)
    : OAuth2ClientJob(connection, log, std::move(who), parent)
    , m_idOrClientId(std::move(idOrClientId))
    , m_changes(std::move(changes))
{}

QString OAuth2ClientUpdater::notDone() const
{
    return tr("The OAuth 2.0 client was not changed.");
}

void OAuth2ClientUpdater::start()
{
    const OAuth2Client changes = OAuth2ClientRules::normalised(m_changes);
    if (changes.name.isEmpty() && changes.scope.isEmpty() && changes.redirects.isEmpty()) {
        finish(AdminOutcome::local(AdminOutcome::Status::Invalid,
                                   notDone() + QLatin1Char(' ') +
                                       tr("Nothing to change: give a new name, redirect URLs or "
                                          "scope.")));
        return;
    }
    const auto purpose = OAuth2ClientRules::Purpose::Update;
    if (refuse(OAuth2ClientRules::check(m_changes, purpose)))
        return;
    listThen([this, changes, purpose](const QList<OAuth2Client> &clients) {
        const auto target = targetIn(clients, m_idOrClientId);
        if (!target)
            return;
        QStringList others;
        for (const OAuth2Client &client : clients) {
            if (client.id != target->id)
                others << client.name;
        }
        if (refuse(OAuth2ClientRules::check(m_changes, purpose, others)))
            return;
        update(*target, changes);
    });
}

void OAuth2ClientUpdater::update(const OAuth2Client &target, const OAuth2Client &changes)
{
    const auto record = beginOrRefuse(QStringLiteral("update-oauth2-client"), describe(target));
    if (!record)
        return;
    const OAuth2ClientDraft body{changes.name, changes.redirects, changes.scope};
    run<UpdateOAuth2Client>(
        new UpdateOAuth2Client(m_connection, target.id, body),
        [this, record = *record, target, changes](UpdateOAuth2Client &job) {
            if (job.error().isError()) {
                record.complete(job.error());
                finish(AdminOutcome::failure(job.error(), notDone()));
                return;
            }
            readBackThen(target.id, [this, record, target,
                                     changes](const std::optional<OAuth2Client> &held,
                                              const ApiError &error) {
                if (!held) {
                    unconfirmed(record, tr("Jira accepted the change to “%1”, but reading the "
                                           "client back failed: %2")
                                            .arg(target.name, error.userMessage()));
                    return;
                }
                QStringList differs;
                if (!changes.name.isEmpty() && held->name != changes.name)
                    differs << tr("the name");
                if (!changes.scope.isEmpty() && held->scope != changes.scope)
                    differs << tr("the scope");
                if (!changes.redirects.isEmpty() && held->redirects != changes.redirects)
                    differs << tr("the redirect URLs");
                if (!differs.isEmpty()) {
                    unconfirmed(record, tr("Jira accepted the change to “%1”, but the client it "
                                           "shows now has other values for %2.")
                                            .arg(target.name, differs.join(tr(", "))));
                    return;
                }
                setClient(*held);
                record.complete({});
                finish(AdminOutcome::success(
                    tr("The OAuth 2.0 client “%1” is changed.").arg(held->name)));
            });
        });
}

} // namespace accessdesk
