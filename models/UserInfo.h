#pragma once

#include <QString>

namespace accessdesk {

// GET /rest/api/2/myself (spec 2.2).
struct UserInfo
{
    QString name; // the login name
    QString key;  // "JIRAUSER10100" on post-8.7 users
    QString displayName;
    QString email;
    QString timeZone; // IANA id, e.g. "Europe/Berlin"; the access-tokens page is in this zone

    bool operator==(const UserInfo &) const = default;
};

} // namespace accessdesk
