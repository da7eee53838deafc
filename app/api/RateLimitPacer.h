#pragma once

#include "api/RawReply.h"

#include <functional>

namespace accessdesk {

// Paces requests to one server by what it said about its token bucket (spec 1.7): when no
// tokens remain, wait one refill step; after a 429, wait Retry-After but never less than a floor,
// because Jira often says "Retry-After: 0".
//
// Requests can be under way side by side (a search keeps the next page's request ahead), so the
// tokens an answer said remain are not all there is to know: each request still under way may
// take one, and each request sent after the answer takes one. The pacer counts both, so the
// request that would meet an empty bucket waits a refill step instead of earning a 429.
class RateLimitPacer final
{
public:
    using Clock = std::function<qint64()>; // milliseconds

    explicit RateLimitPacer(Clock clock = {}, int floorMs = 1000);

    // A request left; requestEnded() once for each, when its answer came or it was dropped.
    void requestSent();
    void requestEnded();
    // An answer, before requestEnded() for its request.
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
    int m_underWay = 0;
    bool m_bucketKnown = false; // the server has told its remaining tokens
    int m_tokensLeft = 0;       // what it told, less what was sent or under way since
    int m_refillStepMs = 0;     // one token's wait, as the server told it; 0: not told
};

} // namespace accessdesk
