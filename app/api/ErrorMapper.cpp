#include "api/ErrorMapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>
#include <QUrlQuery>

#include <array>
#include <optional>

namespace accessdesk::errormapper {

namespace {

constexpr qsizetype kMaxMessageLength = 300;

QString clip(QString text)
{
    text = text.simplified();
    if (text.size() > kMaxMessageLength)
        text = text.left(kMaxMessageLength - 1) + QChar(0x2026);
    return text;
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList out;
    if (value.isString())
        out.append(value.toString());
    for (const QJsonValue &item : value.toArray()) {
        if (item.isString())
            out.append(item.toString());
    }
    return out;
}

// Field errors from E1 {"errors": {field: msg}}, E6a {"fieldErrors": {field: [msg]}}, E4 contexts
// and E3 "fields".
QMap<QString, QString> fieldErrorsOf(const QJsonObject &body)
{
    QMap<QString, QString> fields;
    const QJsonValue e1 = body.value(QStringLiteral("errors"));
    if (e1.isObject()) {
        const QJsonObject map = e1.toObject();
        for (auto it = map.begin(); it != map.end(); ++it)
            fields.insert(it.key(), stringsOf(it.value()).join(QStringLiteral("; ")));
    }
    const QJsonObject e6a = body.value(QStringLiteral("fieldErrors")).toObject();
    for (auto it = e6a.begin(); it != e6a.end(); ++it)
        fields.insert(it.key(), stringsOf(it.value()).join(QStringLiteral("; ")));
    for (const QJsonValue &e4 : body.value(QStringLiteral("errors")).toArray()) {
        const QJsonObject error = e4.toObject();
        if (error.contains(QStringLiteral("context")))
            fields.insert(error.value(QStringLiteral("context")).toString(),
                          error.value(QStringLiteral("summary")).toString());
    }
    const QStringList e3Fields = stringsOf(body.value(QStringLiteral("fields")));
    const QStringList e3Messages = stringsOf(body.value(QStringLiteral("message")));
    for (qsizetype i = 0; i < e3Fields.size(); ++i)
        fields.insert(e3Fields.at(i), e3Messages.value(i, e3Messages.value(0)));
    return fields;
}

// Tried in the spec's order (section 8.4): E1, E2, E3, E4, E5, E6, E9.
QString messageOfJson(const QJsonObject &body)
{
    QStringList parts = stringsOf(body.value(QStringLiteral("errorMessages"))); // E1
    const QJsonValue errors = body.value(QStringLiteral("errors"));
    if (errors.isObject()) { // E1 field errors
        const QJsonObject map = errors.toObject();
        for (auto it = map.begin(); it != map.end(); ++it)
            parts += stringsOf(it.value());
    }
    for (const QJsonValue &item : errors.toArray()) { // E4 objects, E6a strings
        if (item.isString())
            parts.append(item.toString());
        const QJsonObject error = item.toObject();
        if (error.contains(QStringLiteral("summary"))) {
            parts.append(error.value(QStringLiteral("summary")).toString());
            parts += stringsOf(error.value(QStringLiteral("details")));
        }
    }
    const QJsonObject fieldErrors = body.value(QStringLiteral("fieldErrors")).toObject(); // E6a
    for (auto it = fieldErrors.begin(); it != fieldErrors.end(); ++it)
        parts += stringsOf(it.value());
    if (parts.isEmpty())
        parts = stringsOf(body.value(QStringLiteral("message"))); // E2, E3 (array), E9
    if (parts.isEmpty() && body.value(QStringLiteral("error")).isString()) {
        // E5 {"exception","error"} and E6b {"error","error_description"}
        const QString description = body.value(QStringLiteral("error_description")).toString();
        parts.append(description.isEmpty() ? body.value(QStringLiteral("error")).toString()
                                           : description);
    }
    if (parts.isEmpty())
        parts = stringsOf(body.value(QStringLiteral("errorMessage")));
    parts.removeAll(QString());
    parts.removeDuplicates();
    return parts.join(QStringLiteral(" "));
}

// The text between the first "<tag…>" and the "</tag>" after it, as the lazy pattern
// "<tag[^>]*>(.*?)</tag>" would find it, but in one pass: that pattern tries every "<tag" again
// up to the end of the body when nothing closes it, which made a body of 32,000 "<script>" take
// minutes (tests/fuzz/regressions/errors).
std::optional<QString> firstElementText(const QString &html, QLatin1StringView tag,
                                        Qt::CaseSensitivity cs)
{
    const qsizetype start = html.indexOf(QString(u'<' + tag), 0, cs);
    if (start < 0)
        return std::nullopt;
    const qsizetype content = html.indexOf(u'>', start + 1 + tag.size());
    if (content < 0)
        return std::nullopt;
    // No later "<tag" can succeed where this one found no end: the end would be the same.
    const qsizetype end = html.indexOf(QString(QStringLiteral("</") + tag + u'>'), content + 1, cs);
    if (end < 0)
        return std::nullopt;
    return html.mid(content + 1, end - content - 1);
}

// html without its <script>…</script> and <style>…</style> elements, in one pass.
QString withoutScripts(const QString &html)
{
    static constexpr std::array<QLatin1StringView, 2> kinds{QLatin1StringView("script"),
                                                            QLatin1StringView("style")};
    std::array<bool, 2> unclosed{false, false}; // no "</kind>" after the current position
    QString out;
    qsizetype copied = 0;
    for (qsizetype lt = html.indexOf(u'<'); lt >= 0; lt = html.indexOf(u'<', lt + 1)) {
        const QStringView rest = QStringView(html).mid(lt + 1);
        for (std::size_t k = 0; k < kinds.size(); ++k) {
            if (unclosed[k] || !rest.startsWith(kinds[k], Qt::CaseInsensitive))
                continue;
            const qsizetype gt = html.indexOf(u'>', lt + 1 + kinds[k].size());
            if (gt < 0) // no element can end any more
                return out.append(QStringView(html).mid(copied));
            const QString close = QStringLiteral("</") + kinds[k] + u'>';
            const qsizetype end = html.indexOf(close, gt + 1, Qt::CaseInsensitive);
            if (end < 0) {
                unclosed[k] = true;
                continue;
            }
            out += QStringView(html).mid(copied, lt - copied);
            copied = end + close.size();
            lt = copied - 1;
            break;
        }
    }
    return out.append(QStringView(html).mid(copied));
}

QString messageOfHtml(const QString &html)
{
    // A servlet error page: its heading or title says more than the markup around it.
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    for (const QLatin1StringView tag : {QLatin1StringView("title"), QLatin1StringView("h1")}) {
        if (auto text = firstElementText(html, tag, Qt::CaseInsensitive)) {
            text->remove(tags);
            if (!text->trimmed().isEmpty())
                return *text;
        }
    }
    QString text = withoutScripts(html);
    text.remove(tags);
    return text;
}

QString oauthProblemOf(const RawReply &reply)
{
    static const QRegularExpression inHeader(QStringLiteral("oauth_problem=\"([^\"]*)\""));
    const auto match = inHeader.match(QString::fromLatin1(reply.header("www-authenticate")));
    if (match.hasMatch())
        return match.captured(1);
    if (reply.body.startsWith("oauth_problem=")) // E7 body
        return QUrlQuery(QString::fromUtf8(reply.body))
            .queryItemValue(QStringLiteral("oauth_problem"), QUrl::FullyDecoded);
    return {};
}

ApiError fromTransport(const RawReply &reply)
{
    using E = QNetworkReply::NetworkError;
    if (reply.cancelledByCaller)
        return ApiError(ApiError::Kind::Cancelled, 0, {});
    if (!reply.refusedCertificate.isNull())
        return ApiError(ApiError::Kind::Tls, 0, reply.refusedCertificate.problem)
            .withCertificate(reply.refusedCertificate);
    switch (reply.networkError) {
    case E::OperationCanceledError: // transfer timeout (a caller's cancel is flagged above)
    case E::TimeoutError:
        return ApiError(ApiError::Kind::Timeout, 0, {});
    case E::SslHandshakeFailedError:
    case E::UnknownProxyError:
        return ApiError(ApiError::Kind::Tls, 0, reply.networkErrorText);
    default:
        return ApiError(ApiError::Kind::Network, 0, reply.networkErrorText);
    }
}

ApiError::Kind kindForStatus(const RawReply &reply, const QString &message)
{
    const int status = reply.status;
    // Jira answers 401 to signed-in users refused by an admin check (applinks interceptor, PAT
    // ownership); X-AUSERNAME tells the two apart.
    const QByteArray user = reply.header("x-ausername");
    const bool signedIn = !user.isEmpty() && user != "anonymous";
    if (status == 401) {
        if (message.contains(QLatin1String("WebSudo"), Qt::CaseInsensitive))
            return ApiError::Kind::WebSudoRequired;
        return signedIn ? ApiError::Kind::Forbidden : ApiError::Kind::Unauthenticated;
    }
    if (status == 403) {
        if (!reply.header("x-authentication-denied-reason").isEmpty())
            return ApiError::Kind::Unauthenticated; // CAPTCHA after failed logins
        return ApiError::Kind::Forbidden;
    }
    if (status == 404 || status == 410)
        return ApiError::Kind::NotFound;
    if (status == 409)
        return ApiError::Kind::Conflict;
    if (status == 429)
        return ApiError::Kind::RateLimited;
    if (status >= 500)
        return ApiError::Kind::Server;
    if (status >= 400)
        return ApiError::Kind::Validation;
    return ApiError::Kind::MalformedResponse; // 1xx/3xx here means an answer we could not use
}

} // namespace

QString extractMessage(const QByteArray &body, const QByteArray &contentType)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (trimmed.startsWith('{')) {
        const QJsonDocument document = QJsonDocument::fromJson(trimmed);
        if (document.isObject())
            return clip(messageOfJson(document.object()));
    }
    const QString text = QString::fromUtf8(trimmed);
    if (trimmed.startsWith('<') && (contentType.contains("xml") || trimmed.startsWith("<?xml") ||
                                    trimmed.startsWith("<status"))) {
        // E2 in XML: <status><status-code/><message/></status>
        if (const auto message =
                firstElementText(text, QLatin1StringView("message"), Qt::CaseSensitive))
            return clip(*message);
    }
    if (contentType.contains("html") || trimmed.startsWith('<'))
        return clip(messageOfHtml(text));
    if (trimmed.startsWith("oauth_problem="))
        return clip(
            QUrlQuery(text).queryItemValue(QStringLiteral("oauth_problem"), QUrl::FullyDecoded));
    return clip(text.section(QLatin1Char('\n'), 0, 0));
}

ApiError fromReply(const RawReply &reply)
{
    if (reply.status == 0)
        return fromTransport(reply);

    const QString message = extractMessage(reply.body, reply.header("content-type").toLower());
    ApiError error(kindForStatus(reply, message), reply.status, message);

    const QJsonDocument document = QJsonDocument::fromJson(reply.body.trimmed());
    if (document.isObject()) {
        const QMap<QString, QString> fields = fieldErrorsOf(document.object());
        for (auto it = fields.begin(); it != fields.end(); ++it)
            error.withFieldError(it.key(), it.value());
    }
    const QString problem = oauthProblemOf(reply);
    if (!problem.isEmpty())
        error.withOAuthProblem(problem);
    bool numeric = false;
    const int retryAfter = reply.header("retry-after").trimmed().toInt(&numeric);
    if (numeric)
        error.withRetryAfter(retryAfter);
    return error;
}

} // namespace accessdesk::errormapper
