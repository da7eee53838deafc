#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

namespace trackersim {

// One call trackersim makes to a linked application.
struct RemoteRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

// What came back, or why nothing did.
struct RemoteReply
{
    enum class Failure {
        None,              // the remote answered; see status
        NotAllowed,        // not an absolute http(s) URL: never sent
        ConnectionRefused, // nothing listens there
        UnknownHost,       // the name does not resolve
        Timeout,           // no complete answer within the configured time
        Tls,               // the TLS handshake failed (untrusted or mismatched certificate)
        Other,             // the connection broke in another way
    };

    Failure failure = Failure::None;
    QString details; // what the network layer said, for failures
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;

    bool answered() const { return failure == Failure::None; }
    QByteArray header(const QByteArray &name) const;
    // The body as a JSON object; nullopt-like empty object with ok false when it is not one.
    QJsonObject jsonObject(bool *ok) const;
};

// trackersim's HTTP client for linked applications. It never blocks the server's event loop:
// each call reports once, later, through its callback. Calls go straight to the URL they name
// (no proxy), follow no redirects, take only http and https, and give up after a bounded time.
class RemoteClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteClient)

public:
    using Callback = std::function<void(const RemoteReply &)>;

    RemoteClient(int timeoutMs, const QString &userAgent, QObject *parent = nullptr);
    ~RemoteClient() override;

    void send(const RemoteRequest &request, Callback done);
    int timeoutMs() const { return m_timeoutMs; }

private:
    QNetworkAccessManager m_manager;
    int m_timeoutMs;
    QByteArray m_userAgent;
};

} // namespace trackersim
