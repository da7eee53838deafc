#pragma once

#include "services/AdminOutcome.h"
#include "services/RecordedJob.h"

#include <QPointer>

#include <functional>
#include <optional>
#include <type_traits>

namespace accessdesk {

class ApiJob;

// The base of the administration use cases (consumers, OAuth 2.0 clients): a job that runs a few
// REST jobs one after another and reports exactly once, through finished(), with an AdminOutcome.
// Subclasses provide start(); they chain their steps with run() and end with finish().
//
// finished() never comes from inside start() or cancel(); deleting the job drops the request
// under way without a report.
class AdminJob : public RecordedJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminJob)

public:
    // Runs the use case; finished() follows, always after start() has returned.
    virtual void start() = 0;

    bool isFinished() const { return m_finished; }
    const AdminOutcome &outcome() const { return m_outcome; }
    bool succeeded() const { return m_finished && m_outcome.succeeded(); }
    // Stops the step under way; the job then finishes as Cancelled. Safe to call twice. A change
    // whose request already left may still have been made: its activity record says so.
    void cancel();

signals:
    void finished();

protected:
    // log may be null (nothing recorded; read-only jobs pass none).
    AdminJob(ServerConnection *connection, ActivityLog *log, ActivityContext who, QObject *parent);

    // Starts job (parented to this) and calls then() with it once it has finished, also when it
    // was cancelled (its error says so, and then() completes its activity record), unless this
    // job has finished meanwhile. The job is deleted after then() returns.
    template<class Job> void run(Job *job, std::type_identity_t<std::function<void(Job &)>> then)
    {
        track(job, [job, then = std::move(then)] { then(*job); });
    }
    // Begins the activity record; when the log refuses, finishes NotRecorded and gives nullopt:
    // an administration change the log cannot record is not made.
    std::optional<ActivityRecord> beginOrRefuse(const QString &action, const QString &target);
    // Reports, once, on the next turn of the event loop (never from inside start()).
    void finish(AdminOutcome outcome);
    // When error is one, finishes and returns true: a 404 as ifNotFound (the error attached) when
    // given, anything else as AdminOutcome::failure(error, notDone).
    bool finishedOn(const ApiError &error, const QString &notDone,
                    std::optional<AdminOutcome> ifNotFound = std::nullopt);

private:
    void track(ApiJob *job, std::function<void()> then);
    void finishCancelled();

    QPointer<ApiJob> m_current;
    AdminOutcome m_outcome;
    bool m_finished = false;
    bool m_finishing = false;
    bool m_cancelRequested = false;
};

} // namespace accessdesk
