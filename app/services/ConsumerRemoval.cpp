#include "services/ConsumerRemoval.h"

#include "api/AppLinkJobs.h"
#include "api/ConsumerFormJobs.h"
#include "api/ConsumerJobs.h"
#include "services/ConsumerApproval.h"
#include "services/ConsumerDraftCheck.h"

namespace accessdesk {

ConsumerRemoval::ConsumerRemoval(ServerConnection *connection, QString linkId, QString expectedKey,
                                 ActivityLog *log, ActivityContext who, QObject *parent)
    : LinkConsumerJob(connection, std::move(linkId), log, std::move(who), parent)
    , m_expectedKey(std::move(expectedKey))
{}

QString ConsumerRemoval::notDone() const
{
    return tr("Nothing was removed.");
}

QString ConsumerRemoval::consequences(const OAuthConsumer &consumer, const AppLink &link)
{
    return tr("Every access token users gave “%1” stops working at once, and “%1” can no longer "
              "ask users for access through “%2”. Jira does not report how many users had "
              "authorised it.")
        .arg(consumer.name.isEmpty() ? consumer.key : consumer.name, link.name);
}

void ConsumerRemoval::start()
{
    readThen(notDone(), [this] {
        if (!consumer()) {
            finish(AdminOutcome::local(
                AdminOutcome::Status::NotFound,
                tr("“%1” has no incoming OAuth consumer; nothing was removed.").arg(link().name)));
            return;
        }
        if (!m_expectedKey.isEmpty() && consumer()->key != m_expectedKey) {
            finish(AdminOutcome::local(
                AdminOutcome::Status::Failed,
                tr("The consumer of “%1” is now “%2”, not “%3”: it changed since you looked. "
                   "Nothing was removed.")
                    .arg(link().name, consumer()->key, m_expectedKey),
                tr("Show the link's consumer again, then confirm its removal.")));
            return;
        }
        const auto record = beginOrRefuse(QStringLiteral("remove-consumer"),
                                          ConsumerApproval::describe(consumer()->key, link()));
        if (!record)
            return;
        // Jira documents the status resource for Atlassian links; generic links have the form.
        const bool generic = link().typeId == QLatin1String("generic");
        m_plan = generic ? QList<Method>{Method::ConsumerForm, Method::OAuthStatus}
                         : QList<Method>{Method::OAuthStatus, Method::ConsumerForm};
        attempt(0, *record, {});
    });
}

void ConsumerRemoval::attempt(int step, const ActivityRecord &record, QStringList problems)
{
    if (m_plan.at(step) == Method::OAuthStatus) {
        disableIncoming(step, record, problems);
        return;
    }
    run<DisableIncomingConsumerByForm>(
        new DisableIncomingConsumerByForm(m_connection, link().id),
        [this, step, record, problems](DisableIncomingConsumerByForm &job) mutable {
            if (job.error().isError())
                problems << tr("the consumer form answered: %1").arg(job.error().userMessage());
            verify(step, record, problems);
        });
}

void ConsumerRemoval::disableIncoming(int step, const ActivityRecord &record, QStringList problems)
{
    // The status is written whole: read it first, so that outgoing OAuth stays as it is.
    run<GetAppLinkOAuthStatus>(
        new GetAppLinkOAuthStatus(m_connection, link().id),
        [this, step, record, problems](GetAppLinkOAuthStatus &read) mutable {
            if (read.error().isError()) {
                problems << tr("the link's OAuth status could not be read: %1")
                                .arg(read.error().userMessage());
                verify(step, record, problems);
                return;
            }
            OAuthStatus status = read.result();
            status.incoming = OAuthConfig{};
            run<SetAppLinkOAuthStatus>(
                new SetAppLinkOAuthStatus(m_connection, link().id, status),
                [this, step, record, problems](SetAppLinkOAuthStatus &write) mutable {
                    if (write.error().isError())
                        problems << tr("disabling incoming OAuth was refused: %1")
                                        .arg(write.error().userMessage());
                    verify(step, record, problems);
                });
        });
}

void ConsumerRemoval::verify(int step, const ActivityRecord &record, QStringList problems)
{
    const QString key = consumer()->key;
    run<GetIncomingConsumer>(
        new GetIncomingConsumer(m_connection, link().id),
        [this, step, record, problems, key](GetIncomingConsumer &job) {
            const ApiError &error = job.error();
            const bool gone =
                error.kind() == ApiError::Kind::NotFound ||
                (!error.isError() && !ConsumerDraftCheck::incomingOf(job.result(), key));
            if (gone) {
                m_method = m_plan.at(step);
                record.complete({});
                finish(AdminOutcome::success(
                    tr("The consumer “%1” is removed from “%2”: every token users gave it has "
                       "stopped working.")
                        .arg(key, link().name)));
                return;
            }
            if (error.kind() == ApiError::Kind::Cancelled) {
                record.fail(error.userMessage());
                finish(AdminOutcome::failure(error, tr("The removal was cancelled; check the "
                                                       "link's consumer to see if it is gone.")));
                return;
            }
            if (!error.isError() && step + 1 < m_plan.size()) {
                attempt(step + 1, record, problems);
                return;
            }
            const QString why =
                error.isError()
                    ? tr("AccessDesk asked Jira to remove the consumer “%1” from “%2”, but could "
                         "not read it back: %3")
                          .arg(key, link().name, error.userMessage())
                    : tr("Jira still lists the consumer “%1” on “%2” after AccessDesk asked to "
                         "remove it.")
                          .arg(key, link().name);
            record.fail(problems.isEmpty()
                            ? why
                            : why + QLatin1Char(' ') + problems.join(QStringLiteral("; ")));
            AdminOutcome outcome = AdminOutcome::local(
                AdminOutcome::Status::Unconfirmed,
                problems.isEmpty()
                    ? why
                    : why + QLatin1Char(' ') +
                          tr("What Jira said: %1.").arg(problems.join(QStringLiteral("; "))),
                tr("Remove it in Jira's administration: Application links, edit “%1”, Incoming "
                   "authentication, then check again with “show”.")
                    .arg(link().name));
            outcome.error = error;
            finish(outcome);
        });
}

} // namespace accessdesk
