#pragma once

#include "PersonalToken.h"
#include "api/ApiError.h"
#include "services/AdminTokenQuery.h"
#include "services/ConnectionBoundController.h"

#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QSet>

namespace accessdesk {

class TokenInventorySearch;
class TokenSweepController;

// Administration → Personal tokens: every user's personal access tokens for a system
// administrator. A search runs page after page (TokenInventorySearch) and hands each page over as
// it arrives (tokensFound), so the first rows show at once and 100,000 tokens never hold up the
// window; Stop keeps what has loaded. Revoking, one token or a stale-token sweep, goes through a
// TokenSweepController made here (newSweep), which verifies each revoke by listing again; what it
// verified as gone is reported (tokensRevoked) so the list drops it without searching again.
class AdminTokenController final : public ConnectionBoundController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminTokenController)

public:
    enum class SearchState {
        NotSearched,
        Searching,
        Completed,
        Stopped,       // by stop(): the rows loaded so far stay
        Failed,        // problemText() says why; the rows loaded before stay
        NoSuchOwner,   // the owner text matched no user
        TooManyOwners, // the owner text matched too many users to search by
    };
    Q_ENUM(SearchState)

    AdminTokenController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                         QObject *parent = nullptr);
    ~AdminTokenController() override;

    // A profile switch: drops the search, stops every sweep made here, forgets the list.
    void setConnection(ServerConnection *connection, ActivityContext who);
    // Tokens asked for per page (0: the search's own default). For tests and slow servers.
    void setPageSize(int size) { m_pageSize = qMax(0, size); }

    // Starts a search; the one under way, if any, is dropped. Refused (false, nothing changes)
    // when the query contradicts itself (AdminTokenQuery::problem()) or there is no server.
    bool search(const AdminTokenQuery &query);
    void refresh() { search(m_query); } // the last search again
    void stop();
    // The page's first look: searches every token once per server, unless a search ran already.
    void loadIfNeeded();

    SearchState searchState() const { return m_state; }
    bool isSearching() const { return m_state == SearchState::Searching; }
    const AdminTokenQuery &query() const { return m_query; }
    qint64 foundCount() const { return m_found; }     // tokens handed over by this search
    qint64 checkedCount() const { return m_checked; } // tokens the server listed
    // How many the server has, as far as it has said (pages × page size until the last page
    // came): "~" material. 0 before the first page.
    qint64 estimatedTotal() const { return m_estimate; }
    QDateTime finishedAt() const { return m_finishedAt; } // local time
    const ApiError &error() const { return m_error; }
    // Why the search did not complete, in plain words; empty when it completed or runs.
    QString problemText() const;
    // The server let this user search every user's tokens (so revoking can work); false until a
    // search has said so, and after a refusal.
    bool mayAdminister() const { return m_mayAdminister; }

    // A sweep on this server, for a dialog to drive; owned by parent. A profile switch stops it.
    TokenSweepController *newSweep(QObject *parent);

    // The failure of a token search or revoke in plain words: what happened, what to do.
    static QString describe(const ApiError &error);

signals:
    void searchStarted(); // the old list is gone
    void tokensFound(const QList<PersonalToken> &tokens);
    void changed(); // state or progress
    // Verified gone from the server (by a sweep made here).
    void tokensRevoked(const QSet<qint64> &ids);
    // A sweep made here finished: the activity log has new rows.
    void revokeFinished();

private:
    void searchFinished(TokenInventorySearch *search);

    AdminTokenQuery m_query;
    QPointer<TokenInventorySearch> m_search;
    QList<QPointer<TokenSweepController>> m_sweeps;
    SearchState m_state = SearchState::NotSearched;
    ApiError m_error;
    QString m_problem;
    QDateTime m_finishedAt;
    qint64 m_found = 0;
    qint64 m_checked = 0;
    qint64 m_estimate = 0;
    int m_pageSize = 0;
    bool m_mayAdminister = false;
};

} // namespace accessdesk
