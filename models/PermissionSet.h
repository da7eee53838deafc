#pragma once

#include <QMap>
#include <QString>

namespace accessdesk {

// GET /rest/api/2/mypermissions (spec 2.3): permission key → havePermission. A key the server did
// not mention counts as not held.
struct PermissionSet
{
    QMap<QString, bool> permissions;

    bool has(const QString &key) const { return permissions.value(key, false); }
    bool isAdmin() const { return has(QStringLiteral("ADMINISTER")); }
    bool isSysadmin() const { return has(QStringLiteral("SYSTEM_ADMIN")); }

    bool operator==(const PermissionSet &) const = default;
};

} // namespace accessdesk
