#pragma once

#include "AccessGrant.h"
#include "AccessTokensPage.h"
#include "api/ApiError.h"
#include "services/ConnectionBoundController.h"
#include "services/GrantRevoker.h"
#include "services/ProbeJob.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>

namespace accessdesk {

class ActivityLog;
class ListGrantsJob;
class OfflineCache;
class ServerConnection;

// One revoke run as the progress dialog and the page report it.
struct RevokeRun
{
    QList<AccessGrant> grants;                // what was asked, in the order it is done
    QList<RevokeGrantsJob::Outcome> outcomes; // one per grant tried, in the same order
    bool cancelled = false;
    bool finished = false;

    // Every grant is checked against the server's list once the requests are answered: revoked
    // means no longer listed.
    int revokedCount() const;
    QList<RevokeGrantsJob::Outcome> failures() const;    // not revoked, for whatever reason
    QList<RevokeGrantsJob::Outcome> notRevoked() const;  // still listed, or refused
    QList<RevokeGrantsJob::Outcome> unconfirmed() const; // not confirmed: check the list
    QList<AccessGrant> failedGrants() const;
    QList<AccessGrant> notAttempted() const; // left out because of Cancel
};

// The use cases behind My access: list the user's grants, revoke some, list again. Widgets call
// these methods and render what the signals say; they never send a request themselves.
//
// With an offline cache the last list seen for the connection is shown at once ("as of …") and
// replaced by the server's; when the server cannot be reached the page stays readable but nothing
// can be changed (canChange() false, readOnlyReason() says why).
class MyAccessController final : public ConnectionBoundController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MyAccessController)

public:
    enum class State { Idle, Loading, Revoking, Failed };
    Q_ENUM(State)

    MyAccessController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                       QObject *parent = nullptr);

    // Points the controller at another server (a profile switch): drops the jobs still running
    // against the old one and its lists, shows the new one's cached list if there is one, then
    // waits for refresh(). The old connection may be deleted once this returns.
    void setConnection(ServerConnection *connection, ActivityContext who);
    // May be null (no cache). Until a list has come from the server, shows the cached one.
    void setOfflineCache(OfflineCache *cache);

    void refresh();
    void probe(); // learns whether the user is an administrator (Administration page)

    // Revokes grants one after another (revokeStarted, revokeProgress, revokeFinished; the run's
    // outcomes are what the list fetched after the requests shows), then lists again. Ignored while
    // a run is going or when canChange() is false.
    void revoke(const QList<AccessGrant> &grants);
    void cancelRevoke(); // stops before the next grant; the one under way finishes
    void retryFailed();  // revokes the last run's failures again

    State state() const { return m_state; }
    const QList<AccessGrant> &grants() const { return m_grants; }
    // Grants the last list from the server could not read off the access-tokens page, or the
    // cached list shown could not read back (they are missing from grants()), and that page's
    // address, for the user to open in a browser (unknown while only the cached list is shown).
    int unreadableGrantCount() const { return int(m_unreadable.size()); }
    const QList<UnreadableGrantRow> &unreadableGrants() const { return m_unreadable; }
    QUrl accessTokensPageUrl() const { return m_pageUrl; }
    QDateTime lastRefresh() const { return m_lastRefresh; }
    QString lastError() const { return m_lastError; }
    bool isAdmin() const { return m_admin; }
    // What the last probe learned about the server and user; empty until one succeeded.
    const std::optional<ProbeReport> &probeReport() const { return m_probeReport; }

    // Where the shown list comes from, and whether it may be acted on.
    bool showsCachedList() const { return m_fromCache; }
    QDateTime listAsOf() const { return m_listAsOf; } // when the shown list was fetched
    bool isOffline() const;                           // the last refresh could not reach the server
    bool credentialsRefused() const;                  // the last refresh was answered 401
    // The last refresh was refused at TLS: the certificate is not (any longer) the trusted one.
    bool certificateRefused() const;
    bool canChange() const;         // revoke, revoke all, new token
    QString readOnlyReason() const; // why not, in plain words; empty when canChange()
    const RevokeRun &revokeRun() const { return m_run; }
    bool isRevoking() const { return !m_revokeJob.isNull(); }

signals:
    void stateChanged();
    void grantsChanged();
    void probed();
    void revokeStarted();
    void revokeProgress(int done, int total);
    void revokeFinished(int revoked, int failed);

private:
    void updateState();
    void showCachedList();
    void listed(ListGrantsJob *job);
    void finishRun(RevokeGrantsJob *job);

    OfflineCache *m_cache = nullptr;
    QString m_cacheKey; // fixed per connection, so a name learned later does not move it
    QPointer<ProbeJob> m_probeJob;
    QPointer<ListGrantsJob> m_listJob;
    QPointer<RevokeGrantsJob> m_revokeJob;
    QList<AccessGrant> m_grants;
    QList<UnreadableGrantRow> m_unreadable;
    QUrl m_pageUrl;
    QDateTime m_lastRefresh;
    QDateTime m_listAsOf;
    QString m_lastError;
    ApiError::Kind m_lastErrorKind = ApiError::Kind::None;
    RevokeRun m_run;
    std::optional<ProbeReport> m_probeReport;
    State m_state = State::Idle;
    bool m_fromCache = false;
    bool m_admin = false;
};

} // namespace accessdesk
