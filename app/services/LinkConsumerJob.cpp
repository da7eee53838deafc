#include "services/LinkConsumerJob.h"

#include "api/AppLinkJobs.h"
#include "api/ConsumerJobs.h"
#include "services/ConsumerDraftCheck.h"

namespace accessdesk {

LinkConsumerJob::LinkConsumerJob(ServerConnection *connection, QString linkId, ActivityLog *log,
                                 ActivityContext who, QObject *parent)
    : AdminJob(connection, log, std::move(who), parent)
    , m_linkId(std::move(linkId))
{}

void LinkConsumerJob::readThen(const QString &notDone, std::function<void()> then)
{
    const AdminOutcome noSuchLink = AdminOutcome::local(
        AdminOutcome::Status::NotFound,
        notDone + QLatin1Char(' ') +
            tr("There is no application link with the id %1.").arg(m_linkId.left(80)),
        tr("Check the id in the list of application links."));
    if (!ConsumerDraftCheck::isLinkId(m_linkId)) {
        finish(noSuchLink);
        return;
    }
    run<GetAppLink>(new GetAppLink(m_connection, m_linkId),
                    [this, notDone, noSuchLink, then](GetAppLink &job) {
                        if (finishedOn(job.error(), notDone, noSuchLink))
                            return;
                        m_link = job.result();
                        readConsumer(notDone, then);
                    });
}

void LinkConsumerJob::readConsumer(const QString &notDone, std::function<void()> then)
{
    run<GetIncomingConsumer>(new GetIncomingConsumer(m_connection, m_link.id),
                             [this, notDone, then](GetIncomingConsumer &job) {
                                 m_consumer.reset();
                                 m_publicKey.reset();
                                 // The link was just read, so a 404 here means it has no consumer.
                                 if (job.error().kind() != ApiError::Kind::NotFound) {
                                     if (job.error().isError()) {
                                         finish(AdminOutcome::failure(job.error(), notDone));
                                         return;
                                     }
                                     m_consumer = ConsumerDraftCheck::incomingOf(job.result());
                                     QString unreadable;
                                     if (m_consumer)
                                         m_publicKey =
                                             RsaPublicKey::read(m_consumer->publicKey, &unreadable);
                                 }
                                 then();
                             });
}

LinkConsumerReader::LinkConsumerReader(ServerConnection *connection, QString linkId,
                                       QObject *parent)
    : LinkConsumerJob(connection, std::move(linkId), nullptr, {}, parent)
{}

void LinkConsumerReader::start()
{
    readThen(tr("The consumer could not be shown."), [this] {
        if (!consumer()) {
            finish(
                AdminOutcome::success(tr("“%1” has no incoming OAuth consumer.").arg(link().name)));
            return;
        }
        finish(AdminOutcome::success(
            publicKey()
                ? tr("“%1” accepts the OAuth consumer “%2”; its public key's SHA-256 "
                     "fingerprint is %3.")
                      .arg(link().name, consumer()->name, publicKey()->sha256Fingerprint())
                : tr("“%1” accepts the OAuth consumer “%2”.").arg(link().name, consumer()->name)));
    });
}

} // namespace accessdesk
