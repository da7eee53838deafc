#pragma once

#include "PersonalToken.h"
#include "api/ApiJob.h"
#include "services/AdminListState.h"
#include "services/AdminTokenRevoker.h"
#include "services/ConnectionBoundController.h"

#include <QList>
#include <QPointer>

namespace accessdesk {

class ActivityLog;
class ServerConnection;

// What an administrator searches personal tokens by; empty fields match everything.
struct AdminTokenQuery
{
    QString userName;  // part of a user name, display name or e-mail
    QString tokenName; // part of the token's name
    int page = 0;      // 0-based

    bool operator==(const AdminTokenQuery &) const = default;
};

// Every user's personal access tokens, for administrators: search by user and token name a page
// at a time, and revoke (AdminTokenRevoker, recorded in the activity log).
class AdminTokenController final : public ConnectionBoundController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminTokenController)

public:
    using ConnectionBoundController::ConnectionBoundController;

    // A profile switch: drops the search and revoke under way, and the list.
    void setConnection(ServerConnection *connection, ActivityContext who);
    void setPageSize(int size) { m_pageSize = qMax(1, size); }
    int pageSize() const { return m_pageSize; }

    void search(const AdminTokenQuery &query);
    void refresh() { search(m_query); } // the last search again
    void revoke(const QList<PersonalToken> &tokens);

    const AdminListState &state() const { return m_state; }
    QString errorText() const;
    const AdminTokenQuery &query() const { return m_query; }
    // The page shown; values are empty when the search found nothing.
    const TokenSearchPage &page() const { return m_page; }
    // Set when the user name matched nobody, so the empty list is explained.
    bool noSuchUser() const { return m_noSuchUser; }
    bool isRevoking() const { return bool(m_revokeJob); }

    static QString describe(const PersonalToken &token)
    {
        return AdminTokenRevoker::describe(token);
    }

signals:
    void changed(); // list or state
    void revokeFinished(bool succeeded, const QString &message);

private:
    void searchKeys(const QStringList &userKeys);
    void fail(const ApiError &error);

    AdminListState m_state;
    AdminTokenQuery m_query;
    TokenSearchPage m_page;
    bool m_noSuchUser = false;
    int m_pageSize = 50;
    QPointer<ApiJob> m_searchJob;
    QPointer<AdminTokenRevoker> m_revokeJob;
};

} // namespace accessdesk
