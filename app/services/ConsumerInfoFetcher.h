#pragma once

#include "OAuthConsumer.h"
#include "api/ServerConnection.h"
#include "auth/RsaPublicKey.h"
#include "services/AdminJob.h"

#include <QUrl>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace accessdesk {

// "Fetch from the remote" on the consumer form and `consumers fetch-info`: reads the OAuth
// consumer identity another Atlassian application publishes at
// /plugins/servlet/oauth/consumer-info (spec 4.4), anonymously, over a connection of its own to
// the remote (never with the Jira credentials). Each way it can go wrong gets its own sentence:
// not a web address, unreachable, an untrusted certificate, no consumer-info there (404), or a web
// page (a login page, a proxy) instead of the XML. A public key AccessDesk would refuse (under
// 2048 bits, say) does not fail the fetch: publicKeyProblem() says why, for the key field.
class ConsumerInfoFetcher final : public AdminJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumerInfoFetcher)

public:
    // remote: the application's base URL (https://host/context), or the consumer-info address
    // itself. settings supplies the timeout and the extra CA certificates; its base URL and
    // pinned certificate are not used (they belong to the Jira connection).
    ConsumerInfoFetcher(QNetworkAccessManager *network, QString remote,
                        ConnectionSettings settings = {}, QObject *parent = nullptr);
    ~ConsumerInfoFetcher() override;

    void start() override;

    // The remote's base URL, once the address was understood.
    const QUrl &baseUrl() const { return m_baseUrl; }
    // After success: what the remote published, and its public key when AccessDesk accepts it.
    const ConsumerInfo &info() const { return m_info; }
    const std::optional<RsaPublicKey> &publicKey() const { return m_publicKey; }
    const QString &publicKeyProblem() const { return m_publicKeyProblem; }
    // The consumer form's fields as the remote fills them: key, name, description, and the
    // public key (PEM when readable, else as published), with no two-legged options.
    OAuthConsumer asDraft() const;

    // The base URL for remote (trailing slashes and a consumer-info path taken off); nullopt with
    // *problem when it is no absolute http(s) address.
    static std::optional<QUrl> baseUrlOf(const QString &remote, QString *problem);

private:
    void failed(const ApiError &error);

    QNetworkAccessManager *m_network;
    QString m_remote;
    ConnectionSettings m_settings;
    std::unique_ptr<ServerConnection> m_remoteConnection;
    QUrl m_baseUrl;
    ConsumerInfo m_info;
    std::optional<RsaPublicKey> m_publicKey;
    QString m_publicKeyProblem;
};

} // namespace accessdesk
