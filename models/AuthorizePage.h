#pragma once

#include "Decoded.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <utility>

namespace accessdesk {

// The OAuth 1.0a "Request for Access" page (GET /plugins/servlet/oauth/authorize, spec 4.5).
// oauthToken is the request token (not secret on its own); atlToken is the page's XSRF token.
struct AuthorizeRequest
{
    QString consumerName;
    QString consumerDescription;
    QUrl actionUrl; // where the form posts (resolved against the page URL when given)
    QString oauthToken;
    QString atlToken;
    QString approveName; // submit with this field to allow ("approve")
    QString approveValue;
    QString denyName; // …or this one to deny ("deny")
    QString denyValue;
    // Every hidden field of the form in page order (oauth_token, atl_token, oauth_callback…),
    // to be posted back with the chosen button.
    QList<std::pair<QString, QString>> hiddenFields;
};

// Finds the form carrying oauth_token; an OAuth error page becomes an error naming its problem
// (e.g. "token_rejected").
Decoded<AuthorizeRequest> decodeAuthorizePage(const QByteArray &html, const QUrl &pageUrl = QUrl());

// The page shown after Allow/Deny when the consumer has no callback.
struct VerifierPage
{
    bool approved = false;
    QString verifier; // the oauth_verifier to give the consumer; empty for OAuth 1.0 or a denial
};

Decoded<VerifierPage> decodeVerifierPage(const QByteArray &html);

} // namespace accessdesk
