#pragma once

#include "storage/ActivityEntry.h"

#include <QAbstractTableModel>
#include <QCollator>
#include <QList>
#include <QSortFilterProxyModel>

#include <optional>

namespace accessdesk {

// The activity log as table rows. Display text is for people (local time, plain words);
// RawValueRole is what sorting compares, TableExport::ExportRole what a CSV holds (UTC times,
// the stable action keys the CLI prints).
class ActivityModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityModel)

public:
    enum Column {
        When,
        Action,
        Target,
        Outcome,
        User,
        Server,
        Profile,
        Error,
        Completed,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // QDateTime for times (invalid: none), text otherwise
        OutcomeRole,                     // int(ActivityOutcome)
        EntryIdRole,                     // qint64
    };
    Q_ENUM(Role)

    explicit ActivityModel(QObject *parent = nullptr);

    void setEntries(QList<ActivityEntry> entries);
    const QList<ActivityEntry> &entries() const { return m_entries; }
    ActivityEntry entryAt(int row) const { return m_entries.value(row); }

    // "Revoke access" for "revoke-grant"; unknown keys are shown as they are.
    static QString actionLabel(const QString &action);
    static QString outcomeLabel(ActivityOutcome outcome);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant displayText(const ActivityEntry &entry, int column) const;
    QVariant rawValue(const ActivityEntry &entry, int column) const;

    QList<ActivityEntry> m_entries;
};

// Filter-as-you-type and the outcome choice over ActivityModel; text sorts the way people read.
class ActivityFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityFilterModel)

public:
    explicit ActivityFilterModel(QObject *parent = nullptr);

    // Case-insensitive substring over every column's text.
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_text; }
    // nullopt: every outcome.
    void setOutcome(std::optional<ActivityOutcome> outcome);
    std::optional<ActivityOutcome> outcome() const { return m_outcome; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    std::optional<ActivityOutcome> m_outcome;
    QCollator m_collator;
};

} // namespace accessdesk
