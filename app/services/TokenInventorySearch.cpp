#include "services/TokenInventorySearch.h"

#include "api/ServerConnection.h"
#include "services/AdminTokenErrors.h"

#include <QTimer>

#include <climits>

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
    connect(m_retryTimer, &QTimer::timeout, this, &TokenInventorySearch::fetchPage);
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
    if (ApiJob *job = m_job) {
        m_job = nullptr;
        disconnect(job, nullptr, this, nullptr);
        job->cancel();
        job->deleteLater();
    }
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
        fetchPage();
        return;
    }
    // The search takes user keys, so the text is looked up first. One more than the most that
    // are searched tells "exactly the most" from "too many".
    auto *job = new SearchTokenUsers(m_connection, owner, kMaxOwners + 1, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] {
        job->deleteLater();
        m_job = nullptr;
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
    fetchPage();
}

void TokenInventorySearch::fetchPage()
{
    if (m_cancelled || isFinished())
        return;
    TokenSearchFilter filter = m_query.filter;
    if (!m_ownerKeys.isEmpty())
        filter.userKeys = m_ownerKeys;
    if (filter.sortBy.isEmpty())
        filter.sortBy = QStringLiteral("createdAt");
    filter.page = m_page;
    filter.limit = m_pageSize;
    ++m_pageAttempts;
    auto *job = new SearchPersonalTokens(m_connection, filter, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] {
        job->deleteLater();
        m_job = nullptr;
        if (!job->error().isError()) {
            pageAnswered(job->result());
            return;
        }
        // Jira's default page size is the safe fallback if a server refuses larger pages.
        if (job->error().kind() == ApiError::Kind::Validation && m_page == 0 &&
            m_pageSize > kServerDefaultPageSize) {
            m_pageSize = kServerDefaultPageSize;
            fetchPage();
            return;
        }
        if (!retryPage(job->error()))
            fail(job->error(), m_page);
    });
    job->start();
}

bool TokenInventorySearch::retryPage(const ApiError &error)
{
    if (!m_connection || !isTransient(error) ||
        m_pageAttempts >= m_connection->settings().maxAttempts)
        return false;
    m_retryTimer->start(
        m_connection->pacer().retryDelayMs(error.retryAfterSeconds(), m_pageAttempts));
    return true;
}

void TokenInventorySearch::pageAnswered(const TokenSearchPage &page)
{
    m_pageAttempts = 0;
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
    QPointer<TokenInventorySearch> self(this);
    emit pageReady(matched);
    // The receiver may have cancelled (or deleted) the search.
    if (!self || m_cancelled || isFinished())
        return;
    if (last) {
        finish(Outcome::Completed);
        return;
    }
    ++m_page;
    fetchPage();
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
