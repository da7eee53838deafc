#pragma once

#include "AppLink.h"
#include "Decoded.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Decoders of the application-link admin payloads that AppLinkDecoders.h does not cover: the
// manifest (spec 3.2 ManifestEntity), the create wizard's manifest probe (3.4 (25)), the UI list
// with authenticators (3.4 (24)) and the Atlassian REST Status body of v1/v2 writes (E2).
namespace accessdesk {

// GET /rest/applinks/1.0/manifest: what an application says about itself.
struct AppManifest
{
    QString id; // the application id; Atlassian links use it as the link id
    QString name;
    QString typeId;
    QString version;
    std::optional<qint64> buildNumber;
    QString applinksVersion;
    QStringList inboundAuthenticationTypes; // provider class names
    QStringList outboundAuthenticationTypes;
    bool publicSignup = false;
    QString url;
    QString iconUrl;
    QString iconUri;

    bool operator==(const AppManifest &) const = default;
};

// GET /rest/applinks/1.0/applicationlinkForm/manifest?url=: the remote's manifest, or a warning
// (ResponseInfoEntity) when it did not answer or redirected; neither for a non-Atlassian site.
struct ManifestProbe
{
    std::optional<AppManifest> manifest;
    QString warningCode; // e.g. "applinks.warning.unknown.host"
    QString warning;     // the server's sentence for people

    bool isAtlassian() const { return manifest.has_value(); }
    bool operator==(const ManifestProbe &) const = default;
};

// One entry of GET /rest/applinks/1.0/listApplicationlinks (LinkAndAuthProviderEntity).
struct AppLinkWithAuth
{
    AppLink link;
    QStringList outboundAuthenticators; // provider class names
    QStringList inboundAuthenticators;
    bool hasOutgoingProviders = false;
    bool hasIncomingProviders = false;
    QStringList entityTypes;

    bool operator==(const AppLinkWithAuth &) const = default;
};

// The Atlassian REST Status entity ({"status-code", "message", "resources-created"|…}). How the
// touched resources render in JSON is uncertain (spec 3.2), so every "href" found under
// resources-created / resources-updated is kept, whatever wraps it.
struct RestStatus
{
    std::optional<qint64> statusCode;
    QString message;
    QStringList hrefs;

    bool operator==(const RestStatus &) const = default;
};

Decoded<AppManifest> decodeManifest(const QByteArray &json);
Decoded<ManifestProbe> decodeManifestProbe(const QByteArray &json);
Decoded<QList<AppLinkWithAuth>> decodeAppLinksWithAuth(const QByteArray &json);
Decoded<RestStatus> decodeRestStatus(const QByteArray &json);

// The {id} of an ".../applicationlink/{id}" href, absolute or relative; empty for other hrefs.
QString appLinkIdFromHref(const QString &href);

} // namespace accessdesk
