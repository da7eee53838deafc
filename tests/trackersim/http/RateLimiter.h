#pragma once

#include "SimConfig.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

namespace trackersim {

// Jira DC's per-user token bucket (spec 1.7): CAPACITY tokens, FILL added every INTERVAL seconds.
class RateLimiter final
{
public:
    struct Decision
    {
        bool allowed = true;
        int remaining = 0;
        int retryAfterSeconds = 0;
    };

    explicit RateLimiter(RateLimitSettings settings)
        : m_settings(settings)
    {}
    bool enabled() const { return m_settings.enabled; }
    Decision take(const QString &user, qint64 nowMs);
    // The X-RateLimit-* and Retry-After headers Jira adds to every limited request.
    QList<QPair<QByteArray, QByteArray>> headers(const Decision &decision) const;
    void reset() { m_buckets.clear(); }
    // Paths Jira's allowlist exempts (rate-limiting 2.1.7 JiraRateLimitingConfiguration).
    static bool isExempt(const QString &path);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 lastRefillMs = 0;
    };
    RateLimitSettings m_settings;
    QHash<QString, Bucket> m_buckets;
};

} // namespace trackersim
