#include "services/TokenSweep.h"

#include "services/AdminTokenErrors.h"
#include "services/AdminTokenRevoker.h"
#include "services/TokenInventorySearch.h"
#include "storage/ActivityLog.h"

#include <QTimer>

#include <algorithm>

namespace accessdesk {

namespace {

// More owners than this and the verifying search goes by creation time alone: the list of user
// keys would make a large request for little gain.
constexpr int kMaxVerifyOwners = 200;

} // namespace

TokenSweep::TokenSweep(ServerConnection *connection, QList<PersonalToken> tokens, ActivityLog *log,
                       ActivityContext who, QObject *parent)
    : RecordedJob(connection, log, std::move(who), parent)
{
    m_items.reserve(tokens.size());
    for (PersonalToken &token : tokens)
        m_items.append(Item{std::move(token), Outcome::NotAttempted, {}, {}});
}

TokenSweep::~TokenSweep()
{
    // Deleted before it verified: the rows of what was answered must not stay "pending".
    if (!m_resolved)
        resolve(false);
}

QString TokenSweep::outcomeKey(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Revoked:
        return QStringLiteral("revoked");
    case Outcome::NotRevoked:
        return QStringLiteral("not-revoked");
    case Outcome::Failed:
        return QStringLiteral("failed");
    case Outcome::Unknown:
        return QStringLiteral("unknown");
    case Outcome::NotAttempted:
        return QStringLiteral("not-attempted");
    }
    return {};
}

int TokenSweep::count(Outcome outcome) const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(),
                             [outcome](const Item &item) { return item.outcome == outcome; }));
}

void TokenSweep::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, &TokenSweep::sendNextBatch);
}

void TokenSweep::cancel()
{
    if (m_finished)
        return;
    if (m_search) {
        m_search->cancel();
        return;
    }
    m_cancelled = true;
}

void TokenSweep::sendNextBatch()
{
    if (m_finished || m_revoker)
        return;
    if (m_cancelled || !m_recordError.isEmpty() || m_next >= m_items.size()) {
        verify();
        return;
    }
    const int first = m_next;
    const int wanted = m_fixedBatchSize > 0 ? m_fixedBatchSize : m_nextBatchSize;
    m_nextBatchSize = qMin(2 * m_nextBatchSize, kLargestBatchSize);
    const int size = qMin(wanted, int(m_items.size()) - first);
    QList<PersonalToken> tokens;
    tokens.reserve(size);
    for (int i = first; i < first + size; ++i)
        tokens.append(m_items.at(i).token);
    m_next = first + size;

    auto *revoker = new AdminTokenRevoker(m_connection, std::move(tokens), m_log, m_who,
                                          &AdminTokenErrors::describe, this);
    revoker->setRecordCompletionDeferred(true);
    m_revoker = revoker;
    connect(revoker, &AdminTokenRevoker::finished, this,
            [this, revoker, first] { batchAnswered(revoker, first); });
    revoker->start();
}

void TokenSweep::batchAnswered(AdminTokenRevoker *revoker, int first)
{
    revoker->deleteLater();
    m_revoker = nullptr;
    if (!revoker->recordError().isEmpty()) {
        // Nothing of this batch was sent (the revoker completed its rows as failed).
        m_recordError = revoker->recordError();
        m_next = first;
        verify();
        return;
    }
    const QList<ActivityRecord> records = revoker->takeRecords();
    const int size = int(revoker->tokens().size());
    for (int i = 0; i < size; ++i) {
        m_items[first + i].requestError = revoker->error();
        m_records.insert(first + i, records.value(i));
    }
    m_answered += size;
    QPointer<TokenSweep> self(this);
    emit progress(m_answered, int(m_items.size()));
    if (self)
        sendNextBatch();
}

