#pragma once

#include <QPointer>
#include <QSortFilterProxyModel>

namespace accessdesk {

class PersonalTokenModel;

// Filter-as-you-type over a PersonalTokenModel, cheap at 100,000 rows: the text filter looks at the
// name and the owner only (no dates to format).
//
// Sorting is the source's: sort() (what a view's sortable header calls) goes to
// PersonalTokenModel::sort(), which keeps its rows in order and merges each page of a streaming
// search into place in linear time. The proxy itself never sorts (its own sortColumn() stays -1)
// and shows the accepted rows in the source's order: sorting 64,000–100,000 rows here again while
// a search streamed in was the longest stall of the Personal tokens tab (docs/PERFORMANCE.md).
// For a source that is not a PersonalTokenModel it sorts as QSortFilterProxyModel does.
class PersonalTokenFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PersonalTokenFilterModel)

public:
    explicit PersonalTokenFilterModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Case-insensitive substring of the token's name or its owner's user name, display name or
    // e-mail; blanks around it do not count. Empty: every row.
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QPointer<PersonalTokenModel> m_tokens;
    QString m_text;
};

} // namespace accessdesk
