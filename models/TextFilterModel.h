#pragma once

#include <QCollator>
#include <QList>
#include <QPointer>
#include <QSortFilterProxyModel>
#include <QVariant>

#include <optional>

namespace accessdesk {

// The sort and filter proxy every table of the app shares: filter-as-you-type over the display
// text of its columns, and sorting the way people read. Text compares with QCollator (numbers as
// numbers, case ignored); where either side of the sort role is a QDateTime, times compare as
// times and "none" (an invalid time) sorts after every time, in both sort orders.
//
// Subclasses add their own conditions in filterAcceptsRow() and call this one for the text.
class TextFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextFilterModel)

public:
    // sortRole: the source model's role with the value sorting compares.
    explicit TextFilterModel(int sortRole, QObject *parent = nullptr);

    // Case-insensitive substring of any searched column's text; leading and trailing blanks
    // do not count. Empty: every row.
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_text; }
    // Empty (the default): every column.
    void setFilterColumns(QList<int> columns);
    const QList<int> &filterColumns() const { return m_columns; }

    void setSourceModel(QAbstractItemModel *source) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    // Decides between two rows of the very same time; by default they are equal.
    virtual bool sameTimeLessThan(const QModelIndex &left, const QModelIndex &right) const;

private:
    // The text a row is searched in: its filter columns' display text, case-folded.
    const QString &searchText(int sourceRow, const QModelIndex &sourceParent) const;
    // How many source rows the filter as it is now lets through.
    int rowsAfterFilter() const;
    // What sorting compares for a row of a flat list, made once per row and column.
    struct SortKey
    {
        QVariant value; // the sort role's value
        // Unless it is a time: its collation key, or in the C locale (where Qt's collator
        // compares case-folded text but its keys would not) the case-folded text.
        std::optional<QCollatorSortKey> collated;
        QString folded;
    };
    const SortKey &sortKey(const QModelIndex &index) const;
    void forgetSearchText();
    void forgetSortKeys();

    QString m_text;
    QString m_foldedText;
    QList<int> m_columns;
    QCollator m_collator;
    // With filter columns chosen, each source row's search text is made once and kept, so a
    // keystroke over 100,000 rows compares strings instead of asking the model for four display
    // texts a row (that was 80 % of a keystroke's time; docs/PERFORMANCE.md). A null entry is
    // not made yet; the source model's changes drop the entries they touch.
    mutable QList<QString> m_searchTexts;
    // Likewise each row's sort key for the column sorted by: a sort of 10,000 rows made 140,000
    // comparisons, each asking the model for two values and collating two strings (a fifth of
    // the app's start with a cached list). Kept in step with the source like m_searchTexts.
    mutable QList<std::optional<SortKey>> m_sortKeys;
    mutable int m_sortKeysColumn = -1;
    QList<QMetaObject::Connection> m_sourceConnections;
    QPointer<QAbstractItemModel> m_source; // sourceModel(), without a call into QtCore
};

} // namespace accessdesk
