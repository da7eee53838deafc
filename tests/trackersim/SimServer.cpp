#include "SimServer.h"

#include "ControlInterface.h"
#include "TlsIdentity.h"
#include "auth/Authenticator.h"
#include "auth/Crypto.h"
#include "auth/Sessions.h"
#include "http/ErrorBodies.h"
#include "remote/RemoteClient.h"
#include "routes/AppLinkModel.h"
#include "routes/Routes.h"
#include "store/Seed.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcServer, "trackersim.server")

namespace trackersim {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "UNKNOWN";
    }
}

bool hasXsrfOptOut(const SimRequest &request, const RequestContext &context)
{
    const QByteArray token = request.header("x-atlassian-token").trimmed().toLower();
    if (token == "no-check" || token == "nocheck")
        return true;
    const QString formToken = request.isFormEncoded()
                                  ? request.formValue(QStringLiteral("atl_token"))
                                  : request.queryValue(QStringLiteral("atl_token"));
    return !formToken.isEmpty() && formToken == context.xsrfToken();
}

bool looksLikeBrowser(const SimRequest &request)
{
    const QByteArray agent = request.header("user-agent");
    return agent.startsWith("Mozilla/") || agent.contains("Chrome/") || agent.contains("Safari/") ||
           agent.contains("Firefox/");
}

bool isSameOrigin(const SimRequest &request)
{
    const QByteArray origin = request.header("origin");
    const QByteArray referer = request.header("referer");
    const QByteArray own = request.requestOrigin().toLatin1();
    return (!origin.isEmpty() && origin == own) ||
           (!referer.isEmpty() && referer.startsWith(QByteArray(own + '/')));
}

// Atlassian REST's XSRF filter (spec 1.5). Returns the rejection, if any.
std::optional<SimResponse> xsrfCheck(const SimRequest &request, const RequestContext &context,
                                     const RouteOptions &options)
{
    if (!request.isMutating() || options.xsrfExcluded ||
        !request.path.startsWith(QLatin1String("/rest/")))
        return std::nullopt;
    const QByteArray type = request.mediaType();
    const bool simpleType = type.isEmpty() || type == "application/x-www-form-urlencoded" ||
                            type == "multipart/form-data" || type == "text/plain";
    const bool optedOut = hasXsrfOptOut(request, context);
    // PUT and DELETE failures are only logged by Jira; POST failures are enforced.
    if (simpleType && !optedOut && request.method == "POST")
        return errors::xsrfFailed();
    if (looksLikeBrowser(request) && !optedOut && !isSameOrigin(request) &&
        request.method == "POST")
        return errors::xsrfFailed();
    return std::nullopt;
}

// What a reverse proxy or Tomcat answers for a path outside the deployed application: a plain
// 404 page, not one of Jira's, since Jira never sees the request.
SimResponse outsideContextPath()
{
    return SimResponse::html(
        404, QStringLiteral("<!doctype html><html lang=\"en\"><head><title>HTTP Status 404 – Not "
                            "Found</title></head><body><h1>HTTP Status 404 – Not Found</h1>"
                            "</body></html>"));
}

} // namespace

bool SimServer::stripContextPath(SimRequest *request) const
{
    const QString &prefix = m_state->config.contextPath;
    if (prefix.isEmpty())
        return true;
    // "/jira" itself is the application's root, like "/" without a context path.
    if (request->path == prefix) {
        request->path = QStringLiteral("/");
    } else if (request->path.startsWith(prefix + QLatin1Char('/'))) {
        request->path = request->path.mid(prefix.size());
    } else {
        return false;
    }
    request->contextPath = prefix;
    return true;
}

