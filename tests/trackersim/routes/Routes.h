#pragma once

namespace trackersim {
class Router;
}

// One registration function per area of Jira's REST surface (spec sections 2–7).
namespace trackersim::routes {

void registerCore(Router &router);             // serverInfo, myself, permissions, projects, issues
void registerAuth(Router &router);             // session, login.jsp, websudo
void registerAppLinks(Router &router);         // /rest/applinks/{1.0,2.0,3.0}
void registerConsumers(Router &router);        // /rest/applinks-oauth, consumer-info
void registerOAuth1Provider(Router &router);   // request-token, authorize, access-token
void registerAccessTokensPage(Router &router); // the user's access-tokens page and revoke
void registerOAuth2(Router &router);           // /rest/oauth2/latest
void registerPersonalTokens(Router &router);   // /rest/pat/latest

} // namespace trackersim::routes
