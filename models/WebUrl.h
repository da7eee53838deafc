#pragma once

#include <QString>
#include <QUrl>

#include <optional>

// Internal helper of the draft rules (OAuth2ClientRules, ConsumerRules): the URL checks Jira
// makes on redirect and callback URLs, without the wording, which each rule chooses. Also where
// an address taken from a server's page may point (pathBelow).
namespace accessdesk::webUrl {

enum class Problem {
    None,
    NotAbsolute, // unparsable, relative, or without a host
    Fragment,    // has a "#…" part, even an empty one
    NotWeb,      // a scheme other than http and https
};

// text as entered; leading and trailing spaces are the caller's to trim.
Problem check(const QString &text, QUrl *parsed = nullptr);

// localhost, 127.0.0.1 and [::1]: the hosts Jira accepts plain http redirects for by default.
bool isLoopback(const QUrl &url);

// Where url lies under base (a server's base URL, maybe with a context path such as /jira): its
// path below base's path, percent-encoded, with a leading '/' (base http://h/jira and url
// http://h/jira/rest/x give "/rest/x"). Nothing when url is relative or has another scheme, host
// or port, carries user info, lies outside base's path, or has an encoded '.' or '/' in its path
// (which the server could decode into a step out of it).
std::optional<QString> pathBelow(const QUrl &base, const QUrl &url);

} // namespace accessdesk::webUrl
