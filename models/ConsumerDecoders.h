#pragma once

#include "Decoded.h"
#include "OAuthConsumer.h"

#include <QByteArray>
#include <QList>

// Decoders of the OAuth 1.0a consumer payloads (spec 4.1, 4.4).
namespace accessdesk {

// GET …/authentication/consumer → {"consumers": [...]}.
Decoded<QList<OAuthConsumer>> decodeConsumers(const QByteArray &json);
// One ConsumerEntity object.
Decoded<OAuthConsumer> decodeConsumer(const QByteArray &json);
// GET …/authentication → {"consumers": [...], "configuredAuthProviders": [...]}.
Decoded<AppLinkAuthentication> decodeAppLinkAuthentication(const QByteArray &json);
// GET /rest/applinks/2.0/applicationlink/{id}/authentication/provider →
// {"authenticationProviders": [...]}.
Decoded<QList<AuthProvider>> decodeAuthProviders(const QByteArray &json);
// The consumer-info XML.
Decoded<ConsumerInfo> decodeConsumerInfo(const QByteArray &xml);

} // namespace accessdesk
