#include "api/AccessTokenJobs.h"

#include "WebUrl.h"

#include <QUrl>

namespace accessdesk {

FetchAccessTokensPage::FetchAccessTokensPage(ServerConnection *connection, QTimeZone userZone,
                                             QObject *parent)
    : DecodingJob(connection, parent)
    , m_userZone(std::move(userZone))
{}

ApiRequest FetchAccessTokensPage::build()
{
    ApiRequest request = ApiRequest::get(accessTokensPagePath());
    request.accept = "text/html";
    return request;
}

Decoded<AccessTokensPage> FetchAccessTokensPage::decodeBody(const RawReply &reply) const
{
    return decodeAccessTokensPage(reply.body, m_userZone, connection()->urlFor(build()));
}

RevokeOAuth1Token::RevokeOAuth1Token(ServerConnection *connection, QString token, QUrl formUrl,
                                     QObject *parent)
    : StatusOnlyJob(connection, parent)
    , m_token(std::move(token))
    , m_formUrl(std::move(formUrl))
{}

ApiRequest RevokeOAuth1Token::request() const
{
    return build(m_token, m_formUrl, connection() ? connection()->settings().baseUrl : QUrl());
}

ApiRequest RevokeOAuth1Token::build(const QString &token, const QUrl &formUrl, const QUrl &baseUrl)
{
    QUrlQuery fields;
    fields.addQueryItem(QStringLiteral("token"),
                        QString::fromLatin1(QUrl::toPercentEncoding(token)));
    QString path = accessTokensPagePath();
    QUrlQuery query;
    if (!formUrl.isEmpty()) {
        const std::optional<QString> below = webUrl::pathBelow(baseUrl, formUrl);
        if (below && isOAuth1RevokePath(*below)) {
            path = *below;
            query = QUrlQuery(formUrl);
        }
    }
    ApiRequest request = ApiRequest::form("POST", path, fields);
    request.query = query;
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
