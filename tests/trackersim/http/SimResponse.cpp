#include "SimResponse.h"

#include "SimRequest.h"

#include <QJsonDocument>

namespace trackersim {

SimResponse SimResponse::json(int status, const QJsonObject &object)
{
    return text(status, QJsonDocument(object).toJson(QJsonDocument::Compact),
                "application/json;charset=UTF-8");
}

SimResponse SimResponse::json(int status, const QJsonArray &array)
{
    return text(status, QJsonDocument(array).toJson(QJsonDocument::Compact),
                "application/json;charset=UTF-8");
}

SimResponse SimResponse::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    SimResponse response;
    response.status = status;
    response.body = body;
    response.headers.append({"Content-Type", contentType});
    return response;
}

SimResponse SimResponse::html(int status, const QString &page)
{
    return text(status, page.toUtf8(), "text/html;charset=UTF-8");
}

SimResponse SimResponse::xml(int status, const QByteArray &document)
{
    return text(status, document, "application/xml;charset=UTF-8");
}

SimResponse SimResponse::noContent(int status)
{
    SimResponse response;
    response.status = status;
    return response;
}

SimResponse SimResponse::redirect(int status, const QString &location)
{
    SimResponse response;
    response.status = status;
    response.headers.append({"Location", location.toUtf8()});
    return response;
}

SimResponse &SimResponse::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

QByteArray SimResponse::header(const QByteArray &name) const
{
    return findHeader(headers, name);
}

bool SimResponse::hasHeader(const QByteArray &name) const
{
    for (const auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace trackersim
