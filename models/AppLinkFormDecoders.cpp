#include "AppLinkFormDecoders.h"

#include "AppLinkDecoders.h"
#include "JsonReader.h"

namespace accessdesk {

Decoded<CreatedAppLinkForm> decodeCreatedAppLinkForm(const QByteArray &json)
{
    const Decoded<bool> configured = json::decodeObject<bool>(
        json, QStringLiteral("createdApplicationLink"), [](json::ObjectReader &reader) {
            if (!reader.has("applicationLink"))
                reader.fail(reader.pathOf("applicationLink"),
                            QStringLiteral("the answer names no link"));
            return reader.boolean("autoConfigurationSuccessful");
        });
    if (!configured)
        return Decoded<CreatedAppLinkForm>::failure(configured.error);
    // The link sits under "applicationLink", which the v1 decoder unwraps itself.
    const Decoded<AppLink> link = decodeAppLinkV1(json);
    if (!link)
        return Decoded<CreatedAppLinkForm>::failure(link.error);
    return Decoded<CreatedAppLinkForm>::success(CreatedAppLinkForm{*link, *configured});
}

} // namespace accessdesk
