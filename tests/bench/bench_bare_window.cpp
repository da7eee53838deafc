// bench_bare_window: the start benchmark's floor. A QApplication and one empty 1280×800 window;
// when the window has painted for the first time it prints the same kind of line the app prints
// with ACCESSDESK_REPORT_FIRST_PAINT set, and quits. The caller times from starting the process
// to that line, for both.
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace {

class BareWindow final : public QWidget
{
public:
    BareWindow() { m_clock.start(); }

protected:
    bool event(QEvent *event) override
    {
        const bool handled = QWidget::event(event);
        if (event->type() == QEvent::Paint && !m_reported) {
            m_reported = true;
            // From the event loop, so the painted frame has been flushed first.
            QTimer::singleShot(0, this, [this] {
                std::fprintf(stderr, "bench_bare_window: first paint after %lld ms\n",
                             m_clock.elapsed());
                std::fflush(stderr);
                QApplication::quit();
            });
        }
        return handled;
    }

private:
    QElapsedTimer m_clock;
    bool m_reported = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    BareWindow window;
    window.resize(1280, 800);
    window.show();
    return QApplication::exec();
}
