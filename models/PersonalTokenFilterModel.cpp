#include "PersonalTokenFilterModel.h"

#include "PersonalTokenModel.h"

namespace accessdesk {

PersonalTokenFilterModel::PersonalTokenFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // For a source that is not a PersonalTokenModel, QSortFilterProxyModel's own comparison.
    setSortRole(PersonalTokenModel::RawValueRole);
}

void PersonalTokenFilterModel::setSourceModel(QAbstractItemModel *model)
{
    if (m_tokens)
        disconnect(m_tokens, nullptr, this, nullptr);
    m_tokens = qobject_cast<PersonalTokenModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
    // Connected after QSortFilterProxyModel's own handler, so the rows are in the proxy by then.
    if (m_tokens)
        connect(m_tokens, &QAbstractItemModel::rowsInserted, this,
                &PersonalTokenFilterModel::rowsArrived);
}

void PersonalTokenFilterModel::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    // Not invalidateRowsFilter(): that removes and inserts the rows that change one run at a
    // time, each run a pass over the whole list — thousands of passes when a filter keeps every
    // other row of 100,000. Filtering and sorting afresh is one pass and one sort.
    invalidate();
}

void PersonalTokenFilterModel::beginStreaming()
{
    m_streaming = true;
    m_sortedRows = sourceModel() ? sourceModel()->rowCount() : 0;
    setDynamicSortFilter(false);
}

void PersonalTokenFilterModel::endStreaming()
{
    if (!m_streaming)
        return;
    m_streaming = false;
    setDynamicSortFilter(true); // sorts once more
}

void PersonalTokenFilterModel::rowsArrived()
{
    if (!m_streaming)
        return;
    const int rows = sourceModel()->rowCount();
    if (rows <= kResortEveryPageBelow || rows >= 2 * m_sortedRows)
        sortAgain();
}

void PersonalTokenFilterModel::sortAgain()
{
    m_sortedRows = sourceModel()->rowCount();
    // Not dynamic while streaming, so sort() sorts again even for the same column and order.
    if (sortColumn() >= 0)
        sort(sortColumn(), sortOrder());
}

bool PersonalTokenFilterModel::filterAcceptsRow(int sourceRow,
                                                const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty() || !m_tokens)
        return true;
    return !sourceParent.isValid() && m_tokens->matchesText(sourceRow, m_text);
}

bool PersonalTokenFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_tokens)
        return QSortFilterProxyModel::lessThan(left, right);
    using Order = PersonalTokenModel::Order;
    switch (m_tokens->compare(left.row(), right.row(), left.column())) {
    case Order::Less:
        return true;
    case Order::Same:
    case Order::Greater:
        return false;
    // Descending order asks lessThan(right, left): "never" after every time either way.
    case Order::MissingLeft:
        return sortOrder() == Qt::DescendingOrder;
    case Order::MissingRight:
        return sortOrder() == Qt::AscendingOrder;
    }
    return false;
}

} // namespace accessdesk
