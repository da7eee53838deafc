#pragma once

#include "PersonalToken.h"
#include "api/ApiError.h"
#include "api/PatJobs.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class QTimer;

namespace accessdesk {

class ApiJob;
class ServerConnection;

// What an administrator searches every user's personal access tokens by (spec 7.2).
struct TokenInventoryQuery
{
    // Part of a user name, display name or e-mail; empty for every owner. When one user's name or
    // e-mail is exactly this text (ignoring case), only that user's tokens are searched: "bob"
    // means bob, not bobby too. Otherwise every user the server finds for the text.
    QString owner;
    // Server-side filters and sort (RestTokenSearchRequest); without a sortBy, createdAt. The owner
    // text, when given, replaces userKeys; page and limit are the search's own business.
    TokenSearchFilter filter;
    // Checked on the client against every listed token (a StaleTokenRule, a set of ids…); empty:
    // every listed token matches.
    std::function<bool(const PersonalToken &)> accept;
};

// Runs the administrators' token search page after page and hands each page over as it arrives,
// so that a window shows the first rows at once and stays responsive at 100,000 tokens. It keeps
// no tokens itself (only their ids, to drop a row a shifting page shows twice): the receiver keeps
// what it needs.
//
// A job in the style of ApiJob: start() never reports from inside itself; finished() is emitted
// exactly once, then outcome() and error() say how it ended; cancel() is safe at any time and
// any number of times. Deleting or cancelling it drops the requests under way.
//
// One request is kept ahead: once the first page has said how many pages there are, the page
// after the current one is asked for too, so that the server is already working on it while this
// side decodes a page and the receiver handles it (about 18 ms for 1,000 tokens, in which the
// server would otherwise idle). Pages are still handed over strictly in order: an answer that
// comes early, good or bad, waits in its job until the page before it has been handed over, and
// is only then checked, retried or reported as if it had just arrived. Nothing is asked beyond
// the last page the server announced, so a search of N pages sends N requests when nothing fails
// (when tokens are deleted meanwhile, the request ahead may turn out unneeded and is dropped).
//
// A page is a POST, which the REST layer does not retry; it is a read, so this class retries a page
// after 429, 502, 503, 504 or a dropped connection, waiting as the rate-limit pacer says. A page
// that cannot be read ends the search with an error naming the page: rows are never dropped
// silently. The server pages by offset, so tokens created or deleted by others while the search
// runs can shift rows between pages; sorting by createdAt (the default here) puts new tokens last.
class TokenInventorySearch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenInventorySearch)

public:
    enum class Outcome {
        Running,
        Completed,     // every page was read
        NoSuchOwner,   // the owner text matched no user: nothing was searched
        TooManyOwners, // the owner text matched more than kMaxOwners users: be more specific
        Failed,        // error() says why, failedPage() where
        Cancelled,
    };
    static constexpr int kDefaultPageSize = 1000;
    static constexpr int kServerDefaultPageSize = 100; // Jira's default, used if 1000 is refused
    static constexpr int kMaxOwners = 1000;

    TokenInventorySearch(ServerConnection *connection, TokenInventoryQuery query,
                         QObject *parent = nullptr);
    ~TokenInventorySearch() override;

    // Tokens asked for per page; the server may send fewer. Call before start().
    void setPageSize(int size) { m_pageSize = qMax(1, size); }
    int pageSize() const { return m_pageSize; }

    void start();
    void cancel();

    Outcome outcome() const { return m_outcome; }
    bool isFinished() const { return m_outcome != Outcome::Running; }
    const ApiError &error() const { return m_error; }
    int failedPage() const { return m_failedPage; } // 0-based; -1 when no page failed
    // The users the owner text stands for (empty without an owner).
    const QList<TokenOwner> &owners() const { return m_owners; }
    int pagesRead() const { return m_pagesRead; }
    int totalPages() const { return m_totalPages; } // as the server last said; 0 before a page
    qint64 listedCount() const { return m_listed; } // rows the server listed, without repeats
    qint64 matchedCount() const { return m_matched; }

    // How it ended, in one sentence for people; empty when it completed.
    QString errorText() const;

signals:
    // The tokens of one page that passed accept, in the server's order (possibly none: the page
    // still counts towards pagesRead()). Emitted once per page, before finished().
    void pageReady(const QList<PersonalToken> &tokens);
    void finished();

private:
    // One page's request: under way, or answered and waiting to be handed over (the job keeps
    // the answer), or neither (nothing asked yet, or a retry waiting for its timer).
    struct PageRequest
    {
        QPointer<SearchPersonalTokens> job;
        int attempts = 0; // of this page, for the retry limit
    };

    void begin();
    void ownersFound(const QList<TokenOwner> &users);
    void fetchCurrent() { fetch(m_current, m_page); }
    void fetch(PageRequest &request, int page);
    void fetchAhead();
    void jobFinished(SearchPersonalTokens *job);
    void currentAnswered();
    void pageAnswered(const TokenSearchPage &page);
    bool retryPage(const ApiError &error);
    // Stops the request without it reporting here.
    void drop(PageRequest &request);
    void dropJob(ApiJob *job);
    void fail(const ApiError &error, int page);
    void finish(Outcome outcome, const ApiError &error = {});

    QPointer<ServerConnection> m_connection;
    TokenInventoryQuery m_query;
    QStringList m_ownerKeys;
    QList<TokenOwner> m_owners;
    QPointer<ApiJob> m_ownerJob;
    PageRequest m_current; // page m_page
    PageRequest m_ahead;   // page m_page + 1
    QTimer *m_retryTimer;  // retries the current page
    QSet<qint64> m_seen;
    ApiError m_error;
    Outcome m_outcome = Outcome::Running;
    int m_pageSize = kDefaultPageSize;
    int m_page = 0; // the page to hand over next
    int m_failedPage = -1;
    int m_pagesRead = 0;
    int m_totalPages = 0;
    qint64 m_listed = 0;
    qint64 m_matched = 0;
    bool m_started = false;
    bool m_cancelled = false;
};

} // namespace accessdesk
