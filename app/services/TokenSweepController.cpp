#include "services/TokenSweepController.h"

#include "services/AdminTokenController.h"
#include "services/TokenInventorySearch.h"
#include "services/TokenSweepReceipt.h"

#include <algorithm>

namespace accessdesk {

TokenSweepController::TokenSweepController(ServerConnection *connection, ActivityLog *log,
                                           ActivityContext who, QObject *parent)
    : ConnectionBoundController(connection, log, std::move(who), parent)
{}

TokenSweepController::~TokenSweepController() = default;

void TokenSweepController::setStage(Stage stage)
{
    m_stage = stage;
    emit stageChanged();
}

void TokenSweepController::preview(const StaleTokenRule &rule)
{
    if (m_stage == Stage::Sweeping || m_stage == Stage::Verifying || m_stage == Stage::Detached)
        return;
    delete m_search.data();
    m_rule = rule;
    m_tokens.clear();
    m_results.clear();
    m_problem.clear();
    m_checked = m_estimate = 0;

    // One moment for the server's filter and the exact check, as the CLI's sweep does.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TokenInventoryQuery query;
    rule.narrow(query.filter, now);
    query.accept = [rule, now](const PersonalToken &token) { return rule.matches(token, now); };
    auto *search = new TokenInventorySearch(m_connection, std::move(query), this);
    if (m_pageSize > 0)
        search->setPageSize(m_pageSize);
    m_search = search;
    connect(search, &TokenInventorySearch::pageReady, this,
            [this, search](const QList<PersonalToken> &tokens) {
                m_tokens.append(tokens);
                m_checked = search->listedCount();
                m_estimate = qMax(m_checked, qint64(search->totalPages()) * search->pageSize());
                if (!tokens.isEmpty())
                    emit matchesFound(tokens);
                emit previewProgress();
            });
    connect(search, &TokenInventorySearch::finished, this,
            [this, search] { previewFinished(search); });
    search->start();
    setStage(Stage::Previewing);
}

void TokenSweepController::stopPreview()
{
    if (m_search)
        m_search->cancel();
}

void TokenSweepController::previewFinished(TokenInventorySearch *search)
{
    search->deleteLater();
    m_search = nullptr;
    switch (search->outcome()) {
    case TokenInventorySearch::Outcome::Completed:
        m_estimate = m_checked;
        setStage(Stage::Chosen);
        return;
    case TokenInventorySearch::Outcome::Cancelled:
        m_problem = tr("You stopped the search, so the list below is not every matching token. "
                       "Nothing can be revoked from an incomplete list: find the tokens again to "
                       "see them all.");
        break;
    default:
        m_problem = tr("The matching tokens could not be found. %1")
                        .arg(AdminTokenController::describe(search->error()));
        break;
    }
    setStage(Stage::Choosing);
}

void TokenSweepController::setTokens(QList<PersonalToken> tokens)
{
    if (m_stage == Stage::Sweeping || m_stage == Stage::Verifying || m_stage == Stage::Detached)
        return;
    delete m_search.data();
    m_rule.reset();
    m_tokens = std::move(tokens);
    m_results.clear();
    m_problem.clear();
    m_checked = m_estimate = m_tokens.size();
    setStage(Stage::Chosen);
}

void TokenSweepController::sweep()
{
    if (m_stage != Stage::Chosen || m_tokens.isEmpty())
        return;
    m_results.clear();
    m_problem.clear();
    m_swept = 0;
    m_cancelled = false;
    auto *sweep = new TokenSweep(m_connection, m_tokens, m_log, m_who, this);
    if (m_batchSize > 0)
        sweep->setBatchSize(m_batchSize);
    if (m_pageSize > 0)
        sweep->setVerifyPageSize(m_pageSize);
    m_sweep = sweep;
    connect(sweep, &TokenSweep::progress, this, [this](int done, int total) {
        m_swept = done;
        emit sweepProgress(done, total);
    });
    connect(sweep, &TokenSweep::verifying, this, [this] { setStage(Stage::Verifying); });
    connect(sweep, &TokenSweep::finished, this, [this, sweep] { sweepDone(sweep); });
    sweep->start();
    setStage(Stage::Sweeping);
}

void TokenSweepController::cancel()
{
    if (!m_sweep || m_sweep->isFinished())
        return;
    m_cancelled = true;
    m_sweep->cancel();
    emit stageChanged();
}

void TokenSweepController::sweepDone(TokenSweep *sweep)
{
    sweep->deleteLater();
    m_sweep = nullptr;
    m_results = sweep->items();
    if (!sweep->recordError().isEmpty())
        m_problem = tr("The activity log could not record the revokes, so the rest were not sent: "
                       "%1")
                        .arg(sweep->recordError());
    else if (sweep->verifyError().isError() &&
             sweep->verifyError().kind() != ApiError::Kind::Cancelled)
        m_problem = tr("Whether the revokes worked could not be checked afterwards. %1")
                        .arg(AdminTokenController::describe(sweep->verifyError()));
    setStage(Stage::Done);
    emit sweepFinished();
}

void TokenSweepController::detach()
{
    delete m_search.data();
    delete m_sweep.data(); // completes the activity rows it holds as unknown
    m_connection = nullptr;
    m_problem = tr("The app switched to another server, so this window no longer acts. Open it "
                   "again from the Personal tokens tab of that server.");
    setStage(Stage::Detached);
}

int TokenSweepController::count(TokenSweep::Outcome outcome) const
{
    return int(
        std::count_if(m_results.cbegin(), m_results.cend(),
                      [outcome](const TokenSweep::Item &item) { return item.outcome == outcome; }));
}

QSet<qint64> TokenSweepController::revokedIds() const
{
    QSet<qint64> ids;
    for (const TokenSweep::Item &item : m_results) {
        if (item.outcome == TokenSweep::Outcome::Revoked)
            ids.insert(item.token.id);
    }
    return ids;
}

bool TokenSweepController::saveReceipt(const QString &path, QString *error) const
{
    if (m_results.isEmpty()) {
        *error = tr("Nothing has been revoked yet, so there is no receipt to save.");
        return false;
    }
    return TokenSweepReceipt::write(path, TokenSweepReceipt::csv(m_results),
                                    TokenSweepReceipt::Existing::ReplaceRegularFile, error);
}

} // namespace accessdesk
