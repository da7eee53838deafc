#pragma once

#include "AppLinkRemote.h"
#include "http/Router.h"

#include <functional>
#include <optional>

// What the create wizard's resources share (AppLinkWizard.cpp, AppLinkCreation.cpp).
namespace trackersim::applinks {

// POST applicationlinkForm/createAppLink.
void createAppLink(const SharedContext &context, Responder respond);

// GET <remote>/rest/applinks/1.0/authenticationinfo with the remote administrator's credentials:
// true for an admin, false for anyone else (isAdminUserInRemoteApplication), nullopt when the
// remote did not say.
void askWhetherAdmin(const SharedContext &context, const QString &remote, const QString &user,
                     const QString &password, std::function<void(std::optional<bool>)> done);
// 500 E2 when that question got no answer.
SimResponse cannotCheckCredentials(const RequestContext &context);

} // namespace trackersim::applinks
