#include "api/ApiRequest.h"

#include <QUrl>

namespace accessdesk {

bool ApiRequest::isIdempotent() const
{
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
           method == "OPTIONS";
}

qint64 ApiRequest::replyLimit() const
{
    if (maxReplyBytes > 0)
        return maxReplyBytes;
    return accept.contains("html") ? kDefaultHtmlLimit : kDefaultJsonLimit;
}

QString ApiRequest::encodeSegment(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

ApiRequest ApiRequest::get(const QString &path, const QUrlQuery &query)
{
    return bodyless("GET", path, query);
}

ApiRequest ApiRequest::json(const QByteArray &method, const QString &path,
                            const QJsonDocument &document)
{
    ApiRequest request = bodyless(method, path);
    request.body = document.toJson(QJsonDocument::Compact);
    request.contentType = "application/json";
    return request;
}

ApiRequest ApiRequest::form(const QByteArray &method, const QString &path, const QUrlQuery &fields)
{
    ApiRequest request = bodyless(method, path);
    // QUrlQuery leaves '+' alone, but form decoding reads it as a space: encode it.
    request.body = fields.query(QUrl::FullyEncoded).toUtf8().replace('+', "%2B");
    request.contentType = "application/x-www-form-urlencoded";
    return request;
}

ApiRequest ApiRequest::bodyless(const QByteArray &method, const QString &path,
                                const QUrlQuery &query)
{
    ApiRequest request;
    request.method = method;
    request.path = path;
    request.query = query;
    return request;
}

} // namespace accessdesk
