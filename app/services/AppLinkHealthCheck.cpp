#include "services/AppLinkHealthCheck.h"

#include "api/AppLinkJobs.h"
#include "services/ParallelJobs.h"

#include <algorithm>

namespace accessdesk {

AppLinkHealthCheck::AppLinkHealthCheck(ServerConnection *connection, QList<AppLink> links,
                                       int maxInFlight, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_maxInFlight(maxInFlight)
{
    for (AppLink &link : links) {
        AppLinkHealth health;
        health.link = std::move(link);
        m_results.append(std::move(health));
    }
}

AppLinkHealthCheck::~AppLinkHealthCheck() = default;

void AppLinkHealthCheck::start()
{
    if (m_jobs || m_finished)
        return;
    auto *jobs = new ParallelJobs(
        int(m_results.size()), m_maxInFlight,
        [this](int index) -> ApiJob * {
            return new GetAppLinkStatus(m_connection, m_results.at(index).link.id, {}, m_jobs);
        },
        [this](int index, ApiJob *job) {
            AppLinkHealth &health = m_results[index];
            health.checked = true;
            health.error = job->error();
            if (job->succeeded()) {
                health.status = static_cast<GetAppLinkStatus *>(job)->result();
                // The answer names the link (without its flags): it tells a caller that knew
                // only the id what the link is.
                if (health.link.name.isEmpty())
                    health.link = health.status->link;
                health.diagnosis = AppLinkDiagnosis::of(*health.status);
            } else {
                health.diagnosis = AppLinkDiagnosis::ofError(health.error);
            }
            emit linkChecked(index);
        },
        this);
    m_jobs = jobs;
    connect(jobs, &ParallelJobs::progress, this, &AppLinkHealthCheck::progress);
    connect(jobs, &ParallelJobs::finished, this, [this, jobs] {
        m_cancelled = jobs->wasCancelled();
        jobs->deleteLater();
        m_finished = true;
        emit finished();
    });
    jobs->start();
}

void AppLinkHealthCheck::cancel()
{
    if (m_jobs)
        m_jobs->cancel();
}

int AppLinkHealthCheck::count(AppLinkDiagnosis::Verdict verdict) const
{
    return int(std::count_if(m_results.cbegin(), m_results.cend(), [verdict](const auto &health) {
        return health.checked && health.diagnosis.verdict == verdict;
    }));
}

} // namespace accessdesk
