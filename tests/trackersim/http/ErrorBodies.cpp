#include "ErrorBodies.h"

#include <QJsonArray>
#include <QUrl>

namespace trackersim::errors {

SimResponse jiraCore(int status, const QStringList &messages, const QJsonObject &fieldErrors)
{
    return SimResponse::json(
        status, QJsonObject{{QStringLiteral("errorMessages"), QJsonArray::fromStringList(messages)},
                            {QStringLiteral("errors"), fieldErrors}});
}

SimResponse restStatus(const SimRequest &request, int status, const QString &message)
{
    if (request.acceptsJson()) {
        return SimResponse::json(status, QJsonObject{{QStringLiteral("status-code"), status},
                                                     {QStringLiteral("message"), message}});
    }
    const QByteArray escaped = message.toHtmlEscaped().toUtf8();
    return SimResponse::xml(status, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                                    "<status><status-code>" +
                                        QByteArray::number(status) + "</status-code><message>" +
                                        escaped + "</message></status>");
}

SimResponse appLinksList(int status, const QStringList &messages, const QStringList &fields)
{
    QJsonObject body{{QStringLiteral("status"), status},
                     {QStringLiteral("message"), QJsonArray::fromStringList(messages)}};
    if (!fields.isEmpty())
        body.insert(QStringLiteral("fields"), QJsonArray::fromStringList(fields));
    return SimResponse::json(status, body);
}

SimResponse appLinksV3(int status, const QString &summary, const QString &context,
                       const QStringList &details)
{
    QJsonObject error{{QStringLiteral("summary"), summary}};
    if (!context.isEmpty())
        error.insert(QStringLiteral("context"), context);
    if (!details.isEmpty())
        error.insert(QStringLiteral("details"), QJsonArray::fromStringList(details));
    return SimResponse::json(status, QJsonObject{{QStringLiteral("status"), status},
                                                 {QStringLiteral("errors"), QJsonArray{error}}});
}

SimResponse pat(int status, const QString &exceptionClass, const QString &message)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("exception"), exceptionClass},
                                                 {QStringLiteral("error"), message}});
}

SimResponse oauth2Management(int status, const QStringList &errors, const QJsonObject &fieldErrors)
{
    return SimResponse::json(
        status, QJsonObject{{QStringLiteral("errors"), QJsonArray::fromStringList(errors)},
                            {QStringLiteral("fieldErrors"), fieldErrors}});
}

SimResponse oauth2Protocol(int status, const QString &error, const QString &description)
{
    SimResponse response =
        SimResponse::json(status, QJsonObject{{QStringLiteral("error"), error},
                                              {QStringLiteral("error_description"), description}});
    response.withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    return response;
}

QByteArray oauth1Challenge(const QString &realm, const QString &problem)
{
    return "OAuth realm=\"" + realm.toUtf8() + "\", oauth_problem=\"" + problem.toUtf8() + "\"";
}

SimResponse oauth1Problem(const QString &realm, const QString &problem,
                          const QList<QPair<QString, QString>> &extra)
{
    QByteArray body = "oauth_problem=" + QUrl::toPercentEncoding(problem);
    for (const auto &[key, value] : extra)
        body += '&' + QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    SimResponse response = SimResponse::text(401, body, "text/plain;charset=UTF-8");
    response.withHeader("WWW-Authenticate", oauth1Challenge(realm, problem));
    return response;
}

SimResponse xsrfFailed()
{
    return SimResponse::text(403, "XSRF check failed");
}

SimResponse rateLimited(const SimRequest &request)
{
    const QString message = QStringLiteral(
        "Too many requests. You have exceeded the rate limit for this instance; try again later.");
    if (request.acceptsJson())
        return SimResponse::json(429, QJsonObject{{QStringLiteral("message"), message}});
    return SimResponse::html(429, QStringLiteral("<html><head><title>429 Too Many Requests</title>"
                                                 "</head><body><h1>HTTP Status 429</h1><p>") +
                                      message + QStringLiteral("</p></body></html>"));
}

} // namespace trackersim::errors
