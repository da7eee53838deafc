#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace accessdesk {

// What one server operation sends, built by pure functions that tests check without a network.
// ServerConnection adds what every request carries (User-Agent, Accept, XSRF opt-out on writes,
// credentials).
struct ApiRequest
{
    QByteArray method = "GET";
    // Absolute path on the server, percent-encoded: put ids into it with encodeSegment(), so that
    // an id containing '/' or '%' stays one segment.
    QString path; // e.g. "/rest/api/2/myself"
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType; // empty: no body
    QByteArray accept = "application/json";
    QList<QPair<QByteArray, QByteArray>> extraHeaders;

    // HTTP's idempotent methods: only these are retried after a failure.
    bool isIdempotent() const;
    bool isWrite() const { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

    static QString encodeSegment(const QString &segment);
    static ApiRequest get(const QString &path, const QUrlQuery &query = {});
    static ApiRequest json(const QByteArray &method, const QString &path,
                           const QJsonDocument &document);
    static ApiRequest form(const QByteArray &method, const QString &path, const QUrlQuery &fields);
    static ApiRequest bodyless(const QByteArray &method, const QString &path,
                               const QUrlQuery &query = {});
};

} // namespace accessdesk
