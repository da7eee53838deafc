#pragma once

#include "AdminDecoders.h"
#include "AppLinkDecoders.h"
#include "ConsumerDecoders.h"
#include "api/DecodingJob.h"

#include <QStringList>
#include <QUrl>

// Application links (spec 3), by the recommended flows of spec 3.5: v3 for reads, updates and
// deletes (no websudo, E4 errors), v2 to create, v1 for the reciprocal delete and "make primary".
// Path ids are plain text: ServerConnection::urlFor encodes the path itself.
namespace accessdesk {

// GET /rest/applinks/3.0/applinks[?data=…]: a plain array that also holds OAuth 2.0 clients as
// pseudo-links of type generic. `data` keys (iconUri, configUrl, …) are sent as repeated
// parameters; AppLink keeps only the common fields.
class ListAppLinks final : public DecodingJob<QList<AppLink>>
{
public:
    explicit ListAppLinks(ServerConnection *connection, QStringList data = {},
                          QObject *parent = nullptr);
    static ApiRequest build(const QStringList &data = {});
    ApiRequest request() const override { return build(m_data); }

protected:
    Decoded<QList<AppLink>> decodeBody(const RawReply &reply) const override;

private:
    QStringList m_data;
};

// GET /rest/applinks/3.0/applinks/{id}; an unknown id is a 404 (v1 would answer 500).
class GetAppLink final : public DecodingJob<AppLink>
{
public:
    GetAppLink(ServerConnection *connection, QString id, QObject *parent = nullptr);
    static ApiRequest build(const QString &id);
    ApiRequest request() const override { return build(m_id); }

protected:
    Decoded<AppLink> decodeBody(const RawReply &reply) const override;

private:
    QString m_id;
};

// What a new link is made of (ApplicationLinkEntity input).
struct AppLinkDraft
{
    QString id; // the remote's application id (from its manifest); empty for generic links
    QString typeId;
    QString name;
    QString rpcUrl;
    QString displayUrl;
    bool primary = false;
};

struct CreatedAppLink
{
    // Empty when the server's answer named no link (its Status shape is uncertain, spec 3.2):
    // find the link by rpcUrl in ListAppLinks then.
    QString id;
    QString message;
};

// PUT /rest/applinks/2.0/applicationlink: a one-way link with no authentication, created without
// downloading the remote manifest. Generic links get an id derived from rpcUrl by the server.
class CreateAppLink final : public DecodingJob<CreatedAppLink>
{
public:
    CreateAppLink(ServerConnection *connection, AppLinkDraft draft, QObject *parent = nullptr);
    static ApiRequest build(const AppLinkDraft &draft);
    ApiRequest request() const override { return build(m_draft); }

protected:
    Decoded<CreatedAppLink> decodeBody(const RawReply &reply) const override;

private:
    AppLinkDraft m_draft;
};

// PUT /rest/applinks/3.0/applinks/{id}: unlike v1/v2 it may change rpcUrl; `primary: true` also
// makes the link primary. System links are always refused. Answers the updated link.
struct AppLinkUpdate
{
    QString name;
    QString rpcUrl;
    QString displayUrl;
    bool primary = false;
};

class UpdateAppLink final : public DecodingJob<AppLink>
{
public:
    UpdateAppLink(ServerConnection *connection, QString id, AppLinkUpdate update,
                  QObject *parent = nullptr);
    static ApiRequest build(const QString &id, const AppLinkUpdate &update);
    ApiRequest request() const override { return build(m_id, m_update); }

protected:
    Decoded<AppLink> decodeBody(const RawReply &reply) const override;

private:
    QString m_id;
    AppLinkUpdate m_update;
};

enum class AppLinkDeletion {
    ThisEndOnly, // v3 DELETE → 204
    BothEnds,    // v1 DELETE ?reciprocate=true → 200; needs the user's OAuth token for the remote
};

class DeleteAppLink final : public StatusOnlyJob
{
public:
    DeleteAppLink(ServerConnection *connection, QString id,
                  AppLinkDeletion scope = AppLinkDeletion::ThisEndOnly, QObject *parent = nullptr);
    static ApiRequest build(const QString &id, AppLinkDeletion scope);
    ApiRequest request() const override { return build(m_id, m_scope); }

private:
    QString m_id;
    AppLinkDeletion m_scope;
};

// POST /rest/applinks/1.0/applicationlink/primary/{id}, no body: the XSRF filter lets it through
// because ServerConnection sends X-Atlassian-Token: no-check on every write (spec 1.5). Websudo
// applies (v1).
class MakeAppLinkPrimary final : public StatusOnlyJob
{
public:
    MakeAppLinkPrimary(ServerConnection *connection, QString id, QObject *parent = nullptr);
    static ApiRequest build(const QString &id);
    ApiRequest request() const override { return build(m_id); }

private:
    QString m_id;
};

// GET /rest/applinks/3.0/status/{id}[?authorisationCallback=]: can be slow, the server calls the
// remote. The callback, when given, must be absolute.
class GetAppLinkStatus final : public DecodingJob<AppLinkStatus>
{
public:
    GetAppLinkStatus(ServerConnection *connection, QString id, QUrl authorisationCallback = {},
                     QObject *parent = nullptr);
    static ApiRequest build(const QString &id, const QUrl &authorisationCallback = {});
    ApiRequest request() const override { return build(m_id, m_callback); }

protected:
    Decoded<AppLinkStatus> decodeBody(const RawReply &reply) const override;

private:
    QString m_id;
    QUrl m_callback;
};

// GET /rest/applinks/3.0/status/{id}/oauth (anonymous by design).
class GetAppLinkOAuthStatus final : public DecodingJob<OAuthStatus>
{
public:
    GetAppLinkOAuthStatus(ServerConnection *connection, QString id, QObject *parent = nullptr);
    static ApiRequest build(const QString &id);
    ApiRequest request() const override { return build(m_id); }

protected:
    Decoded<OAuthStatus> decodeBody(const RawReply &reply) const override;

private:
    QString m_id;
};

// PUT /rest/applinks/3.0/status/{id}/oauth → 204. Enabling incoming OAuth on an Atlassian link
// makes the server fetch the remote's consumer-info: 409 (Conflict) when it cannot.
class SetAppLinkOAuthStatus final : public StatusOnlyJob
{
public:
    SetAppLinkOAuthStatus(ServerConnection *connection, QString id, OAuthStatus status,
                          QObject *parent = nullptr);
    static ApiRequest build(const QString &id, const OAuthStatus &status);
    ApiRequest request() const override { return build(m_id, m_status); }

private:
    QString m_id;
    OAuthStatus m_status;
};

// GET /rest/applinks/1.0/manifest: this server's own manifest (anonymous).
class GetManifest final : public DecodingJob<AppManifest>
{
public:
    explicit GetManifest(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    Decoded<AppManifest> decodeBody(const RawReply &reply) const override;
};

// GET /rest/applinks/1.0/applicationlinkForm/manifest?url=: the create wizard's probe. 200 with
// the remote's manifest or a warning; 409 (Conflict) when a link to it exists or it is this
// server. The GET is XSRF-checked, so it carries X-Atlassian-Token itself.
class ProbeRemoteManifest final : public DecodingJob<ManifestProbe>
{
public:
    ProbeRemoteManifest(ServerConnection *connection, QString url, QObject *parent = nullptr);
    static ApiRequest build(const QString &url);
    ApiRequest request() const override { return build(m_url); }

protected:
    Decoded<ManifestProbe> decodeBody(const RawReply &reply) const override;

private:
    QString m_url;
};

// POST /rest/applinks/1.0/relocateApplicationlink/{id}?newUrl=&nowarning=: moves a link to a new
// URL. Success is 200 or 204 and the body's shape is unknown (spec 3.4 (28)), so none is read.
// Without noWarning, a URL that does not answer may be refused (409, Conflict): ask the user,
// then send again with noWarning.
class RelocateAppLink final : public StatusOnlyJob
{
public:
    RelocateAppLink(ServerConnection *connection, QString id, QString newUrl, bool noWarning,
                    QObject *parent = nullptr);
    static ApiRequest build(const QString &id, const QString &newUrl, bool noWarning);
    ApiRequest request() const override { return build(m_id, m_newUrl, m_noWarning); }

private:
    QString m_id;
    QString m_newUrl;
    bool m_noWarning;
};

// GET /rest/applinks/2.0/applicationlink/{id}/authentication/provider: websudo-protected.
class ListAuthProviders final : public DecodingJob<QList<AuthProvider>>
{
public:
    ListAuthProviders(ServerConnection *connection, QString id, QObject *parent = nullptr);
    static ApiRequest build(const QString &id);
    ApiRequest request() const override { return build(m_id); }

protected:
    Decoded<QList<AuthProvider>> decodeBody(const RawReply &reply) const override;

private:
    QString m_id;
};

// GET /rest/applinks/1.0/listApplicationlinks: every link with the authenticators configured on
// it, as the admin UI lists them (no websudo).
class ListAppLinksWithAuth final : public DecodingJob<QList<AppLinkWithAuth>>
{
public:
    explicit ListAppLinksWithAuth(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    Decoded<QList<AppLinkWithAuth>> decodeBody(const RawReply &reply) const override;
};

} // namespace accessdesk
