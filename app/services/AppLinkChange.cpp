#include "services/AppLinkChange.h"

#include "api/AppLinkJobs.h"
#include "storage/ActivityLog.h"

#include <QTimer>

namespace accessdesk {

namespace {

using Problem = AppLinkOutcome::Problem;
using Result = AppLinkOutcome::Result;

} // namespace

AppLinkChange::AppLinkChange(ServerConnection *connection, AppLink link, ActivityLog *log,
                             ActivityContext who, QObject *parent)
    : RecordedJob(connection, log, std::move(who), parent)
    , m_link(std::move(link))
{}

AppLinkChange::~AppLinkChange() = default;

void AppLinkChange::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, &AppLinkChange::send);
}

void AppLinkChange::proceed()
{
    if (!m_finished || m_outcome.result != Result::NeedsConfirmation)
        return;
    m_finished = false;
    m_cancelled = false;
    m_outcome = {};
    QTimer::singleShot(0, this, &AppLinkChange::send);
}

void AppLinkChange::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    if (m_job) {
        m_job->cancel();
        return;
    }
    QTimer::singleShot(0, this, [this] {
        finish(AppLinkOutcome::failure(step(), Problem::Cancelled, tr("Cancelled.")));
    });
}

bool AppLinkChange::takeAnswer(ApiJob *)
{
    return false;
}

ApiJob *AppLinkChange::makeReadBack()
{
    return new GetAppLink(m_connection, m_link.id, this);
}

AppLinkOutcome AppLinkChange::refused(const ApiError &error) const
{
    return AppLinkOutcome::fromError(step(), error);
}

AppLinkOutcome AppLinkChange::afterRefusal(AppLinkOutcome refusal, ApiJob *) const
{
    return refusal;
}

void AppLinkChange::send()
{
    if (m_finished || m_cancelled)
        return;
    AppLinkOutcome checked = check();
    if (!checked.succeeded()) {
        finish(checked);
        return;
    }
    m_record = beginRecord(action(), target());
    if (m_record.wasRefused()) {
        finish(AppLinkOutcome::failure(
            step(), Problem::NotRecorded,
            tr("Nothing was sent: the activity log could not record the change (%1).")
                .arg(m_log ? m_log->lastError() : QString()),
            tr("Check that the disk is writable, then try again.")));
        return;
    }
    ApiJob *job = makeRequest();
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] { onAnswer(job); });
    job->start();
}

void AppLinkChange::onAnswer(ApiJob *job)
{
    m_job = nullptr;
    job->deleteLater();
    const ApiError &error = job->error();
    if (!error.isError()) {
        if (takeAnswer(job)) {
            m_record.complete({});
            finish(AppLinkOutcome::success(step()));
            return;
        }
        readBack(false);
        return;
    }
    if (error.kind() == ApiError::Kind::Cancelled) {
        // Reading back now would go against the user's wish to stop.
        m_record.completeUnknown(QStringLiteral("Cancelled before the server's answer came."));
        AppLinkOutcome outcome = AppLinkOutcome::failure(
            step(), Problem::AnswerLost,
            tr("Cancelled after the request was sent: whether the change was made is unknown."),
            tr("Refresh the list of links to see."));
        outcome.result = Result::Unknown;
        finish(outcome);
        return;
    }
    if (AppLinkOutcome::answerMayBeLost(error, job->attempts())) {
        readBack(true);
        return;
    }
    AppLinkOutcome refusal = refused(error);
    refusal.error = error;
    if (refusal.result == Result::NeedsConfirmation) {
        m_record.fail(refusal.message);
        finish(refusal);
        return;
    }
    if (readBackAfterRefusal(refusal)) {
        readBack(false, refusal);
        return;
    }
    m_record.complete(error, refusal.message);
    finish(refusal);
}

void AppLinkChange::readBack(bool answerLost, AppLinkOutcome refusal)
{
    ApiJob *job = makeReadBack();
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job, answerLost, refusal] {
        m_job = nullptr;
        job->deleteLater();
        if (refusal.result != Result::Succeeded) {
            const AppLinkOutcome outcome = afterRefusal(refusal, job);
            m_record.complete(refusal.error, outcome.message);
            finish(outcome);
            return;
        }
        if (showsChange(job)) {
            m_record.complete({});
            finish(AppLinkOutcome::success(step()));
            return;
        }
        const ApiError &readError = job->error();
        const bool unreadable = readError.isError() && readError.kind() != ApiError::Kind::NotFound;
        QString message;
        if (answerLost)
            message = unreadable ? tr("Jira's answer was lost, and the link could not be read "
                                      "back either (%1): whether the change was made is unknown.")
                                       .arg(readError.userMessage())
                                 : tr("Jira's answer was lost, and the link does not show the "
                                      "change (yet): it may still happen.");
        else
            message = unreadable ? tr("Jira said the change was made, but reading the link back "
                                      "failed (%1).")
                                       .arg(readError.userMessage())
                                 : tr("Jira said the change was made, but the link does not show "
                                      "it.");
        m_record.completeUnknown(QStringLiteral("The change was not seen afterwards."));
        AppLinkOutcome outcome =
            AppLinkOutcome::failure(step(), Problem::AnswerLost, message,
                                    tr("Refresh the list of links before trying again."));
        outcome.result = Result::Unknown;
        outcome.error = readError;
        finish(outcome);
    });
    job->start();
}

void AppLinkChange::finish(AppLinkOutcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome = std::move(outcome);
    m_record = {};
    emit finished();
}

} // namespace accessdesk
