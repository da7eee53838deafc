#include "api/ApiJob.h"

#include "api/ErrorMapper.h"
#include "api/ServerConnection.h"
#include "api/SessionJobs.h"

#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>

Q_LOGGING_CATEGORY(lcApi, "accessdesk.api", QtWarningMsg)

namespace accessdesk {

namespace {

bool isTransientStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

bool isTransientNetworkError(QNetworkReply::NetworkError error)
{
    using E = QNetworkReply::NetworkError;
    return error == E::RemoteHostClosedError || error == E::TemporaryNetworkFailureError ||
           error == E::NetworkSessionFailedError || error == E::UnknownNetworkError ||
           error == E::ProxyConnectionClosedError;
}

RawReply capture(QNetworkReply *reply)
{
    RawReply raw;
    raw.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    raw.headers = reply->rawHeaderPairs();
    if (reply->isOpen()) // an aborted reply is closed; reading it only prints a warning
        raw.body = reply->readAll();
    raw.networkError = reply->error();
    raw.networkErrorText = reply->errorString();
    return raw;
}

} // namespace

ApiError ApiJob::redirectedWriteError(const QUrl &target, int status)
{
    const QString path = target.path();
    // Where the redirect leads tells why: Jira's login page, or its websudo form (which the job
    // answers with the password, when it has one, and sends the change again).
    const ApiError::Kind kind =
        path.contains(QLatin1String("WebSudoAuthenticate"), Qt::CaseInsensitive)
            ? ApiError::Kind::WebSudoRequired
        : path.contains(QLatin1String("login"), Qt::CaseInsensitive)
            ? ApiError::Kind::Unauthenticated
            : ApiError::Kind::MalformedResponse;
    const QString where = target.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    return ApiError(kind, status,
                    kind == ApiError::Kind::Unauthenticated
                        ? QStringLiteral("the server answered with a redirect to %1 (probably a "
                                         "login page); the change was not made")
                              .arg(where)
                        : QStringLiteral("the server answered with a redirect to %1; the change "
                                         "was not made")
                              .arg(where));
}

ApiJob::ApiJob(ServerConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_waitTimer(new QTimer(this))
{
    m_waitTimer->setSingleShot(true);
    // A coarse timer may fire up to 5% early; a server's Retry-After must never be undercut.
    m_waitTimer->setTimerType(Qt::PreciseTimer);
    connect(m_waitTimer, &QTimer::timeout, this, &ApiJob::send);
}

ApiJob::~ApiJob()
{
    // Aborting emits finished() at once; by now the derived part of this job is gone, so the
    // reply must not reach onReplyFinished() (it would call a pure virtual decode).
    dropReply();
}

void ApiJob::dropReply()
{
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        if (m_connection)
            m_connection->pacer().requestEnded();
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void ApiJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_request = request();
    // Never report from inside start(): callers connect to finished() after starting, too.
    m_waitTimer->start(m_connection ? m_connection->pacer().delayBeforeNextMs() : 0);
}

void ApiJob::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    m_waitTimer->stop();
    dropReply();
    // Like start(), cancel() never reports from inside itself: callers may still be connecting.
    QTimer::singleShot(0, this, [this] { finish(ApiError(ApiError::Kind::Cancelled, 0, {})); });
}

void ApiJob::send()
{
    if (m_finished || m_cancelled)
        return;
    if (!m_connection) {
        finish(ApiError(ApiError::Kind::Cancelled, 0, QStringLiteral("the connection was closed")));
        return;
    }
    // Asked again when the request is about to leave, not only when the job started: another
    // request that left in between may have taken the server's last token.
    if (const int wait = m_connection->pacer().delayBeforeNextMs(); wait > 0) {
        m_waitTimer->start(wait);
        return;
    }
    ++m_attempts;
    m_refusedCertificate = {};
    m_tooLarge = false;
    QNetworkReply *reply = m_connection->send(m_request);
    m_reply = reply;
    m_connection->pacer().requestSent();
    qCDebug(lcApi) << m_request.method << m_request.path << "attempt" << m_attempts;

    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        // The server's own certificate decides, never errors.first().certificate(): an error
        // about the chain names an intermediate or the root, and pinning that would trust every
        // certificate it ever issued.
        if (m_connection &&
            m_connection->acceptsCertificate(reply->sslConfiguration().peerCertificate())) {
            reply->ignoreSslErrors(errors);
            return;
        }
        QStringList problems;
        for (const QSslError &error : errors)
            problems.append(error.errorString());
        m_refusedCertificate = CertificateInfo::from(refusedCertificateOf(reply, errors),
                                                     problems.join(QStringLiteral("; ")));
    });
    // A pinned server must show the pinned certificate on every connection, even one a CA
    // vouches for (no sslErrors then). encrypted() comes before anything is sent; a connection
    // reused from another request emits none, so the headers are the second place to check.
    connect(reply, &QNetworkReply::encrypted, this, [this, reply] { checkPin(reply); });
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
        if (!checkPin(reply))
            return;
        bool known = false;
        const qint64 declared =
            reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
        if (known && declared > m_request.replyLimit())
            refuseTooLarge(reply);
    });
    // Counted as it arrives (decompressed, as it would be held), not after the fact.
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        if (reply->bytesAvailable() > m_request.replyLimit())
            refuseTooLarge(reply);
    });
    // reply->url() already names the target when redirected() arrives, so each hop's origin is
    // remembered here instead.
    auto hopOrigin = std::make_shared<QUrl>(m_connection->urlFor(m_request));
    m_refusedRedirect.clear();
    m_redirectedWrite.clear();
    connect(reply, &QNetworkReply::redirected, this, [this, reply, hopOrigin](const QUrl &target) {
        if (m_request.isWrite()) {
            // A change answered with a redirect was not made (Jira sends a signed-out user to
            // its login page); following it would turn that page's 200 into a false success.
            m_redirectedWrite = target;
            reply->abort();
            return;
        }
        const QUrl origin = *hopOrigin;
        const bool httpScheme =
            target.scheme() == QLatin1String("http") || target.scheme() == QLatin1String("https");
        auto portOf = [](const QUrl &url) {
            return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
        };
        // Credentials must not follow a redirect to another server, nor downgrade to http.
        const bool sameServer = target.host().compare(origin.host(), Qt::CaseInsensitive) == 0 &&
                                portOf(target) == portOf(origin);
        const bool downgrade =
            origin.scheme() == QLatin1String("https") && target.scheme() == QLatin1String("http");
        if (httpScheme && sameServer && !downgrade) {
            *hopOrigin = target;
            emit reply->redirectAllowed();
        } else {
            m_refusedRedirect = target;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
}

void ApiJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();

    RawReply raw = capture(reply);
    raw.cancelledByCaller = m_cancelled;
    raw.refusedCertificate = m_refusedCertificate;
    // Whatever an untrusted server answered (a pin mismatch is found on the headers when the
    // connection was reused) is not an answer to read: the refusal is the outcome.
    if (!raw.refusedCertificate.isNull())
        raw.status = 0;
    // The status line arrived, then the connection dropped (or timed out) before the body was
    // complete. Half a body is no answer: read as a success it would be a cut-off list ("the
    // JSON is malformed"), or a false success for a change. It is what it is: a transport failure
    // (retried like one for idempotent requests). Our own aborts are told apart below.
    if (raw.status != 0 && !raw.cancelledByCaller && !m_tooLarge && m_refusedRedirect.isEmpty() &&
        m_redirectedWrite.isEmpty() && raw.networkError != QNetworkReply::NoError &&
        raw.networkError < QNetworkReply::ContentAccessDenied &&
        raw.networkError != QNetworkReply::ProxyAuthenticationRequiredError) {
        qCInfo(lcApi) << m_request.method << m_request.path << "answer cut off after the status"
                      << raw.status << raw.networkError;
        if (raw.networkError == QNetworkReply::RemoteHostClosedError)
            raw.networkErrorText = QStringLiteral(
                "the connection was closed before the server's whole answer arrived");
        raw.status = 0;
        raw.body.clear();
    }
    if (m_connection) {
        m_connection->pacer().observe(raw);
        m_connection->pacer().requestEnded();
    }

    if (m_tooLarge && !raw.cancelledByCaller) {
        // Not retried: the same request would only bring the same flood again.
        finish(ApiError(ApiError::Kind::MalformedResponse, raw.status,
                        QStringLiteral("the server's answer was larger than %1; it was not read")
                            .arg(QLocale::c().formattedDataSize(m_request.replyLimit(), 0))));
        return;
    }

    if (!raw.cancelledByCaller && raw.refusedCertificate.isNull() && isSuccess(raw)) {
        finish(decode(raw));
        return;
    }
    if (!m_redirectedWrite.isEmpty()) {
        const ApiError error = redirectedWriteError(m_redirectedWrite, raw.status);
        if (!tryWebSudo(error))
            finish(error);
        return;
    }
    if (!m_refusedRedirect.isEmpty()) {
        finish(ApiError(
            ApiError::Kind::Network, raw.status,
            QStringLiteral("the server redirected to %1, which is not the same server; "
                           "the request was not sent there")
                .arg(m_refusedRedirect.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery))));
        return;
    }
    const ApiError error = errormapper::fromReply(raw);
    if (tryWebSudo(error))
        return;
    if (shouldRetry(raw, error)) {
        const int wait = m_connection->pacer().retryDelayMs(error.retryAfterSeconds(), m_attempts);
        qCInfo(lcApi) << m_request.method << m_request.path << "will retry in" << wait << "ms after"
                      << ApiError::kindName(error.kind());
        m_waitTimer->start(wait);
        return;
    }
    finish(error);
}

