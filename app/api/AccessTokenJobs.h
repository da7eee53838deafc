#pragma once

#include "AccessTokensPage.h"
#include "api/DecodingJob.h"

#include <QTimeZone>

// The user's OAuth grants, which Jira shows only as an HTML page (spec 5), and their revocation:
// a form POST for OAuth 1.0a tokens, REST for OAuth 2.0 authorisations (spec 6.4).
namespace accessdesk {

class FetchAccessTokensPage final : public DecodingJob<AccessTokensPage>
{
public:
    // Dates on the page are in the user's time zone (from /rest/api/2/myself).
    FetchAccessTokensPage(ServerConnection *connection, QTimeZone userZone,
                          QObject *parent = nullptr);
    static ApiRequest build();
    ApiRequest request() const override { return build(); }

protected:
    // Decodes against the page's own address, where its relative links point.
    Decoded<AccessTokensPage> decodeBody(const RawReply &reply) const override;

private:
    QTimeZone m_userZone;
};

// POST token=<token>. The servlet answers 200 also when the token is already gone. The form's own
// action (AccessGrant::revokeUrl, absolute, as the page decoder resolved it) is used when the page
// gave one; otherwise the servlet path every version keeps.
class RevokeOAuth1Token final : public StatusOnlyJob
{
public:
    RevokeOAuth1Token(ServerConnection *connection, QString token, QUrl formUrl = {},
                      QObject *parent = nullptr);
    // ApiRequest paths are below the connection's base URL, which may carry a context path
    // (https://host/jira): formUrl's path is taken below baseUrl's once. A formUrl elsewhere
    // (another server, outside the base path, not one of Jira's revoke paths) is never posted
    // to; the default path is.
    static ApiRequest build(const QString &token, const QUrl &formUrl = {},
                            const QUrl &baseUrl = {});
    ApiRequest request() const override;

private:
    QString m_token;
    QUrl m_formUrl;
};

// POST /rest/oauth2/latest/revoke/{tokenId}: the owner (or a sysadmin) revokes an authorisation.
class RevokeOAuth2Token final : public StatusOnlyJob
{
public:
    RevokeOAuth2Token(ServerConnection *connection, QString tokenId, QObject *parent = nullptr);
    static ApiRequest build(const QString &tokenId);
    ApiRequest request() const override { return build(m_tokenId); }

private:
    QString m_tokenId;
};

} // namespace accessdesk
