#pragma once

#include "AppLink.h"
#include "Decoded.h"

#include <QByteArray>
#include <QList>

// Decoders of the application-link payloads (spec 3).
namespace accessdesk {

// GET /rest/applinks/1.0/applicationlink → {"applicationLinks": [...]}.
Decoded<QList<AppLink>> decodeAppLinksV1(const QByteArray &json);
// GET /rest/applinks/1.0/applicationlink/{id}; also accepts {"applicationLink": {...}}.
Decoded<AppLink> decodeAppLinkV1(const QByteArray &json);
// GET /rest/applinks/3.0/applinks → a plain array.
Decoded<QList<AppLink>> decodeAppLinksV3(const QByteArray &json);
// GET|PUT /rest/applinks/3.0/applinks/{id}.
Decoded<AppLink> decodeAppLinkV3(const QByteArray &json);
// GET /rest/applinks/3.0/status/{id}.
Decoded<AppLinkStatus> decodeAppLinkStatus(const QByteArray &json);
// GET /rest/applinks/3.0/status/{id}/oauth.
Decoded<OAuthStatus> decodeOAuthStatus(const QByteArray &json);

} // namespace accessdesk
