// accessdesk-cli commands that stay on this machine: profiles and the activity log.
#include "cli/CliApp.h"

#include "secrets/SecretStore.h"
#include "services/PlainHttpRule.h"
#include "services/ProfileRemoval.h"
#include "services/ProfileSaver.h"
#include "storage/ActivityLog.h"
#include "storage/OfflineCache.h"
#include "storage/ProfileStore.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace accessdesk::cli {

void CliApp::profilesAdd(const QString &name)
{
    if (m_options.server.isEmpty()) {
        failWith(Usage, tr("profiles add needs --server URL"));
        return;
    }
    ConnectionProfile profile;
    profile.name = name;
    profile.baseUrl = QUrl(m_options.server);
    profile.authKind =
        authKindFromName(m_options.auth.isEmpty() ? QStringLiteral("basic") : m_options.auth)
            .value_or(AuthKind::Basic);
    profile.username = m_options.user;
    profile.pinnedCertificateSha256 = m_options.pinSha256;
    // Stored absolute: the profile is used later from other folders.
    auto absolute = [](const QString &path) {
        return path.isEmpty() ? path : QFileInfo(path).absoluteFilePath();
    };
    profile.caFile = absolute(m_options.caFile);
    profile.consumerKey = m_options.consumerKey;
    profile.privateKeyFile = absolute(m_options.privateKeyFile);
    profile.oauth2ClientId = m_options.clientId;
    profile.timeoutSeconds = m_options.timeoutSeconds;
    // --allow-http is remembered for this server's address only (PlainHttpRule).
    plainhttp::setConsent(profile, m_options.allowPlainHttp);
    // The secrets go to the keychain only, never to the profile file.
    struct Named
    {
        SecretKind kind;
        QString envVar;
        const char *what;
    };
    const QList<Named> named{
        {SecretKind::Password, m_options.passwordEnv, "password"},
        {profile.authKind == AuthKind::OAuth2 ? SecretKind::OAuth2AccessToken
                                              : SecretKind::PersonalToken,
         m_options.tokenEnv, "token"},
        {SecretKind::OAuth1Token, m_options.oauthTokenEnv, "OAuth access token"},
        {SecretKind::OAuth1TokenSecret, m_options.oauthSecretEnv, "OAuth token secret"},
        {SecretKind::OAuth2ClientSecret, m_options.clientSecretEnv, "OAuth 2.0 client secret"}};
    QList<SecretSource> sources;
    for (const Named &n : named) {
        if (!n.envVar.isEmpty())
            sources.append(SecretSource{n.kind, QString::fromLatin1(n.what), n.envVar, QString()});
    }
    // Every secret must be at hand before anything is tested or saved.
    readSecretsThen(sources, [this, profile](const SecretWriter::Secrets &secrets) {
        ProfileSaveRequest request;
        request.profile = profile;
        request.mode = ProfileStore::SaveMode::CreateOrReplace;
        request.secrets = secrets;
        saveProfile(std::move(request));
    });
}

void CliApp::readSecretsThen(QList<SecretSource> sources,
                             std::function<void(SecretWriter::Secrets)> then,
                             SecretWriter::Secrets read)
{
    if (sources.isEmpty()) {
        then(read);
        return;
    }
    const SecretSource next = sources.takeFirst();
    readSecretThen(next, [this, sources, then, read, kind = next.kind](const QString &value) {
        SecretWriter::Secrets more = read;
        more.append({kind, value});
        readSecretsThen(sources, then, more);
    });
}

void CliApp::saveProfile(ProfileSaveRequest request)
{
    m_profileStore = std::make_unique<ProfileStore>(*m_settings);
    auto *saver = new ProfileSaver(*m_profileStore, m_secrets, &m_network, this);
    connect(saver, &ProfileSaver::finished, this, [this, saver] {
        saver->deleteLater();
        const QString &name = saver->profile().name;
        switch (saver->failedAt()) {
        case ProfileSaver::Step::None:
            break;
        case ProfileSaver::Step::CheckProfile:
        case ProfileSaver::Step::WriteProfile:
            failWith(Usage, tr("the profile was not saved: %1")
                                .arg(saver->profileProblems().join(QStringLiteral("; "))));
            return;
        case ProfileSaver::Step::Probe: {
            const ProfileProbe &probe = saver->probe();
            if (probe.setupError() != ConnectionError::None &&
                probe.setupError() != ConnectionError::LoginRefused)
                failConnecting(probe.setupError(), probe.setupErrorString(), probe.apiError());
            else
                fail(probe.apiError());
            m_err << "accessdesk-cli: " << tr("nothing was saved.") << '\n';
            m_err.flush();
            return;
        }
        case ProfileSaver::Step::StoreSecrets:
            failWith(AuthRefused, tr("the keychain refused to store the secret (%1), so profile "
                                     "\"%2\" was not saved")
                                      .arg(saver->secretProblem(), name));
            return;
        }
        if (saver->secretOutcome() == SecretWriter::Outcome::MemoryOnly) {
            const QString detail = m_secrets->unavailableDetail();
            m_keychainNotice.clear(); // said here, for this secret
            failWith(AuthRefused,
                     detail.isEmpty()
                         ? tr("profile \"%1\" was saved, but its secret was not saved (%2); "
                              "give the secret through the environment when you use the profile.")
                               .arg(name, saver->secretProblem())
                         : tr("profile \"%1\" was saved, but no keychain is available (%2), so its "
                              "secret was not saved; give the secret through the environment when "
                              "you use the profile.")
                               .arg(name, detail));
            return;
        }
        m_out << tr("Saved profile \"%1\".").arg(name) << '\n';
        if (!saver->signInTested()) {
            //: %1 is the sign-in kind: basic, pat, session, oauth1 or oauth2
            m_err << "accessdesk-cli: "
                  << tr("the server answers; signing in was not tested, because no secret for %1 "
                        "was given (it will be asked for when the profile is used).")
                         .arg(authKindName(saver->profile().authKind))
                  << '\n';
            m_err.flush();
        }
        finish(Success);
    });
    saver->save(std::move(request));
}

