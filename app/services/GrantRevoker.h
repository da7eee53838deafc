#pragma once

#include "AccessGrant.h"
#include "api/ApiError.h"
#include "services/RecordedJob.h"

#include <QList>
#include <QPointer>

namespace accessdesk {

class ActivityLog;
class ApiJob;
class ServerConnection;

// Revokes grants one after another. Each revocation is written to the activity log before its
// request leaves and completed after, so a crash leaves a true record. Requests are paced by the
// connection (rate-limit headers); cancel() stops before the next grant.
class RevokeGrantsJob final : public RecordedJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RevokeGrantsJob)

public:
    struct Outcome
    {
        AccessGrant grant;
        ApiError error; // none: revoked
    };

    RevokeGrantsJob(ServerConnection *connection, QList<AccessGrant> grants, ActivityLog *log,
                    ActivityContext who, QObject *parent = nullptr);
    void start();
    void cancel();

    const QList<Outcome> &outcomes() const { return m_outcomes; }
    int failureCount() const;
    bool wasCancelled() const { return m_cancelled; }

    static QString describe(const AccessGrant &grant); // "OAuth 1.0a token of Bamboo (oauth1:…)"

signals:
    void progress(int done, int total);
    void finished();

private:
    void next();
    ApiJob *jobFor(const AccessGrant &grant);

    QList<AccessGrant> m_grants;
    QList<Outcome> m_outcomes;
    QPointer<ApiJob> m_current;
    bool m_cancelled = false;
};

} // namespace accessdesk
