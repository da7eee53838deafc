#pragma once

#include "AppLinkModel.h"

// The authentication providers configured on a link (its outgoing authentication).
namespace trackersim::applinks {

// Keeps the OAuth provider rows in step with the link's outgoing OAuth levels.
void setOutgoingProviders(Store &store, const QString &linkId, const OAuthLevel &outgoing);
// Provider class names configured on the link, for listApplicationlinks.
QStringList configuredProviders(const Store &store, const QString &linkId);

} // namespace trackersim::applinks
