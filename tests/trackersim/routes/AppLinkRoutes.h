#pragma once

namespace trackersim {
class Router;
}

// The applinks area registers its resources from several files (routes::registerAppLinks
// calls these).
namespace trackersim::applinks {

void registerProviders(Router &router); // /rest/applinks/2.0/applicationlink/{id}/authentication
void registerV3(Router &router);        // /rest/applinks/3.0/applinks
void registerStatus(Router &router);    // /rest/applinks/3.0/status
void registerUi(Router &router);        // manifest, UI helpers, relocate, permission
void registerWizard(Router &router);    // applicationlinkForm (create wizard), authenticationinfo
void registerCapabilities(Router &router); // /rest/applinks/3.0/capabilities

} // namespace trackersim::applinks
