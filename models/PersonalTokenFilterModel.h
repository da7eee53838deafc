#pragma once

#include <QPointer>
#include <QSortFilterProxyModel>

namespace accessdesk {

class PersonalTokenModel;

// Sorting and filter-as-you-type over a PersonalTokenModel, cheap at 100,000 rows: lessThan()
// compares the keys the model worked out per row (no QVariant, no collation per comparison), the
// text filter looks at the name and the owner only (no dates to format), and "never" — a token
// never used, never expiring, or without a known creation time — sorts after every real time in
// both directions, as blanks do in a spreadsheet.
//
// While a search streams rows in (beginStreaming() … endStreaming()), QSortFilterProxyModel would
// sort each new row into place on its own: one insertion and one rowsInserted per row, O(n²) over
// a long load. So a streaming proxy lets a page's rows join below the rows already sorted, and
// sorts the whole list again after each page while it is small, then each time it has doubled,
// and once more at the end: O(n log n) in all, and the rows still in order when loading ends.
class PersonalTokenFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PersonalTokenFilterModel)

public:
    // Up to this many rows the list is sorted again after every page.
    static constexpr int kResortEveryPageBelow = 20000;

    explicit PersonalTokenFilterModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;

    // Case-insensitive substring of the token's name or its owner's user name, display name or
    // e-mail; blanks around it do not count. Empty: every row.
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_text; }

    void beginStreaming();
    void endStreaming();
    bool isStreaming() const { return m_streaming; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void rowsArrived();
    void sortAgain();

    QPointer<PersonalTokenModel> m_tokens;
    QString m_text;
    bool m_streaming = false;
    int m_sortedRows = 0; // rows of the source when the list was last sorted while streaming
};

} // namespace accessdesk
