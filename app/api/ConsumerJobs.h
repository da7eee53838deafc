#pragma once

#include "ConsumerDecoders.h"
#include "api/DecodingJob.h"

// Incoming OAuth 1.0a consumers of application links (spec 4.1, applinks-oauth module: admin,
// websudo applies) and this server's own consumer identity (spec 4.4).
namespace accessdesk {

// GET /rest/applinks-oauth/1.0/applicationlink/{id}/authentication: consumers and the
// authentication providers configured on the link.
class GetAppLinkAuthentication final : public DecodingJob<AppLinkAuthentication>
{
public:
    GetAppLinkAuthentication(ServerConnection *connection, QString linkId,
                             QObject *parent = nullptr);
    static ApiRequest build(const QString &linkId);
    ApiRequest request() const override { return build(m_linkId); }

protected:
    Decoded<AppLinkAuthentication> decodeBody(const RawReply &reply) const override;

private:
    QString m_linkId;
};

// GET …/authentication/consumer → {"consumers": […]}. A link without a consumer answers 404
// (NotFound), as does an unknown link.
class GetIncomingConsumer final : public DecodingJob<QList<OAuthConsumer>>
{
public:
    GetIncomingConsumer(ServerConnection *connection, QString linkId, QObject *parent = nullptr);
    static ApiRequest build(const QString &linkId);
    ApiRequest request() const override { return build(m_linkId); }

protected:
    Decoded<QList<OAuthConsumer>> decodeBody(const RawReply &reply) const override;

private:
    QString m_linkId;
};

// The incoming consumer to store (ConsumerEntity input). Empty strings are left out of the body.
struct IncomingConsumerDraft
{
    QString key;
    QString name; // required for Atlassian link types
    QString description;
    // RSA SubjectPublicKeyInfo: bare base64 or "BEGIN PUBLIC KEY" PEM, sent as given; the server
    // strips the armour.
    QString publicKey;
    QString callback;
    bool twoLoAllowed = false;
    QString executingTwoLoUser;
    bool twoLoImpersonationAllowed = false; // sysadmins only
};

enum class ConsumerSetup {
    AsGiven,       // store the draft's key and public key
    AutoConfigure, // ?autoConfigure=true: the server fetches the remote's consumer-info and keeps
                   // only the draft's 2LO flags (Atlassian remotes)
};

// PUT …/authentication/consumer[?autoConfigure=true] → 201: adds or replaces the link's incoming
// consumer. There is no REST delete (spec 4.1).
class PutIncomingConsumer final : public StatusOnlyJob
{
public:
    PutIncomingConsumer(ServerConnection *connection, QString linkId, IncomingConsumerDraft draft,
                        ConsumerSetup setup = ConsumerSetup::AsGiven, QObject *parent = nullptr);
    static ApiRequest build(const QString &linkId, const IncomingConsumerDraft &draft,
                            ConsumerSetup setup = ConsumerSetup::AsGiven);
    ApiRequest request() const override { return build(m_linkId, m_draft, m_setup); }

private:
    QString m_linkId;
    IncomingConsumerDraft m_draft;
    ConsumerSetup m_setup;
};

// GET /plugins/servlet/oauth/consumer-info (anonymous, XML).
class GetConsumerInfo final : public DecodingJob<ConsumerInfo>
{
public:
    explicit GetConsumerInfo(ServerConnection *connection, QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    Decoded<ConsumerInfo> decodeBody(const RawReply &reply) const override;
};

} // namespace accessdesk
