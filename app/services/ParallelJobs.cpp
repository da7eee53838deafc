#include "services/ParallelJobs.h"

#include "api/ApiJob.h"

#include <QTimer>

#include <algorithm>

namespace accessdesk {

ParallelJobs::ParallelJobs(int count, int limit, Make make, Done done, QObject *parent)
    : QObject(parent)
    , m_count(std::max(0, count))
    , m_limit(std::max(1, limit))
    , m_make(std::move(make))
    , m_doneHandler(std::move(done))
{}

ParallelJobs::~ParallelJobs() = default;

void ParallelJobs::start()
{
    if (m_started)
        return;
    m_started = true;
    // Jobs never report from inside their start(), so filling here reports nothing early; an
    // empty list still finishes after start() has returned.
    if (m_count == 0) {
        finishLater();
        return;
    }
    fill();
}

void ParallelJobs::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    const auto running = m_running;
    m_running.clear();
    for (const QPointer<ApiJob> &job : running) {
        if (job) {
            disconnect(job, nullptr, this, nullptr);
            job->cancel();
            job->deleteLater();
        }
    }
    finishLater();
}

void ParallelJobs::fill()
{
    while (!m_cancelled && m_next < m_count && m_running.size() < m_limit) {
        const int index = m_next++;
        ApiJob *job = m_make(index);
        m_running.append(job);
        connect(job, &ApiJob::finished, this, [this, index, job] {
            m_running.removeAll(job);
            job->deleteLater();
            m_doneHandler(index, job);
            ++m_done;
            emit progress(m_done, m_count);
            if (m_done == m_count)
                finishLater();
            else
                fill();
        });
        job->start();
    }
}

void ParallelJobs::finishLater()
{
    QTimer::singleShot(0, this, [this] {
        if (m_finished)
            return;
        m_finished = true;
        emit finished();
    });
}

} // namespace accessdesk
