#include "BenchClock.h"

#include <QAbstractItemView>
#include <QEvent>

#include <algorithm>

namespace bench {

namespace {

constexpr int kHeartbeatMs = 5;

// Watches the viewport's paint events; reports once, from the event loop, so the paint that
// showed the rows (and its flush to the window) has ended when done runs.
class FirstRowsWatcher final : public QObject
{
public:
    FirstRowsWatcher(QAbstractItemView *view, std::function<void()> done)
        : QObject(view->viewport())
        , m_view(view)
        , m_done(std::move(done))
    {
        view->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen && m_view->model() &&
            m_view->model()->rowCount() > 0) {
            m_seen = true;
            watched->removeEventFilter(this);
            QTimer::singleShot(0, this, [this] {
                m_done();
                deleteLater();
            });
        }
        return false;
    }

private:
    QAbstractItemView *m_view;
    std::function<void()> m_done;
    bool m_seen = false;
};

} // namespace

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2;
}

void afterFirstRowsPainted(QAbstractItemView *view, std::function<void()> done)
{
    new FirstRowsWatcher(view, std::move(done));
}

Heartbeat::Heartbeat(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kHeartbeatMs);
    connect(&m_timer, &QTimer::timeout, this, &Heartbeat::tick);
}

void Heartbeat::start()
{
    m_longest = 0;
    m_since.start();
    m_timer.start();
}

void Heartbeat::stop()
{
    m_timer.stop();
}

void Heartbeat::tick()
{
    // The gap beyond the tick's own interval is time the loop was busy elsewhere.
    m_longest = std::max(m_longest, msSince(m_since));
    m_since.restart();
}

} // namespace bench
