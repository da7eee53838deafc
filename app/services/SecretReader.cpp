#include "services/SecretReader.h"

#include "secrets/SecretJob.h"
#include "secrets/SecretStore.h"

#include <QTimer>

// The messages are accessdesk-cli's contract wording (its Python suite checks them); the desktop
// app words the few it shows itself (ConnectionCheck, AppSession).

namespace accessdesk {

SecretReader::SecretReader(SecretStore *store, SecretSource source, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_source(std::move(source))
{}

SecretReader::~SecretReader()
{
    m_value.fill(QLatin1Char(' '));
}

void SecretReader::start()
{
    if (m_started)
        return;
    m_started = true;
    // Never report from inside start(): callers may connect to finished() after it.
    QTimer::singleShot(0, this, &SecretReader::read);
}

void SecretReader::read()
{
    const QString &what = m_source.what;
    if (!m_source.envVar.isEmpty()) {
        QByteArray value = qgetenv(m_source.envVar.toLocal8Bit().constData());
        if (value.isEmpty()) {
            finish(ConnectionError::SecretMissing,
                   QStringLiteral("the environment variable %1 (for the %2) is not set")
                       .arg(m_source.envVar, what));
            return;
        }
        m_found = true;
        finish(ConnectionError::None, {}, QString::fromUtf8(value));
        value.fill('\0');
        return;
    }
    if (m_source.profileName.isEmpty()) {
        if (m_absentIsEmpty)
            finish(ConnectionError::None, {});
        else
            finish(ConnectionError::SecretMissing,
                   QStringLiteral("no %1: name an environment variable that holds it (see --help)")
                       .arg(what));
        return;
    }
    readKeychain();
}

void SecretReader::readKeychain()
{
    SecretJob *job = m_store->readSecret(SecretKey{m_source.profileName, m_source.kind});
    connect(job, &SecretJob::finished, this, [this, job] {
        const QString &what = m_source.what;
        m_keychainError = job->errorString();
        if (job->error() == SecretJob::Error::KeychainUnavailable) {
            // The keychain's own words only: the sentence around them (kept in memory for
            // this run) is about saving, not about this read.
            const QString detail = m_store->unavailableDetail().isEmpty()
                                       ? job->errorString()
                                       : m_store->unavailableDetail();
            finish(ConnectionError::KeychainUnavailable,
                   QStringLiteral("no keychain is available (%1), so the profile's %2 cannot be "
                                  "read; give it through the environment instead")
                       .arg(detail, what));
        } else if (job->error() != SecretJob::Error::NoError) {
            finish(ConnectionError::KeychainRefused,
                   QStringLiteral("the keychain refused to give the %1: %2")
                       .arg(what, job->errorString()));
        } else if (!job->found()) {
            if (m_absentIsEmpty)
                finish(ConnectionError::None, {});
            else
                finish(ConnectionError::NotInKeychain,
                       QStringLiteral("profile \"%1\" has no %2 in the keychain; add it again with "
                                      "profiles add")
                           .arg(m_source.profileName, what));
        } else {
            m_found = true;
            finish(ConnectionError::None, {}, QString::fromUtf8(job->value()));
        }
    });
}

void SecretReader::finish(ConnectionError error, const QString &message, const QString &value)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_errorString = message;
    m_value = value;
    emit finished();
}

} // namespace accessdesk
