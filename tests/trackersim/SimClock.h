#pragma once

#include <QDateTime>

namespace trackersim {

// Wall clock with an offset tests can advance (expiry of tokens, codes and sessions) without
// sleeping.
class SimClock
{
public:
    qint64 nowMs() const { return QDateTime::currentMSecsSinceEpoch() + m_offsetMs; }
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }
    void advance(qint64 seconds) { m_offsetMs += seconds * 1000; }
    qint64 offsetSeconds() const { return m_offsetMs / 1000; }

private:
    qint64 m_offsetMs = 0;
};

} // namespace trackersim
