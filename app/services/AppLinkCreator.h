#pragma once

#include "AppLink.h"
#include "services/AppLinkOutcome.h"
#include "services/NewAppLinkDraft.h"
#include "services/RecordedJob.h"

#include <QPointer>

#include <functional>

namespace accessdesk {

class ActivityLog;
class ApiJob;
class AppLinkChange;
class ServerConnection;

// Creates an application link the way Jira's wizard does, for the app's wizard (step by step)
// and `links create` (in one go):
//
//   probe()  — asks the server what answers at draft().url (spec 3.4 (25)) and fills the draft's
//              empty type, name and display URL from it; probeResult() says what was found.
//   create() — probes first if the URL changed, then: Check (the fields, and the server's links:
//              a taken name, an existing link), Create (one way: v2 PUT with the remote's
//              application id; two way: the wizard's own call with the remote administrator's
//              credentials), Confirm (reads the link back: success is reported only for a link
//              seen on the server), MakePrimary if asked, ConfigureOAuth for one-way Atlassian
//              links (PUT status/{id}/oauth). outcome() says how far it got and why not further.
//
// If the create answer is lost (dropped connection, time-out, a retry the server refused), the
// creator looks for the link by its URL and reports it found or "unknown"; it never claims a
// write it did not see. Every change is written to the activity log before its request leaves
// and completed after; if the log cannot write the row, nothing is sent. The draft is never
// cleared. The remote administrator's password is kept in memory only, for one attempt: this
// object's copy (and the request job's) is overwritten as soon as the two-way request has been
// answered, so a retry needs it again. Copies outside its reach (the caller's, the JSON body Qt
// sends) are the caller's and Qt's to drop.
//
// Each of probe() and create() ends with exactly one finished() (never from inside the call);
// calls made while busy are ignored.
class AppLinkCreator final : public RecordedJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinkCreator)

public:
    using Step = AppLinkOutcome::Step;

    // log may be null (nothing recorded).
    AppLinkCreator(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                   QObject *parent = nullptr);
    ~AppLinkCreator() override;

    NewAppLinkDraft &draft() { return m_draft; }
    const NewAppLinkDraft &draft() const { return m_draft; }
    void setRemotePassword(const QString &password);
    bool hasRemotePassword() const { return !m_remotePassword.isEmpty(); }
    void forgetRemotePassword();

    void probe();
    void create();
    void cancel(); // ends the step under way; a create request already sent is reported unknown

    bool isBusy() const { return m_busy; }
    Step step() const { return m_step; }
    const AppLinkProbeResult &probeResult() const { return m_probe; }
    const AppLinkOutcome &outcome() const { return m_outcome; }
    // The link as read back from the server; empty until Confirm saw it.
    const AppLink &createdLink() const { return m_created; }

    // "two-way application link “Wiki” (confluence) to https://wiki.example.com": the activity
    // log's target. Never holds a secret.
    static QString describe(const NewAppLinkDraft &draft);

signals:
    void stepChanged(accessdesk::AppLinkOutcome::Step step);
    void finished();

private:
    void enter(Step step);
    void runProbe(std::function<void()> then);
    void admitAndCheck();
    void send();
    void onSent(ApiJob *job, bool twoWay);
    void confirm(const QString &id, bool answerLost);
    void confirmed(const std::optional<AppLink> &link, const ApiError &readError, bool answerLost);
    void makePrimary();
    void configureOAuth();
    void finish(AppLinkOutcome outcome);
    // Starts job as the step under way; then(job) runs when it has finished.
    void run(ApiJob *job, std::function<void(ApiJob *)> then);
    // A change to the new link (primary, OAuth): next() when it succeeded, else the creation
    // ends partly done with the change's own outcome.
    void runAfterCreation(AppLinkChange *change, std::function<void()> next);
    // Begins a row; false (and the creator has finished) when the log refused it.
    bool beginChange(const QString &action, const QString &target);

    NewAppLinkDraft m_draft;
    QString m_remotePassword;
    AppLinkProbeResult m_probe;
    AppLinkOutcome m_outcome;
    AppLink m_created;
    bool m_autoConfigured = true;
    ActivityRecord m_record; // the change under way
    QPointer<QObject> m_current;
    Step m_step = Step::None;
    bool m_busy = false;
    bool m_cancelled = false;
};

} // namespace accessdesk
