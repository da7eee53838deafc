#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace trackersim {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;
// The value of the first header called `name`, whatever the case of either; empty when absent.
QByteArray findHeader(const HeaderList &headers, const QByteArray &name);

// One HTTP request as trackersim's handlers see it: copied out of QHttpServerRequest (which is
// not copyable) so that a reply can be produced later, e.g. after injected latency.
struct SimRequest
{
    QByteArray method;   // upper case: GET, POST, ...
    QString path;        // decoded path without query and without the context path
    QString contextPath; // "" or e.g. "/jira": what came before `path` in the request line
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    QHostAddress peer;
    QString scheme; // "http" or "https"
    QString host;   // Host header, e.g. "127.0.0.1:8080"
    QHash<QString, QString> pathParams;

    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    QString queryValue(const QString &key) const;
    QString pathParam(const QString &name) const { return pathParams.value(name); }

    // Media type only, lower case, without parameters; empty when there is no Content-Type.
    QByteArray mediaType() const;
    bool isFormEncoded() const;
    QUrlQuery formFields() const;
    QString formValue(const QString &key) const;
    // Parses the body as JSON; ok is false for an empty or malformed body.
    QJsonDocument jsonBody(bool *ok = nullptr) const;

    bool acceptsJson() const;
    bool acceptsXml() const;
    QByteArray cookie(const QByteArray &name) const;
    bool isMutating() const { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }
    // The absolute URL the client used, for OAuth 1.0a base strings and redirects.
    QString requestOrigin() const { return scheme + QStringLiteral("://") + host; }
    // The decoded path the client addressed, context path included.
    QString fullPath() const { return contextPath + path; }
};

} // namespace trackersim
