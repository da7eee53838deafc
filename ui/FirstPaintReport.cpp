#include "FirstPaintReport.h"

#include <QAbstractItemView>
#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>

#include <cstdio>

namespace accessdesk::firstpaint {

namespace {

class Reporter final : public QObject
{
public:
    explicit Reporter(QAbstractItemView *view)
        : QObject(view->viewport())
        , m_view(view)
    {
        m_clock.start();
        view->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || !m_view->model() || m_view->model()->rowCount() == 0)
            return false;
        watched->removeEventFilter(this);
        const int rows = m_view->model()->rowCount();
        // Reported from the event loop, once the paint under way has reached the window.
        QTimer::singleShot(0, this, [this, rows] {
            std::fprintf(stderr,
                         "accessdesk: first paint of My access with %d rows after %lld ms\n", rows,
                         m_clock.elapsed());
            std::fflush(stderr);
            deleteLater();
        });
        return false;
    }

private:
    QAbstractItemView *m_view;
    QElapsedTimer m_clock;
};

} // namespace

void reportFirstRowsPainted(QAbstractItemView *view)
{
    if (view && qEnvironmentVariableIsSet("ACCESSDESK_REPORT_FIRST_PAINT"))
        new Reporter(view);
}

} // namespace accessdesk::firstpaint
