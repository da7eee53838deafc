#include "ViewState.h"

#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QTableView>

namespace accessdesk::ViewState {

namespace {

constexpr char kRestoredColumns[] = "accessdeskRestoredColumns";

// The place among the page's splitters (or tables) and the object name: several tabs may name
// their tables alike ("table").
template<typename Widget> QString keyOf(const Widget *widget, qsizetype index)
{
    return widget->objectName().isEmpty()
               ? QString::number(index)
               : QString::number(index) + QLatin1Char('-') + widget->objectName();
}

// The page's own splitters or tables: not those of a dialog open over it, which would shift the
// places of the others.
template<typename Widget> QList<Widget *> partsOf(const QWidget *root)
{
    QList<Widget *> parts;
    for (Widget *widget : root->findChildren<Widget *>())
        if (widget->window() == root->window())
            parts << widget;
    return parts;
}

} // namespace

void save(QSettings &settings, const QString &page, const QWidget *root)
{
    settings.beginGroup(QStringLiteral("view/") + page);
    const auto splitters = partsOf<QSplitter>(root);
    for (qsizetype i = 0; i < splitters.size(); ++i)
        settings.setValue(QStringLiteral("splitters/") + keyOf(splitters.at(i), i),
                          splitters.at(i)->saveState());
    const auto tables = partsOf<QTableView>(root);
    for (qsizetype i = 0; i < tables.size(); ++i)
        settings.setValue(QStringLiteral("tables/") + keyOf(tables.at(i), i),
                          tables.at(i)->horizontalHeader()->saveState());
    settings.endGroup();
}

void restore(QSettings &settings, const QString &page, QWidget *root)
{
    settings.beginGroup(QStringLiteral("view/") + page);
    const auto splitters = partsOf<QSplitter>(root);
    for (qsizetype i = 0; i < splitters.size(); ++i) {
        const QByteArray state =
            settings.value(QStringLiteral("splitters/") + keyOf(splitters.at(i), i)).toByteArray();
        if (!state.isEmpty())
            splitters.at(i)->restoreState(state);
    }
    const auto tables = partsOf<QTableView>(root);
    for (qsizetype i = 0; i < tables.size(); ++i) {
        QTableView *table = tables.at(i);
        const QByteArray state =
            settings.value(QStringLiteral("tables/") + keyOf(table, i)).toByteArray();
        // A damaged or outdated entry (other columns) is ignored: the page's defaults stay.
        if (!state.isEmpty() && table->horizontalHeader()->restoreState(state)) {
            table->setProperty(kRestoredColumns, true);
            // The header's sort indicator is restored; the view sorts by it too.
            if (table->isSortingEnabled())
                table->sortByColumn(table->horizontalHeader()->sortIndicatorSection(),
                                    table->horizontalHeader()->sortIndicatorOrder());
        }
    }
    settings.endGroup();
}

bool hasRestoredColumns(const QTableView *table)
{
    return table->property(kRestoredColumns).toBool();
}

} // namespace accessdesk::ViewState
