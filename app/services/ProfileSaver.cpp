#include "services/ProfileSaver.h"

#include "secrets/SecretJob.h"
#include "secrets/SecretStore.h"
#include "services/PlainHttpRule.h"

#include <QTimer>

#include <algorithm>
#include <memory>

namespace accessdesk {

ProfileSaver::ProfileSaver(ProfileStore &profiles, SecretStore *secrets,
                           QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_probe(new ProfileProbe(secrets, network, this))
{}

ProfileSaver::~ProfileSaver()
{
    ++m_run;
    for (auto &[kind, value] : m_request.secrets)
        value.fill(QLatin1Char(' '));
}

QList<SecretKind> ProfileSaver::signInSecrets(AuthKind kind)
{
    switch (kind) {
    case AuthKind::Basic:
    case AuthKind::Session:
        return {SecretKind::Password};
    case AuthKind::PersonalToken:
        return {SecretKind::PersonalToken};
    case AuthKind::OAuth1:
        return {SecretKind::OAuth1Token, SecretKind::OAuth1TokenSecret};
    case AuthKind::OAuth2:
        return {SecretKind::OAuth2AccessToken};
    }
    return {};
}

void ProfileSaver::cancel()
{
    ++m_run;
    m_probe->cancel();
    delete m_writer.data();
    m_busy = false;
}

void ProfileSaver::save(ProfileSaveRequest request)
{
    cancel();
    m_request = std::move(request);
    m_request.profile.pinnedCertificateSha256 =
        normalisedSha256(m_request.profile.pinnedCertificateSha256);
    m_before = m_profiles.find(m_request.profile.name);
    m_failedAt = Step::None;
    m_profileProblems.clear();
    m_secretOutcome = SecretWriter::Outcome::Stored;
    m_secretProblem.clear();
    m_busy = true;
    const quint64 run = m_run;

    m_profileProblems = m_profiles.validate(m_request.profile, m_request.mode);
    if (!m_profileProblems.isEmpty()) {
        // Never report from inside save(): the caller may connect to finished() after it.
        QTimer::singleShot(0, this, [this, run] {
            if (run == m_run)
                fail(Step::CheckProfile);
        });
        return;
    }
    bool everySecretGiven = true;
    for (SecretKind kind : signInSecrets(m_request.profile.authKind)) {
        const bool given = std::any_of(m_request.secrets.cbegin(), m_request.secrets.cend(),
                                       [kind](const auto &secret) {
                                           return secret.first == kind && !secret.second.isEmpty();
                                       });
        everySecretGiven = everySecretGiven && given;
    }
    // A stored secret was given for the server it was saved with: a new scheme, host or port
    // may be another party, which must not get it unasked.
    if (m_request.useStoredSecrets && !everySecretGiven && m_before &&
        !plainhttp::sameOrigin(m_before->baseUrl, m_request.profile.baseUrl)) {
        m_profileProblems.append(tr("The server address changed, so the password or token must "
                                    "be entered again: a stored secret is never sent to another "
                                    "server unasked."));
        QTimer::singleShot(0, this, [this, run] {
            if (run == m_run)
                fail(Step::CheckProfile);
        });
        return;
    }
    const bool signIn = everySecretGiven || m_request.useStoredSecrets;
    connect(
        m_probe, &ProfileProbe::finished, this, [this, run] { probed(run); },
        Qt::SingleShotConnection);
    m_probe->start(m_request.profile, m_request.secrets,
                   signIn ? ProfileProbe::Depth::SignIn : ProfileProbe::Depth::ServerOnly,
                   m_request.useStoredSecrets);
}

void ProfileSaver::probed(quint64 run)
{
    if (run != m_run)
        return;
    if (!m_probe->succeeded()) {
        fail(Step::Probe);
        return;
    }
    // A token carries its user: record who the server said it is, for the profile list.
    // Tokens name their user by themselves: record who the server says it is.
    if (signInTested() && (m_request.profile.authKind == AuthKind::PersonalToken ||
                           m_request.profile.authKind == AuthKind::OAuth1 ||
                           m_request.profile.authKind == AuthKind::OAuth2))
        m_request.profile.username = m_probe->report().user.name;
    storeSecrets(run);
}

void ProfileSaver::storeSecrets(quint64 run)
{
    auto *writer = new SecretWriter(m_secrets, m_request.profile.name, m_request.secrets, this);
    writer->setRememberPrevious(true);
    m_writer = writer;
    connect(writer, &SecretWriter::finished, this, [this, writer, run] {
        if (run != m_run) {
            writer->deleteLater();
            return;
        }
        m_secretOutcome = writer->outcome();
        m_secretProblem = writer->problem();
        if (m_secretOutcome == SecretWriter::Outcome::Refused) {
            // Some entries may have been written before one was refused: put them back.
            connect(writer, &SecretWriter::rolledBack, this, [this, writer, run] {
                writer->deleteLater();
                if (run == m_run)
                    fail(Step::StoreSecrets);
            });
            writer->rollBack();
            return;
        }
        writeProfile(run, writer);
    });
    writer->start();
}

void ProfileSaver::writeProfile(quint64 run, SecretWriter *writer)
{
    if (m_profiles.save(m_request.profile, m_request.mode, &m_profileProblems)) {
        writer->deleteLater();
        forgetObsoleteSecrets(run);
        return;
    }
    // The profile could not be written: the keychain goes back to what it held before.
    connect(writer, &SecretWriter::rolledBack, this, [this, writer, run] {
        writer->deleteLater();
        if (run == m_run)
            fail(Step::WriteProfile);
    });
    writer->rollBack();
}

void ProfileSaver::forgetObsoleteSecrets(quint64 run)
{
    QList<SecretKind> obsolete;
    // Switching from a password to a token (or the other way): the old secret is of no use any
    // more, and a secret that is not needed should not be kept.
    if (m_before && m_before->authKind != m_request.profile.authKind) {
        const QList<SecretKind> now = signInSecrets(m_request.profile.authKind);
        for (SecretKind kind : signInSecrets(m_before->authKind)) {
            if (!now.contains(kind))
                obsolete.append(kind);
        }
    }
    // Moved to another server without new secrets: the old ones stay behind, never to be sent
    // to the new address (they are asked for again when the profile is used).
    if (m_before && !plainhttp::sameOrigin(m_before->baseUrl, m_request.profile.baseUrl)) {
        for (SecretKind kind : signInSecrets(m_request.profile.authKind)) {
            const bool given = std::any_of(
                m_request.secrets.cbegin(), m_request.secrets.cend(), [kind](const auto &secret) {
                    return secret.first == kind && !secret.second.isEmpty();
                });
            if (!given && !obsolete.contains(kind))
                obsolete.append(kind);
        }
    }
    if (obsolete.isEmpty()) {
        finish();
        return;
    }
    // Reported only once the keychain is done: the CLI exits right after finished().
    auto remaining = std::make_shared<qsizetype>(obsolete.size());
    for (SecretKind kind : obsolete) {
        SecretJob *job = m_secrets->deleteSecret(SecretKey{m_request.profile.name, kind});
        connect(job, &SecretJob::finished, this, [this, run, remaining] {
            if (--*remaining == 0 && run == m_run)
                finish();
        });
    }
}

void ProfileSaver::fail(Step step)
{
    m_failedAt = step;
    finish();
}

void ProfileSaver::finish()
{
    m_busy = false;
    emit finished();
}

} // namespace accessdesk
