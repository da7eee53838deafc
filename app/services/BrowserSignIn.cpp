#include "services/BrowserSignIn.h"

#include "api/ServerConnection.h"
#include "services/ConnectionResolver.h"
#include "services/OAuth1ConsumerFiles.h"
#include "services/OAuth2Authorizer.h"
#include "services/PlainHttpRule.h"

#include <QTimer>
#include <QUrlQuery>

namespace accessdesk {

BrowserSignIn::BrowserSignIn(SecretStore *secrets, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_secretStore(secrets)
    , m_network(network)
{}

BrowserSignIn::~BrowserSignIn()
{
    drop();
}

SecretWriter::Secrets BrowserSignIn::secretsOf(const OAuth1AccessGrant &grant)
{
    return {{SecretKind::OAuth1Token, grant.token},
            {SecretKind::OAuth1TokenSecret, grant.tokenSecret}};
}

SecretWriter::Secrets BrowserSignIn::secretsOf(const OAuth2Tokens &tokens,
                                               const QString &clientSecret)
{
    SecretWriter::Secrets secrets{{SecretKind::OAuth2AccessToken, tokens.accessToken},
                                  {SecretKind::OAuth2RefreshToken, tokens.refreshToken}};
    if (!clientSecret.isEmpty())
        secrets.append({SecretKind::OAuth2ClientSecret, clientSecret});
    return secrets;
}

QString BrowserSignIn::verifierFrom(const QString &text)
{
    const QString line = text.trimmed();
    if (line.contains(QLatin1String("oauth_verifier="))) {
        const QUrl url(line);
        const QUrlQuery query(url.hasQuery() ? url.query() : line);
        const QString value =
            query.queryItemValue(QStringLiteral("oauth_verifier"), QUrl::FullyDecoded);
        if (!value.isEmpty())
            return value;
    }
    return line;
}

bool BrowserSignIn::isWaitingForVerifier() const
{
    return m_running && m_oauth1 && m_oauth1->isWaitingForVerifier();
}

void BrowserSignIn::start(BrowserSignInRequest request)
{
    drop();
    const quint64 run = ++m_run;
    m_request = std::move(request);
    m_running = true;
    m_succeeded = false;
    m_problem.clear();
    m_problemField = Field::None;
    m_error = ApiError();
    m_secrets.clear();
    m_authorizeUrl.clear();

    const ConnectionProfile &profile = m_request.profile;
    const QUrl &url = profile.baseUrl;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        finishLater(run, Field::BaseUrl,
                    tr("Enter the address of your Jira server first, starting with https://."));
        return;
    }
    if (profile.authKind == AuthKind::OAuth1 &&
        (profile.consumerKey.isEmpty() || profile.privateKeyFile.isEmpty())) {
        finishLater(run, Field::Secret,
                    tr("Enter the consumer key and choose the private key file first."));
        return;
    }
    if (profile.authKind == AuthKind::OAuth2 && profile.oauth2ClientId.isEmpty()) {
        finishLater(run, Field::Secret, tr("Enter the client ID first."));
        return;
    }
    // The dance's answers are tokens (and OAuth 2.0 sends the client secret): over plain
    // http:// to another computer only with the consent the connection test asks for.
    if (plainhttp::needsConsent(profile)) {
        finishLater(run, Field::BaseUrl,
                    tr("This address starts with http://, so the sign-in would travel "
                       "unencrypted and anyone on the way could read it. Use https:// if the "
                       "server offers it, or press “Test connection” to decide."));
        return;
    }
    if (profile.authKind != AuthKind::OAuth1 && profile.authKind != AuthKind::OAuth2) {
        finishLater(run, Field::None, tr("This sign-in method needs no browser."));
        return;
    }
    // The same settings (pin, CA file, timeout) as the connections of this profile will use.
    auto *resolver = new ConnectionResolver(profile, m_secretStore, m_network, this);
    resolver->setPurpose(ConnectionResolver::Purpose::ServerOnly);
    m_resolver = resolver;
    connect(resolver, &ConnectionResolver::finished, this,
            [this, resolver, run] { onResolved(resolver, run); });
    resolver->start();
}

void BrowserSignIn::onResolved(ConnectionResolver *resolver, quint64 run)
{
    resolver->deleteLater();
    if (run != m_run)
        return;
    m_resolver.clear();
    if (!resolver->succeeded()) {
        fail(Field::CaFile, ConnectionCheck::asSentence(resolver->errorString()));
        return;
    }
    const ConnectionSettings settings = resolver->connection()->settings();
    if (m_request.profile.authKind == AuthKind::OAuth1)
        startOAuth1(settings);
    else
        startOAuth2(settings);
}

void BrowserSignIn::startOAuth1(const ConnectionSettings &settings)
{
    const OAuth1ConsumerFiles consumer{m_request.profile.consumerKey,
                                       m_request.profile.privateKeyFile};
    QString keyError;
    const std::optional<OAuth1Signer> signer = consumer.loadSigner(&keyError);
    if (!signer) {
        fail(Field::Secret, ConnectionCheck::asSentence(keyError));
        return;
    }
    auto *authorizer = new OAuth1Authorizer(m_network, settings, *signer, this);
    m_oauth1 = authorizer;
    connect(authorizer, &OAuth1Authorizer::authorizeUrlReady, this, [this](const QUrl &url) {
        m_authorizeUrl = url;
        emit authorizeUrlReady(url);
    });
    connect(authorizer, &OAuth1Authorizer::finished, this, &BrowserSignIn::onOAuth1Finished);
    authorizer->start();
}

void BrowserSignIn::startOAuth2(const ConnectionSettings &settings)
{
    OAuth2Authorizer::Options options;
    options.client = OAuth2ClientKeys{m_request.profile.oauth2ClientId, m_request.clientSecret};
    options.scope = m_request.scope;
    options.redirectPort = m_request.redirectPort;
    auto *authorizer = new OAuth2Authorizer(m_network, settings, options, this);
    m_oauth2 = authorizer;
    authorizer->start();
    connect(authorizer, &OAuth2Authorizer::authorizeUrlReady, this, [this](const QUrl &url) {
        m_authorizeUrl = url;
        emit authorizeUrlReady(url);
    });
    connect(authorizer, &OAuth2Authorizer::finished, this, &BrowserSignIn::onOAuth2Finished);
}

void BrowserSignIn::submitVerifier(const QString &text)
{
    if (isWaitingForVerifier())
        m_oauth1->submitVerifier(verifierFrom(text));
}

void BrowserSignIn::onOAuth1Finished()
{
    OAuth1Authorizer *authorizer = m_oauth1;
    if (!authorizer)
        return;
    authorizer->deleteLater();
    m_oauth1.clear();
    if (authorizer->error().isError()) {
        fail(Field::Secret, explain(authorizer->error()), authorizer->error());
        return;
    }
    succeed(secretsOf(authorizer->result()));
}

void BrowserSignIn::onOAuth2Finished()
{
    OAuth2Authorizer *authorizer = m_oauth2;
    if (!authorizer)
        return;
    authorizer->deleteLater();
    m_oauth2.clear();
    if (authorizer->error().isError()) {
        fail(Field::Secret, explain(authorizer->error()), authorizer->error());
        return;
    }
    succeed(secretsOf(authorizer->result(), m_request.clientSecret));
}

QString BrowserSignIn::explain(const ApiError &error) const
{
    switch (error.kind()) {
    case ApiError::Kind::Cancelled:
        return {};
    case ApiError::Kind::Network:
    case ApiError::Kind::Tls:
    case ApiError::Kind::NotFound:
    case ApiError::Kind::MalformedResponse:
        return ConnectionCheck::explain(error, m_request.profile).message;
    case ApiError::Kind::Forbidden:
        return tr("Access was not allowed in the browser, so you are not signed in.");
    case ApiError::Kind::Timeout:
        return tr("The sign-in in the browser did not finish in time. Try again.");
    default:
        break;
    }
    const QString detail = error.userMessage();
    return detail.isEmpty() ? tr("The server refused the sign-in. Try again.")
                            : tr("The server refused the sign-in: %1").arg(detail);
}

void BrowserSignIn::cancel()
{
    if (!m_running)
        return;
    drop();
    const quint64 run = ++m_run;
    m_error = ApiError(ApiError::Kind::Cancelled, 0, {});
    QTimer::singleShot(0, this, [this, run] {
        if (run == m_run)
            fail(Field::None, QString(), m_error);
    });
}

void BrowserSignIn::drop()
{
    // Deleting an authorizer stops its listener and its requests; it reports nothing more.
    if (m_resolver)
        delete m_resolver.data();
    if (m_oauth1) {
        disconnect(m_oauth1, nullptr, this, nullptr);
        m_oauth1->cancel();
        m_oauth1->deleteLater();
    }
    if (m_oauth2) {
        disconnect(m_oauth2, nullptr, this, nullptr);
        m_oauth2->cancel();
        m_oauth2->deleteLater();
    }
    m_oauth1.clear();
    m_oauth2.clear();
}

void BrowserSignIn::fail(Field field, const QString &problem, const ApiError &error)
{
    if (!m_running)
        return;
    m_running = false;
    m_succeeded = false;
    m_problemField = field;
    m_problem = problem;
    m_error = error;
    emit finished();
}

void BrowserSignIn::finishLater(quint64 run, Field field, const QString &problem)
{
    QTimer::singleShot(0, this, [this, run, field, problem] {
        if (run == m_run)
            fail(field, problem);
    });
}

void BrowserSignIn::succeed(SecretWriter::Secrets secrets)
{
    if (!m_running)
        return;
    m_running = false;
    m_succeeded = true;
    m_secrets = std::move(secrets);
    emit finished();
}

} // namespace accessdesk
