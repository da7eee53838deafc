#pragma once

#include <QAbstractItemView>
#include <QString>

class QAbstractItemModel;
class QLineEdit;
class QTableView;
class QWidget;

namespace accessdesk {

// How the app's lists look and behave, said once for every page that has one.
namespace TableViews {

// The filter field above a list: "Filter (Ctrl+F)" with a clear button; Ctrl+F anywhere in page
// puts the cursor in it with its text selected, ready to type over; Esc in it clears it, and Down
// goes on to list (when given), at its first row.
void setUpFilterField(QLineEdit *filter, QWidget *page, const QString &accessibleName,
                      QAbstractItemView *list = nullptr);

// A read-only list of records: clicks select whole rows (one or several, as mode says), rows
// alternate in colour, cells keep to one line, no row numbers; Tab leaves it, arrows move within.
void setUpRowTable(QTableView *table, QAbstractItemView::SelectionMode mode);

// setUpRowTable() on table showing model, sorted by a click on a header (first by column in
// order), the last column taking the width that is left.
void setUpSortableTable(QTableView *table, QAbstractItemModel *model, int column,
                        Qt::SortOrder order, QAbstractItemView::SelectionMode mode);

} // namespace TableViews

} // namespace accessdesk
