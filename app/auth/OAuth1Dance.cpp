#include "auth/OAuth1Dance.h"

#include "auth/ServerUrl.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace accessdesk {

QUrl OAuth1Dance::requestTokenUrl(const QUrl &baseUrl)
{
    return urlOnServer(baseUrl, u"/plugins/servlet/oauth/request-token");
}

QUrl OAuth1Dance::accessTokenUrl(const QUrl &baseUrl)
{
    return urlOnServer(baseUrl, u"/plugins/servlet/oauth/access-token");
}

QUrl OAuth1Dance::authorizeUrl(const QUrl &baseUrl, const QString &requestToken)
{
    QUrl url = urlOnServer(baseUrl, u"/plugins/servlet/oauth/authorize");
    url.setQuery(QString::fromLatin1("oauth_token=" + formEncoding::percentEncode(requestToken)));
    return url;
}

static std::optional<qint64> seconds(const FormFields &fields, QStringView name)
{
    bool ok = false;
    const qint64 value = formEncoding::value(fields, name).toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

OAuth1TokenReply OAuth1Dance::parseTokenReply(const QByteArray &body)
{
    OAuth1TokenReply reply;
    reply.fields = formEncoding::decode(body.trimmed());
    reply.token = formEncoding::value(reply.fields, u"oauth_token");
    reply.tokenSecret = formEncoding::value(reply.fields, u"oauth_token_secret");
    reply.callbackConfirmed =
        formEncoding::value(reply.fields, u"oauth_callback_confirmed") == QLatin1String("true");
    reply.expiresIn = seconds(reply.fields, u"oauth_expires_in");
    reply.authorizationExpiresIn = seconds(reply.fields, u"oauth_authorization_expires_in");
    reply.sessionHandle = formEncoding::value(reply.fields, u"oauth_session_handle");
    reply.problem = formEncoding::value(reply.fields, u"oauth_problem");
    return reply;
}

QString OAuth1Dance::problemFromChallenge(const QByteArray &wwwAuthenticate)
{
    const QByteArray trimmed = wwwAuthenticate.trimmed();
    if (!trimmed.startsWith("OAuth ") && !trimmed.startsWith("OAuth\t"))
        return {};
    static const QRegularExpression problem(
        QStringLiteral(R"re((?:^|[\s,])oauth_problem\s*=\s*"([^"]*)")re"));
    const auto match = problem.match(QString::fromLatin1(trimmed));
    if (!match.hasMatch())
        return {};
    return QUrl::fromPercentEncoding(match.captured(1).toLatin1());
}

} // namespace accessdesk
