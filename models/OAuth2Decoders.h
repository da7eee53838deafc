#pragma once

#include "Decoded.h"
#include "OAuth2Client.h"

#include <QByteArray>
#include <QList>

// Decoders of the OAuth 2.0 provider payloads (spec 6).
namespace accessdesk {

// GET /rest/oauth2/latest/client → an array.
Decoded<QList<OAuth2Client>> decodeOAuth2Clients(const QByteArray &json);
// GET|POST|DELETE /rest/oauth2/latest/client[/{id}], PUT …/client/reset/{clientId}.
Decoded<OAuth2Client> decodeOAuth2Client(const QByteArray &json);
// The token endpoint's 200 answer; an RFC 6749 error body is reported as an error here.
Decoded<OAuth2TokenResponse> decodeOAuth2TokenResponse(const QByteArray &json);
Decoded<OAuth2Metadata> decodeOAuth2Metadata(const QByteArray &json);

} // namespace accessdesk
