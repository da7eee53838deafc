#pragma once

// What the benchmark programs measure with: elapsed time, the first painted rows of a view and
// the longest stall of the event loop.

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

class QAbstractItemView;

namespace bench {

double msSince(const QElapsedTimer &timer);
double median(QList<double> values);

// Calls done once, right after the first paint of the view's viewport that showed rows.
void afterFirstRowsPainted(QAbstractItemView *view, std::function<void()> done);

// Ticks every few milliseconds on the event loop it lives in; a tick that comes late shows how
// long the loop could not run anything else (a user's click would have waited as long).
class Heartbeat final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Heartbeat)

public:
    explicit Heartbeat(QObject *parent = nullptr);
    void start();
    void stop();
    double longestGapMs() const { return m_longest; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_since;
    double m_longest = 0;
};

} // namespace bench
