#pragma once

#include "AccessGrant.h"
#include "services/GrantRevoker.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>

namespace accessdesk {

class ActivityLog;
class ListGrantsJob;
class ProbeJob;
class ServerConnection;

// The use cases behind My access: list the user's grants, revoke some, list again. Widgets call
// these methods and render what the signals say; they never send a request themselves.
class MyAccessController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MyAccessController)

public:
    enum class State { Idle, Loading, Revoking, Failed };
    Q_ENUM(State)

    // log may be null (nothing recorded); connection must outlive the controller.
    MyAccessController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                       QObject *parent = nullptr);

    // Points the controller at another server (a profile switch): drops the jobs still running
    // against the old one and its lists, then waits for refresh(). The old connection may be
    // deleted once this returns.
    void setConnection(ServerConnection *connection, ActivityContext who);
    void setActivityLog(ActivityLog *log) { m_log = log; }

    void refresh();
    void probe(); // learns whether the user is an administrator (Administration page)
    void revoke(const QList<AccessGrant> &grants);

    State state() const { return m_state; }
    const QList<AccessGrant> &grants() const { return m_grants; }
    QDateTime lastRefresh() const { return m_lastRefresh; }
    QString lastError() const { return m_lastError; }
    const ActivityContext &who() const { return m_who; }
    bool isAdmin() const { return m_admin; }
    // Failures of the last revoke, "<app>: <reason>" each; empty when all went through.
    const QStringList &revokeFailures() const { return m_revokeFailures; }

signals:
    void stateChanged();
    void grantsChanged();
    void probed();
    void revokeFinished(int revoked, int failed);

private:
    void setState(State state);

    ServerConnection *m_connection;
    ActivityLog *m_log;
    ActivityContext m_who;
    QPointer<ProbeJob> m_probeJob;
    QPointer<ListGrantsJob> m_listJob;
    QPointer<RevokeGrantsJob> m_revokeJob;
    QList<AccessGrant> m_grants;
    QDateTime m_lastRefresh;
    QString m_lastError;
    QStringList m_revokeFailures;
    State m_state = State::Idle;
    bool m_admin = false;
};

} // namespace accessdesk
