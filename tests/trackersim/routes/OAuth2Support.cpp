#include "OAuth2Support.h"

#include "http/ErrorBodies.h"
#include "http/RequestContext.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace trackersim::routes::oauth2 {

QStringList allScopes()
{
    return {QStringLiteral("READ"), QStringLiteral("WRITE"), QStringLiteral("ADMIN"),
            QStringLiteral("SYSTEM_ADMIN")};
}

int scopeRank(const QString &scope)
{
    return int(allScopes().indexOf(scope)) + 1;
}

QString lowerScope(const QString &a, const QString &b)
{
    return scopeRank(a) <= scopeRank(b) ? a : b;
}

QString userLevel(const UserRecord &user)
{
    if (user.sysadmin)
        return QStringLiteral("SYSTEM_ADMIN");
    return user.admin ? QStringLiteral("ADMIN") : QStringLiteral("WRITE");
}

bool actsAsSysadmin(RequestContext &context)
{
    if (!context.isSysadmin())
        return false;
    return context.caller.kind != AuthKind::OAuth2 ||
           context.caller.oauth2Scope == QLatin1String("SYSTEM_ADMIN");
}

std::optional<SimResponse> refuseUnlessSysadmin(RequestContext &context)
{
    // trackersim's choice (spec 6.1 is uncertain): the REST framework's authentication filter
    // answers anonymous callers first (E2); the plugin's AuthorisationException mapper wins over
    // the framework's 403 for logged-in non-sysadmins (401 E6a).
    if (context.caller.isAnonymous())
        return errors::restStatus(
            context.request, 401,
            QStringLiteral("Client must be authenticated to access this resource."));
    if (!actsAsSysadmin(context))
        return errors::oauth2Management(
            401, {QStringLiteral("You are unauthorized to perform this operation: only system "
                                 "administrators can manage OAuth 2.0 clients.")});
    return std::nullopt;
}

std::optional<QVariantMap> clientByClientId(const Store &store, const QString &clientId)
{
    if (clientId.isEmpty())
        return std::nullopt;
    return store.one(QStringLiteral("SELECT * FROM oauth2_clients WHERE client_id = ?"),
                     {clientId});
}

QStringList redirectsOf(const QVariantMap &client)
{
    const QJsonArray array =
        QJsonDocument::fromJson(client.value(QStringLiteral("redirects")).toString().toUtf8())
            .array();
    QStringList redirects;
    for (const QJsonValue &value : array)
        redirects.append(value.toString());
    return redirects;
}

QString queryParam(const SimRequest &request, const QString &key)
{
    QString raw = request.query.queryItemValue(key, QUrl::FullyEncoded);
    raw.replace(QLatin1Char('+'), QLatin1String("%20"));
    return QUrl::fromPercentEncoding(raw.toUtf8());
}

QString encodeQuery(const Parameters &parameters)
{
    QString out;
    for (const auto &[key, value] : parameters) {
        if (!out.isEmpty())
            out += QLatin1Char('&');
        out += QString::fromLatin1(QUrl::toPercentEncoding(key)) + QLatin1Char('=') +
               QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    return out;
}

QString withQuery(const QString &url, const Parameters &parameters)
{
    const QChar separator = url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?');
    return url + separator + encodeQuery(parameters);
}

SimResponse &noStore(SimResponse &response)
{
    return response.withHeader("Cache-Control", "no-store");
}

std::optional<SimResponse> refuseUnlessFormEncoded(const SimRequest &request)
{
    if (request.isFormEncoded())
        return std::nullopt;
    // Jersey 1 throws this from the @FormParam injectable; the REST module maps it to a 500 Status.
    return errors::restStatus(
        request, 500,
        QStringLiteral(
            "java.lang.IllegalStateException: The @FormParam is utilized when the content "
            "type of the request entity is not application/x-www-form-urlencoded"));
}

} // namespace trackersim::routes::oauth2
