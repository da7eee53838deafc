#include "AdminTableModel.h"

#include "DisplayText.h"
#include "TableExport.h"

#include <QLocale>

namespace accessdesk {

AdminCell AdminCell::time(const QDateTime &utc, const QString &noneText)
{
    if (!utc.isValid())
        return {noneText, QDateTime()};
    // Minutes are enough in a table; the details pane has the full time.
    const QLocale locale;
    QString format = locale.dateTimeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss")); // a few locales' short format still has seconds
    return {locale.toString(utc.toLocalTime(), format), utc};
}

AdminCell AdminCell::flag(bool value)
{
    return {value ? AdminTableModel::tr("yes") : AdminTableModel::tr("no"), value ? 1 : 0};
}

AdminTableModel::AdminTableModel(QStringList headers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_headers(std::move(headers))
{}

void AdminTableModel::setRows(QList<AdminRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int AdminTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AdminTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant AdminTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AdminRow &row = m_rows.at(index.row());
    const AdminCell cell = row.cells.value(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return cell.text;
    case Qt::ToolTipRole: // a long URL or key clipped in its column is read in full here
        return displaytext::plainToolTip(cell.text);
    case RawValueRole:
        return cell.raw.isValid() ? cell.raw : QVariant(cell.text);
    case TableExport::ExportRole:
        // Times as QDateTime, so the CSV holds ISO 8601 UTC and not the local short text.
        return cell.raw.userType() == QMetaType::QDateTime ? cell.raw : QVariant();
    case KeyRole:
        return row.key;
    default:
        return {};
    }
}

QVariant AdminTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return m_headers.value(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

AdminFilterModel::AdminFilterModel(QObject *parent)
    : TextFilterModel(AdminTableModel::RawValueRole, parent)
{}

} // namespace accessdesk
