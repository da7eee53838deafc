#include "services/AdminTokenController.h"

#include "services/AdminListState.h"
#include "services/AdminTokenErrors.h"
#include "services/TokenInventorySearch.h"
#include "services/TokenSweepController.h"

namespace accessdesk {

AdminTokenController::AdminTokenController(ServerConnection *connection, ActivityLog *log,
                                           ActivityContext who, QObject *parent)
    : ConnectionBoundController(connection, log, std::move(who), parent)
{}

AdminTokenController::~AdminTokenController() = default;

void AdminTokenController::setConnection(ServerConnection *connection, ActivityContext who)
{
    delete m_search.data();
    for (const QPointer<TokenSweepController> &sweep : std::as_const(m_sweeps)) {
        if (sweep)
            sweep->detach();
    }
    m_sweeps.clear();
    rebind(connection, std::move(who));
    m_query = AdminTokenQuery();
    m_state = SearchState::NotSearched;
    m_error = ApiError();
    m_problem.clear();
    m_finishedAt = QDateTime();
    m_found = m_checked = m_estimate = 0;
    m_mayAdminister = false;
    emit searchStarted();
    emit changed();
}

QString AdminTokenController::describe(const ApiError &error)
{
    // The token administration has its own refusals (system administrators only, Data Center
    // only, Jira 8.14 and later); the rest read as on every administration list.
    if (error.kind() == ApiError::Kind::Forbidden || error.kind() == ApiError::Kind::NotFound)
        return AdminTokenErrors::describe(error);
    return AdminListState::describe(error, AdminListState::Feature::PersonalTokens);
}

bool AdminTokenController::search(const AdminTokenQuery &query)
{
    if (query.problem() || !m_connection)
        return false;
    delete m_search.data(); // the newer search replaces the older one
    m_query = query;
    m_state = SearchState::Searching;
    m_error = ApiError();
    m_problem.clear();
    m_found = m_checked = m_estimate = 0;
    emit searchStarted();

    auto *search = new TokenInventorySearch(
        m_connection, query.toInventoryQuery(QTimeZone::systemTimeZone()), this);
    if (m_pageSize > 0)
        search->setPageSize(m_pageSize);
    m_search = search;
    connect(search, &TokenInventorySearch::pageReady, this,
            [this, search](const QList<PersonalToken> &tokens) {
                m_mayAdminister = true;
                m_found += tokens.size();
                m_checked = search->listedCount();
                m_estimate = qMax(m_checked, qint64(search->totalPages()) * search->pageSize());
                if (!tokens.isEmpty())
                    emit tokensFound(tokens);
                emit changed();
            });
    connect(search, &TokenInventorySearch::finished, this,
            [this, search] { searchFinished(search); });
    search->start();
    emit changed();
    return true;
}

void AdminTokenController::searchFinished(TokenInventorySearch *search)
{
    search->deleteLater();
    m_search = nullptr;
    m_finishedAt = QDateTime::currentDateTime();
    m_error = search->error();
    using Outcome = TokenInventorySearch::Outcome;
    switch (search->outcome()) {
    case Outcome::Running: // not after finished()
    case Outcome::Completed:
        m_state = SearchState::Completed;
        m_estimate = m_checked; // every page came: the count is exact
        break;
    case Outcome::Cancelled:
        m_state = SearchState::Stopped;
        break;
    case Outcome::NoSuchOwner:
        m_state = SearchState::NoSuchOwner;
        m_problem = tr("No user's name, display name or e-mail contains “%1”, so there are no "
                       "tokens to show.")
                        .arg(m_query.owner.trimmed());
        break;
    case Outcome::TooManyOwners:
        m_state = SearchState::TooManyOwners;
        m_problem = tr("More than %1 users match “%2”. Type more of the name, or a whole user "
                       "name or e-mail address.")
                        .arg(TokenInventorySearch::kMaxOwners)
                        .arg(m_query.owner.trimmed());
        break;
    case Outcome::Failed:
        m_state = SearchState::Failed;
        if (AdminTokenErrors::isPermissionRefusal(m_error) ||
            m_error.kind() == ApiError::Kind::NotFound)
            m_mayAdminister = false;
        if (search->failedPage() < 0)
            m_problem = tr("The owner “%1” could not be looked up. %2")
                            .arg(m_query.owner.trimmed(), describe(m_error));
        else if (m_checked > 0)
            m_problem = tr("The search stopped part-way. %1 The tokens loaded before that are "
                           "shown; press Refresh to load them all.")
                            .arg(describe(m_error));
        else
            m_problem = describe(m_error);
        break;
    }
    emit changed();
}

void AdminTokenController::stop()
{
    if (m_search)
        m_search->cancel(); // finished() follows, with the rows loaded so far kept
}

void AdminTokenController::loadIfNeeded()
{
    if (m_state == SearchState::NotSearched && m_connection)
        search(m_query);
}

QString AdminTokenController::problemText() const
{
    return m_problem;
}

TokenSweepController *AdminTokenController::newSweep(QObject *parent)
{
    auto *sweep = new TokenSweepController(m_connection, m_log, m_who, parent);
    if (m_pageSize > 0)
        sweep->setPageSize(m_pageSize);
    m_sweeps.removeAll(nullptr);
    m_sweeps.append(sweep);
    connect(sweep, &TokenSweepController::sweepFinished, this, [this, sweep] {
        const QSet<qint64> revoked = sweep->revokedIds();
        if (!revoked.isEmpty())
            emit tokensRevoked(revoked);
        emit revokeFinished();
    });
    return sweep;
}

} // namespace accessdesk
