#include "services/AccessRequest.h"

namespace accessdesk {

AccessRequestAnswerer::AccessRequestAnswerer(ServerConnection *connection, AuthorizeRequest page,
                                             bool approve, ActivityLog *log, ActivityContext who,
                                             QObject *parent)
    : RecordedJob(connection, log, std::move(who), parent)
    , m_page(std::move(page))
    , m_approve(approve)
{}

void AccessRequestAnswerer::start()
{
    const QString consumer = m_page.consumerName.isEmpty()
                                 ? QStringLiteral("an unnamed application")
                                 : m_page.consumerName;
    const auto record = beginRecord(m_approve ? QStringLiteral("allow-oauth-request")
                                              : QStringLiteral("deny-oauth-request"),
                                    QStringLiteral("OAuth 1.0a access for ") + consumer);

    auto *job = new AnswerAuthorizePage(m_connection, m_page, m_approve, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job, record] {
        job->deleteLater();
        m_error = job->error();
        if (!m_error.isError())
            m_decision = job->result();
        record.complete(m_error);
        m_finished = true;
        emit finished();
    });
    job->start();
}

void AccessRequestAnswerer::cancel()
{
    if (m_job)
        m_job->cancel();
}

} // namespace accessdesk
