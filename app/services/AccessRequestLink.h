#pragma once

#include <QString>
#include <QUrl>

namespace accessdesk {

// What a pasted link is, checked against the server the user is connected to. The link must be
// <base URL>/plugins/servlet/oauth/authorize?oauth_token=… of that very server: answering a
// request of another server through this one is impossible, and saying so beats a confusing
// "unknown token".
struct AccessRequestLink
{
    enum class Problem {
        None,
        Empty,
        NotALink,             // no http(s) address at all
        OtherServer,          // an address of another server (see url)
        NotARequestForAccess, // this server, but not the authorisation page
        NoRequestToken,       // the authorisation page without oauth_token
    };

    Problem problem = Problem::None;
    QUrl url;             // the address as understood (valid unless Empty/NotALink)
    QString requestToken; // oauth_token, when problem is None

    static AccessRequestLink parse(const QString &pasted, const QUrl &serverBase);
    // The address users should expect, for messages: <base>/plugins/servlet/oauth/authorize.
    static QUrl authorizeUrl(const QUrl &serverBase);
};

} // namespace accessdesk
