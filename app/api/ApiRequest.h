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
    // Most bytes of the answer to read; 0: the default for what `accept` asks for. A job aborts
    // the download past it (ApiJob), so a broken or hostile server cannot fill the memory.
    qint64 maxReplyBytes = 0;

    // JSON answers are paged (at most a few hundred items per page, well under 1 MiB even with
    // long descriptions); 8 MiB leaves ample room for a server with unusually many links or
    // consumers while bounding what one reply can take.
    static constexpr qint64 kDefaultJsonLimit = 8 * 1024 * 1024;
    // Jira's HTML pages (the access-tokens servlet, forms) carry their template and scripts
    // inline; 16 MiB is the bound the page decoder (models/AccessTokensPage) already applies.
    static constexpr qint64 kDefaultHtmlLimit = 16 * 1024 * 1024;
    // The cap that applies: maxReplyBytes, or the default for the kind of answer asked for.
    qint64 replyLimit() const;

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
