#pragma once

#include <QString>
#include <QUrl>

// Internal helper of the draft rules (OAuth2ClientRules, ConsumerRules): the URL checks Jira
// makes on redirect and callback URLs, without the wording, which each rule chooses.
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

} // namespace accessdesk::webUrl
