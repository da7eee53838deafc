#include "services/ConsumerInfoFetcher.h"

#include "WebUrl.h"
#include "api/ConsumerJobs.h"

namespace accessdesk {

namespace {

const QString kConsumerInfoPath = QStringLiteral("/plugins/servlet/oauth/consumer-info");

} // namespace

ConsumerInfoFetcher::ConsumerInfoFetcher(QNetworkAccessManager *network, QString remote,
                                         ConnectionSettings settings, QObject *parent)
    : AdminJob(nullptr, nullptr, {}, parent)
    , m_network(network)
    , m_remote(std::move(remote))
    , m_settings(std::move(settings))
{}

ConsumerInfoFetcher::~ConsumerInfoFetcher() = default;

std::optional<QUrl> ConsumerInfoFetcher::baseUrlOf(const QString &remote, QString *problem)
{
    QUrl url;
    switch (webUrl::check(remote.trimmed(), &url)) {
    case webUrl::Problem::None:
        break;
    case webUrl::Problem::NotWeb:
    case webUrl::Problem::NotAbsolute:
    case webUrl::Problem::Fragment:
        *problem = tr("Enter the remote application's address as an absolute http:// or "
                      "https:// URL, such as https://confluence.example.com.");
        return std::nullopt;
    }
    QString path = url.path();
    if (path.endsWith(kConsumerInfoPath))
        path.chop(kConsumerInfoPath.size());
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    url.setQuery(QString());
    url.setUserInfo(QString());
    return url;
}

void ConsumerInfoFetcher::start()
{
    QString problem;
    const auto base = baseUrlOf(m_remote, &problem);
    if (!base) {
        finish(AdminOutcome::local(AdminOutcome::Status::Invalid, problem, {},
                                   {{QStringLiteral("url"), problem}}));
        return;
    }
    m_baseUrl = *base;
    ConnectionSettings settings = m_settings;
    settings.baseUrl = m_baseUrl;
    settings.pinnedSha256.clear();
    // No credentials: consumer-info is anonymous, and the Jira password is not the remote's.
    m_remoteConnection = std::make_unique<ServerConnection>(m_network, settings, nullptr);
    run<GetConsumerInfo>(
        new GetConsumerInfo(m_remoteConnection.get()), [this](GetConsumerInfo &job) {
            if (job.error().isError()) {
                failed(job.error());
                return;
            }
            m_info = job.result();
            m_publicKey = RsaPublicKey::read(m_info.publicKey, &m_publicKeyProblem);
            const QString where = m_baseUrl.toString();
            finish(AdminOutcome::success(
                m_publicKey ? tr("%1 published the consumer “%2” with a %3-bit public key "
                                 "(SHA-256 %4).")
                                  .arg(where, m_info.key)
                                  .arg(m_publicKey->bits())
                                  .arg(m_publicKey->sha256Fingerprint())
                            : tr("%1 published the consumer “%2”, but its public key "
                                 "cannot be used: %3")
                                  .arg(where, m_info.key, m_publicKeyProblem)));
        });
}

void ConsumerInfoFetcher::failed(const ApiError &error)
{
    const QString where = m_baseUrl.toString();
    const QString byHand =
        tr("Check the address, or enter the consumer key, name and public key by hand.");
    AdminOutcome outcome = AdminOutcome::failure(error, tr("Nothing was filled in."));
    switch (error.kind()) {
    case ApiError::Kind::NotFound:
        outcome.message = tr("%1 publishes no OAuth consumer information (%2 answered “not "
                             "found”). It may not be an Atlassian application, or the address "
                             "lacks its context path (such as /jira).")
                              .arg(where, kConsumerInfoPath);
        outcome.nextStep = byHand;
        break;
    case ApiError::Kind::MalformedResponse:
        outcome.message = tr("%1 answered with a web page or another document instead of OAuth "
                             "consumer information, perhaps a login page or a proxy's (%2).")
                              .arg(where, error.serverMessage());
        outcome.nextStep = byHand;
        break;
    case ApiError::Kind::Tls:
        outcome.message =
            tr("The certificate of %1 is not trusted, so its consumer information was not "
               "read.")
                .arg(where);
        if (!error.certificate().isNull())
            outcome.message +=
                QLatin1Char(' ') + tr("Subject: %1; issuer: %2; SHA-256: %3.")
                                       .arg(error.certificate().subject, error.certificate().issuer,
                                            error.certificate().sha256);
        outcome.nextStep = tr("Trust the remote's certificate authority (the CA file option), or "
                              "enter the consumer key, name and public key by hand.");
        break;
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
        outcome.message = tr("%1 could not be reached: %2").arg(where, error.userMessage());
        outcome.nextStep = byHand;
        break;
    case ApiError::Kind::Unauthenticated:
    case ApiError::Kind::Forbidden:
        // consumer-info is anonymous on Atlassian applications: a refusal means something else
        // answers there.
        outcome.message = tr("%1 refused to show its consumer information to an anonymous "
                             "request, which Atlassian applications do not do.")
                              .arg(where);
        outcome.nextStep = byHand;
        outcome.status = AdminOutcome::Status::Failed; // the remote's refusal, not the user's
        break;
    default:
        break;
    }
    finish(outcome);
}

OAuthConsumer ConsumerInfoFetcher::asDraft() const
{
    OAuthConsumer draft;
    draft.key = m_info.key;
    draft.name = m_info.name;
    draft.description = m_info.description;
    draft.callback = m_info.callback;
    draft.publicKey = m_publicKey ? QString::fromLatin1(m_publicKey->pem()) : m_info.publicKey;
    return draft;
}

} // namespace accessdesk