SimServer::SimServer(const SimConfig &config, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_state(std::make_unique<SimState>(config))
{
    m_state->serverSecret = crypto::randomBytes(32);
    m_remote = std::make_unique<RemoteClient>(
        config.remoteTimeoutMs, QStringLiteral("trackersim/") + QStringLiteral(ACCESSDESK_VERSION) +
                                    QStringLiteral(" (applinks)"));
    m_state->remote = m_remote.get();
    registerRoutes();
}

SimServer::~SimServer() = default;

void SimServer::registerRoutes()
{
    routes::registerCore(m_router);
    routes::registerAuth(m_router);
    routes::registerAppLinks(m_router);
    routes::registerConsumers(m_router);
    routes::registerOAuth1Provider(m_router);
    routes::registerAccessTokensPage(m_router);
    if (m_state->config.oauth2Enabled)
        routes::registerOAuth2(m_router);
    if (m_state->config.patEnabled)
        routes::registerPersonalTokens(m_router);
}

quint16 SimServer::start(QString *error)
{
    SimState &state = *m_state;
    if (!state.store.open(state.config.dataFile, error))
        return 0;
    if (state.store.isEmpty() &&
        !seed::apply(state.store, state.config.seed, state.clock.nowMs(), error))
        return 0;

    if (state.config.tls) {
        TlsIdentity identity;
        if (!identity.load(state.config.certFile, state.config.keyFile, error))
            return 0;
        sslSetup(identity.certificate(), identity.key());
        state.tlsFingerprint = identity.sha256Fingerprint();
    }

    const quint16 port = listen(QHostAddress::LocalHost, state.config.port);
    if (port == 0) {
        *error = QStringLiteral("cannot listen on 127.0.0.1:%1").arg(state.config.port);
        return 0;
    }
    // The context path is part of where Jira answers, so it is part of the announced URL.
    m_listeningUrl = QStringLiteral("%1://127.0.0.1:%2%3")
                         .arg(state.config.tls ? QStringLiteral("https") : QStringLiteral("http"))
                         .arg(port)
                         .arg(state.config.contextPath);
    state.baseUrl = state.config.baseUrl.isEmpty() ? m_listeningUrl : state.config.baseUrl;
    while (state.baseUrl.endsWith(QLatin1Char('/')))
        state.baseUrl.chop(1);
    state.listeningUrl = m_listeningUrl;
    // Jira's server id never changes, not even when the base URL does: trackersim derives it
    // from the base URL once, when the database is new, and keeps it.
    state.store.exec(
        QStringLiteral("INSERT OR IGNORE INTO instance (id, application_id) VALUES (1, ?)"),
        {applinks::idForUrl(state.baseUrl)});
    state.applicationId =
        state.store.scalar(QStringLiteral("SELECT application_id FROM instance WHERE id = 1"))
            .toString();
    return port;
}

bool SimServer::handleRequest(const QHttpServerRequest &raw, QTcpSocket *socket)
{
    SimRequest request;
    request.method = methodName(raw.method());
    const QUrl url = raw.url();
    request.path = url.path(QUrl::FullyDecoded);
    request.query = QUrlQuery(url.query(QUrl::FullyEncoded));
    for (const auto &[name, value] : raw.headers())
        request.headers.append({name.toLower(), value});
    request.body = raw.body();
    request.peer = raw.remoteAddress();
    request.scheme = m_state->config.tls ? QStringLiteral("https") : QStringLiteral("http");
    request.host = QString::fromLatin1(request.header("host"));

    QPointer<QTcpSocket> guarded(socket);
    // The control interface is no part of Jira: it answers both at the root and under the context
    // path, so that harnesses may use the announced URL or just the origin.
    if (!request.path.startsWith(QLatin1String("/__trackersim/")) && !stripContextPath(&request)) {
        answer(guarded, request, outsideContextPath(), false);
        return true;
    }
    if (request.path.startsWith(QLatin1String("/__trackersim/"))) {
        answer(guarded, request, control::handle(request, *m_state), false);
        return true;
    }

    const auto answerLater = [this, guarded, request](bool truncate) {
        return [this, guarded, request, truncate](SimResponse response) {
            answer(guarded, request, std::move(response), truncate);
        };
    };
    const std::optional<Fault> fault = m_state->faults.take(request.method, request.path);
    if (!fault) {
        dispatch(request, answerLater(false));
        return true;
    }

    switch (fault->action) {
    case Fault::Action::Reset:
        socket->abort();
        break;
    case Fault::Action::Stall:
        if (fault->delayMs > 0) {
            QTimer::singleShot(fault->delayMs, this, [guarded] {
                if (guarded)
                    guarded->abort();
            });
        }
        break;
    case Fault::Action::Latency:
        QTimer::singleShot(fault->delayMs, this,
                           [this, request, answerLater] { dispatch(request, answerLater(false)); });
        break;
    case Fault::Action::Respond: {
        SimResponse response = SimResponse::text(fault->status, fault->body, fault->contentType);
        response.headers += fault->headers;
        answer(guarded, request, response, false);
        break;
    }
    case Fault::Action::Truncate:
        dispatch(request, answerLater(true));
        break;
    case Fault::Action::Malformed:
        dispatch(request, [this, guarded, request](SimResponse response) {
            response.body = QByteArrayLiteral("{\"unterminated\": [1, 2, {\"x\": ");
            answer(guarded, request, std::move(response), false);
        });
        break;
    }
    return true;
}

void SimServer::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    socket->abort();
}

