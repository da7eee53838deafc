#pragma once

#include "AccessGrant.h"
#include "Decoded.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTimeZone>
#include <QUrl>

namespace accessdesk {

// GET /plugins/servlet/oauth/users/access-tokens (spec 5): the user's OAuth 1.0a tokens and OAuth
// 2.0 authorisations, which Jira shows only as HTML.
// A row that looks like a grant but could not be read: it is reported, never dropped silently.
struct UnreadableGrantRow
{
    QString reason;  // short, in English: "it has a revoke control but no token", …
    QString excerpt; // the row's text, shortened, for the log; never a token value
};

struct AccessTokensPage
{
    QList<AccessGrant> grants;
    QList<UnreadableGrantRow> unreadable;
    QString atlToken; // the page's XSRF form token, when it carries one
    QUrl pageUrl;     // where the page is, for "open it in the browser"
};

// The page's path below the server's base URL.
QString accessTokensPagePath(); // "/plugins/servlet/oauth/users/access-tokens"
// Jira's OAuth 1.0a revoke targets (spec 5), as paths below the base URL: the page itself
// (legacy) and the AccessTokensRevokeServlet, whose exact name is uncertain (/…/users/revoke…).
bool isOAuth1RevokePath(const QString &path);
// /rest/oauth2/<version>/revoke/<id>, as a path below the base URL.
bool isOAuth2RevokePath(const QString &path);

// Finds the grants by meaning, not by one template: a row is any element carrying a token (form
// field `token`, `data-token` and its kin, an address with token= in its query, an OAuth 2.0
// revoke address, in any attribute that can hold one); the consumer name, description, link,
// dates and scopes are read from what labels them (column headers, <dt>, class names, data-*
// attributes). Dates shown as text are in the user's zone, userZone.
//
// pageUrl is the absolute address the page was fetched from; the server's base URL is pageUrl
// without accessTokensPagePath(). Every address on the page is resolved against pageUrl once; a
// revoke address is kept only on the server, under its base path, at one of Jira's revoke paths.
// A row with a revoke control but no token, a row of the grants' table or list without one, and
// a row whose revoke address points elsewhere are listed in `unreadable`. A login page or an
// unrelated page is an error, not an empty list.
Decoded<AccessTokensPage> decodeAccessTokensPage(const QByteArray &html, const QTimeZone &userZone,
                                                 const QUrl &pageUrl);

} // namespace accessdesk
