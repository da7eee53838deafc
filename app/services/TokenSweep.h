#pragma once

#include "PersonalToken.h"
#include "api/ApiError.h"
#include "services/ActivityRecord.h"
#include "services/RecordedJob.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

namespace accessdesk {

class AdminTokenRevoker;
class TokenInventorySearch;

// Revokes many users' personal access tokens for an administrator (issue 8, section 4): in
// batches with Jira's DELETE /rest/pat/latest/admin/tokens, each batch through AdminTokenRevoker
// (every token recorded in the activity log before its request leaves), with progress and Cancel
// between batches. Then it verifies: it searches again, and a token counts as revoked only when
// the server no longer lists it, whatever its request was answered.
//
// Outcomes, per token:
// - Revoked: no longer listed (also when its request timed out or its answer was lost).
// - NotRevoked: still listed after verification; reason() says what its request got.
// - Failed: the server refused its request (no permission, bad input…) and verification could not
//   run, so the refusal is all there is to go on.
// - Unknown: verification could not run, and the request either was accepted or its answer was
//   lost (a timeout, a dropped connection, a 5xx): the server may or may not have revoked it.
// - NotAttempted: never sent, because of Cancel or because the activity log refused to record it.
// Each sent token's activity row is completed with that outcome: Revoked succeeds, the rest fail
// with the reason. If the sweep is deleted before it verified, the rows of the batches answered
// are completed as unknown; those of a batch still in flight stay pending, for the next start to
// mark "unknown (interrupted)". The activity log must outlive the sweep.
//
// Retries: the REST layer retries a DELETE after 429, 502–504 or a dropped connection. For this
// batch that is safe: deleting an id that is already gone is no error (204), and Jira never reuses
// token ids, so a repeated batch can only delete what the first one was meant to. A request that
// timed out is not repeated: its tokens are left to the verification.
//
// A job: finished() is emitted exactly once, never from inside start(); cancel() is safe at any
// time and any number of times.
class TokenSweep final : public RecordedJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenSweep)

public:
    enum class Outcome { Revoked, NotRevoked, Failed, Unknown, NotAttempted };
    struct Item
    {
        PersonalToken token;
        Outcome outcome = Outcome::NotAttempted;
        ApiError requestError; // what its batch's request got (none when accepted or not sent)
        QString reason;        // why it is not Revoked, in plain words; empty when revoked
    };
    // Without setBatchSize(), batches grow: the first is small, so that a refusal (no permission,
    // the feature off) is met with few tokens recorded and progress shows at once; each next one
    // is twice as large up to the largest. Every batch costs a request and two syncs of the
    // activity log to disk: 1,000 tokens in batches of 100 spent a quarter of a sweep on them.
    // (Jira itself deletes in batches of 100 whatever a request carries.)
    static constexpr int kFirstBatchSize = 100;
    static constexpr int kLargestBatchSize = 1000;

    // log may be null (nothing recorded).
    TokenSweep(ServerConnection *connection, QList<PersonalToken> tokens, ActivityLog *log,
               ActivityContext who, QObject *parent = nullptr);
    ~TokenSweep() override;

    // Every batch of this size instead (before start()).
    void setBatchSize(int size) { m_fixedBatchSize = qMax(1, size); }
    // Page size of the verifying search (TokenInventorySearch::setPageSize).
    void setVerifyPageSize(int size) { m_verifyPageSize = qMax(1, size); }

    void start();
    // No further batch is sent. A batch already sent is waited for (dropping it would only make its
    // outcome unknown), then what was sent is verified. Cancelling again stops the verification.
    void cancel();

    bool isFinished() const { return m_finished; }
    bool wasCancelled() const { return m_cancelled; }
    const QList<Item> &items() const { return m_items; } // in the order given
    int count(Outcome outcome) const;
    // Why verification did not run to the end (none when it did, or nothing was sent).
    const ApiError &verifyError() const { return m_verifyError; }
    // The activity log's error when it refused a row: that batch and the rest were not sent.
    const QString &recordError() const { return m_recordError; }

    // Stable, untranslated keys for receipts and JSON: "revoked", "not-revoked", "failed",
    // "unknown", "not-attempted".
    static QString outcomeKey(Outcome outcome);

signals:
    // Tokens whose batch has been answered, of all given.
    void progress(int done, int total);
    void verifying();
    void finished();

private:
    void sendNextBatch();
    void batchAnswered(AdminTokenRevoker *revoker, int first);
    void verify();
    void resolve(bool verified);
    void finish();

    QList<Item> m_items;
    QHash<int, ActivityRecord> m_records; // by item index, for the tokens sent
    QSet<qint64> m_stillListed;
    QPointer<AdminTokenRevoker> m_revoker;
    QPointer<TokenInventorySearch> m_search;
    ApiError m_verifyError;
    QString m_recordError;
    int m_fixedBatchSize = 0; // 0: growing batches
    int m_nextBatchSize = kFirstBatchSize;
    int m_verifyPageSize = 0; // 0: the search's default
    int m_next = 0;           // the first item not sent yet
    int m_answered = 0;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_resolved = false;
    bool m_finished = false;
};

} // namespace accessdesk
