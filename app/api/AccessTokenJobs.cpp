#include "api/AccessTokenJobs.h"

#include <QUrl>

namespace accessdesk {

namespace {
const QString kAccessTokensPage = QStringLiteral("/plugins/servlet/oauth/users/access-tokens");
}

FetchAccessTokensPage::FetchAccessTokensPage(ServerConnection *connection, QTimeZone userZone,
                                             QObject *parent)
    : DecodingJob(connection, parent)
    , m_userZone(std::move(userZone))
{}

ApiRequest FetchAccessTokensPage::build()
{
    ApiRequest request = ApiRequest::get(kAccessTokensPage);
    request.accept = "text/html";
    return request;
}

Decoded<AccessTokensPage> FetchAccessTokensPage::decodeBody(const RawReply &reply) const
{
    return decodeAccessTokensPage(reply.body, m_userZone);
}

RevokeOAuth1Token::RevokeOAuth1Token(ServerConnection *connection, QString token, QString formPath,
                                     QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_token(std::move(token))
    , m_formPath(std::move(formPath))
{}

ApiRequest RevokeOAuth1Token::build(const QString &token, const QString &formPath)
{
    QUrlQuery fields;
    fields.addQueryItem(QStringLiteral("token"),
                        QString::fromLatin1(QUrl::toPercentEncoding(token)));
    ApiRequest request =
        ApiRequest::form("POST", formPath.isEmpty() ? kAccessTokensPage : formPath, fields);
    request.accept = "text/html, */*";
    return request;
}

RevokeOAuth2Token::RevokeOAuth2Token(ServerConnection *connection, QString tokenId, QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_tokenId(std::move(tokenId))
{}

ApiRequest RevokeOAuth2Token::build(const QString &tokenId)
{
    return ApiRequest::bodyless("POST", QStringLiteral("/rest/oauth2/latest/revoke/") +
                                            QString::fromLatin1(QUrl::toPercentEncoding(tokenId)));
}

} // namespace accessdesk
