#pragma once

#include "api/ApiError.h"
#include "api/ApiRequest.h"
#include "api/RawReply.h"
#include "api/ServerConnection.h"

#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>

class QNetworkReply;
class QTimer;

namespace accessdesk {

class ServerConnection;

// The async style of the whole code base: a job object that reports exactly once through its
// single finished() signal; the caller then reads error() and the subclass's result accessor.
// start() never finishes synchronously; cancel() is safe to call any number of times.
//
// A job paces itself by the server's rate-limit headers, retries idempotent requests after
// 429/502/503/504 and dropped connections (waiting Retry-After, never less than a floor), follows
// redirects of reads only to http(s) on the same server (a write's redirect is never followed: it
// fails, see redirectedWriteError()), and accepts a TLS certificate only when the connection pins
// it. With a pin, the server's leaf certificate must be the pinned one on every connection,
// whoever vouches for it. An answer larger than the request's replyLimit() is aborted while it
// downloads and ends the job with MalformedResponse.
class ApiJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiJob)

public:
    explicit ApiJob(ServerConnection *connection, QObject *parent = nullptr);
    ~ApiJob() override;

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && !m_error.isError(); }
    const ApiError &error() const { return m_error; }
    int attempts() const { return m_attempts; }
    // The request this job sends; pure, so tests can check it without a network.
    virtual ApiRequest request() const = 0;
    // How a write answered with a redirect to target fails: never followed, never a success
    // (unless the job takes the redirect itself as its answer, see isSuccess()).
    static ApiError redirectedWriteError(const QUrl &target, int status);

signals:
    void finished();

protected:
    // Reads a successful answer into the subclass's result. Returns an error (usually
    // MalformedResponse) when the answer cannot be used.
    virtual ApiError decode(const RawReply &reply) = 0;
    // Statuses that count as success; most operations take any 2xx.
    virtual bool isSuccess(const RawReply &reply) const { return reply.isSuccess(); }
    ServerConnection *connection() const { return m_connection; }

private:
    void send();
    void onReplyFinished();
    // Stops the reply under way without it reporting to this job.
    void dropReply();
    bool shouldRetry(const RawReply &reply, const ApiError &error) const;
    bool tryWebSudo(const ApiError &error);
    void finish(const ApiError &error);
    // The certificate to name in a refusal: the server's own (leaf), as the trust dialog shows
    // and pins it.
    static QSslCertificate refusedCertificateOf(QNetworkReply *reply,
                                                const QList<QSslError> &errors);
    // False (and the reply aborted, its certificate refused) when a pinned server showed another.
    bool checkPin(QNetworkReply *reply);
    void refuseTooLarge(QNetworkReply *reply);

    QPointer<ServerConnection> m_connection;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_waitTimer = nullptr;
    ApiRequest m_request;
    ApiError m_error;
    CertificateInfo m_refusedCertificate;
    QUrl m_refusedRedirect; // a redirect to another server, refused
    QUrl m_redirectedWrite; // where a write was redirected (never followed)
    int m_attempts = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_webSudoTried = false;
    bool m_tooLarge = false; // the answer passed the request's replyLimit() and was aborted
};

} // namespace accessdesk
