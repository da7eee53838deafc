#include "services/RequestForAccessController.h"

#include "api/ServerConnection.h"
#include "services/AccessRequest.h"

namespace accessdesk {

namespace {

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? QString(url.host() + QLatin1Char(':') + QString::number(url.port()))
                          : url.host();
}

} // namespace

bool RequestForAccessController::isWebAddress(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && !url.host().isEmpty() &&
           (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

QUrl RequestForAccessController::returnUrl() const
{
    if (m_state != State::Answered || !m_decision.approved || !isWebAddress(m_decision.callback))
        return {};
    return m_decision.callback;
}

QUrl RequestForAccessController::serverUrl() const
{
    return m_connection ? m_connection->settings().baseUrl : QUrl();
}

QString RequestForAccessController::serverName() const
{
    return hostOf(serverUrl());
}

void RequestForAccessController::setState(State state)
{
    m_state = state;
    emit stateChanged();
}

void RequestForAccessController::fail(const QString &text)
{
    m_errorText = text;
    setState(State::Failed);
}

void RequestForAccessController::dropJobs()
{
    // Deleting a job aborts its request; what it would report no longer matters.
    delete m_fetch.data();
    delete m_answer.data();
}

void RequestForAccessController::setConnection(ServerConnection *connection, ActivityContext who)
{
    dropJobs();
    rebind(connection, std::move(who));
    reset();
}

void RequestForAccessController::reset()
{
    dropJobs();
    m_request = {};
    m_decision = {};
    m_errorText.clear();
    setState(State::Idle);
}

QString RequestForAccessController::describeError(const ApiError &error)
{
    const QString problem = error.oauthProblem();
    if (problem == QLatin1String("token_expired"))
        return tr("This request has expired: an application's request must be answered within "
                  "minutes. Ask the application to start again, then paste the new link.");
    if (problem == QLatin1String("token_used"))
        return tr("This request has already been answered. If the application still needs "
                  "access, ask it to start again.");
    if (problem == QLatin1String("token_rejected") || problem == QLatin1String("token_revoked") ||
        problem == QLatin1String("token_not_authorized"))
        return tr("The server does not know this request. The link may be cut short (copy all of "
                  "it) or the request may be too old. Ask the application for a new link.");
    if (!problem.isEmpty())
        return tr("The server refused this request for access (%1). Ask the application to start "
                  "again.")
            .arg(problem);
    if (error.kind() == ApiError::Kind::MalformedResponse)
        return tr("The server did not show a request for access for this link, so there is "
                  "nothing to allow or deny. Open the link in a browser to see what the server "
                  "says. (Details: %1)")
            .arg(error.serverMessage());
    switch (error.kind()) {
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::Server:
    case ApiError::Kind::RateLimited:
        return error.userMessage() + QLatin1Char(' ') +
               tr("Try again in a moment: the request stays open for a few minutes.");
    default:
        return error.userMessage();
    }
}

void RequestForAccessController::check(const QString &pastedLink)
{
    if (m_state == State::Checking || m_state == State::Answering)
        return;
    dropJobs();
    m_request = {};
    m_decision = {};
    const QUrl base = serverUrl();
    const AccessRequestLink link = AccessRequestLink::parse(pastedLink, base);
    const QString example =
        AccessRequestLink::authorizeUrl(base).toString() + QStringLiteral("?oauth_token=…");
    switch (link.problem) {
    case AccessRequestLink::Problem::None:
        break;
    case AccessRequestLink::Problem::Empty:
        fail(tr("Paste the link the application gave you."));
        return;
    case AccessRequestLink::Problem::NotALink:
        fail(tr("This is not a web address. Paste the whole link the application gave you; it "
                "looks like %1")
                 .arg(example));
        return;
    case AccessRequestLink::Problem::OtherServer:
        fail(tr("This link is for another server (%1), but AccessDesk is connected to %2. Answer "
                "it from a connection to %1, or ask the application for a link to %2.")
                 .arg(hostOf(link.url), serverName()));
        return;
    case AccessRequestLink::Problem::NotARequestForAccess:
        fail(tr("This link points to %1 but is not a request for access. Such a link looks like "
                "%2")
                 .arg(serverName(), example));
        return;
    case AccessRequestLink::Problem::NoRequestToken:
        fail(tr("The link is cut short: the part after “oauth_token=” is missing. Copy the whole "
                "link and try again."));
        return;
    }
    auto *job = new FetchAuthorizePage(m_connection, link.requestToken, this);
    m_fetch = job;
    connect(job, &ApiJob::finished, this, [this, job] {
        job->deleteLater();
        if (job->error().isError()) {
            fail(describeError(job->error()));
            return;
        }
        m_request = job->result();
        m_errorText.clear();
        setState(State::Asking);
    });
    setState(State::Checking);
    job->start();
}

void RequestForAccessController::answer(bool approve)
{
    if (m_state != State::Asking)
        return;
    auto *job = new AccessRequestAnswerer(m_connection, m_request, approve, m_log, m_who, this);
    m_answer = job;
    connect(job, &AccessRequestAnswerer::finished, this, [this, job] {
        job->deleteLater();
        if (job->error().isError()) {
            m_request = {};
            fail(describeError(job->error()));
            return;
        }
        m_decision = job->decision();
        // The form and its XSRF token are spent.
        m_request.hiddenFields.clear();
        m_request.atlToken.clear();
        m_request.oauthToken.clear();
        setState(State::Answered);
    });
    setState(State::Answering);
    job->start();
}

} // namespace accessdesk
