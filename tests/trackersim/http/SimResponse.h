#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace trackersim {

// An HTTP answer before it is written to the socket. Faults may still replace or mangle it.
struct SimResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static SimResponse json(int status, const QJsonObject &object);
    static SimResponse json(int status, const QJsonArray &array);
    static SimResponse text(int status, const QByteArray &body,
                            const QByteArray &contentType = "text/plain;charset=UTF-8");
    static SimResponse html(int status, const QString &page);
    static SimResponse xml(int status, const QByteArray &document);
    static SimResponse noContent(int status = 204);
    static SimResponse redirect(int status, const QString &location);

    SimResponse &withHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
};

} // namespace trackersim