void CliApp::profilesList()
{
    CommandOutput output;
    output.columns = {QStringLiteral("name"), QStringLiteral("server"), QStringLiteral("auth"),
                      QStringLiteral("user"), QStringLiteral("pinned certificate")};
    output.emptyMessage = tr("No profiles yet: add one with 'profiles add NAME --server URL ...'.");
    QJsonArray array;
    for (const ConnectionProfile &profile : ProfileStore(*m_settings).profiles()) {
        output.rows.append({profile.name, profile.baseUrl.toString(),
                            authKindName(profile.authKind), profile.username,
                            profile.pinnedCertificateSha256.isEmpty()
                                ? QStringLiteral("-")
                                : profile.pinnedCertificateSha256.left(16) + QChar(0x2026)});
        array.append(
            QJsonObject{{QStringLiteral("name"), profile.name},
                        {QStringLiteral("server"), profile.baseUrl.toString()},
                        {QStringLiteral("auth"), authKindName(profile.authKind)},
                        {QStringLiteral("user"), profile.username},
                        {QStringLiteral("pinnedSha256"), profile.pinnedCertificateSha256}});
    }
    output.json = QJsonDocument(array);
    print(output);
    finish(Success);
}

void CliApp::profilesRemove(const QString &name)
{
    // The database holds the profile's cached lists, which go with it.
    if (!openActivityLog())
        return;
    m_profileStore = std::make_unique<ProfileStore>(*m_settings);
    m_offlineCache = std::make_unique<OfflineCache>(*m_database);
    auto *removal =
        new ProfileRemoval(name, *m_profileStore, m_secrets, m_offlineCache.get(), this);
    connect(removal, &ProfileRemoval::finished, this, [this, removal] {
        removal->deleteLater();
        const QString &name = removal->name();
        switch (removal->error()) {
        case ProfileRemoval::Error::None:
            m_out << tr("Removed profile \"%1\" and its secrets.").arg(name) << '\n';
            finish(Success);
            return;
        case ProfileRemoval::Error::UnknownProfile:
            failWith(Usage, tr("there is no profile named \"%1\"").arg(name));
            return;
        case ProfileRemoval::Error::KeychainRefused:
            failWith(AuthRefused, tr("the keychain refused to remove the secrets of \"%1\": %2")
                                      .arg(name, removal->keychainError()));
            return;
        case ProfileRemoval::Error::SettingsNotWritten:
            failWith(ServerError, tr("the profile file could not be written"));
            return;
        }
    });
    removal->start();
}

void CliApp::activityList(bool csv)
{
    if (!openActivityLog(false))
        return;
    ActivityFilter filter;
    filter.profile = m_options.profile;
    const QList<ActivityEntry> entries = m_activity->entries(filter);
    if (csv || m_options.format == OutputFormat::Csv) {
        m_out << terminalCsv(ActivityLog::toCsv(entries));
        finish(Success);
        return;
    }
    CommandOutput output;
    output.columns = {QStringLiteral("time"),    QStringLiteral("profile"),
                      QStringLiteral("server"),  QStringLiteral("user"),
                      QStringLiteral("action"),  QStringLiteral("target"),
                      QStringLiteral("outcome"), QStringLiteral("error")};
    output.emptyMessage = tr("Nothing has been changed from this machine yet.");
    QJsonArray array;
    for (const ActivityEntry &e : entries) {
        output.rows.append({e.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                            e.profile, e.serverUrl, e.user, e.action, e.target,
                            activityOutcomeText(e.outcome), e.errorText});
        array.append(
            QJsonObject{{QStringLiteral("time"), e.time.toUTC().toString(Qt::ISODateWithMs)},
                        {QStringLiteral("profile"), e.profile},
                        {QStringLiteral("server"), e.serverUrl},
                        {QStringLiteral("user"), e.user},
                        {QStringLiteral("action"), e.action},
                        {QStringLiteral("target"), e.target},
                        {QStringLiteral("outcome"), activityOutcomeKey(e.outcome)},
                        {QStringLiteral("error"), e.errorText}});
    }
    output.json = QJsonDocument(array);
    print(output);
    finish(Success);
}

} // namespace accessdesk::cli