void TokenSweep::verify()
{
    if (m_search || m_resolved)
        return;
    if (m_next == 0) { // nothing was sent: nothing to check
        resolve(false);
        finish();
        return;
    }
    // Search by what never changes about a token: its owner and its creation time. A second of
    // slack on each side, because the request carries whole seconds.
    TokenInventoryQuery query;
    QSet<qint64> sent;
    QSet<QString> ownerKeys;
    bool allOwned = true;
    bool allDated = true;
    QDateTime earliest, latest;
    for (int i = 0; i < m_next; ++i) {
        const PersonalToken &token = m_items.at(i).token;
        sent.insert(token.id);
        if (token.owner && !token.owner->userKey.isEmpty())
            ownerKeys.insert(token.owner->userKey);
        else
            allOwned = false;
        if (!token.createdAt.isValid()) {
            allDated = false;
        } else {
            if (!earliest.isValid() || token.createdAt < earliest)
                earliest = token.createdAt;
            if (!latest.isValid() || token.createdAt > latest)
                latest = token.createdAt;
        }
    }
    if (allDated) {
        query.filter.createdFrom = earliest.addSecs(-1);
        query.filter.createdTo = latest.addSecs(1);
    }
    if (allOwned && ownerKeys.size() <= kMaxVerifyOwners)
        query.filter.userKeys = QStringList(ownerKeys.cbegin(), ownerKeys.cend());
    query.accept = [sent](const PersonalToken &token) { return sent.contains(token.id); };

    auto *search = new TokenInventorySearch(m_connection, std::move(query), this);
    if (m_verifyPageSize > 0)
        search->setPageSize(m_verifyPageSize);
    m_search = search;
    connect(search, &TokenInventorySearch::pageReady, this,
            [this](const QList<PersonalToken> &tokens) {
                for (const PersonalToken &token : tokens)
                    m_stillListed.insert(token.id);
            });
    connect(search, &TokenInventorySearch::finished, this, [this, search] {
        search->deleteLater();
        m_search = nullptr;
        const bool verified = search->outcome() == TokenInventorySearch::Outcome::Completed;
        if (!verified)
            m_verifyError = search->error();
        resolve(verified);
        finish();
    });
    search->start();
    emit verifying();
}

void TokenSweep::resolve(bool verified)
{
    if (m_resolved)
        return;
    m_resolved = true;
    QString unchecked; // why there was no verification, for the reasons below
    if (!verified) {
        unchecked = !m_verifyError.isError() ? tr("the sweep stopped before checking")
                    : m_verifyError.kind() == ApiError::Kind::Cancelled
                        ? tr("checking was cancelled")
                        : AdminTokenErrors::describe(m_verifyError);
    }
    // Every row completed with one commit (one sync to disk, not one per token).
    ActivityLog::Batch batch(m_log);
    for (int i = 0; i < m_items.size(); ++i) {
        Item &item = m_items[i];
        if (i >= m_next) {
            item.outcome = Outcome::NotAttempted;
            item.reason =
                !m_recordError.isEmpty()
                    ? tr("Not sent: the activity log could not record it (%1).").arg(m_recordError)
                : m_cancelled ? tr("Not sent: the sweep was cancelled.")
                              : tr("Not sent: the sweep stopped first.");
            continue;
        }
        const ApiError &error = item.requestError;
        if (!m_records.contains(i)) {
            // Sent, but the answer never came back to this sweep (it was deleted meanwhile).
            item.outcome = Outcome::Unknown;
            item.reason = tr("Outcome unknown: the sweep stopped before the server answered.");
        } else if (verified && m_stillListed.contains(item.token.id) &&
                   error.kind() == ApiError::Kind::Timeout) {
            // The batch this client gave up on may still be at work on the server: the search a
            // moment later cannot say it was not done.
            item.outcome = Outcome::Unknown;
            item.reason = tr("Outcome unknown: %1 The server still listed the token just "
                             "afterwards, but may yet revoke it. Search again to check.")
                              .arg(AdminTokenErrors::describe(error));
        } else if (verified) {
            const bool listed = m_stillListed.contains(item.token.id);
            item.outcome = listed ? Outcome::NotRevoked : Outcome::Revoked;
            item.reason = !listed ? QString()
                          : error.isError()
                              ? AdminTokenErrors::describe(error)
                              : tr("The server accepted the revoke, but still lists the token.");
        } else if (!error.isError()) {
            item.outcome = Outcome::Unknown;
            item.reason =
                tr("Outcome unknown: the server accepted the revoke, but it could not be checked "
                   "afterwards (%1). Search again to check.")
                    .arg(unchecked);
        } else if (error.leavesOutcomeOpen()) {
            item.outcome = Outcome::Unknown;
            item.reason = tr("Outcome unknown: %1 It could not be checked afterwards (%2). "
                             "Search again to check.")
                              .arg(AdminTokenErrors::describe(error), unchecked);
        } else {
            item.outcome = Outcome::Failed;
            item.reason = AdminTokenErrors::describe(error);
        }
        const ActivityRecord record = m_records.value(i);
        if (item.outcome == Outcome::Revoked)
            record.complete(ApiError());
        else if (item.outcome == Outcome::Unknown)
            record.completeUnknown(item.reason);
        else
            record.fail(item.reason);
    }
    m_records.clear();
}

void TokenSweep::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished();
}

} // namespace accessdesk
