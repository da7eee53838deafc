#include "RemoteClient.h"

#include "http/SimRequest.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>

Q_LOGGING_CATEGORY(lcRemote, "trackersim.remote", QtInfoMsg)

namespace trackersim {

namespace {

// Large enough for any manifest, status or consumer-info document.
constexpr qint64 kMaxBodyBytes = 1024 * 1024;

RemoteReply failed(RemoteReply::Failure failure, const QString &details)
{
    RemoteReply reply;
    reply.failure = failure;
    reply.details = details;
    return reply;
}

RemoteReply::Failure failureOf(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return RemoteReply::Failure::ConnectionRefused;
    case QNetworkReply::HostNotFoundError:
        return RemoteReply::Failure::UnknownHost;
    case QNetworkReply::TimeoutError:
        return RemoteReply::Failure::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return RemoteReply::Failure::Tls;
    default:
        return RemoteReply::Failure::Other;
    }
}

RemoteReply readReply(QNetworkReply *reply, bool timedOut)
{
    if (timedOut)
        return failed(RemoteReply::Failure::Timeout, QStringLiteral("Read timed out"));
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return failed(failureOf(reply->error()), reply->errorString());
    RemoteReply answer;
    answer.status = status.toInt();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        answer.headers.append({name.toLower(), value});
    answer.body = reply->read(kMaxBodyBytes);
    return answer;
}

} // namespace

QByteArray RemoteReply::header(const QByteArray &name) const
{
    return findHeader(headers, name);
}

QJsonObject RemoteReply::jsonObject(bool *ok) const
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    *ok = error.error == QJsonParseError::NoError && document.isObject();
    return document.object();
}

RemoteClient::RemoteClient(int timeoutMs, const QString &userAgent, QObject *parent)
    : QObject(parent)
    , m_timeoutMs(timeoutMs)
    , m_userAgent(userAgent.toUtf8())
{
    // Linked applications are called directly, whatever proxy the environment names.
    m_manager.setProxy(QNetworkProxy::NoProxy);
}

RemoteClient::~RemoteClient()
{
    // Calls still on their way when the server stops are dropped without answering: their
    // callbacks would reach a server that is half torn down.
    for (QNetworkReply *reply : m_manager.findChildren<QNetworkReply *>()) {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
    }
}

void RemoteClient::send(const RemoteRequest &request, Callback done)
{
    const QString scheme = request.url.scheme();
    if (!request.url.isValid() || request.url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        QTimer::singleShot(0, this, [done] {
            done(failed(RemoteReply::Failure::NotAllowed,
                        QStringLiteral("only absolute http and https URLs are called")));
        });
        return;
    }
    QNetworkRequest outgoing(request.url);
    outgoing.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                          QNetworkRequest::ManualRedirectPolicy);
    outgoing.setHeader(QNetworkRequest::UserAgentHeader, m_userAgent);
    for (const auto &[name, value] : request.headers)
        outgoing.setRawHeader(name, value);
    QNetworkReply *reply = m_manager.sendCustomRequest(outgoing, request.method, request.body);
    // Logs name the method and URL only: headers may carry credentials or signatures.
    qCDebug(lcRemote) << request.method << request.url.toString(QUrl::RemoveUserInfo);
    auto timedOut = std::make_shared<bool>(false);
    QTimer::singleShot(m_timeoutMs, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [reply, timedOut, done] {
        reply->deleteLater();
        done(readReply(reply, *timedOut));
    });
}

} // namespace trackersim
