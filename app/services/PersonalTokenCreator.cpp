#include "services/PersonalTokenCreator.h"

#include "api/PatJobs.h"
#include "storage/ActivityLog.h"

#include <QRegularExpression>
#include <QTimer>

namespace accessdesk {

PersonalTokenCreator::PersonalTokenCreator(ServerConnection *connection, Request request,
                                           ActivityLog *log, ActivityContext who, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_request(std::move(request))
    , m_log(log)
    , m_who(std::move(who))
{}

void PersonalTokenCreator::forgetToken()
{
    m_token.rawToken.clear();
}

std::optional<int> PersonalTokenCreator::maxExpiryDaysIn(const ApiError &error)
{
    if (error.kind() != ApiError::Kind::Validation)
        return std::nullopt;
    static const QRegularExpression limit(QStringLiteral("(?:longer|more) than (\\d+) days?"),
                                          QRegularExpression::CaseInsensitiveOption);
    const auto match = limit.match(error.serverMessage());
    bool ok = false;
    const int days = match.captured(1).toInt(&ok);
    return ok && days > 0 ? std::optional<int>(days) : std::nullopt;
}

void PersonalTokenCreator::start()
{
    ActivityEntry entry;
    entry.profile = m_who.profile;
    entry.serverUrl = m_who.serverUrl;
    entry.user = m_who.user;
    entry.action = QStringLiteral("create-pat");
    // The name and expiry only: the token itself never reaches the activity log.
    entry.target = QStringLiteral("personal access token ") + m_request.name;
    // Written before the request leaves: if we die mid-way, the log says so.
    const qint64 logId = m_log ? m_log->begin(entry) : -1;

    auto *job = new CreatePersonalToken(m_connection, m_request.name, m_request.expiryDays, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job, logId] {
        job->deleteLater();
        m_error = job->error();
        if (m_log && logId > 0)
            m_log->complete(
                logId, m_error.isError() ? ActivityOutcome::Failed : ActivityOutcome::Succeeded,
                m_error.isError() ? m_error.userMessage() : QString());
        if (!m_error.isError())
            m_token = job->result();
        m_finished = true;
        emit finished();
    });
    job->start();
}

void PersonalTokenCreator::cancel()
{
    if (m_job)
        m_job->cancel();
}

} // namespace accessdesk
