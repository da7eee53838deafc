#pragma once

#include "AppLink.h"
#include "Decoded.h"

#include <QByteArray>

// The answer of the applinks UI's create wizard (spec 3.4 (26)), which AccessDesk uses for
// two-way links because it is the one call that also creates the remote end.
namespace accessdesk {

// POST /rest/applinks/1.0/applicationlinkForm/createAppLink → 200
// {"applicationLink": ApplicationLinkEntity, "autoConfigurationSuccessful": bool}.
struct CreatedAppLinkForm
{
    AppLink link;
    // False when the links exist but OAuth could not be set up on both ends (for example because
    // the remote did not take part); absent in the answer reads as false, the cautious reading.
    bool autoConfigurationSuccessful = false;

    bool operator==(const CreatedAppLinkForm &) const = default;
};

Decoded<CreatedAppLinkForm> decodeCreatedAppLinkForm(const QByteArray &json);

} // namespace accessdesk
