#include "ConnectionTester.h"

#include "api/ServerConnection.h"
#include "auth/BasicCredentials.h"
#include "auth/BearerCredentials.h"
#include "secrets/SecretJob.h"
#include "secrets/SecretStore.h"
#include "storage/ProfileStore.h"

#include <QFileInfo>
#include <QSslCertificate>
#include <QTimer>
#include <QUuid>

namespace accessdesk {

namespace {

QString secretWord(AuthKind kind)
{
    return kind == AuthKind::PersonalToken ? ConnectionCheck::tr("personal access token")
                                           : ConnectionCheck::tr("password");
}

ConnectionCheck failure(ConnectionCheck::Field field, const QString &message,
                        const ApiError &error = {})
{
    ConnectionCheck check;
    check.field = field;
    check.message = message;
    check.error = error;
    return check;
}

QList<QSslCertificate> caCertificatesOf(const QString &file)
{
    return file.isEmpty() ? QList<QSslCertificate>() : QSslCertificate::fromPath(file, QSsl::Pem);
}

} // namespace

bool ConnectionCheck::canTrustCertificate() const
{
    return error.kind() == ApiError::Kind::Tls && !error.certificate().isNull();
}

SecretKind ConnectionCheck::secretKindFor(AuthKind kind)
{
    return kind == AuthKind::PersonalToken ? SecretKind::PersonalToken : SecretKind::Password;
}

std::optional<ConnectionCheck> ConnectionCheck::checkLocally(const ConnectionDraft &draft)
{
    const ConnectionProfile &profile = draft.profile;
    const QUrl &url = profile.baseUrl;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return failure(Field::BaseUrl, tr("Enter the address of your Jira server, starting with "
                                          "https:// — for example https://jira.example.com"));
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return failure(Field::BaseUrl,
                       tr("Enter only the server's address, without a user name, “?…” or “#…” "
                          "— for example https://jira.example.com/jira"));
    if (profile.authKind != AuthKind::Basic && profile.authKind != AuthKind::PersonalToken)
        return failure(Field::None, tr("This sign-in method can be set up only with accessdesk-cli "
                                       "for now (see “accessdesk-cli profiles add”)."));
    if (profile.authKind == AuthKind::Basic && profile.username.trimmed().isEmpty())
        return failure(Field::UserName, tr("Enter your Jira user name."));
    if (draft.secret.isEmpty() && !draft.editing)
        return failure(Field::Secret, tr("Enter your %1.").arg(secretWord(profile.authKind)));
    if (profile.timeoutSeconds <= 0)
        return failure(Field::Timeout, tr("The timeout must be at least one second."));
    if (!profile.caFile.isEmpty() && caCertificatesOf(profile.caFile).isEmpty()) {
        return failure(Field::CaFile,
                       QFileInfo(profile.caFile).isReadable()
                           ? tr("This file holds no certificate in PEM format (text starting with "
                                "“-----BEGIN CERTIFICATE-----”).")
                           : tr("This file cannot be read. Choose the CA certificate file again."));
    }
    return std::nullopt;
}

ConnectionCheck ConnectionCheck::explain(const ApiError &error, const ConnectionProfile &profile)
{
    const QString host = profile.baseUrl.host();
    const QString detail = error.serverMessage().isEmpty()
                               ? QString()
                               : QLatin1Char(' ') + tr("(Details: %1)").arg(error.serverMessage());
    switch (error.kind()) {
    case ApiError::Kind::Network:
        return failure(Field::BaseUrl,
                       tr("AccessDesk could not reach %1. Check the address and that the server "
                          "is running; a firewall or proxy may also be in the way.")
                               .arg(host) +
                           detail,
                       error);
    case ApiError::Kind::Timeout:
        return failure(Field::Timeout,
                       tr("The server did not answer within %n second(s). It may be busy or out "
                          "of reach: try again, or allow more time here.",
                          nullptr, profile.timeoutSeconds),
                       error);
    case ApiError::Kind::Tls:
        if (!error.certificate().isNull())
            return failure(Field::BaseUrl,
                           tr("This computer does not trust the certificate of %1, so nothing "
                              "was sent. Look at the certificate and decide whether to trust it.")
                               .arg(host),
                           error);
        return failure(Field::BaseUrl,
                       tr("A secure connection to %1 could not be set up.").arg(host) + detail,
                       error);
    case ApiError::Kind::Unauthenticated:
        if (error.httpStatus() == 403) // X-Authentication-Denied-Reason (spec 1.9, 2.4)
            return failure(Field::Secret,
                           tr("Jira wants a CAPTCHA because of earlier failed sign-ins. Sign in "
                              "once in a web browser and solve it, then try again here."),
                           error);
        if (profile.authKind == AuthKind::PersonalToken)
            return failure(Field::Secret,
                           tr("The server did not accept this personal access token. It may be "
                              "mistyped, expired or revoked; create a new one in Jira under "
                              "your profile → Personal Access Tokens."),
                           error);
        return failure(Field::Secret,
                       tr("The user name or password is wrong. Check both and try again (after "
                          "several failed tries Jira asks for a CAPTCHA in the browser)."),
                       error);
    case ApiError::Kind::NotFound:
    case ApiError::Kind::MalformedResponse:
        return failure(Field::BaseUrl,
                       tr("Something answers at this address, but not a Jira server. Use the "
                          "address you see in the browser before “/secure/…”, including a path "
                          "such as /jira if there is one."),
                       error);
    default:
        return failure(Field::None, error.userMessage(), error);
    }
}

ConnectionTester::ConnectionTester(ProfileStore &profiles, SecretStore *secrets,
                                   QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_network(network)
{
    Q_ASSERT(m_secrets && m_network);
}

ConnectionTester::~ConnectionTester()
{
    // No signals from here: the owner may be half destroyed already.
    ++m_run;
    delete m_probe.data();
    m_connection.reset();
    m_secret.fill(QLatin1Char(' '));
}

void ConnectionTester::test(const ConnectionDraft &draft)
{
    begin(Operation::Test, draft);
}

void ConnectionTester::save(const ConnectionDraft &draft)
{
    begin(Operation::Save, draft);
}

void ConnectionTester::cancel()
{
    ++m_run;
    delete m_probe.data();
    m_connection.reset();
    m_secret.fill(QLatin1Char(' '));
    m_secret.clear();
    setBusy(false);
}

void ConnectionTester::begin(Operation operation, const ConnectionDraft &draft)
{
    cancel();
    m_operation = operation;
    m_draft = draft;
    m_draft.profile.pinnedCertificateSha256 =
        normalisedSha256(draft.profile.pinnedCertificateSha256);
    setBusy(true);
    if (auto problem = ConnectionCheck::checkLocally(m_draft)) {
        finishLater(*problem);
        return;
    }
    if (operation == Operation::Save) {
        const auto mode = m_draft.editing ? ProfileStore::SaveMode::CreateOrReplace
                                          : ProfileStore::SaveMode::CreateOnly;
        const QStringList problems = m_profiles.validate(m_draft.profile, mode);
        if (!problems.isEmpty()) {
            // Problems that all go away under another name are about the name: show them there.
            ConnectionProfile renamed = m_draft.profile;
            renamed.name = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const bool aboutName = m_profiles.validate(renamed, mode).isEmpty();
            finishLater(
                failure(aboutName ? ConnectionCheck::Field::Name : ConnectionCheck::Field::None,
                        problems.join(QLatin1Char('\n'))));
            return;
        }
    }
    withSecret([this](const QString &secret) { probe(secret); });
}

void ConnectionTester::withSecret(const std::function<void(const QString &)> &then)
{
    if (!m_draft.secret.isEmpty()) {
        then(m_draft.secret);
        return;
    }
    // Editing with the secret field left empty: test with the stored one, never showing it.
    const AuthKind kind = m_draft.profile.authKind;
    SecretJob *job = m_secrets->readSecret(
        SecretKey{m_draft.profile.name, ConnectionCheck::secretKindFor(kind)});
    connect(job, &SecretJob::finished, this, [this, job, then, kind, run = m_run] {
        if (run != m_run)
            return;
        if (job->hasError() && job->error() != SecretJob::Error::KeychainUnavailable) {
            finish(failure(ConnectionCheck::Field::Secret,
                           ConnectionCheck::tr("The keychain did not give the stored %1 (%2). "
                                               "Type it again.")
                               .arg(secretWord(kind), job->errorString())));
        } else if (!job->found()) {
            finish(failure(ConnectionCheck::Field::Secret,
                           ConnectionCheck::tr("No %1 is stored for this profile on this computer.")
                               .arg(secretWord(kind))));
        } else {
            then(QString::fromUtf8(job->value()));
        }
    });
}

void ConnectionTester::probe(const QString &secret)
{
    m_secret = secret;
    const ConnectionProfile &profile = m_draft.profile;
    ConnectionSettings settings;
    settings.baseUrl = profile.baseUrl;
    settings.pinnedSha256 = profile.pinnedCertificateSha256;
    settings.caCertificates = caCertificatesOf(profile.caFile);
    settings.timeoutMs = profile.timeoutSeconds * 1000;
    std::shared_ptr<const Credentials> credentials;
    if (profile.authKind == AuthKind::PersonalToken)
        credentials = std::make_shared<BearerCredentials>(secret, AuthKind::PersonalToken);
    else
        credentials = std::make_shared<BasicCredentials>(profile.username, secret);
    m_connection = std::make_unique<ServerConnection>(m_network, settings, credentials);
    // A cookie an earlier test left for this server (Jira may answer any request with a session
    // cookie) would make the server see that test's user instead of the one typed here.
    m_connection->forgetServerCookies();
    // The network manager keeps connections whose certificate was accepted (or refused) under
    // another pin; a changed pin must not ride on them.
    if (m_lastPin != profile.pinnedCertificateSha256) {
        m_connection->pinCertificate(profile.pinnedCertificateSha256);
        m_lastPin = profile.pinnedCertificateSha256;
    }
    startProbe();
}

void ConnectionTester::startProbe()
{
    auto *job = new ProbeJob(m_connection.get(), this);
    m_probe = job;
    connect(job, &ProbeJob::finished, this, [this, job] { onProbed(job); });
    job->start();
}

void ConnectionTester::trustCertificate(const CertificateInfo &certificate)
{
    const QString pin = normalisedSha256(certificate.sha256);
    if (!m_connection || m_busy || pin.size() != 64)
        return;
    ++m_run;
    setBusy(true);
    m_draft.profile.pinnedCertificateSha256 = pin;
    m_connection->pinCertificate(pin);
    m_lastPin = pin;
    startProbe();
}

void ConnectionTester::onProbed(ProbeJob *job)
{
    job->deleteLater();
    if (job != m_probe)
        return;
    m_probe.clear();
    if (job->error().isError()) {
        finish(ConnectionCheck::explain(job->error(), m_draft.profile));
        return;
    }
    if (m_operation == Operation::Save) {
        storeSecret(job->report());
        return;
    }
    finish(success(job->report()));
}

ConnectionCheck ConnectionTester::success(const ProbeReport &report) const
{
    ConnectionCheck check;
    check.accepted = true;
    check.report = report;
    const QString server = report.server.serverTitle.isEmpty() ? m_draft.profile.baseUrl.host()
                                                               : report.server.serverTitle;
    const QString user =
        report.user.displayName.isEmpty() ? report.user.name : report.user.displayName;
    check.message = ConnectionCheck::tr("Connected to %1 (Jira %2) as %3.")
                        .arg(server, report.server.version, user);
    return check;
}

void ConnectionTester::storeSecret(const ProbeReport &report)
{
    if (m_draft.secret.isEmpty()) { // kept the stored one
        storeProfile(report, m_secrets->isMemoryOnly());
        return;
    }
    const AuthKind kind = m_draft.profile.authKind;
    SecretJob *job = m_secrets->writeSecret(
        SecretKey{m_draft.profile.name, ConnectionCheck::secretKindFor(kind)},
        m_draft.secret.toUtf8());
    connect(job, &SecretJob::finished, this, [this, job, kind, report, run = m_run] {
        if (run != m_run)
            return;
        // KeychainUnavailable still kept the secret, in memory for this run.
        if (job->hasError() && job->error() != SecretJob::Error::KeychainUnavailable) {
            finish(failure(ConnectionCheck::Field::Secret,
                           ConnectionCheck::tr("The keychain did not store the %1 (%2), so "
                                               "nothing was saved.")
                               .arg(secretWord(kind), job->errorString())));
            return;
        }
        storeProfile(report, job->isMemoryOnly() || m_secrets->isMemoryOnly());
    });
}

void ConnectionTester::storeProfile(const ProbeReport &report, bool memoryOnly)
{
    // A token carries its user; record who the server said it is, for the profile list.
    if (m_draft.profile.authKind == AuthKind::PersonalToken)
        m_draft.profile.username = report.user.name;
    const ConnectionProfile &profile = m_draft.profile;
    const std::optional<ConnectionProfile> before = m_profiles.find(profile.name);
    const auto mode = m_draft.editing ? ProfileStore::SaveMode::CreateOrReplace
                                      : ProfileStore::SaveMode::CreateOnly;
    QStringList problems;
    if (!m_profiles.save(profile, mode, &problems)) {
        // A new profile leaves no secret behind when it could not be saved.
        if (!m_draft.editing)
            m_secrets->deleteAllFor(profile.name);
        finish(failure(ConnectionCheck::Field::None, problems.join(QLatin1Char('\n'))));
        return;
    }
    // Switching between password and token: the other one is of no use any more.
    if (before && ConnectionCheck::secretKindFor(before->authKind) !=
                      ConnectionCheck::secretKindFor(profile.authKind))
        m_secrets->deleteSecret(
            SecretKey{profile.name, ConnectionCheck::secretKindFor(before->authKind)});

    ConnectionCheck check = success(report);
    check.saved = true;
    if (memoryOnly)
        check.notice =
            ConnectionCheck::tr("The profile was saved, but no keychain is available, so "
                                "the %1 is kept only until AccessDesk quits; you will "
                                "be asked for it again next time.")
                .arg(secretWord(profile.authKind));
    finish(check);
}

void ConnectionTester::finish(ConnectionCheck check)
{
    m_result = std::move(check);
    setBusy(false);
    emit finished();
}

void ConnectionTester::finishLater(ConnectionCheck check)
{
    // Like the jobs, never report from inside the call that started the operation.
    QTimer::singleShot(0, this, [this, check, run = m_run] {
        if (run == m_run)
            finish(check);
    });
}

void ConnectionTester::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace accessdesk
