#include "TableViews.h"

#include <QAction>
#include <QCoreApplication>
#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTableView>

namespace accessdesk::TableViews {

namespace {

// The keys of a filter field: Esc clears a filter that holds text (an empty one lets Esc through,
// so it still closes the dialog the filter is in); Down goes on to the list it filters, at its
// first row, as in a search field with results below it.
class FilterKeys final : public QObject
{
public:
    FilterKeys(QLineEdit *filter, QAbstractItemView *list)
        : QObject(filter)
        , m_filter(filter)
        , m_list(list)
    {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched != m_filter ||
            (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride))
            return false;
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() != Qt::NoModifier)
            return false;
        if (key->key() == Qt::Key_Escape && !m_filter->text().isEmpty()) {
            if (event->type() == QEvent::ShortcutOverride) {
                // Claims Esc before any shortcut on it, so the key press comes here.
                event->accept();
                return true;
            }
            m_filter->clear();
            return true;
        }
        if (key->key() == Qt::Key_Down && m_list && event->type() == QEvent::KeyPress &&
            m_list->model() && m_list->model()->rowCount() > 0) {
            if (!m_list->currentIndex().isValid())
                m_list->setCurrentIndex(m_list->model()->index(0, 0));
            m_list->setFocus(Qt::TabFocusReason);
            return true;
        }
        return false;
    }

private:
    QLineEdit *m_filter;
    QAbstractItemView *m_list;
};

} // namespace

void setUpFilterField(QLineEdit *filter, QWidget *page, const QString &accessibleName,
                      QAbstractItemView *list)
{
    filter->setPlaceholderText(QCoreApplication::translate("TableViews", "Filter (Ctrl+F)"));
    filter->setClearButtonEnabled(true);
    filter->setAccessibleName(accessibleName);
    filter->setAccessibleDescription(QCoreApplication::translate(
        "TableViews", "Shows only the rows that contain the text. Esc clears it."));
    filter->installEventFilter(new FilterKeys(filter, list));
    auto *find = new QAction(QCoreApplication::translate("TableViews", "Find"), page);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(find, &QAction::triggered, filter, [filter] {
        filter->setFocus(Qt::ShortcutFocusReason);
        filter->selectAll();
    });
    page->addAction(find);
}

void setUpRowTable(QTableView *table, QAbstractItemView::SelectionMode mode)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(mode);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    // Tab leaves the list for the next control (arrows move within it); otherwise a keyboard
    // user is trapped cell by cell in a long list.
    table->setTabKeyNavigation(false);
}

void setUpSortableTable(QTableView *table, QAbstractItemModel *model, int column,
                        Qt::SortOrder order, QAbstractItemView::SelectionMode mode)
{
    table->setModel(model);
    table->setSortingEnabled(true);
    table->sortByColumn(column, order);
    setUpRowTable(table, mode);
    table->horizontalHeader()->setStretchLastSection(true);
    // Fitting columns measures the first rows in view, not up to 1,000 (Qt's default): with
    // 10,000 cached grants or a 1,000-token page that measuring was the longest stall of the
    // start and of the token search (docs/PERFORMANCE.md). Longer text further down is elided,
    // as long names are anyway.
    table->horizontalHeader()->setResizeContentsPrecision(50);
}

} // namespace accessdesk::TableViews
