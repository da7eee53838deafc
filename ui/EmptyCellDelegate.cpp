#include "EmptyCellDelegate.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

namespace accessdesk {

EmptyCellDelegate::EmptyCellDelegate(Describe describe, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_describe(std::move(describe))
{}

EmptyCellDelegate::Placeholder EmptyCellDelegate::placeholderFor(const QModelIndex &index) const
{
    if (!m_describe || !index.data(Qt::DisplayRole).toString().isEmpty())
        return {};
    return m_describe(index);
}

void EmptyCellDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const Placeholder placeholder = placeholderFor(index);
    if (placeholder.text.isEmpty())
        return;
    // Dimmed like a field's placeholder, so it does not read as data; a selected row keeps its
    // highlighted text colour.
    option->text = placeholder.text;
    option->features |= QStyleOptionViewItem::HasDisplay;
    for (const auto group : {QPalette::Active, QPalette::Inactive})
        option->palette.setColor(group, QPalette::Text,
                                 option->palette.color(group, QPalette::PlaceholderText));
}

bool EmptyCellDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event && event->type() == QEvent::ToolTip) {
        const Placeholder placeholder = placeholderFor(index);
        if (!placeholder.toolTip.isEmpty()) {
            QToolTip::showText(event->globalPos(), placeholder.toolTip, view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace accessdesk
