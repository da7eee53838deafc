#include "services/OAuth2Authorizer.h"

#include "api/OAuthFlowJobs.h"
#include "auth/OAuth2AuthorizeUrl.h"
#include "auth/Pkce.h"

#include <QTimer>

namespace accessdesk {

OAuth2Authorizer::OAuth2Authorizer(QNetworkAccessManager *network, ConnectionSettings settings,
                                   Options options, QObject *parent)
    : QObject(parent)
    // The token endpoint is anonymous: the client proves itself in the form, and no user
    // credential has any business there.
    , m_connection(new ServerConnection(network, std::move(settings), nullptr, this))
    , m_options(std::move(options))
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{}

OAuth2Authorizer::~OAuth2Authorizer() = default;

void OAuth2Authorizer::start()
{
    if (m_started)
        return;
    m_started = true;
    const Pkce pkce = Pkce::generate();
    m_verifier = pkce.verifier;
    const QByteArray state = Pkce::generateState();
    m_listener = new LoopbackRedirectListener(state, this);
    m_listener->setTimeout(m_options.timeout);
    connect(m_listener, &LoopbackRedirectListener::finished, this, &OAuth2Authorizer::onRedirect);
    if (!m_listener->start(m_options.redirectPort))
        return; // the listener reports ListenFailed from the event loop
    m_redirectUri = m_listener->redirectUri().toString();
    m_authorizeUrl = OAuth2AuthorizeUrl{m_connection->settings().baseUrl,
                                        m_options.client.clientId,
                                        m_redirectUri,
                                        m_options.scope,
                                        state,
                                        pkce.challenge}
                         .build();
    // Callers connect after start(), so nothing is emitted from inside it.
    QTimer::singleShot(0, this, [this] {
        if (!m_finished)
            emit authorizeUrlReady(m_authorizeUrl);
    });
}

void OAuth2Authorizer::onRedirect()
{
    if (m_finished)
        return;
    if (m_listener->error() != LoopbackRedirectListener::Error::None) {
        finish(errorOf(*m_listener));
        return;
    }
    auto *job = new ExchangeOAuth2Code(
        m_connection,
        ExchangeOAuth2Code::Grant{m_listener->code(), m_redirectUri, m_options.client.clientId,
                                  m_options.client.clientSecret, m_verifier},
        this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] { onToken(job); });
    job->start();
}

void OAuth2Authorizer::onToken(ExchangeOAuth2Code *job)
{
    job->deleteLater();
    if (m_finished)
        return;
    m_job = nullptr;
    if (!job->succeeded()) {
        finish(job->error());
        return;
    }
    m_result = OAuth2Tokens::fromResponse(job->result(), m_clock());
    finish({});
}

void OAuth2Authorizer::cancel()
{
    if (m_finished)
        return;
    if (m_listener)
        disconnect(m_listener, nullptr, this, nullptr);
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
        m_job->deleteLater();
        m_job = nullptr;
    }
    // Never report from inside the call: the caller may still be connecting.
    QTimer::singleShot(0, this, [this] { finish(ApiError(ApiError::Kind::Cancelled, 0, {})); });
}

ApiError OAuth2Authorizer::errorOf(const LoopbackRedirectListener &listener)
{
    using E = LoopbackRedirectListener::Error;
    ApiError::Kind kind = ApiError::Kind::Validation;
    switch (listener.error()) {
    case E::None:
        return {};
    case E::AccessDenied:
        kind = ApiError::Kind::Forbidden;
        break;
    case E::Timeout:
        kind = ApiError::Kind::Timeout;
        break;
    case E::ListenFailed:
        kind = ApiError::Kind::Network;
        break;
    case E::Cancelled:
        kind = ApiError::Kind::Cancelled;
        break;
    case E::ProviderError:
    case E::BadRequest:
        kind = ApiError::Kind::Validation;
        break;
    }
    ApiError error(kind, 0, listener.errorString());
    if (!listener.providerError().isEmpty())
        error.withOAuthProblem(listener.providerError());
    return error;
}

void OAuth2Authorizer::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_verifier.clear();
    if (m_listener)
        m_listener->cancel(); // stops listening; its report is no longer connected or needed
    emit finished();
}

} // namespace accessdesk
