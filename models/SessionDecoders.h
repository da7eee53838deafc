#pragma once

#include "Decoded.h"

#include <QByteArray>
#include <QString>

namespace accessdesk {

// The answer to POST /rest/auth/1/session (spec 2.4): the cookie to send from now on. Its value
// is a credential: never log or store it outside the keychain.
struct SessionCookie
{
    QString name; // "JSESSIONID"
    QString value;
};

Decoded<SessionCookie> decodeSessionLogin(const QByteArray &json);

} // namespace accessdesk
