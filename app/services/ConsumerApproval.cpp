#include "services/ConsumerApproval.h"

#include "api/AppLinkJobs.h"
#include "api/ConsumerJobs.h"
#include "api/CoreJobs.h"
#include "services/ConsumerDraftCheck.h"

namespace accessdesk {

namespace {

const QString kImpersonation = QStringLiteral("twoLOImpersonationAllowed");

// Jira answers a non-sysadmin's impersonation with 401/403, or a 400 that says why (spec 3.4
// (10), (18)); a 400 about something else is not about permission.
bool refusesImpersonation(const ApiError &error)
{
    switch (error.kind()) {
    case ApiError::Kind::Forbidden:
    case ApiError::Kind::Unauthenticated:
        return true;
    case ApiError::Kind::Validation: {
        const QString said = error.serverMessage().toLower();
        return said.contains(QLatin1String("imperson")) ||
               said.contains(QLatin1String("sysadmin")) ||
               said.contains(QLatin1String("system admin"));
    }
    default:
        return false;
    }
}

} // namespace

ConsumerApproval::ConsumerApproval(ServerConnection *connection, Request request, ActivityLog *log,
                                   ActivityContext who, QObject *parent)
    : AdminJob(connection, log, std::move(who), parent)
    , m_request(std::move(request))
{}

QString ConsumerApproval::describe(const QString &key, const AppLink &link)
{
    return QStringLiteral("OAuth consumer “") + key + QStringLiteral("” on application link “") +
           link.name + QStringLiteral("” (") + link.id + QLatin1Char(')');
}

AdminOutcome ConsumerApproval::noSuchLink() const
{
    return AdminOutcome::local(
        AdminOutcome::Status::NotFound,
        notDone() + QLatin1Char(' ') +
            tr("There is no application link with the id %1.").arg(m_request.linkId.left(80)),
        tr("Check the id in the list of application links."));
}

QString ConsumerApproval::notDone() const
{
    return tr("The consumer was not approved.");
}

void ConsumerApproval::start()
{
    const ConsumerDraftVerdict verdict =
        ConsumerDraftCheck::check(m_request.draft, m_request.callerIsSysadmin);
    if (verdict.impersonationNotAllowed) {
        finish(AdminOutcome::local(AdminOutcome::Status::NotAllowed,
                                   tr("The consumer was not approved: impersonation needs a Jira "
                                      "system administrator."),
                                   {}, verdict.fieldErrors));
        return;
    }
    if (!verdict.ok()) {
        finish(AdminOutcome::local(AdminOutcome::Status::Invalid,
                                   notDone() + QLatin1Char(' ') +
                                       tr("Nothing was sent: correct the fields named."),
                                   {}, verdict.fieldErrors));
        return;
    }
    m_key = verdict.publicKey;
    if (!ConsumerDraftCheck::isLinkId(m_request.linkId)) {
        finish(noSuchLink());
        return;
    }
    if (m_request.draft.twoLoImpersonationAllowed && !m_request.callerIsSysadmin.has_value())
        askPermission();
    else
        readLink();
}

void ConsumerApproval::askPermission()
{
    run<GetMyPermissions>(new GetMyPermissions(m_connection), [this](GetMyPermissions &job) {
        if (finishedOn(job.error(), notDone()))
            return;
        m_request.callerIsSysadmin = job.result().isSysadmin();
        // Checked again, now with the permission rule.
        start();
    });
}

void ConsumerApproval::readLink()
{
    run<GetAppLink>(new GetAppLink(m_connection, m_request.linkId), [this](GetAppLink &job) {
        if (finishedOn(job.error(), notDone(), noSuchLink()))
            return;
        m_link = job.result();
        send(*m_key);
    });
}

void ConsumerApproval::send(const RsaPublicKey &key)
{
    const IncomingConsumerDraft body = ConsumerDraftCheck::toRequest(m_request.draft, key);
    const auto record =
        beginOrRefuse(QStringLiteral("approve-consumer"), describe(body.key, m_link));
    if (!record)
        return;
    run<PutIncomingConsumer>(
        new PutIncomingConsumer(m_connection, m_link.id, body),
        [this, record = *record, key,
         impersonation = body.twoLoImpersonationAllowed](PutIncomingConsumer &job) {
            const ApiError &error = job.error();
            if (!error.isError()) {
                readBack(record, key);
                return;
            }
            record.complete(error);
            AdminOutcome outcome = AdminOutcome::failure(error, notDone());
            if (impersonation && refusesImpersonation(error)) {
                outcome.status = AdminOutcome::Status::NotAllowed;
                outcome.message = notDone() + QLatin1Char(' ') +
                                  tr("The server refused impersonation: only Jira system "
                                     "administrators may allow it.");
                outcome.fieldErrors.insert(kImpersonation,
                                           ConsumerDraftCheck::impersonationRefusal());
            } else if (error.kind() == ApiError::Kind::Validation &&
                       error.serverMessage().contains(QLatin1String("public key"),
                                                      Qt::CaseInsensitive)) {
                outcome.fieldErrors.insert(QStringLiteral("publicKey"), error.serverMessage());
            }
            finish(outcome);
        });
}

void ConsumerApproval::readBack(const ActivityRecord &record, const RsaPublicKey &sent)
{
    const QString key = m_request.draft.key.trimmed();
    run<GetIncomingConsumer>(
        new GetIncomingConsumer(m_connection, m_link.id),
        [this, record, sent, key](GetIncomingConsumer &job) {
            const auto unconfirmed = [this, &record](const QString &why) {
                record.fail(why);
                finish(AdminOutcome::local(
                    AdminOutcome::Status::Unconfirmed,
                    tr("The server accepted the consumer, but reading it back did not confirm "
                       "it: %1")
                        .arg(why),
                    tr("Show the link's consumer to see what Jira holds now, and approve it "
                       "again if needed.")));
            };
            if (job.error().isError()) {
                unconfirmed(job.error().userMessage());
                return;
            }
            const auto stored = ConsumerDraftCheck::incomingOf(job.result(), key);
            if (!stored) {
                unconfirmed(tr("the link lists no consumer with the key “%1”.").arg(key));
                return;
            }
            QString problem;
            const auto storedKey = RsaPublicKey::read(stored->publicKey, &problem);
            if (!storedKey || storedKey->der() != sent.der()) {
                unconfirmed(tr("the public key Jira shows is not the one sent (SHA-256 %1).")
                                .arg(storedKey ? storedKey->sha256Fingerprint() : problem));
                return;
            }
            m_stored = *stored;
            m_storedKey = storedKey;
            record.complete({});
            finish(AdminOutcome::success(
                tr("The consumer “%1” is approved on “%2”. Jira holds its %3-bit public key with "
                   "the SHA-256 fingerprint %4.")
                    .arg(m_stored.key, m_link.name)
                    .arg(storedKey->bits())
                    .arg(storedKey->sha256Fingerprint())));
        });
}

} // namespace accessdesk
