#pragma once

#include "OAuth2Decoders.h"
#include "api/DecodingJob.h"

#include <QStringList>

// OAuth 2.0 clients (incoming links, Jira as provider; spec 6.1): system administrators only.
// Every answer carries the client secret: callers must not log it or keep it outside the keychain.
// Clients are addressed by `id`, except the secret reset, which takes `clientId`.
namespace accessdesk {

class ListOAuth2Clients final : public DecodingJob<QList<OAuth2Client>>
{
public:
    explicit ListOAuth2Clients(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    Decoded<QList<OAuth2Client>> decodeBody(const RawReply &reply) const override;
};

class GetOAuth2Client final : public DecodingJob<OAuth2Client>
{
public:
    GetOAuth2Client(ServerConnection *connection, QString id, QObject *parent = nullptr);
    static ApiRequest build(const QString &id);
    ApiRequest request() const override { return build(m_id); }

protected:
    Decoded<OAuth2Client> decodeBody(const RawReply &reply) const override;

private:
    QString m_id;
};

// What a client is made of. For updates the server keeps the old value of a blank name or scope
// and of an empty redirect list.
struct OAuth2ClientDraft
{
    QString name;
    QStringList redirects; // absolute, no fragment, https unless loopback
    QString scope;         // READ | WRITE | ADMIN | SYSTEM_ADMIN
};

// POST /rest/oauth2/latest/client → 200 (not 201) with the generated clientId and clientSecret.
class CreateOAuth2Client final : public DecodingJob<OAuth2Client>
{
public:
    CreateOAuth2Client(ServerConnection *connection, OAuth2ClientDraft draft,
                       QObject *parent = nullptr);
    static ApiRequest build(const OAuth2ClientDraft &draft);
    ApiRequest request() const override { return build(m_draft); }

protected:
    Decoded<OAuth2Client> decodeBody(const RawReply &reply) const override;

private:
    OAuth2ClientDraft m_draft;
};

// PUT /rest/oauth2/latest/client/{id} → 204, no body.
class UpdateOAuth2Client final : public StatusOnlyJob
{
public:
    UpdateOAuth2Client(ServerConnection *connection, QString id, OAuth2ClientDraft draft,
                       QObject *parent = nullptr);
    static ApiRequest build(const QString &id, const OAuth2ClientDraft &draft);
    ApiRequest request() const override { return build(m_id, m_draft); }

private:
    QString m_id;
    OAuth2ClientDraft m_draft;
};

// DELETE /rest/oauth2/latest/client/{id} → 200 with the deleted client. Every authorisation made
// through it ends with it.
class DeleteOAuth2Client final : public DecodingJob<OAuth2Client>
{
public:
    DeleteOAuth2Client(ServerConnection *connection, QString id, QObject *parent = nullptr);
    static ApiRequest build(const QString &id);
    ApiRequest request() const override { return build(m_id); }

protected:
    Decoded<OAuth2Client> decodeBody(const RawReply &reply) const override;

private:
    QString m_id;
};

// PUT /rest/oauth2/latest/client/reset/{clientId} → 200 with the new secret.
class ResetOAuth2ClientSecret final : public DecodingJob<OAuth2Client>
{
public:
    ResetOAuth2ClientSecret(ServerConnection *connection, QString clientId,
                            QObject *parent = nullptr);
    static ApiRequest build(const QString &clientId);
    ApiRequest request() const override { return build(m_clientId); }

protected:
    Decoded<OAuth2Client> decodeBody(const RawReply &reply) const override;

private:
    QString m_clientId;
};

// GET /rest/oauth2/latest/.well-known/oauth-authorization-server (anonymous; 404 means this
// server has no OAuth 2.0 provider).
class GetOAuth2Metadata final : public DecodingJob<OAuth2Metadata>
{
public:
    explicit GetOAuth2Metadata(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    Decoded<OAuth2Metadata> decodeBody(const RawReply &reply) const override;
};

} // namespace accessdesk
