#pragma once

#include "AppLink.h"
#include "services/AppLinkOutcome.h"
#include "services/RecordedJob.h"

#include <QPointer>

namespace accessdesk {

class ActivityLog;
class ApiJob;
class ServerConnection;

// The frame of every change to an existing application link (edit, relocate, make primary,
// delete, OAuth levels): check the input, write the activity row, send the request, and report
// success only for a change seen on the server — in the answer itself or by reading the link
// back. When the answer is lost (dropped connection, time-out, a retry refused because the first
// attempt went through), the link is read back too, and the change is reported done when it
// shows, "unknown" when it does not. An admin change the activity log cannot record is not sent.
//
// Destructive changes are confirmed by the front end first, with the text describe() gives.
//
// A job: start(), then exactly one finished() (never from inside start()); then outcome() and
// link(). A change that needs the user's word (outcome NeedsConfirmation) can be sent again
// with proceed().
class AppLinkChange : public RecordedJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkChange)

public:
    ~AppLinkChange() override;

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    const AppLinkOutcome &outcome() const { return m_outcome; }
    // The link: as given before the change, as read back after it (a deleted link as it was).
    const AppLink &link() const { return m_link; }
    // The question a front end asks before the change, in plain words.
    virtual QString describe() const = 0;

signals:
    void finished();

protected:
    using Step = AppLinkOutcome::Step;

    // log may be null (nothing recorded).
    AppLinkChange(ServerConnection *connection, AppLink link, ActivityLog *log, ActivityContext who,
                  QObject *parent);

    virtual Step step() const = 0;
    virtual QString action() const = 0; // the activity log's action key
    virtual QString target() const = 0; // the activity log's target: never a secret
    // The input's own faults, before anything is sent.
    virtual AppLinkOutcome check() const { return AppLinkOutcome::success(step()); }
    virtual ApiJob *makeRequest() = 0;
    // When the request's own answer shows the change (v3 update answers the link), reads it and
    // returns true; otherwise the link is read back.
    virtual bool takeAnswer(ApiJob *request);
    // The job that reads the state back: GetAppLink by default.
    virtual ApiJob *makeReadBack();
    // Whether the read-back shows the change; may update m_link from it.
    virtual bool showsChange(ApiJob *readBack) = 0;
    // What a refusal means for this change; NeedsConfirmation for the ones proceed() resends.
    virtual AppLinkOutcome refused(const ApiError &error) const;
    // After a refusal, whether to read back anyway (to tell what the server left behind).
    virtual bool readBackAfterRefusal(const AppLinkOutcome &) const { return false; }
    // The refusal, completed with what the read-back showed.
    virtual AppLinkOutcome afterRefusal(AppLinkOutcome refusal, ApiJob *readBack) const;
    // Sends again after a NeedsConfirmation outcome (the subclass has changed its request).
    void proceed();

    AppLink m_link;

private:
    void send();
    void onAnswer(ApiJob *job);
    void readBack(bool answerLost, AppLinkOutcome refusal = {});
    void finish(AppLinkOutcome outcome);

    QPointer<ApiJob> m_job;
    ActivityRecord m_record;
    AppLinkOutcome m_outcome;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace accessdesk
