#include "api/RateLimitPacer.h"

#include <QDateTime>

#include <algorithm>

namespace accessdesk {

namespace {
constexpr int kMaxWaitMs = 60 * 1000;
}

RateLimitPacer::RateLimitPacer(Clock clock, int floorMs)
    : m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); }))
    , m_floorMs(floorMs)
{}

void RateLimitPacer::observe(const RawReply &reply)
{
    bool haveRemaining = false;
    const int remaining = reply.header("x-ratelimit-remaining").toInt(&haveRemaining);
    const int fillRate = reply.header("x-ratelimit-fillrate").toInt();
    const int interval = reply.header("x-ratelimit-interval-seconds").toInt();
    const qint64 now = m_clock();
    if (reply.status == 429) {
        bool said = false;
        const int retryAfter = reply.header("retry-after").toInt(&said);
        m_notBeforeMs = now + retryDelayMs(said ? retryAfter : -1, 1);
    } else if (haveRemaining && remaining <= 0 && fillRate > 0 && interval > 0) {
        // One token arrives every interval/fillRate seconds.
        m_notBeforeMs = now + std::max(m_floorMs, interval * 1000 / fillRate);
    }
}

int RateLimitPacer::delayBeforeNextMs() const
{
    return int(std::clamp<qint64>(m_notBeforeMs - m_clock(), 0, kMaxWaitMs));
}

int RateLimitPacer::retryDelayMs(int retryAfterSeconds, int attempt) const
{
    if (retryAfterSeconds >= 0)
        return std::clamp(retryAfterSeconds * 1000, m_floorMs, kMaxWaitMs);
    // Not told: back off exponentially from the floor.
    return std::min(kMaxWaitMs, m_floorMs << std::clamp(attempt - 1, 0, 6));
}

} // namespace accessdesk
