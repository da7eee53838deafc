#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace accessdesk {

// The ways AccessDesk can prove who it is (issue #3 section 1). The names are the CLI's
// `--auth` values and the profile's stored kind, so they must stay stable.
enum class AuthKind {
    Basic,         // "basic": user name and password
    PersonalToken, // "pat": Authorization: Bearer <personal access token>
    Session,       // "session": Cookie: JSESSIONID=… from /rest/auth/1/session
    OAuth1,        // "oauth1": RSA-SHA1 signed requests as an application-link consumer
    OAuth2,        // "oauth2": Authorization: Bearer <OAuth 2.0 access token>
};

QString authKindName(AuthKind kind);
std::optional<AuthKind> authKindFromName(QStringView name);

} // namespace accessdesk
