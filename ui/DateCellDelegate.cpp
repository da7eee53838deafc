#include "DateCellDelegate.h"

#include "services/RelativeTime.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

namespace accessdesk {

DateCellDelegate::DateCellDelegate(int dateRole, Describe describe, QObject *parent)
    : EmptyCellDelegate(std::move(describe), parent)
    , m_dateRole(dateRole)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{}

QDateTime DateCellDelegate::dateAt(const QModelIndex &index) const
{
    const QVariant value = index.data(m_dateRole);
    return value.userType() == QMetaType::QDateTime ? value.toDateTime() : QDateTime();
}

QString DateCellDelegate::textFor(const QModelIndex &index) const
{
    const QDateTime when = dateAt(index);
    const QString shown = index.data(Qt::DisplayRole).toString();
    if (!when.isValid())
        return shown;
    const QDateTime now = m_clock();
    const QString relative = RelativeTime::describe(when, now);
    if (relative.isEmpty())
        return shown; // far away: the date itself reads better
    if (m_expiryColumns.contains(index.column()) && when <= now)
        return tr("expired %1", "%1 is a relative time such as \"3 days ago\" or \"yesterday\"")
            .arg(relative);
    return relative;
}

QString DateCellDelegate::toolTipFor(const QModelIndex &index) const
{
    return RelativeTime::exact(dateAt(index));
}

void DateCellDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    EmptyCellDelegate::initStyleOption(option, index);
    if (dateAt(index).isValid())
        option->text = textFor(index);
}

bool DateCellDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                 const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event && event->type() == QEvent::ToolTip) {
        const QString exact = toolTipFor(index);
        if (!exact.isEmpty()) {
            QToolTip::showText(event->globalPos(), exact, view);
            return true;
        }
    }
    return EmptyCellDelegate::helpEvent(event, view, option, index);
}

} // namespace accessdesk
