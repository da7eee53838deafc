#include "services/AdminJob.h"

#include "api/ApiJob.h"
#include "storage/ActivityLog.h"

#include <QTimer>

namespace accessdesk {

AdminJob::AdminJob(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                   QObject *parent)
    : RecordedJob(connection, log, std::move(who), parent)
{}

void AdminJob::cancel()
{
    if (m_finishing || m_cancelRequested)
        return;
    m_cancelRequested = true;
    // The step under way reports Cancelled to its then(), which completes what it began.
    if (ApiJob *job = m_current)
        job->cancel();
    else
        finishCancelled();
}

void AdminJob::finishCancelled()
{
    finish(AdminOutcome::local(AdminOutcome::Status::Cancelled, tr("Cancelled.")));
}

void AdminJob::track(ApiJob *job, std::function<void()> then)
{
    job->setParent(this);
    if (m_cancelRequested || m_finishing) {
        job->deleteLater();
        finishCancelled();
        return;
    }
    m_current = job;
    connect(job, &ApiJob::finished, this, [this, job, then = std::move(then)] {
        job->deleteLater();
        if (m_current != job || m_finishing)
            return;
        m_current = nullptr;
        then();
        // A then() that went on regardless of the cancellation ends here.
        if (m_cancelRequested && !m_current)
            finishCancelled();
    });
    job->start();
}

std::optional<ActivityRecord> AdminJob::beginOrRefuse(const QString &action, const QString &target)
{
    ActivityRecord record = beginRecord(action, target);
    if (record.wasRefused()) {
        finish(AdminOutcome::notRecorded(m_log->lastError()));
        return std::nullopt;
    }
    return record;
}

bool AdminJob::finishedOn(const ApiError &error, const QString &notDone,
                          std::optional<AdminOutcome> ifNotFound)
{
    if (!error.isError())
        return false;
    if (ifNotFound && error.kind() == ApiError::Kind::NotFound) {
        ifNotFound->error = error;
        finish(*ifNotFound);
    } else {
        finish(AdminOutcome::failure(error, notDone));
    }
    return true;
}

void AdminJob::finish(AdminOutcome outcome)
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_outcome = std::move(outcome);
    QTimer::singleShot(0, this, [this] {
        m_finished = true;
        emit finished();
    });
}

} // namespace accessdesk
