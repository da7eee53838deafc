#pragma once

#include <QList>
#include <QString>

namespace accessdesk {

// GET /rest/api/2/serverInfo (spec 2.1).
struct ServerInfo
{
    QString baseUrl;
    QString version;
    QList<int> versionNumbers; // [major, minor, patch]
    QString deploymentType;    // Jira DC also says "Server"
    qint64 buildNumber = 0;
    QString serverTitle;

    // True when this server is at least major.minor (from versionNumbers, else from version).
    bool isAtLeast(int major, int minor) const;

    bool operator==(const ServerInfo &) const = default;
};

} // namespace accessdesk
