#include "services/PersonalTokenCreator.h"

#include "api/PatJobs.h"

#include <QRegularExpression>
#include <QTimer>

namespace accessdesk {

PersonalTokenCreator::PersonalTokenCreator(ServerConnection *connection, Request request,
                                           ActivityLog *log, ActivityContext who, QObject *parent)
    : RecordedJob(connection, log, std::move(who), parent)
    , m_request(std::move(request))
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
    // The name only: the token itself never reaches the activity log.
    const auto record = beginRecord(QStringLiteral("create-pat"),
                                    QStringLiteral("personal access token ") + m_request.name);

    auto *job = new CreatePersonalToken(m_connection, m_request.name, m_request.expiryDays, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job, record] {
        job->deleteLater();
        m_error = job->error();
        // A lost, late or unreadable answer leaves open whether the server made the token: the
        // log says "unknown" rather than a failure that may be false.
        if (m_error.isError() && m_error.leavesOutcomeOpen())
            record.completeUnknown(m_error.userMessage());
        else
            record.complete(m_error);
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
