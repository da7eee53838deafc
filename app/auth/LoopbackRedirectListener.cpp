#include "auth/LoopbackRedirectListener.h"

#include "auth/AuthLogging.h"
#include "auth/FormEncoding.h"
#include "auth/LoopbackResponsePage.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace accessdesk {

namespace {

// A browser's GET with its headers fits easily; anything larger is not our redirect.
constexpr qint64 kMaxRequestHead = 16 * 1024;

const QByteArray kCallbackPath = QByteArrayLiteral("/callback");

} // namespace

LoopbackRedirectListener::LoopbackRedirectListener(QByteArray expectedState, QObject *parent)
    : QObject(parent)
    , m_expectedState(std::move(expectedState))
    , m_server(new QTcpServer(this))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDefaultTimeout);
    connect(&m_timer, &QTimer::timeout, this, [this] { finish(Error::Timeout); });
    connect(m_server, &QTcpServer::newConnection, this,
            &LoopbackRedirectListener::acceptConnections);
}

LoopbackRedirectListener::~LoopbackRedirectListener() = default;

void LoopbackRedirectListener::setTimeout(std::chrono::milliseconds timeout)
{
    m_timer.setInterval(timeout);
}

std::chrono::milliseconds LoopbackRedirectListener::timeout() const
{
    return m_timer.intervalAsDuration();
}

bool LoopbackRedirectListener::start(quint16 port)
{
    Q_ASSERT(!m_started);
    m_started = true;
    // 127.0.0.1 rather than "localhost": nothing outside this machine can reach it, and the
    // browser cannot resolve it to ::1 where nobody listens (RFC 8252 8.3).
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        qCWarning(lcAuth) << "loopback redirect listener could not listen on port" << port << ":"
                          << m_server->errorString();
        QMetaObject::invokeMethod(
            this, [this] { finish(Error::ListenFailed); }, Qt::QueuedConnection);
        return false;
    }
    m_port = m_server->serverPort();
    m_timer.start();
    qCDebug(lcAuth) << "waiting for the OAuth 2.0 redirect on port" << m_port;
    return true;
}

void LoopbackRedirectListener::cancel()
{
    finish(Error::Cancelled);
}

QUrl LoopbackRedirectListener::redirectUri() const
{
    if (m_port == 0)
        return {};
    return QUrl(QStringLiteral("http://127.0.0.1:%1/callback").arg(m_port));
}

bool LoopbackRedirectListener::isListening() const
{
    return m_server->isListening();
}

QString LoopbackRedirectListener::errorString() const
{
    return describe(m_error);
}

QString LoopbackRedirectListener::describe(Error error) const
{
    switch (error) {
    case Error::None:
        return {};
    case Error::AccessDenied:
        return tr("Access was not granted in the browser.");
    case Error::ProviderError:
        return m_providerErrorDescription.isEmpty()
                   ? tr("The server refused the authorisation (%1).").arg(m_providerError)
                   : tr("The server refused the authorisation (%1: %2).")
                         .arg(m_providerError, m_providerErrorDescription);
    case Error::BadRequest:
        return tr("The browser returned without an authorisation code.");
    case Error::Timeout:
        return tr("No answer came from the browser in time. Start the sign-in again.");
    case Error::ListenFailed:
        return tr("AccessDesk could not listen on 127.0.0.1 for the browser's answer.");
    case Error::Cancelled:
        return tr("The sign-in was cancelled.");
    }
    return {};
}

void LoopbackRedirectListener::acceptConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequest(socket); });
    }
}

void LoopbackRedirectListener::readRequest(QTcpSocket *socket)
{
    // Browsers open spare connections that may never send anything; each is judged on its own
    // and only when its request head is complete.
    const QByteArray buffered = socket->peek(kMaxRequestHead + 1);
    const qsizetype end = buffered.indexOf("\r\n\r\n");
    if (end < 0 && buffered.size() <= kMaxRequestHead)
        return;
    const Answer answer = end < 0 ? Answer{LoopbackResponsePage::badRequest(), {}}
                                  : handleRequest(buffered.left(end));
    socket->readAll();
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    socket->write(answer.response);
    // Written before finished() is emitted: a receiver that deletes this listener also deletes
    // the socket, and the browser must still get its page.
    socket->flush();
    socket->disconnectFromHost();
    if (answer.outcome)
        finish(*answer.outcome); // last: nothing of this object is touched after the signal
}

LoopbackRedirectListener::Answer LoopbackRedirectListener::handleRequest(const QByteArray &head)
{
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return {LoopbackResponsePage::badRequest(), {}};
    const QByteArray &target = requestLine.at(1);
    const qsizetype question = target.indexOf('?');
    const QByteArray path = question < 0 ? target : target.left(question);
    if (path != kCallbackPath)
        return {LoopbackResponsePage::notFound(), {}};
    if (requestLine.at(0) != "GET")
        return {LoopbackResponsePage::methodNotAllowed(), {}};
    if (m_finished) // a second redirect on a connection opened before the first one ended
        return {LoopbackResponsePage::failed(tr("This sign-in has already ended.")), {}};
    return handleCallback(question < 0 ? QByteArray() : target.mid(question + 1));
}

LoopbackRedirectListener::Answer LoopbackRedirectListener::handleCallback(const QByteArray &query)
{
    const FormFields fields = formEncoding::decode(query);
    if (!formEncoding::contains(fields, u"state") ||
        formEncoding::value(fields, u"state") != QString::fromLatin1(m_expectedState)) {
        ++m_refusedStates;
        qCInfo(lcAuth) << "loopback redirect with a wrong state refused; still waiting";
        return {LoopbackResponsePage::wrongState(), {}};
    }
    if (formEncoding::contains(fields, u"error")) {
        m_providerError = formEncoding::value(fields, u"error");
        m_providerErrorDescription = formEncoding::value(fields, u"error_description");
        if (m_providerError == QLatin1String("access_denied"))
            return {LoopbackResponsePage::denied(), Error::AccessDenied};
        return failure(Error::ProviderError);
    }
    m_code = formEncoding::value(fields, u"code");
    if (m_code.isEmpty())
        return failure(Error::BadRequest);
    return {LoopbackResponsePage::signedIn(), Error::None};
}

LoopbackRedirectListener::Answer LoopbackRedirectListener::failure(Error error) const
{
    return {LoopbackResponsePage::failed(describe(error)), error};
}

void LoopbackRedirectListener::finish(Error error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_timer.stop();
    m_server->close();
    qCDebug(lcAuth) << "loopback redirect listener finished:" << error;
    Q_EMIT finished();
}

} // namespace accessdesk
