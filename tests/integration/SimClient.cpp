#include "SimClient.h"

#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>

namespace {

const QString kFaults = QStringLiteral("/__trackersim/faults");

} // namespace

std::optional<QByteArray> runOpenssl(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForStarted(30000))
        return std::nullopt;
    process.write(input);
    process.closeWriteChannel();
    // Key generation can take a while on a busy machine.
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return std::nullopt;
    return process.readAllStandardOutput();
}

namespace {

QString statusError(const char *step, const HttpResult &result)
{
    return QStringLiteral("%1 answered %2: %3")
        .arg(QLatin1String(step))
        .arg(result.status)
        .arg(QString::fromUtf8(result.body.left(300)));
}

} // namespace

SimClient::SimClient(QNetworkAccessManager *network, QString baseUrl)
    : m_network(network)
    , m_baseUrl(std::move(baseUrl))
{}

QNetworkRequest SimClient::request(const QString &path, const QByteArray &user) const
{
    return jsonRequest(m_baseUrl + path, user);
}

HttpResult SimClient::get(const QString &path, const QByteArray &user) const
{
    return httpSend(*m_network, request(path, user), "GET");
}

HttpResult SimClient::sendJson(const QByteArray &method, const QString &path,
                               const QByteArray &json, const QByteArray &user) const
{
    QNetworkRequest withBody = request(path, user);
    withBody.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return httpSend(*m_network, withBody, method, json);
}

bool SimClient::addFault(const QByteArray &json) const
{
    const HttpResult result = sendJson("POST", kFaults, json);
    if (result.status != 201)
        qWarning("%s", qPrintable(statusError("adding a fault", result)));
    return result.status == 201;
}

bool SimClient::addFault(const QJsonObject &fault) const
{
    return addFault(QJsonDocument(fault).toJson(QJsonDocument::Compact));
}

bool SimClient::clearFaults() const
{
    return httpSend(*m_network, request(kFaults, {}), "DELETE").status == 204;
}

int SimClient::faultCount() const
{
    const HttpResult listed = get(kFaults);
    return listed.status == 200 ? int(QJsonDocument::fromJson(listed.body).array().size()) : -1;
}

bool SimClient::advanceClock(qint64 seconds) const
{
    const QJsonObject body{{QStringLiteral("advanceSeconds"), seconds}};
    return sendJson("POST", QStringLiteral("/__trackersim/clock"), QJsonDocument(body).toJson())
               .status == 200;
}

QJsonArray SimClient::personalTokens(const QByteArray &user) const
{
    const HttpResult result = get(QStringLiteral("/rest/pat/latest/tokens"), user);
    return result.status == 200 ? QJsonDocument::fromJson(result.body).array() : QJsonArray();
}

QJsonArray SimClient::allPersonalTokens() const
{
    QNetworkRequest search = request(QStringLiteral("/rest/pat/latest/tokens/search"), "admin");
    search.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    search.setRawHeader("X-Atlassian-Token", "no-check");
    const HttpResult result = httpSend(*m_network, search, "POST", "{}");
    if (result.status != 200)
        return {};
    return QJsonDocument::fromJson(result.body).object().value(QStringLiteral("values")).toArray();
}

QStringList SimClient::grantedApplications(const QByteArray &user) const
{
    QStringList names;
    const HttpResult page = get(QStringLiteral("/plugins/servlet/oauth/users/access-tokens"), user);
    if (page.status != 200)
        return {QStringLiteral("<page status %1>").arg(page.status)};
    static const QRegularExpression consumer(QStringLiteral("class=\"consumer-name\">([^<]+)<"));
    for (auto it = consumer.globalMatch(QString::fromUtf8(page.body)); it.hasNext();)
        names << it.next().captured(1);
    const HttpResult tokens = get(QStringLiteral("/rest/pat/latest/tokens"), user);
    if (tokens.status != 200)
        return {QStringLiteral("<tokens status %1>").arg(tokens.status)};
    for (const QJsonValue &token : QJsonDocument::fromJson(tokens.body).array())
        names << token.toObject().value(QStringLiteral("name")).toString();
    names.sort(Qt::CaseInsensitive);
    return names;
}

std::optional<QString> SimClient::linkIdOf(const QString &name) const
{
    const HttpResult links = get(QStringLiteral("/rest/applinks/1.0/applicationlink"), "admin");
    const QJsonArray all = QJsonDocument::fromJson(links.body)
                               .object()
                               .value(QStringLiteral("applicationLinks"))
                               .toArray();
    for (const QJsonValue &item : all) {
        if (item.toObject().value(QStringLiteral("name")).toString() == name)
            return item.toObject().value(QStringLiteral("id")).toString();
    }
    return std::nullopt;
}

std::optional<OAuth1Consumer> SimClient::registerOAuth1Consumer(const OAuth1ConsumerSpec &spec,
                                                                QString *error) const
{
    const std::optional<QByteArray> privatePem =
        runOpenssl({QStringLiteral("genrsa"), QStringLiteral("2048")});
    const std::optional<QByteArray> publicPem =
        privatePem ? runOpenssl({QStringLiteral("rsa"), QStringLiteral("-pubout")}, *privatePem)
                   : std::nullopt;
    if (!publicPem) {
        *error = QStringLiteral("openssl could not make the consumer's key pair");
        return std::nullopt;
    }

    const QJsonObject link{{QStringLiteral("name"), spec.name},
                           {QStringLiteral("rpcUrl"), spec.url},
                           {QStringLiteral("displayUrl"), spec.url},
                           {QStringLiteral("typeId"), QStringLiteral("generic")}};
    const HttpResult made = sendJson("PUT", QStringLiteral("/rest/applinks/2.0/applicationlink"),
                                     QJsonDocument(link).toJson(), "admin");
    if (made.status != 201) {
        *error = statusError("creating the application link", made);
        return std::nullopt;
    }
    const std::optional<QString> linkId = linkIdOf(spec.name);
    if (!linkId || linkId->isEmpty()) {
        *error = QStringLiteral("the new application link is not listed");
        return std::nullopt;
    }

    QJsonObject consumer{{QStringLiteral("key"), spec.key},
                         {QStringLiteral("name"), spec.name},
                         {QStringLiteral("publicKey"), QString::fromLatin1(*publicPem)}};
    if (!spec.description.isEmpty())
        consumer.insert(QStringLiteral("description"), spec.description);
    if (!spec.callback.isEmpty())
        consumer.insert(QStringLiteral("callback"), spec.callback);
    const HttpResult registered =
        sendJson("PUT",
                 QStringLiteral("/rest/applinks-oauth/1.0/applicationlink/") + *linkId +
                     QStringLiteral("/authentication/consumer"),
                 QJsonDocument(consumer).toJson(), "admin");
    if (registered.status != 201) {
        *error = statusError("registering the consumer", registered);
        return std::nullopt;
    }
    return OAuth1Consumer{spec.key, *linkId, *privatePem};
}
