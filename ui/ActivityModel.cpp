#include "ActivityModel.h"

#include "TableExport.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>

namespace accessdesk {

namespace {

// The table shows minutes; seconds are noise there (the details pane and the CSV keep them).
QString shortLocal(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    const QLocale locale;
    QString format = locale.dateTimeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss")); // a few locales' short format still has seconds
    return locale.toString(utc.toLocalTime(), format);
}

} // namespace

ActivityModel::ActivityModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ActivityModel::setEntries(QList<ActivityEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

QString ActivityModel::actionLabel(const QString &action)
{
    // The activity log's stable action keys (app/services), as people read them.
    static const QHash<QString, const char *> labels{
        {QStringLiteral("revoke-grant"), QT_TR_NOOP("Revoke access")},
        {QStringLiteral("create-pat"), QT_TR_NOOP("Create personal token")},
        {QStringLiteral("admin-revoke-pat"), QT_TR_NOOP("Revoke a user's personal token")},
        {QStringLiteral("allow-oauth-request"), QT_TR_NOOP("Allow a request for access")},
        {QStringLiteral("deny-oauth-request"), QT_TR_NOOP("Deny a request for access")},
        {QStringLiteral("create-applink"), QT_TR_NOOP("Create an application link")},
        {QStringLiteral("update-applink"), QT_TR_NOOP("Change an application link")},
        {QStringLiteral("relocate-applink"), QT_TR_NOOP("Relocate an application link")},
        {QStringLiteral("make-applink-primary"), QT_TR_NOOP("Make an application link primary")},
        {QStringLiteral("configure-applink-oauth"),
         QT_TR_NOOP("Set up OAuth on an application link")},
        {QStringLiteral("delete-applink"), QT_TR_NOOP("Delete an application link")},
        {QStringLiteral("delete-applink-both-ends"),
         QT_TR_NOOP("Delete an application link on both ends")},
        {QStringLiteral("approve-consumer"), QT_TR_NOOP("Approve an OAuth consumer")},
        {QStringLiteral("remove-consumer"), QT_TR_NOOP("Remove an OAuth consumer")},
        {QStringLiteral("create-oauth2-client"), QT_TR_NOOP("Create an OAuth 2.0 client")},
        {QStringLiteral("update-oauth2-client"), QT_TR_NOOP("Change an OAuth 2.0 client")},
        {QStringLiteral("reset-oauth2-client-secret"),
         QT_TR_NOOP("Reset an OAuth 2.0 client's secret")},
        {QStringLiteral("delete-oauth2-client"), QT_TR_NOOP("Delete an OAuth 2.0 client")},
    };
    const auto label = labels.constFind(action);
    return label == labels.cend() ? action : tr(*label);
}

QString ActivityModel::outcomeLabel(ActivityOutcome outcome)
{
    switch (outcome) {
    case ActivityOutcome::Pending:
        return tr("in progress");
    case ActivityOutcome::Succeeded:
        return tr("succeeded");
    case ActivityOutcome::Failed:
        return tr("failed");
    case ActivityOutcome::Interrupted:
        // The app stopped between sending and hearing back: nobody knows whether it happened.
        return tr("unknown (interrupted)");
    case ActivityOutcome::Unknown:
        // Sent, but the answer was lost and no check afterwards could tell.
        return tr("unknown (not confirmed)");
    }
    return {};
}

int ActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActivityModel::displayText(const ActivityEntry &entry, int column) const
{
    switch (column) {
    case When:
        return shortLocal(entry.time);
    case Action:
        return actionLabel(entry.action);
    case Target:
        return entry.target;
    case Outcome:
        return outcomeLabel(entry.outcome);
    case User:
        return entry.user;
    case Server:
        return entry.serverUrl;
    case Profile:
        return entry.profile;
    case Error:
        return entry.errorText;
    case Completed:
        return shortLocal(entry.completedAt);
    }
    return {};
}

QVariant ActivityModel::rawValue(const ActivityEntry &entry, int column) const
{
    switch (column) {
    case When:
        return entry.time;
    case Completed:
        return entry.completedAt;
    case Action:
        return entry.action;
    case Outcome:
        return activityOutcomeKey(entry.outcome);
    default:
        return displayText(entry, column);
    }
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ActivityEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(entry, index.column());
    case Qt::ToolTipRole:
        if (index.column() == When || index.column() == Completed) {
            const QDateTime time = index.column() == When ? entry.time : entry.completedAt;
            return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::LongFormat)
                                  : QVariant();
        }
        return displayText(entry, index.column());
    case RawValueRole:
        return rawValue(entry, index.column());
    case TableExport::ExportRole:
        // Times as QDateTime (written as ISO 8601 UTC); the action as the CLI's stable key.
        if (index.column() == When || index.column() == Completed || index.column() == Action)
            return rawValue(entry, index.column());
        return {};
    case OutcomeRole:
        return int(entry.outcome);
    case EntryIdRole:
        return entry.id;
    default:
        return {};
    }
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case When:
        return tr("When");
    case Action:
        return tr("Action");
    case Target:
        return tr("What");
    case Outcome:
        return tr("Outcome");
    case User:
        return tr("User");
    case Server:
        return tr("Server");
    case Profile:
        return tr("Profile");
    case Error:
        return tr("Error");
    case Completed:
        return tr("Completed");
    }
    return {};
}

ActivityFilterModel::ActivityFilterModel(QObject *parent)
    : TextFilterModel(ActivityModel::RawValueRole, parent)
{}

void ActivityFilterModel::setOutcome(std::optional<ActivityOutcome> outcome)
{
    if (outcome == m_outcome)
        return;
    m_outcome = outcome;
    invalidateFilter();
}

bool ActivityFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_outcome) {
        const auto outcome = ActivityOutcome(sourceModel()
                                                 ->index(sourceRow, 0, sourceParent)
                                                 .data(ActivityModel::OutcomeRole)
                                                 .toInt());
        if (outcome != *m_outcome)
            return false;
    }
    return TextFilterModel::filterAcceptsRow(sourceRow, sourceParent);
}

bool ActivityFilterModel::sameTimeLessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Same millisecond: the later entry (higher id) is the newer one.
    return left.data(ActivityModel::EntryIdRole).toLongLong() <
           right.data(ActivityModel::EntryIdRole).toLongLong();
}

} // namespace accessdesk
