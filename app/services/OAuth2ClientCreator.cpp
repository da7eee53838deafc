#include "services/OAuth2ClientCreator.h"

#include "api/OAuth2ClientJobs.h"

namespace accessdesk {

OAuth2ClientCreator::OAuth2ClientCreator(ServerConnection *connection, OAuth2Client draft,
                                         ActivityLog *log, ActivityContext who, QObject *parent)
    : OAuth2ClientJob(connection, log, std::move(who), parent)
    , m_draft(std::move(draft))
{}

QString OAuth2ClientCreator::notDone() const
{
    return tr("The OAuth 2.0 client was not created.");
}

QString OAuth2ClientCreator::takeSecret()
{
    return std::exchange(m_secret, QString());
}

void OAuth2ClientCreator::start()
{
    // The draft's own faults first: they need no round trip.
    if (refuse(OAuth2ClientRules::check(m_draft)))
        return;
    listThen([this](const QList<OAuth2Client> &clients) {
        QStringList taken;
        for (const OAuth2Client &client : clients)
            taken << client.name;
        if (refuse(OAuth2ClientRules::check(m_draft, OAuth2ClientRules::Purpose::Create, taken)))
            return;
        create(OAuth2ClientRules::normalised(m_draft));
    });
}

void OAuth2ClientCreator::create(const OAuth2Client &client)
{
    const auto record =
        beginOrRefuse(QStringLiteral("create-oauth2-client"),
                      QStringLiteral("OAuth 2.0 client “") + client.name + QStringLiteral("”"));
    if (!record)
        return;
    const OAuth2ClientDraft body{client.name, client.redirects, client.scope};
    run<CreateOAuth2Client>(
        new CreateOAuth2Client(m_connection, body),
        [this, record = *record](CreateOAuth2Client &job) {
            if (job.error().isError()) {
                record.complete(job.error());
                finish(AdminOutcome::failure(job.error(), notDone()));
                return;
            }
            OAuth2Client created = job.result();
            m_secret = std::exchange(created.clientSecret, QString());
            setClient(created);
            if (created.id.isEmpty() || created.clientId.isEmpty() || m_secret.isEmpty()) {
                unconfirmed(record, tr("The server's answer lacks the new client's id or secret."));
                return;
            }
            readBackThen(created.id, [this, record,
                                      created](const std::optional<OAuth2Client> &held,
                                               const ApiError &error) {
                if (!held) {
                    unconfirmed(record,
                                tr("The server created “%1” (client id %2), but reading "
                                   "it back failed: %3")
                                    .arg(created.name, created.clientId, error.userMessage()));
                    return;
                }
                if (held->clientId != created.clientId || held->name != created.name) {
                    unconfirmed(record, tr("The server created “%1”, but now shows another "
                                           "client under its id.")
                                            .arg(created.name));
                    return;
                }
                setClient(*held);
                record.complete({});
                finish(AdminOutcome::success(
                    tr("The OAuth 2.0 client “%1” is registered with the client id %2. Copy its "
                       "secret now: AccessDesk shows it this once and keeps no copy.")
                        .arg(held->name, held->clientId)));
            });
        });
}

} // namespace accessdesk
