#include "services/ConnectionTester.h"

#include "api/CoreJobs.h"
#include "api/ServerConnection.h"
#include "secrets/SecretStore.h"
#include "services/PlainHttpRule.h"
#include "storage/ProfileStore.h"

#include <QFileInfo>
#include <QSslCertificate>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace accessdesk {

namespace {

QString secretWord(AuthKind kind)
{
    switch (kind) {
    case AuthKind::PersonalToken:
        return ConnectionCheck::tr("personal access token");
    case AuthKind::OAuth1:
    case AuthKind::OAuth2:
        return ConnectionCheck::tr("access token", "OAuth sign-in, obtained in the browser");
    case AuthKind::Basic:
    case AuthKind::Session:
        break;
    }
    return ConnectionCheck::tr("password");
}

bool signsInWithBrowser(AuthKind kind)
{
    return kind == AuthKind::OAuth1 || kind == AuthKind::OAuth2;
}

// What the user gave for signing in: typed, or obtained in the browser.
bool hasGivenSecret(const ConnectionDraft &draft)
{
    return signsInWithBrowser(draft.profile.authKind) ? !draft.browserSecrets.isEmpty()
                                                      : !draft.secret.isEmpty();
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

// "host:port", the port always named: "could not reach 127.0.0.1" hides that the port was wrong.
QString hostAndPort(const QUrl &url)
{
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(https ? 443 : 80));
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

QString ConnectionCheck::noKeychainNotice()
{
    return tr("No password store is running, so AccessDesk cannot remember passwords. You will "
              "be asked for the password or token each time you start AccessDesk.");
}

QString ConnectionCheck::asSentence(QString clause)
{
    if (clause.isEmpty())
        return clause;
    clause[0] = clause.at(0).toUpper();
    if (!clause.endsWith(QLatin1Char('.')))
        clause += QLatin1Char('.');
    return clause;
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
    if ((profile.authKind == AuthKind::Basic || profile.authKind == AuthKind::Session) &&
        profile.username.trimmed().isEmpty())
        return failure(Field::UserName, tr("Enter your Jira user name."));
    if (profile.authKind == AuthKind::OAuth1 &&
        (profile.consumerKey.isEmpty() || profile.privateKeyFile.isEmpty()))
        return failure(Field::Secret,
                       tr("Enter the consumer key and choose the private key file."));
    if (profile.authKind == AuthKind::OAuth2 && profile.oauth2ClientId.isEmpty())
        return failure(Field::Secret, tr("Enter the client ID."));
    const bool browser = signsInWithBrowser(profile.authKind);
    // Asked before "sign in in the browser first": that sign-in needs the same consent.
    const auto consent = [&]() -> std::optional<ConnectionCheck> {
        if (!plainhttp::needsConsent(profile))
            return std::nullopt;
        ConnectionCheck check = failure(
            Field::BaseUrl,
            tr("This address starts with http://, so the %1 would travel unencrypted and anyone "
               "on the way could read it. Use https:// if the server offers it.")
                .arg(secretWord(profile.authKind)));
        check.needsPlainHttpConsent = true;
        return check;
    };
    if (browser) {
        if (auto check = consent())
            return check;
    }
    if (!hasGivenSecret(draft) && !draft.editing)
        return failure(Field::Secret,
                       browser ? tr("Sign in in the browser first (“Sign in in browser…”).")
                               : tr("Enter your %1.").arg(secretWord(profile.authKind)));
    if (!hasGivenSecret(draft) && draft.editing &&
        !plainhttp::sameOrigin(draft.storedBaseUrl, profile.baseUrl))
        return failure(Field::Secret,
                       browser ? tr("The server address changed: sign in in the browser again, "
                                    "so that the stored tokens are not sent to the new address "
                                    "unasked.")
                               : tr("The server address changed: enter the %1 again, so that "
                                    "the stored one is not sent to the new address unasked.")
                                     .arg(secretWord(profile.authKind)));
    if (auto check = consent())
        return check;
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

bool ConnectionCheck::isPlainHttpAnswer(const ApiError &error, const QUrl &baseUrl)
{
    if (error.kind() != ApiError::Kind::Tls || !error.certificate().isNull() ||
        baseUrl.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0)
        return false;
    // What OpenSSL says when the first bytes back are an HTTP answer rather than a TLS record
    // (OpenSSL 3: "wrong version number"; others: "unexpected message", "packet length too long",
    // "http request").
    static const QLatin1String plainHttpSigns[] = {
        QLatin1String("wrong version number"), QLatin1String("unexpected message"),
        QLatin1String("packet length too long"), QLatin1String("http request"),
        QLatin1String("unknown protocol")};
    for (const QLatin1String &sign : plainHttpSigns) {
        if (error.serverMessage().contains(sign, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool ConnectionCheck::mayBePlainHttp(const ApiError &error, const QUrl &baseUrl)
{
    // A plain http server either answers the TLS hello with HTTP (isPlainHttpAnswer) or simply
    // closes the connection, which looks like any other network failure.
    return baseUrl.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 &&
           (error.kind() == ApiError::Kind::Network ||
            (error.kind() == ApiError::Kind::Tls && error.certificate().isNull()));
}

ConnectionCheck ConnectionCheck::suggestPlainHttp(const ApiError &error,
                                                  const ConnectionProfile &profile)
{
    QUrl http = profile.baseUrl;
    http.setScheme(QStringLiteral("http"));
    ConnectionCheck check = failure(
        Field::BaseUrl,
        tr("The server at %1 answers without encryption, so it does not offer https:// on this "
           "port. Try the address with http:// instead: %2")
            .arg(hostAndPort(profile.baseUrl), http.toString()),
        error);
    check.suggestedBaseUrl = http;
    return check;
}

ConnectionCheck ConnectionCheck::explain(const ApiError &error, const ConnectionProfile &profile)
{
    const QString host = hostAndPort(profile.baseUrl);
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
        if (isPlainHttpAnswer(error, profile.baseUrl))
            return suggestPlainHttp(error, profile);
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
        if (signsInWithBrowser(profile.authKind))
            return failure(Field::Secret,
                           tr("The server did not accept the sign-in from the browser. It may "
                              "have expired or been revoked: sign in in the browser again."),
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
    , m_probe(new ProfileProbe(secrets, network, this))
    , m_saver(new ProfileSaver(profiles, secrets, network, this))
    , m_network(network)
{
    Q_ASSERT(m_secrets && network);
    connect(m_probe, &ProfileProbe::finished, this, &ConnectionTester::onProbed);
    connect(m_saver, &ProfileSaver::finished, this, &ConnectionTester::onSaved);
    connect(m_secrets, &SecretStore::keychainUnavailable, this,
            [this] { emit keychainUnavailable(keychainNotice(), keychainDetails()); });
}

ConnectionTester::~ConnectionTester()
{
    // No signals from here: the owner may be half destroyed already.
    ++m_run;
    delete m_plainCheck.data(); // before the connection it uses goes
    m_draft.secret.fill(QLatin1Char(' '));
}

QString ConnectionTester::keychainNotice() const
{
    return m_secrets->isMemoryOnly() ? ConnectionCheck::noKeychainNotice() : QString();
}

QString ConnectionTester::keychainDetails() const
{
    return m_secrets->isMemoryOnly() ? m_secrets->unavailableReason() : QString();
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
    m_probe->cancel();
    m_saver->cancel();
    delete m_plainCheck.data();
    setBusy(false);
}

void ConnectionTester::begin(Operation operation, const ConnectionDraft &draft)
{
    cancel();
    m_operation = operation;
    m_draft.secret.fill(QLatin1Char(' '));
    m_draft = draft;
    m_draft.profile.pinnedCertificateSha256 =
        normalisedSha256(draft.profile.pinnedCertificateSha256);
    setBusy(true);
    if (auto problem = ConnectionCheck::checkLocally(m_draft)) {
        finishLater(*problem);
        return;
    }
    run();
}

void ConnectionTester::run()
{
    // Editing with the secret field left empty: test with the stored one, never showing it.
    const bool useStored = !hasGivenSecret(m_draft);
    if (m_operation == Operation::Test) {
        m_probe->start(m_draft.profile, draftSecrets(), ProfileProbe::Depth::SignIn, useStored);
        return;
    }
    ProfileSaveRequest request;
    request.profile = m_draft.profile;
    request.mode = m_draft.editing ? ProfileStore::SaveMode::CreateOrReplace
                                   : ProfileStore::SaveMode::CreateOnly;
    request.secrets = draftSecrets();
    request.useStoredSecrets = useStored;
    m_saver->save(std::move(request));
}

SecretWriter::Secrets ConnectionTester::draftSecrets() const
{
    if (signsInWithBrowser(m_draft.profile.authKind))
        return m_draft.browserSecrets;
    return {{ConnectionCheck::secretKindFor(m_draft.profile.authKind), m_draft.secret}};
}

void ConnectionTester::trustCertificate(const CertificateInfo &certificate)
{
    const QString pin = normalisedSha256(certificate.sha256);
    if (m_busy || pin.size() != 64)
        return;
    ++m_run;
    setBusy(true);
    m_draft.profile.pinnedCertificateSha256 = pin;
    run();
}

void ConnectionTester::onProbed()
{
    if (m_operation != Operation::Test || !m_busy)
        return;
    if (m_probe->succeeded())
        finish(success(m_probe->report()));
    else
        finishFailedProbe(failedProbe(*m_probe));
}

void ConnectionTester::onSaved()
{
    if (m_operation != Operation::Save || !m_busy)
        return;
    const QString word = secretWord(m_draft.profile.authKind);
    switch (m_saver->failedAt()) {
    case ProfileSaver::Step::None:
        break;
    case ProfileSaver::Step::CheckProfile: {
        // Problems that all go away under another name are about the name: show them there.
        ConnectionProfile renamed = m_draft.profile;
        renamed.name = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto mode = m_draft.editing ? ProfileStore::SaveMode::CreateOrReplace
                                          : ProfileStore::SaveMode::CreateOnly;
        const bool aboutName = m_profiles.validate(renamed, mode).isEmpty();
        finish(failure(aboutName ? ConnectionCheck::Field::Name : ConnectionCheck::Field::None,
                       m_saver->profileProblems().join(QLatin1Char('\n'))));
        return;
    }
    case ProfileSaver::Step::Probe:
        finishFailedProbe(failedProbe(m_saver->probe()));
        return;
    case ProfileSaver::Step::StoreSecrets:
        finish(failure(ConnectionCheck::Field::Secret,
                       ConnectionCheck::tr("The keychain did not store the %1 (%2), so "
                                           "nothing was saved.")
                           .arg(word, m_saver->secretProblem())));
        return;
    case ProfileSaver::Step::WriteProfile:
        finish(failure(ConnectionCheck::Field::None,
                       m_saver->profileProblems().join(QLatin1Char('\n'))));
        return;
    }
    m_draft.profile = m_saver->profile();
    ConnectionCheck check = success(m_saver->probe().report());
    check.saved = true;
    if (m_saver->secretOutcome() == SecretWriter::Outcome::MemoryOnly)
        check.notice =
            ConnectionCheck::tr("The profile was saved, but no keychain is available, so "
                                "the %1 is kept only until AccessDesk quits; you will "
                                "be asked for it again next time.")
                .arg(word);
    finish(check);
}

void ConnectionTester::finishFailedProbe(ConnectionCheck check)
{
    if (!check.suggestedBaseUrl.isEmpty() ||
        !ConnectionCheck::mayBePlainHttp(check.error, m_draft.profile.baseUrl)) {
        finish(std::move(check));
        return;
    }
    // https:// failed before any certificate was seen: ask the same host and port over plain
    // http:// whether a web server answers there. No credentials go with this request.
    ConnectionSettings settings;
    settings.baseUrl = m_draft.profile.baseUrl;
    settings.baseUrl.setScheme(QStringLiteral("http"));
    settings.timeoutMs = std::min(m_draft.profile.timeoutSeconds * 1000, 5000);
    settings.maxAttempts = 1;
    settings.maxRedirects = 0;
    delete m_plainCheck.data();
    m_plainConnection = std::make_unique<ServerConnection>(m_network, settings, nullptr);
    auto *job = new GetServerInfo(m_plainConnection.get(), this);
    m_plainCheck = job;
    connect(job, &ApiJob::finished, this, [this, job, check, run = m_run] {
        job->deleteLater();
        m_plainCheck.clear(); // deleted later: a new operation started from finished() keeps it
        if (run != m_run)
            return;
        switch (job->error().kind()) {
        case ApiError::Kind::Network:
        case ApiError::Kind::Tls:
        case ApiError::Kind::Timeout:
        case ApiError::Kind::Cancelled:
            finish(check); // nothing answers plain http there either
            return;
        default:
            // Any HTTP answer, Jira's or not: the port speaks http://.
            finish(ConnectionCheck::suggestPlainHttp(check.error, m_draft.profile));
            return;
        }
    });
    job->start();
}

ConnectionCheck ConnectionTester::failedProbe(const ProfileProbe &probe) const
{
    const QString word = secretWord(m_draft.profile.authKind);
    switch (probe.setupError()) {
    case ConnectionError::None:
        return ConnectionCheck::explain(probe.apiError(), m_draft.profile);
    case ConnectionError::NotInKeychain:
    case ConnectionError::KeychainUnavailable:
    case ConnectionError::SecretMissing:
        return failure(
            ConnectionCheck::Field::Secret,
            ConnectionCheck::tr("No %1 is stored for this profile on this computer.").arg(word));
    case ConnectionError::KeychainRefused:
        return failure(ConnectionCheck::Field::Secret,
                       ConnectionCheck::tr("The keychain did not give the stored %1 (%2). "
                                           "Type it again.")
                           .arg(word, probe.keychainError()));
    case ConnectionError::LoginRefused:
        return ConnectionCheck::explain(probe.apiError(), m_draft.profile);
    default:
        return failure(ConnectionCheck::Field::None,
                       ConnectionCheck::asSentence(probe.setupErrorString()));
    }
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
