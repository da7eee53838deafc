#pragma once

#include "PersonalToken.h"
#include "api/ApiError.h"
#include "services/RecordedJob.h"

#include <QList>
#include <QPointer>

#include <functional>
#include <utility>

namespace accessdesk {

class ActivityLog;
class ApiJob;
class ServerConnection;

// An administrator revokes other users' personal access tokens, all in one request (spec 7.4).
// Each token is written to the activity log before the request leaves and completed after, so a
// crash leaves a true record. Unlike the user's own revokes, an admin change the log cannot record
// is not made at all: if a row cannot be written, nothing is sent, the rows already begun are
// completed as failed and recordError() says why.
//
// A job: finished() is emitted exactly once — before start() returns when the log refused,
// otherwise when the server has answered. Deleting it drops the request.
class AdminTokenRevoker final : public RecordedJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminTokenRevoker)

public:
    // How a failure reads in the activity log; empty for no error.
    using ErrorText = std::function<QString(const ApiError &)>;

    // log may be null (nothing recorded); errorText defaults to ApiError::userMessage().
    AdminTokenRevoker(ServerConnection *connection, QList<PersonalToken> tokens, ActivityLog *log,
                      ActivityContext who, ErrorText errorText = {}, QObject *parent = nullptr);

    // For a caller that checks afterwards what the server holds (TokenSweep): the records stay
    // pending when the answer arrives, for takeRecords() to hand over and the caller to complete
    // with what it found. Call before start().
    void setRecordCompletionDeferred(bool deferred) { m_deferCompletion = deferred; }
    // The records of the request sent, one per token in tokens()' order, when completion is
    // deferred; empty otherwise (or when nothing was sent).
    QList<ActivityRecord> takeRecords() { return std::exchange(m_openRecords, {}); }

    void start();

    bool isFinished() const { return m_finished; }
    const QList<PersonalToken> &tokens() const { return m_tokens; }
    // The server's answer; none when every token was revoked (or nothing was sent).
    const ApiError &error() const { return m_error; }
    // Why nothing was sent: the activity log's own error. Empty when the request went out.
    const QString &recordError() const { return m_recordError; }
    bool succeeded() const { return m_finished && m_recordError.isEmpty() && !m_error.isError(); }

    // "personal access token “reporting” (pat:201) of bob": the activity log's target.
    static QString describe(const PersonalToken &token);

signals:
    void finished();

private:
    void finish();

    QList<PersonalToken> m_tokens;
    ErrorText m_errorText;
    QPointer<ApiJob> m_job;
    ApiError m_error;
    QString m_recordError;
    QList<ActivityRecord> m_openRecords;
    bool m_deferCompletion = false;
    bool m_finished = false;
};

} // namespace accessdesk
