#include "AppLinkRemote.h"

#include "AppLinkEntities.h"
#include "auth/OAuth1Signer.h"
#include "http/RequestContext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QXmlStreamReader>

namespace trackersim::applinks {

namespace {

bool isPretendHost(const QString &url)
{
    return hostOf(url).endsWith(QLatin1String(".example.test"));
}

// The product a made-up remote host name suggests: bamboo…, wiki…, git… and jira… hosts.
QString guessType(const QString &host)
{
    const QString label = host.section(QLatin1Char('.'), 0, 0);
    if (label.contains(QLatin1String("bamboo")))
        return QStringLiteral("bamboo");
    if (label.contains(QLatin1String("wiki")) || label.contains(QLatin1String("confluence")))
        return QStringLiteral("confluence");
    if (label.contains(QLatin1String("git")) || label.contains(QLatin1String("bitbucket")))
        return QStringLiteral("stash");
    if (label.contains(QLatin1String("jira")))
        return QStringLiteral("jira");
    return {};
}

// What an Atlassian-sounding *.example.test host would answer for its manifest.
ManifestLookup pretendManifest(const QString &url)
{
    ManifestLookup lookup;
    const QString typeId = guessType(hostOf(url));
    if (typeId.isEmpty()) {
        lookup.outcome = ManifestLookup::Outcome::NotAtlassian;
        return lookup;
    }
    const QString base = withoutTrailingSlash(url);
    const QJsonArray authTypes = QJsonArray::fromStringList(oauthProviderTypes());
    lookup.outcome = ManifestLookup::Outcome::Found;
    lookup.manifest = QJsonObject{{QStringLiteral("id"), idForUrl(base)},
                                  {QStringLiteral("name"), typeDisplayName(typeId)},
                                  {QStringLiteral("typeId"), typeId},
                                  {QStringLiteral("version"), QStringLiteral("9.2.0")},
                                  {QStringLiteral("buildNumber"), 9002000},
                                  {QStringLiteral("applinksVersion"), QStringLiteral("9.1.4")},
                                  {QStringLiteral("inboundAuthenticationTypes"), authTypes},
                                  {QStringLiteral("outboundAuthenticationTypes"), authTypes},
                                  {QStringLiteral("publicSignup"), false},
                                  {QStringLiteral("url"), base},
                                  {QStringLiteral("iconUrl"), iconUrl(base, typeId)},
                                  {QStringLiteral("iconUri"), iconUri(base, typeId)}};
    return lookup;
}

ManifestLookup manifestFromReply(const RemoteReply &reply)
{
    ManifestLookup lookup;
    if (!reply.answered()) {
        lookup.failure = reply.failure;
        lookup.details = reply.details;
        return lookup;
    }
    if (reply.status >= 300 && reply.status < 400 && !reply.header("location").isEmpty()) {
        lookup.outcome = ManifestLookup::Outcome::Redirected;
        lookup.details = QString::fromUtf8(reply.header("location"));
        return lookup;
    }
    bool ok = false;
    const QJsonObject manifest = reply.jsonObject(&ok);
    const bool isManifest = reply.status == 200 && ok &&
                            isApplicationId(manifest.value(QStringLiteral("id")).toString()) &&
                            !manifest.value(QStringLiteral("typeId")).toString().isEmpty();
    lookup.outcome =
        isManifest ? ManifestLookup::Outcome::Found : ManifestLookup::Outcome::NotAtlassian;
    if (isManifest)
        lookup.manifest = manifest;
    return lookup;
}

// The <consumer> document of consumer-info: <key>, <name>, <publicKey>, <description>.
std::optional<routes::oauth1sp::Consumer> consumerFromXml(const QByteArray &document,
                                                          routes::oauth1sp::Consumer consumer)
{
    QXmlStreamReader xml(document);
    if (!xml.readNextStartElement() || xml.name() != QLatin1String("consumer"))
        return std::nullopt;
    QString publicKey;
    while (xml.readNextStartElement()) {
        const QString text = xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
        if (xml.name() == QLatin1String("key"))
            consumer.key = text;
        else if (xml.name() == QLatin1String("name"))
            consumer.name = text;
        else if (xml.name() == QLatin1String("publicKey"))
            publicKey = text;
        else if (xml.name() == QLatin1String("description"))
            consumer.description = text;
    }
    bool valid = false;
    consumer.publicKey = oauth1::normalisePublicKey(publicKey, &valid);
    if (xml.hasError() || consumer.key.isEmpty() || !valid)
        return std::nullopt;
    if (consumer.name.isEmpty())
        consumer.name = consumer.key;
    return consumer;
}

} // namespace

Reach reachOf(const RequestContext &context, const QString &url)
{
    if (isSelf(url, context.baseUrl()))
        return Reach::Self;
    return isPretendHost(url) ? Reach::Pretend : Reach::Http;
}

QUrl remoteUrl(const QString &baseUrl, const QString &pathAndQuery)
{
    return QUrl(withoutTrailingSlash(baseUrl) + pathAndQuery);
}

void fetchManifest(const SharedContext &context, const QString &url,
                   std::function<void(const ManifestLookup &)> done)
{
    switch (reachOf(*context, url)) {
    case Reach::Self: {
        ManifestLookup lookup;
        lookup.outcome = ManifestLookup::Outcome::Found;
        lookup.manifest = ownManifest(*context);
        done(lookup);
        return;
    }
    case Reach::Pretend:
        done(pretendManifest(url));
        return;
    case Reach::Http:
        break;
    }
    RemoteRequest request;
    request.url = remoteUrl(url, QStringLiteral("/rest/applinks/1.0/manifest"));
    request.headers = {{"Accept", "application/json"}};
    context->state.remote->send(
        request, [context, done](const RemoteReply &reply) { done(manifestFromReply(reply)); });
}

void fetchConsumer(const SharedContext &context, const QString &url,
                   const routes::oauth1sp::Consumer &options,
                   std::function<void(std::optional<routes::oauth1sp::Consumer>)> done)
{
    // The made-up hosts publish nothing; a link to this instance needs no consumer of its own.
    if (reachOf(*context, url) != Reach::Http) {
        done(std::nullopt);
        return;
    }
    RemoteRequest request;
    request.url = remoteUrl(url, QStringLiteral("/plugins/servlet/oauth/consumer-info"));
    context->state.remote->send(request, [context, options, done](const RemoteReply &reply) {
        if (!reply.answered() || reply.status != 200)
            done(std::nullopt);
        else
            done(consumerFromXml(reply.body, options));
    });
}

RemoteRequest basicRequest(const QByteArray &method, const QUrl &url, const QString &user,
                           const QString &password, const QJsonObject &body)
{
    RemoteRequest request;
    request.method = method;
    request.url = url;
    request.headers = {
        {"Accept", "application/json"},
        {"X-Atlassian-Token", "no-check"},
        {"Authorization",
         "Basic " + QString(user + QLatin1Char(':') + password).toUtf8().toBase64()}};
    if (!body.isEmpty()) {
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    return request;
}

RemoteRequest signedRequest(RequestContext &context, const QByteArray &method, QUrl url,
                            const QString &impersonatedUser)
{
    if (!impersonatedUser.isEmpty()) {
        // Atlassian's 2-legged OAuth with impersonation names the user in xoauth_requestor_id.
        QString query = url.query(QUrl::FullyEncoded);
        if (!query.isEmpty())
            query += QLatin1Char('&');
        query += QStringLiteral("xoauth_requestor_id=") +
                 QString::fromLatin1(QUrl::toPercentEncoding(impersonatedUser));
        url.setQuery(query, QUrl::TolerantMode);
    }
    const routes::oauth1sp::Identity identity =
        routes::oauth1sp::instanceIdentity(context.store(), context.nowMs());
    // The timestamp comes from this instance's clock, so a skewed clock (POST /__trackersim/clock)
    // shows on the remote as Jira's classic timestamp_refused.
    const oauth1::Signing signing{identity.consumerKey, identity.privateKey,
                                  context.nowMs() / 1000};
    RemoteRequest request;
    request.method = method;
    request.url = url;
    request.headers = {{"Accept", "application/json"},
                       {"X-Atlassian-Token", "no-check"},
                       {"Authorization", oauth1::twoLeggedHeader(method, url, signing)}};
    return request;
}

QJsonObject applinkError(const char *category, const char *type, const QString &details)
{
    QJsonObject error{{QStringLiteral("category"), QString::fromLatin1(category)},
                      {QStringLiteral("type"), QString::fromLatin1(type)}};
    if (!details.isEmpty()) // RestApplinkError is serialised NON_NULL
        error.insert(QStringLiteral("details"), details);
    return error;
}

QJsonObject unreachableError(const QString &url, RemoteReply::Failure failure,
                             const QString &details)
{
    switch (failure) {
    case RemoteReply::Failure::ConnectionRefused:
        return applinkError("NETWORK_ERROR", "CONNECTION_REFUSED",
                            QStringLiteral("Connection refused"));
    case RemoteReply::Failure::UnknownHost:
        return applinkError("NETWORK_ERROR", "UNKNOWN_HOST", hostOf(url));
    case RemoteReply::Failure::Tls:
        return applinkError("NETWORK_ERROR", "SSL_UNTRUSTED", details);
    case RemoteReply::Failure::Timeout:
        // NetworkErrorTranslator has no matcher for SocketTimeoutException: Jira reports a
        // timeout as an unrecognised error (RemoteStatusUnknownException), and so does trackersim.
        return applinkError("UNKNOWN", "UNKNOWN",
                            QStringLiteral("java.net.SocketTimeoutException: ") + details);
    case RemoteReply::Failure::None:
    case RemoteReply::Failure::NotAllowed:
    case RemoteReply::Failure::Other:
        break;
    }
    return applinkError("UNKNOWN", "UNKNOWN", details);
}

QString oauthProblemOf(const RemoteReply &reply)
{
    static const QRegularExpression inHeader(QStringLiteral("oauth_problem=\"([^\"]*)\""));
    const QRegularExpressionMatch match =
        inHeader.match(QString::fromUtf8(reply.header("www-authenticate")));
    if (match.hasMatch())
        return match.captured(1);
    const QUrlQuery form(QString::fromUtf8(reply.body.left(4096)));
    return form.queryItemValue(QStringLiteral("oauth_problem"), QUrl::FullyDecoded);
}

QJsonObject remoteCallError(const QUrl &url, const RemoteReply &reply)
{
    if (!reply.answered())
        return unreachableError(url.toString(), reply.failure, reply.details);
    const QString problem = reply.status == 401 ? oauthProblemOf(reply) : QString();
    if (problem == QLatin1String("timestamp_refused"))
        return applinkError("NETWORK_ERROR", "OAUTH_TIMESTAMP_REFUSED", problem);
    if (problem == QLatin1String("signature_invalid"))
        return applinkError("NETWORK_ERROR", "OAUTH_SIGNATURE_INVALID", problem);
    if (!problem.isEmpty())
        return applinkError("NETWORK_ERROR", "OAUTH_PROBLEM", problem);
    return applinkError("NETWORK_ERROR", "UNEXPECTED_RESPONSE_STATUS",
                        QString::number(reply.status));
}

} // namespace trackersim::applinks
