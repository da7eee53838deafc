#include "TextFilterModel.h"

#include <QDateTime>

#include <algorithm>
#include <cstdlib>

namespace accessdesk {

namespace {

// The per-row entries the model keeps (search texts, sort keys) follow the source's rows: a new
// row gets an entry not made yet (T()), a removed row loses its entry, a changed row's entry is
// made again. A change they cannot follow (rows of a tree, rows beyond the entries) drops them all.
template<class T>
void followInsertedRows(QList<T> &kept, const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || first > kept.size())
        kept.clear();
    else
        kept.insert(first, last - first + 1, T());
}

template<class T>
void followRemovedRows(QList<T> &kept, const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || last >= kept.size())
        kept.clear();
    else
        kept.remove(first, last - first + 1);
}

template<class T>
void followChangedRows(QList<T> &kept, const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (topLeft.parent().isValid()) {
        kept.clear();
        return;
    }
    const int last = std::min(bottomRight.row(), int(kept.size()) - 1);
    for (int row = topLeft.row(); row <= last; ++row)
        kept[row] = T();
}

} // namespace

TextFilterModel::TextFilterModel(int sortRole, QObject *parent)
    : QSortFilterProxyModel(parent)
{
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(sortRole);
    connect(this, &QSortFilterProxyModel::sortRoleChanged, this, [this] { forgetSortKeys(); });
}

void TextFilterModel::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    m_foldedText = trimmed.toCaseFolded();
    // The proxy adds and drops rows one contiguous range at a time, and every range costs time
    // in proportion to all rows: the first letter typed over 100,000 rows, dropping half of them
    // in 20,000 ranges, took 6 s. When many rows come or go, rebuilding the mapping in one
    // layout change (selection and current row kept) is far quicker.
    if (!m_columns.isEmpty() && sourceModel() && std::abs(rowsAfterFilter() - rowCount()) > 2000)
        invalidate();
    else
        invalidateFilter();
}

int TextFilterModel::rowsAfterFilter() const
{
    int rows = 0;
    const int count = sourceModel()->rowCount();
    for (int row = 0; row < count; ++row)
        rows += filterAcceptsRow(row, QModelIndex()) ? 1 : 0;
    return rows;
}

void TextFilterModel::setFilterColumns(QList<int> columns)
{
    if (columns == m_columns)
        return;
    m_columns = std::move(columns);
    forgetSearchText();
    invalidateFilter();
}

void TextFilterModel::setSourceModel(QAbstractItemModel *source)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    forgetSearchText();
    forgetSortKeys();
    if (source) {
        // Connected before the base class connects its own handlers, so the kept texts are
        // right by the time it filters the rows a change brings.
        const auto forget = [this] {
            forgetSearchText();
            forgetSortKeys();
        };
        m_sourceConnections = {
            connect(source, &QAbstractItemModel::modelReset, this, forget),
            connect(source, &QAbstractItemModel::layoutChanged, this, forget),
            connect(source, &QAbstractItemModel::rowsMoved, this, forget),
            connect(source, &QAbstractItemModel::rowsInserted, this,
                    [this](const QModelIndex &parent, int first, int last) {
                        followInsertedRows(m_searchTexts, parent, first, last);
                        followInsertedRows(m_sortKeys, parent, first, last);
                    }),
            connect(source, &QAbstractItemModel::rowsRemoved, this,
                    [this](const QModelIndex &parent, int first, int last) {
                        followRemovedRows(m_searchTexts, parent, first, last);
                        followRemovedRows(m_sortKeys, parent, first, last);
                    }),
            connect(source, &QAbstractItemModel::dataChanged, this,
                    [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                        followChangedRows(m_searchTexts, topLeft, bottomRight);
                        followChangedRows(m_sortKeys, topLeft, bottomRight);
                    }),
        };
    }
    QSortFilterProxyModel::setSourceModel(source);
    m_source = source;
}

void TextFilterModel::forgetSearchText()
{
    m_searchTexts.clear();
}

void TextFilterModel::forgetSortKeys()
{
    m_sortKeys.clear();
}

const TextFilterModel::SortKey &TextFilterModel::sortKey(const QModelIndex &index) const
{
    // Asked twice a comparison (250,000 times to sort 10,000 rows), so through m_source:
    // sourceModel() was a third of a kept key's cost.
    const int rows = m_source->rowCount();
    if (m_sortKeysColumn != index.column() || m_sortKeys.size() != rows) {
        m_sortKeys.clear();
        m_sortKeys.resize(rows);
        m_sortKeysColumn = index.column();
    }
    std::optional<SortKey> &key = m_sortKeys[index.row()];
    if (!key) {
        SortKey made{index.data(sortRole()), std::nullopt, {}};
        if (made.value.metaType().id() != QMetaType::QDateTime) {
            if (m_collator.locale().language() == QLocale::C)
                made.folded = made.value.toString().toCaseFolded();
            else
                made.collated = m_collator.sortKey(made.value.toString());
        }
        key = std::move(made);
    }
    return *key;
}

const QString &TextFilterModel::searchText(int sourceRow, const QModelIndex &sourceParent) const
{
    const int rows = sourceModel()->rowCount(sourceParent);
    if (m_searchTexts.size() != rows) {
        m_searchTexts.clear();
        m_searchTexts.resize(rows);
    }
    QString &text = m_searchTexts[sourceRow];
    if (text.isNull()) {
        // Each column after a line break, so a match never spans two columns (the filter
        // text is one trimmed line).
        text = QStringLiteral("");
        for (const int column : std::as_const(m_columns)) {
            text += QLatin1Char('\n');
            text += sourceModel()->index(sourceRow, column, sourceParent).data().toString();
        }
        text = text.toCaseFolded();
    }
    return text;
}

bool TextFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    // Rows of a tree have no kept text: only flat lists have been worth it.
    if (!m_columns.isEmpty() && !sourceParent.isValid())
        return searchText(sourceRow, sourceParent).contains(m_foldedText);
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
    const bool flat = !left.parent().isValid() && !right.parent().isValid();
    const SortKey *keptLeft = flat ? &sortKey(left) : nullptr;
    const SortKey *keptRight = flat ? &sortKey(right) : nullptr;
    if (keptLeft && keptLeft->collated && keptRight->collated)
        return keptLeft->collated->compare(*keptRight->collated) < 0;
    const auto isTime = [](const QVariant &value) {
        return value.metaType().id() == QMetaType::QDateTime;
    };
    if (keptLeft && !isTime(keptLeft->value) && !isTime(keptRight->value))
        return keptLeft->folded < keptRight->folded;
    const QVariant a = keptLeft ? keptLeft->value : left.data(sortRole());
    const QVariant b = keptRight ? keptRight->value : right.data(sortRole());
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
