#include "RateLimiter.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace trackersim {

RateLimiter::Decision RateLimiter::take(const QString &user, qint64 nowMs)
{
    const qint64 intervalMs = qMax(1, m_settings.intervalSeconds) * qint64(1000);
    auto found = m_buckets.find(user);
    if (found == m_buckets.end())
        found = m_buckets.insert(user, Bucket{double(m_settings.capacity), nowMs});
    Bucket &bucket = *found;

    // Whole intervals only, as Jira refills in steps rather than continuously.
    const qint64 intervals = (nowMs - bucket.lastRefillMs) / intervalMs;
    if (intervals > 0) {
        bucket.tokens = std::min<double>(m_settings.capacity,
                                         bucket.tokens + double(intervals) * m_settings.fillRate);
        bucket.lastRefillMs += intervals * intervalMs;
    }

    Decision decision;
    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        decision.allowed = true;
        decision.remaining = int(bucket.tokens);
        decision.retryAfterSeconds = 0;
    } else {
        decision.allowed = false;
        decision.remaining = 0;
        const qint64 untilNextMs = intervalMs - (nowMs - bucket.lastRefillMs);
        decision.retryAfterSeconds = int(std::ceil(double(untilNextMs) / 1000.0));
        if (m_settings.fillRate <= 0)
            decision.retryAfterSeconds = m_settings.intervalSeconds;
    }
    return decision;
}

QList<QPair<QByteArray, QByteArray>> RateLimiter::headers(const Decision &decision) const
{
    return {
        {"X-RateLimit-Limit", QByteArray::number(m_settings.capacity)},
        {"X-RateLimit-Remaining", QByteArray::number(decision.remaining)},
        {"X-RateLimit-FillRate", QByteArray::number(m_settings.fillRate)},
        {"X-RateLimit-Interval-Seconds", QByteArray::number(m_settings.intervalSeconds)},
        {"Retry-After", QByteArray::number(decision.retryAfterSeconds)},
    };
}

bool RateLimiter::isExempt(const QString &path)
{
    static const QRegularExpression serverInfo(QStringLiteral("^/rest/api/[^/]+/serverInfo$"));
    return !path.startsWith(QLatin1String("/rest/")) ||
           path == QLatin1String("/rest/auth/1/session") ||
           path.startsWith(QLatin1String("/rest/applinks/")) ||
           path.startsWith(QLatin1String("/rest/applinks-oauth/")) ||
           path.startsWith(QLatin1String("/rest/capabilities")) ||
           path.startsWith(QLatin1String("/rest/gadgets/1.0/g/")) ||
           serverInfo.match(path).hasMatch();
}

} // namespace trackersim
