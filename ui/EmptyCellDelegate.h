#pragma once

#include <QString>
#include <QStyledItemDelegate>

#include <functional>

namespace accessdesk {

// Says what an empty cell means instead of leaving a blank that looks like missing data: a dimmed
// placeholder ("not reported", "—") and a tooltip that explains it. Only the painting changes;
// the model keeps its empty value, so sorting, filtering and CSV export are not affected.
class EmptyCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyCellDelegate)

public:
    struct Placeholder
    {
        QString text; // empty: the cell stays blank
        QString toolTip;
    };
    // Asked for each empty cell, with the cell's index.
    using Describe = std::function<Placeholder(const QModelIndex &)>;

    explicit EmptyCellDelegate(Describe describe, QObject *parent = nullptr);

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    Placeholder placeholderFor(const QModelIndex &index) const;

    Describe m_describe;
};

} // namespace accessdesk
