#pragma once

#include "AuthorizePage.h"
#include "api/ApiError.h"
#include "api/OAuthFlowJobs.h"
#include "services/AccessRequestLink.h"
#include "services/RecordedJob.h"

#include <QPointer>
#include <QUrl>

// Answering an OAuth 1.0a "Request for Access" (spec 4.5 step 2) without a browser: the user
// pastes the authorisation link an application gave them, reads who asks, and allows or denies.
namespace accessdesk {

class ActivityLog;
class ServerConnection;

// Allow or Deny on a page FetchAuthorizePage read, recorded in the activity log: begun before the
// answer leaves, completed after. The request token and the verifier are never recorded.
//
// A job: finished() is emitted exactly once, also on error or cancel().
class AccessRequestAnswerer final : public RecordedJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessRequestAnswerer)

public:
    // log may be null (nothing recorded).
    AccessRequestAnswerer(ServerConnection *connection, AuthorizeRequest page, bool approve,
                          ActivityLog *log, ActivityContext who, QObject *parent = nullptr);

    void start();
    void cancel(); // while running: reports Cancelled; safe to call twice

    bool isFinished() const { return m_finished; }
    bool approving() const { return m_approve; }
    const ApiError &error() const { return m_error; }
    const AuthorizeDecision &decision() const { return m_decision; }

signals:
    void finished();

private:
    AuthorizeRequest m_page;
    bool m_approve;
    QPointer<AnswerAuthorizePage> m_job;
    AuthorizeDecision m_decision;
    ApiError m_error;
    bool m_finished = false;
};

} // namespace accessdesk
