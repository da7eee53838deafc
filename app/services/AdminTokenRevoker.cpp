#include "services/AdminTokenRevoker.h"

#include "api/PatJobs.h"
#include "storage/ActivityLog.h"

namespace accessdesk {

AdminTokenRevoker::AdminTokenRevoker(ServerConnection *connection, QList<PersonalToken> tokens,
                                     ActivityLog *log, ActivityContext who, ErrorText errorText,
                                     QObject *parent)
    : RecordedJob(connection, log, std::move(who), parent)
    , m_tokens(std::move(tokens))
    , m_errorText(std::move(errorText))
{
    if (!m_errorText)
        m_errorText = [](const ApiError &error) {
            return error.isError() ? error.userMessage() : QString();
        };
}

QString AdminTokenRevoker::describe(const PersonalToken &token)
{
    QString text = QStringLiteral("personal access token “") + token.name +
                   QStringLiteral("” (pat:") + QString::number(token.id) + QLatin1Char(')');
    if (token.owner)
        text += QStringLiteral(" of ") + token.owner->username;
    return text;
}

void AdminTokenRevoker::start()
{
    QList<qint64> ids;
    QList<ActivityRecord> records;
    // One commit for the batch's rows, and it must have succeeded before the request leaves.
    ActivityLog::Batch batch(m_log);
    for (const PersonalToken &token : std::as_const(m_tokens)) {
        ids << token.id;
        const auto record = beginRecord(QStringLiteral("admin-revoke-pat"), describe(token));
        if (record.wasRefused()) {
            // Unrecorded changes are what the log exists to prevent: send nothing.
            m_recordError = m_log->lastError();
            for (const ActivityRecord &begun : std::as_const(records))
                begun.fail(tr("Not sent: the activity record could not be written."));
            batch.commit();
            finish();
            return;
        }
        records << record;
    }
    if (!batch.commit()) {
        m_recordError = m_log->lastError();
        finish();
        return;
    }

    auto *job = new RevokePersonalTokensAsAdmin(m_connection, ids, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job, records] {
        job->deleteLater();
        m_error = job->error();
        if (m_deferCompletion) {
            m_openRecords = records;
        } else {
            const QString why = m_errorText(m_error);
            ActivityLog::Batch batch(m_log);
            for (const ActivityRecord &record : records)
                record.complete(m_error, why);
        }
        finish();
    });
    job->start();
}

void AdminTokenRevoker::finish()
{
    m_finished = true;
    emit finished();
}

} // namespace accessdesk
