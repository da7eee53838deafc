#pragma once

#include "api/ApiRequest.h"
#include "api/RateLimitPacer.h"

#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace accessdesk {

class Credentials;

// How to talk to one server: where, as whom, whom to trust, how long to wait.
struct ConnectionSettings
{
    QUrl baseUrl; // e.g. https://jira.example.com or https://host/jira
    QString
        pinnedSha256; // trust exactly this certificate (CertificateInfo::normaliseFingerprint form)
    QList<QSslCertificate> caCertificates; // trust certificates that chain to these, too
    int timeoutMs = 30000;                 // no data for this long ends the request
    int maxAttempts = 3;                   // first try plus retries, for idempotent requests only
    int retryFloorMs = 1000; // least wait before a retry (Jira often says Retry-After: 0)
    int maxRedirects = 5;
};

// One server as every request sees it. Owns no network manager (it is injected) and no
// secrets of its own (the Credentials hold them in memory).
class ServerConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerConnection)

public:
    ServerConnection(QNetworkAccessManager *network, ConnectionSettings settings,
                     std::shared_ptr<const Credentials> credentials, QObject *parent = nullptr);
    ~ServerConnection() override;

    const ConnectionSettings &settings() const { return m_settings; }
    QNetworkAccessManager *network() const { return m_network; }
    QUrl urlFor(const ApiRequest &request) const;
    QNetworkRequest networkRequest(const ApiRequest &request) const;
    QNetworkReply *send(const ApiRequest &request);

    void setCredentials(std::shared_ptr<const Credentials> credentials);
    // Drops every cookie the network manager holds for this server, so an earlier session (of
    // another user, maybe) does not ride along with these credentials.
    void forgetServerCookies();
    std::shared_ptr<const Credentials> credentials() const { return m_credentials; }
    // Trusting a certificate after a refusal needs fresh connections: QNAM remembers the refusal.
    void pinCertificate(const QString &sha256);
    bool isPinned() const { return !m_settings.pinnedSha256.isEmpty(); }
    // True when there is a pin and the server's own (leaf) certificate is exactly the pinned one:
    // then TLS errors about it (self-signed, unknown issuer) are the ones the user accepted.
    bool acceptsCertificate(const QSslCertificate &leaf) const;
    // A pin is a pin: with one, a leaf certificate that differs is refused even when a public or
    // given CA vouches for it. False without a pin (then the usual verification alone decides).
    bool refusesCertificate(const QSslCertificate &leaf) const;

    // With a cookie session, admin resources may ask for the password again (websudo). When set,
    // a job answered "This resource requires WebSudo." confirms it once and tries again.
    void setWebSudoPassword(const QString &password) { m_webSudoPassword = password; }
    const QString &webSudoPassword() const { return m_webSudoPassword; }

    RateLimitPacer &pacer() { return m_pacer; }
    static QByteArray userAgent();

signals:
    // A request on this connection was answered 401: its credentials no longer work (an OAuth
    // 2.0 access token that expired, say), so whoever can renew them may do so now.
    void credentialsRefused();

private:
    QNetworkAccessManager *m_network;
    ConnectionSettings m_settings;
    std::shared_ptr<const Credentials> m_credentials;
    RateLimitPacer m_pacer;
    QString m_webSudoPassword; // memory only
};

} // namespace accessdesk
