#include "AccessGrantFilterModel.h"

#include "AccessGrantModel.h"

#include <QDateTime>

namespace accessdesk {

AccessGrantFilterModel::AccessGrantFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(AccessGrantModel::RawValueRole);
}

void AccessGrantFilterModel::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void AccessGrantFilterModel::setKinds(const QList<GrantKind> &kinds)
{
    if (kinds == m_kinds)
        return;
    m_kinds = kinds;
    invalidateFilter();
}

bool AccessGrantFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    if (!m_kinds.isEmpty()) {
        const auto kind = GrantKind(source->index(sourceRow, AccessGrantModel::Kind, sourceParent)
                                        .data(AccessGrantModel::KindRole)
                                        .toInt());
        if (!m_kinds.contains(kind))
            return false;
    }
    if (m_text.isEmpty())
        return true;
    for (int column : {AccessGrantModel::Application, AccessGrantModel::Kind,
                       AccessGrantModel::Description, AccessGrantModel::Scopes}) {
        const QString text = source->index(sourceRow, column, sourceParent).data().toString();
        if (text.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool AccessGrantFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a.metaType().id() == QMetaType::QDateTime || b.metaType().id() == QMetaType::QDateTime) {
        const QDateTime da = a.toDateTime();
        const QDateTime db = b.toDateTime();
        if (da.isValid() != db.isValid())
            return da.isValid(); // "none" after every date
        return da < db;
    }
    return m_collator.compare(a.toString(), b.toString()) < 0;
}

} // namespace accessdesk
