#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace accessdesk {

// The authorization request of Jira's OAuth 2.0 provider (spec 6.2), opened in the system
// browser by the caller: <base>/rest/oauth2/latest/authorize?client_id=…&redirect_uri=…
// &response_type=code&scope=…&state=…&code_challenge=…&code_challenge_method=S256
struct OAuth2AuthorizeUrl
{
    QUrl baseUrl;             // Jira's base URL, context path included
    QString clientId;         // from the OAuth 2.0 client (incoming link) the admin made
    QString redirectUri;      // must equal one of the client's registered redirects
    QString scope;            // READ, WRITE, ADMIN or SYSTEM_ADMIN (spec 6.6)
    QByteArray state;         // Pkce::generateState()
    QByteArray codeChallenge; // Pkce::challenge; empty sends no PKCE parameters

    QUrl build() const;
};

} // namespace accessdesk
