#pragma once

#include "PersonalToken.h"
#include "api/ApiError.h"
#include "services/RecordedJob.h"

#include <QPointer>

#include <optional>

namespace accessdesk {

class ActivityLog;
class CreatePersonalToken;
class ServerConnection;

// Creates a personal access token for the signed-in user (spec 7.1), for the desktop app and the
// CLI alike. The change is written to the activity log before the request leaves and completed
// after. The answer holds the raw token, which the server shows only once: it reaches the caller
// through token() and nowhere else (not the log, not the activity log, not the cache).
//
// A job: finished() is emitted exactly once, also on error or cancel().
class PersonalTokenCreator final : public RecordedJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PersonalTokenCreator)

public:
    struct Request
    {
        QString name;
        std::optional<int> expiryDays; // empty: never expires (where the server allows it)
    };

    // log may be null (nothing recorded).
    PersonalTokenCreator(ServerConnection *connection, Request request, ActivityLog *log,
                         ActivityContext who, QObject *parent = nullptr);

    void start();
    void cancel(); // while running: reports Cancelled; safe to call twice

    bool isFinished() const { return m_finished; }
    const ApiError &error() const { return m_error; }
    // The created token with rawToken; empty after forgetToken() or a failure.
    const PersonalToken &token() const { return m_token; }
    void forgetToken();

    // The longest expiry the server allows, when its refusal names it: Jira says "Token expiry
    // cannot be longer than 365 days." (the limit is a system property, so it varies).
    static std::optional<int> maxExpiryDaysIn(const ApiError &error);

signals:
    void finished();

private:
    Request m_request;
    QPointer<CreatePersonalToken> m_job;
    PersonalToken m_token;
    ApiError m_error;
    bool m_finished = false;
};

} // namespace accessdesk
