#pragma once

#include "AccessGrant.h"
#include "api/ApiError.h"
#include "services/ActivityRecord.h"
#include "services/RecordedJob.h"

#include <QList>
#include <QPointer>

#include <optional>

namespace accessdesk {

class ActivityLog;
class ApiJob;
class ListGrantsJob;
class ServerConnection;

// Revokes grants one after another, then lists the user's grants again: a revoke is done when the
// server no longer lists the grant, whatever its request was answered (a 200 from a proxy, a
// redirect to a login page, an answer lost to a timeout all prove nothing).
//
// Each revocation is written to the activity log before its request leaves and completed only
// after the listing, with the outcome it found. If the job is deleted before it listed, the rows of
// what was answered are completed as unknown; a row whose request is still in flight stays pending
// for the next start to mark "unknown (interrupted)". The activity log must outlive the job.
//
// Requests are paced by the connection (rate-limit headers); cancel() stops before the next grant,
// and what was sent is still checked.
class RevokeGrantsJob final : public RecordedJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RevokeGrantsJob)

public:
    enum class Status {
        Pending,    // sent, not checked yet
        Revoked,    // no longer listed
        NotRevoked, // still listed after the revoke, whatever its request got
        Failed,     // the server refused the request and the listing could not show otherwise
        Unknown,    // not confirmed: the listing could not be fetched (or cannot tell), and the
                    // request was accepted or its answer was lost
    };
    struct Outcome
    {
        AccessGrant grant;
        ApiError error; // what its request got; none when the server accepted it
        Status status = Status::Pending;
        // Why it is not revoked, in plain words; for a grant revoked although its request failed,
        // a note saying so. Empty for a plain success.
        QString reason;
        // Never sent: the activity log could not record it (see recordError()). Failed.
        bool notSent = false;

        bool isRevoked() const { return status == Status::Revoked; }
    };

    RevokeGrantsJob(ServerConnection *connection, QList<AccessGrant> grants, ActivityLog *log,
                    ActivityContext who, QObject *parent = nullptr);
    ~RevokeGrantsJob() override;

    // Whether the grants were taken from the user's list (the default). Grants named by id alone
    // (`pat revoke 123`) were not: then a refused request on a grant that is absent afterwards
    // counts as failed, since its absence may only mean it was never the user's. Before start().
    void setGrantsFromList(bool fromList) { m_fromList = fromList; }

    void start();
    void cancel();

    const QList<Outcome> &outcomes() const { return m_outcomes; }
    int count(Status status) const;
    int failureCount() const; // everything not revoked
    // Why the activity log could not record the next revoke; that one and the rest were then not
    // sent (a change the log cannot record is not made): Failed, notSent. Empty otherwise.
    const QString &recordError() const { return m_recordError; }
    int notSentCount() const;
    bool wasCancelled() const { return m_cancelled; }
    // Why the listing afterwards failed; none when it ran (or nothing was sent).
    const ApiError &verifyError() const { return m_verifyError; }

    // The decision, pure: stillListed is empty when the list could not be fetched.
    static Status classify(const ApiError &requestError, std::optional<bool> stillListed,
                           bool grantsFromList);
    // The reason that goes with a status, in plain words (Outcome::reason); verifyError says why
    // the list could not be fetched, for Unknown and Failed.
    static QString reasonFor(Status status, const ApiError &requestError,
                             const ApiError &verifyError);
    // "revoked", "not-revoked", "failed", "unknown", "pending": for JSON and tests.
    static QString statusKey(Status status);

    static QString describe(const AccessGrant &grant); // "OAuth 1.0a token of Bamboo (oauth1:…)"

signals:
    void progress(int done, int total);
    void verifying(); // every request answered; listing again
    void finished();

private:
    void next();
    void verify();
    void resolve(const std::optional<QList<AccessGrant>> &listed);
    ApiJob *jobFor(const AccessGrant &grant);

    QList<AccessGrant> m_grants;
    QList<Outcome> m_outcomes;
    QList<ActivityRecord> m_records; // one per outcome, completed by resolve()
    QPointer<ApiJob> m_current;
    QPointer<ListGrantsJob> m_listing;
    ApiError m_verifyError;
    bool m_pageHadUnreadableRows = false; // the check's access-tokens page had unreadable rows
    bool m_fromList = true;
    bool m_cancelled = false;
    bool m_resolved = false;
    QString m_recordError;
};

} // namespace accessdesk
