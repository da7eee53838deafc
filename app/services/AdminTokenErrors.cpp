#include "services/AdminTokenErrors.h"

namespace accessdesk {

QString AdminTokenErrors::describe(const ApiError &error)
{
    switch (error.kind()) {
    case ApiError::Kind::None:
        return {};
    case ApiError::Kind::Forbidden: {
        QString text = tr("Only Jira system administrators can search and revoke other users' "
                          "personal access tokens, and only on Jira Data Center.");
        if (!error.serverMessage().isEmpty())
            text += QLatin1Char(' ') + tr("The server said: %1").arg(error.serverMessage());
        return text;
    }
    case ApiError::Kind::NotFound:
        return tr("This server has no personal access token administration (Jira Data Center "
                  "8.14 or later has it).");
    default:
        return error.userMessage();
    }
}

} // namespace accessdesk
