#pragma once

#include "PermissionSet.h"
#include "ServerInfo.h"
#include "UserInfo.h"
#include "api/ApiError.h"

#include <QObject>

namespace accessdesk {

class ServerConnection;

// What a server is and what it supports, learned on connect (spec 8.1).
struct ProbeReport
{
    ServerInfo server;
    UserInfo user;
    bool admin = false;
    bool sysadmin = false;
    bool personalTokens = false; // /rest/pat (Jira 8.14+)
    bool oauth2 = false;         // the OAuth 2.0 provider (8.22+)
    bool appLinksV3 = false;     // applinks v3 capabilities
};

// Runs serverInfo, myself, mypermissions and the feature probes at once; reports once.
class ProbeJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProbeJob)

public:
    explicit ProbeJob(ServerConnection *connection, QObject *parent = nullptr);
    void start();
    const ApiError &error() const { return m_error; }
    const ProbeReport &report() const { return m_report; }

signals:
    void finished();

private:
    void onPartFinished();

    ServerConnection *m_connection;
    ProbeReport m_report;
    ApiError m_error;
    int m_pending = 0;
};

} // namespace accessdesk
