#pragma once

#include <QString>

#include <optional>

namespace accessdesk {

// An application link, from either the v1/v2 `applicationLink` entity or the v3 object (spec 3.2).
struct AppLink
{
    QString id;     // UUID
    QString typeId; // "jira", "confluence", "bamboo", "stash", "generic", …
    QString name;
    QString displayUrl;
    QString rpcUrl; // empty for system links in v1/v2
    bool primary = false;
    bool system = false;

    bool operator==(const AppLink &) const = default;
};

// One direction of a link's OAuth 1.0a set-up (RestOAuthConfig).
struct OAuthConfig
{
    bool enabled = false;
    bool twoLoEnabled = false;
    bool twoLoImpersonationEnabled = false;

    bool operator==(const OAuthConfig &) const = default;
};

// GET /rest/applinks/3.0/status/{id}/oauth, and the authentication blocks of the status.
struct OAuthStatus
{
    OAuthConfig incoming;
    OAuthConfig outgoing;

    bool operator==(const OAuthStatus &) const = default;
};

// GET /rest/applinks/3.0/status/{id} (spec 3.4 (16)).
struct AppLinkStatus
{
    AppLink link;
    bool working = false;
    // Only when not working: category (NETWORK_ERROR, ACCESS_ERROR, …) and type (UNKNOWN_HOST, …).
    QString errorCategory;
    QString errorType;
    QString errorDetails;
    QString authorisationUri; // for errors the user can fix by authorising
    std::optional<OAuthStatus> localAuthentication;
    std::optional<OAuthStatus> remoteAuthentication;

    bool operator==(const AppLinkStatus &) const = default;
};

} // namespace accessdesk
