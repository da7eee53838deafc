#pragma once

#include "TextFilterModel.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QStringList>
#include <QVariant>

namespace accessdesk {

// One cell of an administration list: the text people read, and the value sorting and CSV
// export use when it differs (a QDateTime for times; invalid means "none" and sorts last).
struct AdminCell
{
    QString text;
    QVariant raw;

    static AdminCell plain(const QString &text) { return {text, {}}; }
    static AdminCell time(const QDateTime &utc, const QString &noneText);
    static AdminCell flag(bool value);
};

// One row: its cells, a key that survives a reload (so the selection does), and the plain-text
// description the details pane shows.
struct AdminRow
{
    QString key;
    QList<AdminCell> cells;
    QString details;
};

// The rows of one administration list (links, consumers, clients, tokens). The lists differ only
// in their columns, so they share this model; AdminRows builds their rows.
class AdminTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminTableModel)

public:
    enum Role {
        RawValueRole = Qt::UserRole + 1, // what sorting compares
        KeyRole,                         // AdminRow::key
    };
    Q_ENUM(Role)

    explicit AdminTableModel(QStringList headers, QObject *parent = nullptr);

    void setRows(QList<AdminRow> rows);
    const QList<AdminRow> &rows() const { return m_rows; }
    AdminRow rowAt(int row) const { return m_rows.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QStringList m_headers;
    QList<AdminRow> m_rows;
};

// Filter-as-you-type over every column, sorted as TextFilterModel sorts.
class AdminFilterModel final : public TextFilterModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminFilterModel)

public:
    explicit AdminFilterModel(QObject *parent = nullptr);
};

} // namespace accessdesk
