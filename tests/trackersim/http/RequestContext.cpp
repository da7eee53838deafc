#include "RequestContext.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace trackersim {

std::optional<UserRecord> RequestContext::user() const
{
    if (caller.isAnonymous())
        return std::nullopt;
    return users::find(state.store, caller.userName);
}

bool RequestContext::isAdmin() const
{
    const auto u = user();
    return u && u->admin;
}

bool RequestContext::isSysadmin() const
{
    const auto u = user();
    return u && u->sysadmin;
}

QString RequestContext::xsrfToken() const
{
    // Tied to the user (or the anonymous visitor) and this server, like Jira's
    // "<hash>|lin"/"|lout".
    const QByteArray subject =
        caller.isAnonymous() ? QByteArrayLiteral("anonymous") : caller.userName.toUtf8();
    const QByteArray mac =
        QMessageAuthenticationCode::hash(subject, state.serverSecret, QCryptographicHash::Sha256)
            .toHex()
            .left(40);
    return QString::fromLatin1(mac) +
           (caller.isAnonymous() ? QStringLiteral("|lout") : QStringLiteral("|lin"));
}

} // namespace trackersim
