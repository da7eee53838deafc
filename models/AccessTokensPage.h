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
struct AccessTokensPage
{
    QList<AccessGrant> grants;
    QString atlToken; // the page's XSRF form token, when it carries one
};

// Finds the grants by meaning, not by one template: a row is any element carrying a token (form
// field `token`, `data-token`, a link with token= in its query, an OAuth 2.0 revoke URL); the
// consumer name, description, link, dates and scopes are read from what labels them (column
// headers, <dt>, class names, data-* attributes). Dates shown as text are in the user's zone,
// userZone; pageUrl resolves relative revoke URLs. A login page or an unrelated page is an error,
// not an empty list.
Decoded<AccessTokensPage> decodeAccessTokensPage(const QByteArray &html, const QTimeZone &userZone,
                                                 const QUrl &pageUrl = QUrl());

} // namespace accessdesk
