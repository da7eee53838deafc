#pragma once

#include "api/RawReply.h"

#include <functional>

namespace accessdesk {

// Paces requests to one server by what it said about its token bucket (spec 1.7): when no
// tokens remain, wait one refill step; after a 429, wait Retry-After but never less than a floor,
// because Jira often says "Retry-After: 0".
class RateLimitPacer final
{
public:
    using Clock = std::function<qint64()>; // milliseconds

    explicit RateLimitPacer(Clock clock = {}, int floorMs = 1000);

    void observe(const RawReply &reply);
    // How long to wait before the next request may be sent.
    int delayBeforeNextMs() const;
    int floorMs() const { return m_floorMs; }
    // The wait before retrying after a 429 or 503 that said retryAfterSeconds (-1: not said).
    int retryDelayMs(int retryAfterSeconds, int attempt) const;

private:
    Clock m_clock;
    int m_floorMs;
    qint64 m_notBeforeMs = 0;
};

} // namespace accessdesk
