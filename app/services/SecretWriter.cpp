#include "services/SecretWriter.h"

#include "secrets/SecretJob.h"
#include "secrets/SecretStore.h"

#include <QTimer>

namespace accessdesk {

SecretWriter::SecretWriter(SecretStore *store, QString profileName, Secrets secrets,
                           QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_profileName(std::move(profileName))
{
    for (const auto &[kind, value] : secrets) {
        if (!value.isEmpty())
            m_entries.append(Entry{kind, value.toUtf8(), {}, false});
    }
}

SecretWriter::~SecretWriter()
{
    for (Entry &entry : m_entries) {
        entry.value.fill('\0');
        entry.previous.fill('\0');
    }
}

QList<SecretKind> SecretWriter::writtenKinds() const
{
    QList<SecretKind> kinds;
    for (const Entry &entry : m_entries)
        kinds.append(entry.kind);
    return kinds;
}

void SecretWriter::start()
{
    if (m_started)
        return;
    m_started = true;
    if (m_entries.isEmpty()) {
        QTimer::singleShot(0, this, &SecretWriter::finish);
        return;
    }
    if (m_rememberPrevious)
        readPrevious();
    else
        write();
}

void SecretWriter::readPrevious()
{
    m_pending = int(m_entries.size());
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        SecretJob *job = m_store->readSecret(SecretKey{m_profileName, m_entries.at(i).kind});
        connect(job, &SecretJob::finished, this, [this, job, i] {
            if (job->error() == SecretJob::Error::NoError && job->found()) {
                m_entries[i].previous = job->value();
                m_entries[i].hadPrevious = true;
            }
            // A keychain that cannot be read will not be written either: write() says why.
            if (--m_pending == 0)
                write();
        });
    }
}

void SecretWriter::write()
{
    m_pending = int(m_entries.size());
    for (const Entry &entry : std::as_const(m_entries)) {
        SecretJob *job = m_store->writeSecret(SecretKey{m_profileName, entry.kind}, entry.value);
        connect(job, &SecretJob::finished, this, [this, job] {
            if (job->error() == SecretJob::Error::KeychainUnavailable || job->isMemoryOnly())
                noteProblem(Outcome::MemoryOnly, job->errorString().isEmpty()
                                                     ? m_store->unavailableReason()
                                                     : job->errorString());
            else if (job->hasError())
                noteProblem(Outcome::Refused, job->errorString());
            if (--m_pending == 0)
                finish();
        });
    }
}

void SecretWriter::noteProblem(Outcome outcome, const QString &problem)
{
    // Refused outweighs MemoryOnly; the first words of the worst problem are kept.
    if (outcome == Outcome::Refused && m_outcome != Outcome::Refused) {
        m_outcome = outcome;
        m_problem = problem.trimmed();
    } else if (m_outcome == Outcome::Stored) {
        m_outcome = outcome;
        m_problem = problem.trimmed();
    }
    if (m_problem.isEmpty())
        m_problem = QStringLiteral("no keychain is available");
}

void SecretWriter::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished();
}

void SecretWriter::rollBack()
{
    if (!m_finished || m_entries.isEmpty()) {
        QTimer::singleShot(0, this, &SecretWriter::rolledBack);
        return;
    }
    m_pending = int(m_entries.size());
    for (const Entry &entry : std::as_const(m_entries)) {
        const SecretKey key{m_profileName, entry.kind};
        SecretJob *job = entry.hadPrevious ? m_store->writeSecret(key, entry.previous)
                                           : m_store->deleteSecret(key);
        connect(job, &SecretJob::finished, this, [this] {
            if (--m_pending == 0)
                emit rolledBack();
        });
    }
}

} // namespace accessdesk
