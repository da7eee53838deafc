#include "TableViews.h"

#include <QAction>
#include <QCoreApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>

namespace accessdesk::TableViews {

void setUpFilterField(QLineEdit *filter, QWidget *page, const QString &accessibleName)
{
    filter->setPlaceholderText(QCoreApplication::translate("TableViews", "Filter (Ctrl+F)"));
    filter->setClearButtonEnabled(true);
    filter->setAccessibleName(accessibleName);
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
}

void setUpSortableTable(QTableView *table, QAbstractItemModel *model, int column,
                        Qt::SortOrder order, QAbstractItemView::SelectionMode mode)
{
    table->setModel(model);
    table->setSortingEnabled(true);
    table->sortByColumn(column, order);
    setUpRowTable(table, mode);
    table->horizontalHeader()->setStretchLastSection(true);
}

} // namespace accessdesk::TableViews
