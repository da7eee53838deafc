#pragma once

#include "AppLinkModel.h"

#include <QJsonArray>
#include <QJsonObject>

namespace trackersim {
class RequestContext;
struct SimRequest;
} // namespace trackersim

// The entities applinks answers with, and the XML-or-JSON choice of its v1/v2/UI resources
// (spec 1.3: they produce XML unless the client asks for JSON).
namespace trackersim::applinks {

// "1.0", "2.0", "3.0" or "latest", as the request named it: self links echo it.
QString restVersion(const SimRequest &request);
QString selfHref(const RequestContext &context, const QString &id);
QJsonObject linkJson(const QString &href);

// ApplicationLinkEntity (v1/v2); rpcUrl is hidden for system links.
QJsonObject v1Entity(const RequestContext &context, const AppLink &link);
QJsonObject v1Entity(const RequestContext &context, const AppLink &link, const QString &version);
// RestApplicationLink (v3).
QJsonObject v3Entity(const AppLink &link);
// ManifestEntity of this instance.
QJsonObject ownManifest(const RequestContext &context);

// JAXB-like XML: keys become elements, arrays repeat their element, "link" objects become
// attributes (<link href="…" rel="self"/>).
QByteArray toXml(const QString &root, const QJsonObject &object);

// An entity in the representation the request asked for.
SimResponse negotiated(const SimRequest &request, int status, const QString &xmlRoot,
                       const QJsonObject &body);
// E3, ErrorListEntity; XML is <error status="n"><message>…</message><fields>…</fields></error>.
SimResponse listError(const SimRequest &request, int status, const QStringList &messages,
                      const QStringList &fields = {});
// E3 400 for one form field, e.g. "application-name" (RestUtil.badFormRequest).
SimResponse formError(const SimRequest &request, const QString &message, const QString &field);
// E2 for a write, naming the created or updated resource.
enum class Touched { Created, Updated };
SimResponse writeStatus(const SimRequest &request, int status, Touched touched, const QString &href,
                        const QString &message = {});
// E2 for an exception no applinks code handles (Jersey's uncaught-exception mapper).
SimResponse uncaught(const SimRequest &request, const QString &message);
SimResponse invalidIdUncaught(const SimRequest &request, const QString &id);
// E3 400 "The URL '…' is not valid." (applinks.error.url.invalid).
SimResponse invalidUrl(const SimRequest &request, const QString &url);
// E4 with several errors, as a failed validation reports them.
SimResponse v3Errors(int status, const QJsonArray &errors);
QJsonObject v3Error(const QString &summary, const QString &context = {});
SimResponse v3InvalidId(const QString &id);
SimResponse v3NoSuchLink(const QString &id);

// What can be said about the link's remote end without calling it (RestApplinkError): system and
// generic links, the made-up hosts (unknown hosts); nothing for a link to this very instance.
// Health checks of remotes that answer over HTTP call them (AppLinkHealth.h).
std::optional<QJsonObject> remoteError(const AppLink &link, const QString &baseUrl);

} // namespace trackersim::applinks
