#include "Routes.h"

#include "OAuth2Support.h"

// The OAuth 2.0 provider (spec section 6). SimServer registers it only while OAuth 2.0 is on,
// so that a --no-oauth2 instance answers 404 like Jira before 8.22.
namespace trackersim::routes {

void registerOAuth2(Router &router)
{
    oauth2::registerClients(router);
    oauth2::registerAuthorization(router);
    oauth2::registerTokens(router);
}

} // namespace trackersim::routes
