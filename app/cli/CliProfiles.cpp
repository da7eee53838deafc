// accessdesk-cli commands that stay on this machine: profiles and the activity log.
#include "cli/CliApp.h"

#include "secrets/SecretJob.h"
#include "secrets/SecretStore.h"
#include "services/ProfileRemoval.h"
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
        failWith(Usage, QStringLiteral("profiles add needs --server URL"));
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
    // The secret goes to the keychain only, never to the profile file.
    QList<std::pair<SecretKind, QString>> secrets;
    if (!m_options.passwordEnv.isEmpty())
        secrets.append({SecretKind::Password, m_options.passwordEnv});
    if (!m_options.tokenEnv.isEmpty())
        secrets.append({profile.authKind == AuthKind::OAuth2 ? SecretKind::OAuth2AccessToken
                                                             : SecretKind::PersonalToken,
                        m_options.tokenEnv});
    if (!m_options.oauthTokenEnv.isEmpty())
        secrets.append({SecretKind::OAuth1Token, m_options.oauthTokenEnv});
    if (!m_options.oauthSecretEnv.isEmpty())
        secrets.append({SecretKind::OAuth1TokenSecret, m_options.oauthSecretEnv});
    if (!m_options.clientSecretEnv.isEmpty())
        secrets.append({SecretKind::OAuth2ClientSecret, m_options.clientSecretEnv});

    // Every secret must be at hand before anything is saved: a failed add leaves nothing behind.
    QList<QByteArray> values;
    for (const auto &[kind, envVar] : secrets) {
        const QByteArray value = qgetenv(envVar.toLocal8Bit().constData());
        if (value.isEmpty()) {
            failWith(Usage, QStringLiteral("the environment variable %1 is not set").arg(envVar));
            return;
        }
        values.append(value);
    }
    QStringList problems;
    ProfileStore store(*m_settings);
    if (!store.save(profile, ProfileStore::SaveMode::CreateOrReplace, &problems)) {
        failWith(Usage, QStringLiteral("the profile was not saved: ") +
                            problems.join(QStringLiteral("; ")));
        return;
    }

    auto pending = std::make_shared<int>(int(secrets.size()));
    auto keychainFailed = std::make_shared<QString>();
    auto done = [this, name, pending, keychainFailed] {
        if (--*pending > 0)
            return;
        if (!keychainFailed->isEmpty()) {
            failWith(
                AuthRefused,
                QStringLiteral("profile \"%1\" was saved, but its secret was not saved (%2); "
                               "give the secret through the environment when you use the profile.")
                    .arg(name, *keychainFailed));
            return;
        }
        m_out << "Saved profile \"" << name << "\".\n";
        finish(Success);
    };
    if (secrets.isEmpty()) {
        *pending = 1;
        done();
        return;
    }
    for (qsizetype i = 0; i < secrets.size(); ++i) {
        SecretJob *job = m_secrets->writeSecret(SecretKey{name, secrets.at(i).first}, values.at(i));
        connect(job, &SecretJob::finished, this, [job, done, keychainFailed] {
            // Without a keychain the store already said why (keychainUnavailable): say it once.
            if (job->isMemoryOnly() || job->error() == SecretJob::Error::KeychainUnavailable)
                *keychainFailed = QStringLiteral("no keychain is available");
            else if (job->error() != SecretJob::Error::NoError)
                *keychainFailed = job->errorString().trimmed();
            done();
        });
    }
}

void CliApp::profilesList()
{
    CommandOutput output;
    output.columns = {QStringLiteral("name"), QStringLiteral("server"), QStringLiteral("auth"),
                      QStringLiteral("user"), QStringLiteral("pinned certificate")};
    output.emptyMessage =
        QStringLiteral("No profiles yet: add one with 'profiles add NAME --server URL ...'.");
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
            m_out << "Removed profile \"" << name << "\" and its secrets.\n";
            finish(Success);
            return;
        case ProfileRemoval::Error::UnknownProfile:
            failWith(Usage, QStringLiteral("there is no profile named \"%1\"").arg(name));
            return;
        case ProfileRemoval::Error::KeychainRefused:
            failWith(AuthRefused,
                     QStringLiteral("the keychain refused to remove the secrets of \"%1\": %2")
                         .arg(name, removal->keychainError()));
            return;
        case ProfileRemoval::Error::SettingsNotWritten:
            failWith(ServerError, QStringLiteral("the profile file could not be written"));
            return;
        }
    });
    removal->start();
}

void CliApp::activityList(bool csv)
{
    if (!openActivityLog())
        return;
    ActivityFilter filter;
    filter.profile = m_options.profile;
    const QList<ActivityEntry> entries = m_activity->entries(filter);
    if (csv || m_options.format == OutputFormat::Csv) {
        m_out << QString::fromUtf8(ActivityLog::toCsv(entries));
        finish(Success);
        return;
    }
    CommandOutput output;
    output.columns = {QStringLiteral("time"),    QStringLiteral("profile"),
                      QStringLiteral("server"),  QStringLiteral("user"),
                      QStringLiteral("action"),  QStringLiteral("target"),
                      QStringLiteral("outcome"), QStringLiteral("error")};
    output.emptyMessage = QStringLiteral("Nothing has been changed from this machine yet.");
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
