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
    m_tokens = qobject_cast<PersonalTokenModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void PersonalTokenFilterModel::sort(int column, Qt::SortOrder order)
{
    if (!m_tokens) {
        QSortFilterProxyModel::sort(column, order);
        return;
    }
    // The source's layout change reaches the view through the proxy, the selection with it.
    m_tokens->sort(column, order);
}

void PersonalTokenFilterModel::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    // Not invalidateRowsFilter(): that removes and inserts the rows that change one run at a
    // time, each run a pass over the whole list — thousands of passes when a filter keeps every
    // other row of 100,000. Filtering afresh is one pass (no sort: the source's order stands).
    invalidate();
}

bool PersonalTokenFilterModel::filterAcceptsRow(int sourceRow,
                                                const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty() || !m_tokens)
        return true;
    return !sourceParent.isValid() && m_tokens->matchesText(sourceRow, m_text);
}

} // namespace accessdesk
