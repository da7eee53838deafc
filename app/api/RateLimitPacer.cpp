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

void RateLimitPacer::requestSent()
{
    ++m_underWay;
    if (!m_bucketKnown)
        return;
    --m_tokensLeft;
    // This request may have taken the last token: the next one waits for the refill.
    if (m_tokensLeft <= 0 && m_refillStepMs > 0)
        m_notBeforeMs = std::max(m_notBeforeMs, m_clock() + m_refillStepMs);
}

void RateLimitPacer::requestEnded()
{
    m_underWay = std::max(0, m_underWay - 1);
}

void RateLimitPacer::observe(const RawReply &reply)
{
    bool haveRemaining = false;
    const int remaining = reply.header("x-ratelimit-remaining").toInt(&haveRemaining);
    const int fillRate = reply.header("x-ratelimit-fillrate").toInt();
    const int interval = reply.header("x-ratelimit-interval-seconds").toInt();
    const qint64 now = m_clock();
    if (fillRate > 0 && interval > 0) // one token arrives every interval/fillRate seconds
        m_refillStepMs = std::max(m_floorMs, interval * 1000 / fillRate);
    if (haveRemaining) {
        // The other requests under way left before this answer; the server may not have
        // counted them yet, so they are taken to need a token each.
        m_bucketKnown = true;
        m_tokensLeft = remaining - std::max(0, m_underWay - 1);
    }
    if (reply.status == 429) {
        bool said = false;
        const int retryAfter = reply.header("retry-after").toInt(&said);
        m_notBeforeMs = now + retryDelayMs(said ? retryAfter : -1, 1);
    } else if (haveRemaining && m_tokensLeft <= 0 && m_refillStepMs > 0) {
        m_notBeforeMs = std::max(m_notBeforeMs, now + m_refillStepMs);
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
