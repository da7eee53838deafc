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
    Decoded<AccessTokensPage> decodeBody(const RawReply &reply) const override;

private:
    QTimeZone m_userZone;
};

// POST token=<token>. The servlet answers 200 also when the token is already gone. The form's own
// action is used when the page gave one; otherwise the servlet path every version keeps.
class RevokeOAuth1Token final : public StatusOnlyJob
{
public:
    RevokeOAuth1Token(ServerConnection *connection, QString token, QString formPath = {},
                      QObject *parent = nullptr);
    static ApiRequest build(const QString &token, const QString &formPath = {});
    ApiRequest request() const override { return build(m_token, m_formPath); }

private:
    QString m_token;
    QString m_formPath;
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
