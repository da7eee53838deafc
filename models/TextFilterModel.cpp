#include "TextFilterModel.h"

#include <QDateTime>

#include <algorithm>

namespace accessdesk {

TextFilterModel::TextFilterModel(int sortRole, QObject *parent)
    : QSortFilterProxyModel(parent)
{
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(sortRole);
}

void TextFilterModel::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void TextFilterModel::setFilterColumns(QList<int> columns)
{
    if (columns == m_columns)
        return;
    m_columns = std::move(columns);
    invalidateFilter();
}

bool TextFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QAbstractItemModel *source = sourceModel();
    const auto matches = [&](int column) {
        return source->index(sourceRow, column, sourceParent)
            .data()
            .toString()
            .contains(m_text, Qt::CaseInsensitive);
    };
    if (!m_columns.isEmpty())
        return std::any_of(m_columns.cbegin(), m_columns.cend(), matches);
    for (int column = 0; column < source->columnCount(sourceParent); ++column) {
        if (matches(column))
            return true;
    }
    return false;
}

bool TextFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a.metaType().id() == QMetaType::QDateTime || b.metaType().id() == QMetaType::QDateTime) {
        const QDateTime da = a.toDateTime();
        const QDateTime db = b.toDateTime();
        // "None" ("never", "not reported") after every time in both orders: a descending sort
        // asks lessThan(right, left), so the answer flips with the order.
        if (da.isValid() != db.isValid())
            return sortOrder() == Qt::AscendingOrder ? da.isValid() : db.isValid();
        if (da != db)
            return da < db;
        return sameTimeLessThan(left, right);
    }
    return m_collator.compare(a.toString(), b.toString()) < 0;
}

bool TextFilterModel::sameTimeLessThan(const QModelIndex &, const QModelIndex &) const
{
    return false;
}

} // namespace accessdesk