namespace {

// A request with its context, kept together for as long as an asynchronous handler needs them.
struct Exchange
{
    Exchange(const SimRequest &incoming, SimState &state)
        : request(incoming)
        , context(request, state)
    {}
    SimRequest request;
    RequestContext context;
};

} // namespace

void SimServer::dispatch(const SimRequest &incoming, Responder done)
{
    auto exchange = std::make_shared<Exchange>(incoming, *m_state);
    SimRequest &request = exchange->request;
    RequestContext &context = exchange->context;
    const Router::Match match = m_router.match(request.method, request.path);

    const Authenticator::Outcome auth = Authenticator::identify(context);
    QList<QPair<QByteArray, QByteArray>> extra = auth.extraHeaders;

    if (auth.rejection)
        return finish(context, extra, *auth.rejection, done);
    if (!match.route) {
        // Jersey's famous answer for an unknown REST resource.
        const SimResponse missing =
            match.pathExists
                ? errors::restStatus(request, 405, QStringLiteral("Method Not Allowed"))
                : (request.path.startsWith(QLatin1String("/rest/"))
                       ? errors::restStatus(request, 404,
                                            QStringLiteral("null for uri: ") + m_state->baseUrl +
                                                request.path)
                       : SimResponse::html(
                             404,
                             QStringLiteral(
                                 "<html><body><h1>404</h1><p>Page not found.</p></body></html>")));
        return finish(context, extra, missing, done);
    }

    request.pathParams = match.params;
    std::optional<SimResponse> early;
    if (m_state->rateLimiter.enabled() && !context.caller.isAnonymous() &&
        !RateLimiter::isExempt(request.path) && context.caller.kind != AuthKind::Session) {
        const RateLimiter::Decision decision =
            m_state->rateLimiter.take(context.caller.userName, m_state->clock.nowMs());
        extra += m_state->rateLimiter.headers(decision);
        if (!decision.allowed)
            early = errors::rateLimited(request);
    }
    if (!early)
        early = xsrfCheck(request, context, match.route->options);
    if (!early && match.route->options.webSudo && m_state->config.webSudo &&
        context.caller.kind == AuthKind::Session) {
        const auto session = sessions::find(m_state->store, context.caller.sessionId);
        const qint64 now = m_state->clock.nowMs();
        if (!session || session->webSudoUntilMs <= now)
            early =
                errors::restStatus(request, 401, QStringLiteral("This resource requires WebSudo."));
        else // the secure session's timeout is rolling
            sessions::grantWebSudo(m_state->store, session->id,
                                   now + m_state->config.webSudoTimeoutSeconds * 1000LL);
    }
    if (early)
        return finish(context, extra, *early, done);
    if (match.route->handler)
        return finish(context, extra, match.route->handler(context), done);

    // The context outlives this call through the shared pointer the handler holds.
    const std::shared_ptr<RequestContext> held(exchange, &exchange->context);
    match.route->asyncHandler(held, [this, held, extra, done](SimResponse response) {
        finish(*held, extra, std::move(response), done);
    });
}

void SimServer::finish(const RequestContext &context, QList<QPair<QByteArray, QByteArray>> extra,
                       SimResponse response, const Responder &done)
{
    response.headers += extra;
    response.withHeader("X-AREQUESTID", QByteArray::number(++m_requestCounter) + "x1")
        .withHeader("X-AUSERNAME", context.caller.isAnonymous() ? QByteArray("anonymous")
                                                                : context.caller.userName.toUtf8());
    if (!context.caller.sessionId.isEmpty())
        response.withHeader("X-ASESSIONID", context.caller.sessionId.left(8).toLatin1());
    if (!response.hasHeader("X-Seraph-LoginReason"))
        response.withHeader("X-Seraph-LoginReason", context.caller.isAnonymous() ? "OUT" : "OK");
    done(std::move(response));
}

void SimServer::answer(QPointer<QTcpSocket> socket, const SimRequest &request, SimResponse response,
                       bool truncate)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    const bool head = request.method == "HEAD";
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                     reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    const bool close = truncate || request.header("connection").toLower() == "close";
    out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    if (!head)
        out += truncate ? response.body.left(response.body.size() / 2) : response.body;
    socket->write(out);
    // Hand the answer to the kernel now rather than when the event loop next comes round: a
    // client with a second request already waiting on another connection would otherwise get
    // this answer only after that request has been handled too, which no real server does.
    socket->flush();
    if (close)
        socket->disconnectFromHost();
}

} // namespace trackersim
