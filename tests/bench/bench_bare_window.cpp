// bench_bare_window: the start benchmark's floor. A QApplication and one empty 1280×800 window;
// when the window has painted for the first time it prints the same kind of line the app prints
// with ACCESSDESK_REPORT_FIRST_PAINT set, and quits. The caller times from starting the process
// to that line, for both.
//
// bench_bare_window ROWS: the same window holding a plain QTableView of ROWS rows × 7 columns of
// short text, columns fitted to 50 rows as the app's tables are; the line comes after the table's
// first paint. Not a floor the app is held to: it shows what Qt itself needs to draw text (fonts,
// the style, a table) before any of the app's work, to read the start figure against.
#include <QAbstractTableModel>
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QHeaderView>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QWidget>

#include <cstdio>

namespace {

// Text made on demand, as cheap as a model can be: what is measured is Qt's part.
class PlainRows final : public QAbstractTableModel
{
public:
    explicit PlainRows(int rows)
        : m_rows(rows)
    {}
    int rowCount(const QModelIndex &parent) const override { return parent.isValid() ? 0 : m_rows; }
    int columnCount(const QModelIndex &parent) const override { return parent.isValid() ? 0 : 7; }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role != Qt::DisplayRole)
            return {};
        return QStringLiteral("Application %1 · %2").arg(index.row()).arg(index.column());
    }

private:
    int m_rows;
};

// Reports the first paint of the widget it watches (the window, or the table's viewport).
class BareWindow final : public QWidget
{
public:
    explicit BareWindow(int rows)
    {
        m_clock.start();
        if (rows <= 0) {
            m_watched = this;
            return;
        }
        auto *table = new QTableView(this);
        m_model = new PlainRows(rows);
        m_model->setParent(table);
        table->setModel(m_model);
        table->setSortingEnabled(true);
        table->horizontalHeader()->setResizeContentsPrecision(50);
        table->resizeColumnsToContents();
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(table);
        m_watched = table->viewport();
        m_watched->installEventFilter(this);
    }

protected:
    bool event(QEvent *event) override
    {
        const bool handled = QWidget::event(event);
        if (m_watched == this)
            noticePaint(event);
        return handled;
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // The report is queued, so it comes after the paint this event starts.
        if (watched == m_watched)
            noticePaint(event);
        return QWidget::eventFilter(watched, event);
    }

private:
    void noticePaint(QEvent *event)
    {
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
    }

    QElapsedTimer m_clock;
    QWidget *m_watched = nullptr;
    PlainRows *m_model = nullptr;
    bool m_reported = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    BareWindow window(argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 0);
    window.resize(1280, 800);
    window.show();
    return QApplication::exec();
}
