#pragma once

#include "EmptyCellDelegate.h"

#include <QDateTime>
#include <QSet>

#include <functional>

namespace accessdesk {

// Dates as people say them when they are near ("in 3 days", "2 hours ago", "yesterday"), with the
// exact local time in the tooltip; dates further away keep the model's text. Only the painting
// changes: sorting and CSV export still use the model's QDateTime (in dateRole). Empty cells get
// EmptyCellDelegate's placeholder.
class DateCellDelegate final : public EmptyCellDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DateCellDelegate)

public:
    using Clock = std::function<QDateTime()>;

    DateCellDelegate(int dateRole, Describe describe, QObject *parent = nullptr);

    // Columns whose dates are expiries: a past one reads "expired 3 days ago".
    void setExpiryColumns(QSet<int> columns) { m_expiryColumns = std::move(columns); }
    // Tests fix "now"; by default it is the current time.
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // The text the cell shows: relative for a near date, else the model's display text.
    QString textFor(const QModelIndex &index) const;
    // The tooltip of a date cell: the exact local time; empty for other cells.
    QString toolTipFor(const QModelIndex &index) const;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QDateTime dateAt(const QModelIndex &index) const;

    int m_dateRole;
    QSet<int> m_expiryColumns;
    Clock m_clock;
};

} // namespace accessdesk
