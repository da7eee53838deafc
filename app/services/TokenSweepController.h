#pragma once

#include "PersonalToken.h"
#include "services/ConnectionBoundController.h"
#include "services/StaleTokenRule.h"
#include "services/TokenSweep.h"

#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QSet>

#include <optional>

namespace accessdesk {

class TokenInventorySearch;

// One revoke of many users' personal access tokens, from the choice of tokens to the receipt:
// the stale-token sweep (issue 8, section 4) and the Personal tokens tab's "Revoke selected" both
// run through it.
//
// 1. preview(rule): every token that matches the rule now, searched page by page
//    (matchesFound per page), exactly as StaleTokenRule defines it — or setTokens() for tokens
//    already chosen.
// 2. sweep(): revokes exactly those tokens with TokenSweep (batches, activity log, Cancel between
//    batches, then a search that verifies what is gone); sweepProgress per batch.
// 3. results() per token, and saveReceipt() as CSV (TokenSweepReceipt, 0600).
//
// The tokens chosen stay put when a step fails, so the admin can try again without choosing anew.
class TokenSweepController final : public ConnectionBoundController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenSweepController)

public:
    enum class Stage {
        Choosing,   // nothing chosen yet, or the preview stopped or failed
        Previewing, // the matching tokens are being searched
        Chosen,     // tokens() holds what a sweep would revoke (perhaps none)
        Sweeping,   // revoking; cancel() stops after the batch under way
        Verifying,  // listing again to see what is gone
        Done,       // results() holds each token's outcome
        Detached,   // the app switched to another server: this sweep no longer acts
    };
    Q_ENUM(Stage)

    TokenSweepController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                         QObject *parent = nullptr);
    ~TokenSweepController() override;

    // For tests and slow servers: tokens per search page and per revoke batch.
    void setPageSize(int size) { m_pageSize = qMax(0, size); }
    void setBatchSize(int size) { m_batchSize = qMax(0, size); }

    // Searches every user's tokens that match rule at this moment (what was chosen is dropped).
    void preview(const StaleTokenRule &rule);
    // Stops the preview; the tokens found so far are not a complete answer, so none is chosen.
    void stopPreview();
    // Chooses these tokens, without a search (the tab's "Revoke selected").
    void setTokens(QList<PersonalToken> tokens);
    // Revokes the chosen tokens; only in stage Chosen with at least one token.
    void sweep();
    // While sweeping: no further batch is sent. While verifying: stops checking.
    void cancel();
    // The connection is going away: drops the search or sweep under way (TokenSweep completes
    // their activity rows as unknown) and stays Detached.
    void detach();

    Stage stage() const { return m_stage; }
    const std::optional<StaleTokenRule> &rule() const { return m_rule; }
    const QList<PersonalToken> &tokens() const { return m_tokens; }
    // The preview's progress: listed by the server, and its estimate of how many there are.
    qint64 checkedCount() const { return m_checked; }
    qint64 estimatedTotal() const { return m_estimate; }
    int sweptCount() const { return m_swept; } // tokens whose batch has been answered
    bool wasCancelled() const { return m_cancelled; }
    // Why the last step did not work, in plain words; empty when it did.
    const QString &problemText() const { return m_problem; }

    const QList<TokenSweep::Item> &results() const { return m_results; }
    int count(TokenSweep::Outcome outcome) const;
    QSet<qint64> revokedIds() const;
    // Writes the receipt (an existing regular file is replaced); false with *error in plain
    // words, and then nothing is left behind.
    bool saveReceipt(const QString &path, QString *error) const;

signals:
    void stageChanged();
    void matchesFound(const QList<PersonalToken> &tokens);
    void previewProgress();
    void sweepProgress(int done, int total);
    void sweepFinished();

private:
    void setStage(Stage stage);
    void previewFinished(TokenInventorySearch *search);
    void sweepDone(TokenSweep *sweep);

    Stage m_stage = Stage::Choosing;
    std::optional<StaleTokenRule> m_rule;
    QList<PersonalToken> m_tokens;
    QPointer<TokenInventorySearch> m_search;
    QPointer<TokenSweep> m_sweep;
    QList<TokenSweep::Item> m_results;
    QString m_problem;
    qint64 m_checked = 0;
    qint64 m_estimate = 0;
    int m_swept = 0;
    int m_pageSize = 0;
    int m_batchSize = 0;
    bool m_cancelled = false;
};

} // namespace accessdesk
