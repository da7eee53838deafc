#pragma once

#include "AppLinkRemote.h"

#include <QJsonObject>

#include <functional>

// GET /rest/applinks/3.0/status/{id} (spec 3.4 (16)): the link's health, which for a remote that
// really answers is found by calling it, as DefaultApplinkStatusService does.
namespace trackersim::applinks {

// RestApplinkStatus of the link; done is called once, possibly after remote calls.
void checkHealth(const SharedContext &context, const AppLink &link,
                 std::function<void(QJsonObject)> done);

} // namespace trackersim::applinks