QSslCertificate ApiJob::refusedCertificateOf(QNetworkReply *reply, const QList<QSslError> &errors)
{
    const QSslConfiguration tls = reply->sslConfiguration();
    if (!tls.peerCertificate().isNull())
        return tls.peerCertificate();
    if (!tls.peerCertificateChain().isEmpty())
        return tls.peerCertificateChain().first();
    // Only so that the refusal names something when the handshake kept the chain to itself; it
    // is never accepted from here (acceptsCertificate() sees only the peer's own certificate).
    return errors.isEmpty() ? QSslCertificate() : errors.first().certificate();
}

bool ApiJob::checkPin(QNetworkReply *reply)
{
    if (!m_connection || !m_connection->isPinned() ||
        reply->url().scheme() != QLatin1String("https") || !m_refusedCertificate.isNull())
        return m_refusedCertificate.isNull();
    const QSslCertificate leaf = reply->sslConfiguration().peerCertificate();
    if (!m_connection->refusesCertificate(leaf))
        return true;
    m_refusedCertificate = CertificateInfo::from(
        leaf, QStringLiteral("the server's certificate is not the one trusted for this server: it "
                             "changed, or another server answers"));
    reply->abort();
    return false;
}

void ApiJob::refuseTooLarge(QNetworkReply *reply)
{
    if (m_tooLarge)
        return;
    m_tooLarge = true;
    qCInfo(lcApi) << m_request.method << m_request.path << "answer over" << m_request.replyLimit()
                  << "bytes, aborted";
    reply->abort();
}

