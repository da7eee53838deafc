#pragma once

#include "PersonalToken.h"

#include <QAbstractTableModel>
#include <QCollator>
#include <QCollatorSortKey>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>

#include <functional>
#include <limits>
#include <memory>
#include <vector>

namespace accessdesk {

// Every user's personal access tokens as an administrator searches them, one row per token. Built
// for a search that delivers 100,000 tokens page by page, sorted all the while: the model keeps its
// rows in the order sort() chose, so a page of 1,000 is sorted on its own and merged into the
// sorted rows in one linear pass instead of the whole list being sorted again (a sort of 100,000
// rows in a QSortFilterProxyModel stalled the GUI for ~150 ms). What sorting compares is worked
// out once per row when it arrives. PersonalTokenFilterModel only filters and hands sort() here.
//
// Display text is for people (local time, minutes); RawValueRole carries what sorting compares
// (QDateTime for the dates, invalid for none), ExportRole what a CSV export writes.
class PersonalTokenModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PersonalTokenModel)

public:
    enum Column { Name, Owner, Created, Expires, LastUsed, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // QDateTime for the dates (invalid: none), text otherwise
        TokenIdRole,                     // qint64
    };
    Q_ENUM(Role)
    // The same number as ui/'s TableExport::ExportRole (models/ cannot include ui/).
    static constexpr int ExportRole = Qt::UserRole + 99;

    using Clock = std::function<QDateTime()>;

    // The clock decides which tokens read "expired"; tests inject a fixed one.
    explicit PersonalTokenModel(Clock clock = {}, QObject *parent = nullptr);

    // Adds tokens: unsorted, below the last row in their order; sorted, each where it belongs. One
    // rowsInserted per page (at the end, or where the page goes when it fits in one place), then
    // one layoutChanged when its rows go between rows already there; persistent indexes (the
    // selection, the current row) follow their rows. A token already listed (same id) is not
    // added twice.
    void appendTokens(const QList<PersonalToken> &tokens);
    void clear();
    // Drops the rows of these tokens: one rowsRemoved per run of adjacent rows, or a reset when
    // the runs are so many that removing them one by one would cost more than rebuilding.
    void removeTokens(const QSet<qint64> &ids);

    const PersonalToken &tokenAt(int row) const { return rowAt(row).token; }
    int rowOfToken(qint64 id) const;
    QList<PersonalToken> tokens() const;

    // How two rows compare in a column (ascending): names and owners as people read them
    // (QCollator: case ignored, numbers as numbers), times as times. A missing time is neither
    // before nor after a real one here: sort() puts "never" last in both orders. Ties go by name,
    // then by token id, so equal rows keep one order whatever order they arrived in.
    enum class Order { Less, Same, Greater, MissingLeft, MissingRight };
    // Whether the name or the owner (user name, display name, e-mail) contains text, ignoring case.
    bool matchesText(int row, QStringView text) const;

    // "Bob Baker (bob)"; the user name alone when there is no display name.
    static QString ownerText(const PersonalToken &token);
    // A token's expiry unless it never expires (no date, or Jira's 9999 "never" date).
    static std::optional<QDateTime> expiryOf(const PersonalToken &token);
    // "Token", "Owner", …; empty for a column there is not.
    static QString columnTitle(int column);
    // The plain-text lines the details pane shows for one token.
    static QString details(const PersonalToken &token);

    // Keeps the rows sorted by column from now on (see compare(); "never" after every real time
    // in both orders): one layoutChanged, persistent indexes follow their rows. A column there is
    // not (-1) stops sorting; the rows stay where they are and new ones go below them.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row
    {
        PersonalToken token;
        QString owner;
        QCollatorSortKey nameKey;
        QCollatorSortKey ownerKey;
        std::optional<QDateTime> expires;
        // The times as milliseconds since the epoch (kNoTime: none): a merge compares 100,000
        // rows' times, and comparing QDateTimes (copied, converted) cost most of it.
        qint64 createdKey;
        qint64 expiresKey;
        qint64 lastUsedKey;
    };
    static constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

    // Held by pointer: a merge or a sort moves pointers, not rows (see appendTokens()).
    using RowPtr = std::unique_ptr<Row>;
    using Rows = std::vector<RowPtr>;

    const Row &rowAt(int row) const { return *m_rows.at(size_t(row)); }
    RowPtr makeRow(const PersonalToken &token) const;
    static Order compareRows(const Row &a, const Row &b, int column);
    // Whether a goes above b in the chosen sort order.
    bool sortsBefore(const Row &a, const Row &b) const;
    // Ends the layout change that put the rows in their new order: newRowOf maps each old row
    // to its new one, for the persistent indexes.
    void finishLayoutChange(Rows &&rows, const QList<int> &newRowOf);
    void reindex() const;
    QVariant displayText(const Row &row, int column) const;
    static QVariant dateValue(const Row &row, int column);

    Clock m_clock;
    QCollator m_collator;
    Rows m_rows; // in the sort order
    // Every row's id, for telling a token already listed; the row numbers are only a hint
    // (checked, and rebuilt by rowOfToken() when stale) so a merge need not renumber them all.
    mutable QHash<qint64, int> m_rowById;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace accessdesk
