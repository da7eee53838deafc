#pragma once

#include "storage/ActivityEntry.h"

#include "TextFilterModel.h"

#include <QAbstractTableModel>
#include <QList>

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

// Filter-as-you-type over every column (TextFilterModel) and the outcome choice over
// ActivityModel. Entries of the same time sort by when they were written.
class ActivityFilterModel final : public TextFilterModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityFilterModel)

public:
    explicit ActivityFilterModel(QObject *parent = nullptr);

    // nullopt: every outcome.
    void setOutcome(std::optional<ActivityOutcome> outcome);
    std::optional<ActivityOutcome> outcome() const { return m_outcome; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool sameTimeLessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    std::optional<ActivityOutcome> m_outcome;
};

} // namespace accessdesk
