#include "api/ServerConnection.h"

#include "api/CertificateInfo.h"
#include "auth/Credentials.h"

#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QSslConfiguration>

namespace accessdesk {

ServerConnection::ServerConnection(QNetworkAccessManager *network, ConnectionSettings settings,
                                   std::shared_ptr<const Credentials> credentials, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_settings(std::move(settings))
    , m_credentials(std::move(credentials))
    , m_pacer({}, m_settings.retryFloorMs)
{
    m_settings.pinnedSha256 = CertificateInfo::normaliseFingerprint(m_settings.pinnedSha256);
}

ServerConnection::~ServerConnection() = default;

QByteArray ServerConnection::userAgent()
{
    // Not a browser family: Jira's XSRF filter holds browser-looking POSTs to same-origin rules.
    return QByteArrayLiteral("AccessDesk/" ACCESSDESK_VERSION);
}

QUrl ServerConnection::urlFor(const ApiRequest &request) const
{
    QUrl url = m_settings.baseUrl;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    // request.path is already percent-encoded (see ApiRequest): keep its escapes as they are.
    url.setPath(basePath + request.path, QUrl::TolerantMode);
    url.setQuery(request.query);
    return url;
}

QNetworkRequest ServerConnection::networkRequest(const ApiRequest &request) const
{
    QNetworkRequest out(urlFor(request));
    out.setRawHeader("Accept", request.accept);
    out.setRawHeader("User-Agent", userAgent());
    if (request.isWrite())
        out.setRawHeader("X-Atlassian-Token", "no-check");
    if (!request.contentType.isEmpty())
        out.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    for (const auto &[name, value] : request.extraHeaders)
        out.setRawHeader(name, value);
    out.setTransferTimeout(m_settings.timeoutMs);
    // Redirects are checked one by one in ApiJob (http(s) only, same server, bounded).
    out.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::UserVerifiedRedirectPolicy);
    out.setMaximumRedirectsAllowed(m_settings.maxRedirects);
    if (!m_settings.caCertificates.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_settings.caCertificates);
        out.setSslConfiguration(tls);
    }
    if (m_credentials)
        m_credentials->authorize(out, request.method, request.body);
    return out;
}

QNetworkReply *ServerConnection::send(const ApiRequest &request)
{
    const QNetworkRequest prepared = networkRequest(request);
    if (request.method == "GET")
        return m_network->get(prepared);
    if (request.method == "HEAD")
        return m_network->head(prepared);
    return m_network->sendCustomRequest(prepared, request.method, request.body);
}

void ServerConnection::forgetServerCookies()
{
    QNetworkCookieJar *jar = m_network->cookieJar();
    if (!jar)
        return;
    const QList<QNetworkCookie> cookies = jar->cookiesForUrl(m_settings.baseUrl);
    for (const QNetworkCookie &cookie : cookies)
        jar->deleteCookie(cookie);
}

void ServerConnection::setCredentials(std::shared_ptr<const Credentials> credentials)
{
    m_credentials = std::move(credentials);
}

void ServerConnection::pinCertificate(const QString &sha256)
{
    m_settings.pinnedSha256 = CertificateInfo::normaliseFingerprint(sha256);
    m_network->clearConnectionCache();
}

bool ServerConnection::acceptsCertificate(const QSslCertificate &leaf) const
{
    return isPinned() && !leaf.isNull() &&
           CertificateInfo::fingerprint(leaf) == m_settings.pinnedSha256;
}

bool ServerConnection::refusesCertificate(const QSslCertificate &leaf) const
{
    return isPinned() && !acceptsCertificate(leaf);
}

} // namespace accessdesk
