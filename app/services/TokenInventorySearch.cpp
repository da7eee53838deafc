#include "services/TokenInventorySearch.h"

#include "api/ServerConnection.h"
#include "services/AdminTokenErrors.h"

#include <QTimer>

#include <climits>
#include <utility>

namespace accessdesk {

namespace {

// What a retry of the same page can cure: the server was busy, or the connection dropped.
bool isTransient(const ApiError &error)
{
    switch (error.kind()) {
    case ApiError::Kind::RateLimited:
    case ApiError::Kind::Network:
        return true;
    case ApiError::Kind::Server:
        return error.httpStatus() == 502 || error.httpStatus() == 503 || error.httpStatus() == 504;
    default:
        return false;
    }
}

// "bob" means bob when there is a bob: an exact user name or e-mail wins over "contains".
QList<TokenOwner> exactOwners(const QList<TokenOwner> &users, const QString &text)
{
    QList<TokenOwner> exact;
    for (const TokenOwner &user : users) {
        if (user.username.compare(text, Qt::CaseInsensitive) == 0 ||
            user.email.compare(text, Qt::CaseInsensitive) == 0)
            exact.append(user);
    }
    return exact;
}

} // namespace

TokenInventorySearch::TokenInventorySearch(ServerConnection *connection, TokenInventoryQuery query,
                                           QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_query(std::move(query))
    , m_retryTimer(new QTimer(this))
{
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &TokenInventorySearch::fetchCurrent);
}

TokenInventorySearch::~TokenInventorySearch() = default;

void TokenInventorySearch::start()
{
    if (m_started)
        return;
    m_started = true;
    // Never report from inside start(): the caller may connect to finished() afterwards.
    QTimer::singleShot(0, this, &TokenInventorySearch::begin);
}

void TokenInventorySearch::cancel()
{
    if (isFinished() || m_cancelled)
        return;
    m_cancelled = true;
    m_retryTimer->stop();
    dropJob(std::exchange(m_ownerJob, nullptr));
    drop(m_current);
    drop(m_ahead);
    QTimer::singleShot(0, this, [this] {
        finish(Outcome::Cancelled, ApiError(ApiError::Kind::Cancelled, 0, {}));
    });
}

void TokenInventorySearch::begin()
{
    if (m_cancelled || isFinished())
        return;
    const QString owner = m_query.owner.trimmed();
    if (owner.isEmpty()) {
        fetchCurrent();
        return;
    }
    // The search takes user keys, so the text is looked up first. One more than the most that
    // are searched tells "exactly the most" from "too many".
    auto *job = new SearchTokenUsers(m_connection, owner, kMaxOwners + 1, this);
    m_ownerJob = job;
    connect(job, &ApiJob::finished, this, [this, job] {
        job->deleteLater();
        m_ownerJob = nullptr;
        if (job->error().isError())
            fail(job->error(), -1);
        else
            ownersFound(job->result());
    });
    job->start();
}

void TokenInventorySearch::ownersFound(const QList<TokenOwner> &users)
{
    const QList<TokenOwner> exact = exactOwners(users, m_query.owner.trimmed());
    m_owners = exact.isEmpty() ? users : exact;
    if (m_owners.isEmpty()) {
        finish(Outcome::NoSuchOwner);
        return;
    }
    if (m_owners.size() > kMaxOwners) {
        m_owners.clear();
        finish(Outcome::TooManyOwners);
        return;
    }
    for (const TokenOwner &owner : std::as_const(m_owners))
        m_ownerKeys.append(owner.userKey);
    fetchCurrent();
}

void TokenInventorySearch::fetch(PageRequest &request, int page)
{
    if (m_cancelled || isFinished())
        return;
    TokenSearchFilter filter = m_query.filter;
    if (!m_ownerKeys.isEmpty())
        filter.userKeys = m_ownerKeys;
    if (filter.sortBy.isEmpty())
        filter.sortBy = QStringLiteral("createdAt");
    filter.page = page;
    filter.limit = m_pageSize;
    ++request.attempts;
    auto *job = new SearchPersonalTokens(m_connection, filter, this);
    request.job = job;
    connect(job, &ApiJob::finished, this, [this, job] { jobFinished(job); });
    job->start();
}

void TokenInventorySearch::fetchAhead()
{
    // Only once a page has said how many there are: before the first answer the page size may
    // still change (see currentAnswered()), and a page past the announced last would be a request
    // too many, which a rate-limited server counts.
    if (m_page + 1 < m_totalPages && !m_ahead.job)
        fetch(m_ahead, m_page + 1);
}

void TokenInventorySearch::jobFinished(SearchPersonalTokens *job)
{
    // The page ahead keeps its answer (or error) in its job until it becomes the current page,
    // so that pages are handed over, retried and failed in order.
    if (job == m_current.job)
        currentAnswered();
}

void TokenInventorySearch::currentAnswered()
{
    SearchPersonalTokens *job = m_current.job;
    m_current.job = nullptr;
    // Deleted later: the page it holds is handed over from here.
    job->deleteLater();
    const ApiError &error = job->error();
    if (!error.isError()) {
        pageAnswered(job->result());
        return;
    }
    // Jira's default page size is the safe fallback if a server refuses larger pages. Nothing is
    // asked ahead of the first page, so no request with the refused size is left under way.
    if (error.kind() == ApiError::Kind::Validation && m_page == 0 &&
        m_pageSize > kServerDefaultPageSize) {
        m_pageSize = kServerDefaultPageSize;
        fetchCurrent();
        return;
    }
    if (!retryPage(error))
        fail(error, m_page);
}

bool TokenInventorySearch::retryPage(const ApiError &error)
{
    if (!m_connection || !isTransient(error) ||
        m_current.attempts >= m_connection->settings().maxAttempts)
        return false;
    m_retryTimer->start(
        m_connection->pacer().retryDelayMs(error.retryAfterSeconds(), m_current.attempts));
    return true;
}

void TokenInventorySearch::pageAnswered(const TokenSearchPage &page)
{
    m_totalPages = page.totalPages;
    QList<PersonalToken> matched;
    qint64 fresh = 0;
    for (const PersonalToken &token : page.values) {
        // Offset paging shows a row twice when rows before it were added meanwhile.
        if (m_seen.contains(token.id))
            continue;
        m_seen.insert(token.id);
        ++fresh;
        if (!m_query.accept || m_query.accept(token))
            matched.append(token);
    }
    if (!page.values.isEmpty() && fresh == 0) {
        // A server that ignores the page number would otherwise be asked forever.
        fail(ApiError(ApiError::Kind::MalformedResponse, 200,
                      tr("the page repeats tokens already listed")),
             m_page);
        return;
    }
    m_listed += fresh;
    m_matched += matched.size();
    ++m_pagesRead;
    const bool last = page.isLastPage || page.values.isEmpty();
    if (!last) {
        // The next page becomes the current one before this one is handed over, and the page
        // after it is asked for now, so that the server has work while the receiver handles
        // this page.
        ++m_page;
        m_current = std::exchange(m_ahead, {});
        if (!m_current.job)
            fetchCurrent();
        fetchAhead();
    }
    QPointer<TokenInventorySearch> self(this);
    emit pageReady(matched);
    // The receiver may have cancelled (or deleted) the search.
    if (!self || m_cancelled || isFinished())
        return;
    if (last) {
        finish(Outcome::Completed);
        return;
    }
    // The next page may have answered while this one was still under way.
    if (m_current.job && m_current.job->isFinished())
        currentAnswered();
}

void TokenInventorySearch::drop(PageRequest &request)
{
    dropJob(std::exchange(request.job, nullptr));
    request.attempts = 0;
}

void TokenInventorySearch::dropJob(ApiJob *job)
{
    if (!job)
        return;
    disconnect(job, nullptr, this, nullptr);
    job->cancel();
    job->deleteLater();
}

void TokenInventorySearch::fail(const ApiError &error, int page)
{
    m_failedPage = page;
    finish(Outcome::Failed, error);
}

void TokenInventorySearch::finish(Outcome outcome, const ApiError &error)
{
    if (isFinished())
        return;
    m_retryTimer->stop();
    // The page ahead is not wanted when the search ends early: the last page came sooner than
    // announced (tokens were deleted meanwhile), or a page failed.
    drop(m_current);
    drop(m_ahead);
    m_outcome = outcome;
    m_error = error;
    emit finished();
}

QString TokenInventorySearch::errorText() const
{
    switch (m_outcome) {
    case Outcome::Running:
    case Outcome::Completed:
        return {};
    case Outcome::NoSuchOwner:
        return tr("No user matches “%1”.").arg(m_query.owner.trimmed());
    case Outcome::TooManyOwners:
        return tr("More than %n users match “%1”; give more of the name.", nullptr, kMaxOwners)
            .arg(m_query.owner.trimmed());
    case Outcome::Cancelled:
        return tr("The search was cancelled.");
    case Outcome::Failed:
        break;
    }
    const QString why = AdminTokenErrors::describe(m_error);
    if (m_failedPage < 0)
        return tr("The owner “%1” could not be looked up. %2").arg(m_query.owner.trimmed(), why);
    return tr("Page %1 of the token search failed after %n token(s) were listed. %2", nullptr,
              int(qMin<qint64>(m_listed, INT_MAX)))
        .arg(m_failedPage + 1)
        .arg(why);
}

} // namespace accessdesk
