#pragma once

#include "api/ApiError.h"

#include <QCoreApplication>
#include <QString>

namespace accessdesk {

// How the failures of the administrators' token search and revoke read (spec 7.2): Jira answers
// 401 to a signed-in user who is not a system administrator (the REST layer reads it as
// Forbidden), 403 on a licence without Data Center, and 404 before Jira 8.14.
class AdminTokenErrors final
{
    Q_DECLARE_TR_FUNCTIONS(AdminTokenErrors)

public:
    // The server refused because of who is asking (or the licence), not because of the request.
    static bool isPermissionRefusal(const ApiError &error)
    {
        return error.kind() == ApiError::Kind::Forbidden;
    }
    // One sentence for people, with the server's own words where they help.
    static QString describe(const ApiError &error);
};

} // namespace accessdesk
