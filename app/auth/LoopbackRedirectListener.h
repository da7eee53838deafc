#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <optional>

class QTcpServer;
class QTcpSocket;

namespace accessdesk {

// Receives the OAuth 2.0 authorization response on a loopback redirect (RFC 8252 7.3): listens
// on 127.0.0.1, takes the one GET /callback?code=…&state=… the browser is redirected to, checks
// the state, shows the user a small page, and stops listening.
//
// A redirect with a wrong or missing state is answered 400 and does not end the job: any page or
// process on this machine can reach the port, and letting it end the sign-in would let it cancel
// the user's real one (the browser's redirect with the right state still arrives afterwards).
//
// A job: it reports exactly once through finished(), also on timeout, cancel() or when it could
// not listen; read code() or error() afterwards. Other paths (the browser's /favicon.ico) and
// other methods are answered and ignored, so they cannot end the sign-in.
class LoopbackRedirectListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackRedirectListener)

public:
    enum class Error {
        None,
        AccessDenied,  // error=access_denied: the user said no
        ProviderError, // any other error=… from the server (providerError() has it)
        BadRequest,    // a redirect with neither code nor error
        Timeout,       // no redirect within timeout()
        ListenFailed,  // the port could not be bound
        Cancelled,
    };
    Q_ENUM(Error)

    static constexpr std::chrono::milliseconds kDefaultTimeout = std::chrono::minutes(5);

    explicit LoopbackRedirectListener(QByteArray expectedState, QObject *parent = nullptr);
    ~LoopbackRedirectListener() override;

    // How long to wait for the browser; set it before start().
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const;

    // Listens on 127.0.0.1:port; 0 picks a free port (Jira needs the exact redirect URI
    // registered, so a fixed port may be wanted). false when it cannot listen; finished() then
    // follows from the event loop with ListenFailed. Call once.
    bool start(quint16 port = 0);
    // Stops waiting and reports Cancelled; does nothing once finished. Safe to call twice.
    void cancel();

    // http://127.0.0.1:<port>/callback once listening, else empty.
    QUrl redirectUri() const;
    bool isListening() const;

    // After finished():
    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    QString errorString() const;            // a translated sentence, empty on success
    QString code() const { return m_code; } // a secret until exchanged; never logged
    QString providerError() const { return m_providerError; }
    QString providerErrorDescription() const { return m_providerErrorDescription; }
    // Redirects refused so far because their state was not this request's; they do not end it.
    int refusedStates() const { return m_refusedStates; }

Q_SIGNALS:
    void finished();

private:
    void acceptConnections();
    // The page for the browser and, when this request ends the job, how.
    struct Answer
    {
        QByteArray response;
        std::optional<Error> outcome;
    };

    void readRequest(QTcpSocket *socket);
    Answer handleRequest(const QByteArray &head);
    Answer handleCallback(const QByteArray &query);
    Answer failure(Error error) const;
    QString describe(Error error) const;
    void finish(Error error);

    QByteArray m_expectedState;
    QTcpServer *m_server;
    QTimer m_timer;
    quint16 m_port = 0;
    bool m_started = false;
    bool m_finished = false;
    Error m_error = Error::None;
    QString m_code;
    QString m_providerError;
    QString m_providerErrorDescription;
    int m_refusedStates = 0;
};

} // namespace accessdesk
