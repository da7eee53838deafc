#pragma once

#include <QString>

namespace trackersim {

struct RateLimitSettings
{
    bool enabled = false;
    int capacity = 0;        // X-RateLimit-Limit
    int fillRate = 0;        // tokens added per interval
    int intervalSeconds = 1; // X-RateLimit-Interval-Seconds
};

// Everything the command line decides about one trackersim instance.
struct SimConfig
{
    quint16 port = 0;
    QString dataFile; // empty: in memory
    QString seed = QStringLiteral("demo");
    bool tls = false;
    QString certFile;
    QString keyFile;
    QString baseUrl; // empty: derived from the listening address
    // Where Jira is deployed below the host, like a Tomcat context path behind a reverse proxy
    // (https://host/jira): "" or "/jira". Every route answers only below it.
    QString contextPath;
    QString jiraVersion = QStringLiteral("9.12.7");
    QString serverTitle = QStringLiteral("AccessDesk demo Jira (trackersim)");
    bool webSudo = true;
    int webSudoTimeoutSeconds = 600; // rolling, like jira.websudo.timeout
    RateLimitSettings rateLimit;
    bool patEnabled = true;
    bool oauth2Enabled = true;
    // How long a call to a linked application may take before it counts as timed out.
    int remoteTimeoutMs = 5000;
};

} // namespace trackersim
