#include "secrets/SecretJob.h"

#include <QMetaObject>

namespace accessdesk {

SecretJob::SecretJob(Operation operation, SecretKey key, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
    , m_key(std::move(key))
{}

SecretJob::~SecretJob()
{
    // Do not leave a copy of the secret in freed memory longer than needed.
    m_value.fill('\0');
}

void SecretJob::setFailure(Error error, const QString &message)
{
    m_error = error;
    m_errorString = message;
}

void SecretJob::setValue(const QByteArray &value)
{
    m_value = value;
    m_found = true;
}

void SecretJob::finishLater()
{
    if (m_finishQueued)
        return;
    m_finishQueued = true;
    // Queued even when the answer is already known, so callers can connect after the store call
    // returned and the job never reports from inside that call.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_finished = true;
            Q_EMIT finished();
            if (m_autoDelete)
                deleteLater();
        },
        Qt::QueuedConnection);
}

} // namespace accessdesk
