#pragma once

#include <QString>

class QSettings;
class QTableView;
class QWidget;

namespace accessdesk {

// What the user arranged on a page, kept in the settings file under "view/<page>/…": the
// positions of its splitters and, for each table, the column widths and the sort column and
// order (the header's state). Splitters and tables are told apart by their place among the page's
// splitters or tables and their object name; those of dialogs open over the page are left out.
namespace ViewState {

void save(QSettings &settings, const QString &page, const QWidget *root);
// Restores what save() kept; a table whose header was restored is marked so that the page does
// not fit its columns to the contents over the user's widths (hasRestoredColumns).
void restore(QSettings &settings, const QString &page, QWidget *root);

bool hasRestoredColumns(const QTableView *table);

} // namespace ViewState

} // namespace accessdesk