bool ApiJob::shouldRetry(const RawReply &reply, const ApiError &error) const
{
    if (!m_connection || m_cancelled || !m_request.isIdempotent() ||
        m_attempts >= m_connection->settings().maxAttempts)
        return false;
    if (error.kind() == ApiError::Kind::Tls || error.kind() == ApiError::Kind::Cancelled)
        return false;
    return isTransientStatus(reply.status) ||
           (reply.status == 0 && isTransientNetworkError(reply.networkError));
}

bool ApiJob::tryWebSudo(const ApiError &error)
{
    if (error.kind() != ApiError::Kind::WebSudoRequired || m_webSudoTried || m_cancelled ||
        !m_connection || m_connection->webSudoPassword().isEmpty())
        return false;
    m_webSudoTried = true;
    QNetworkReply *confirm =
        m_connection->send(AcquireWebSudo::build(m_connection->webSudoPassword()));
    m_reply = confirm;
    m_connection->pacer().requestSent();
    connect(confirm, &QNetworkReply::finished, this, [this, confirm] {
        confirm->deleteLater();
        if (m_reply != confirm)
            return; // cancelled meanwhile (dropReply() ended it for the pacer)
        m_reply = nullptr;
        if (m_connection)
            m_connection->pacer().requestEnded();
        // Whether the password was right shows in the repeated request: a second refusal ends it.
        send();
    });
    return true;
}

void ApiJob::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (error.isError())
        qCInfo(lcApi) << m_request.method << m_request.path
                      << "failed:" << ApiError::kindName(error.kind()) << error.httpStatus();
    if (error.kind() == ApiError::Kind::Unauthenticated && error.httpStatus() == 401 &&
        m_connection)
        emit m_connection->credentialsRefused();
    emit finished();
}

} // namespace accessdesk
