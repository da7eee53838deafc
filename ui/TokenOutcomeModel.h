#pragma once

#include "services/TokenSweep.h"

#include <QAbstractTableModel>
#include <QList>

namespace accessdesk {

// What a revoke did to each token (TokenSweep::Item), as table rows: token, owner, outcome and,
// for every token not revoked, why. RawValueRole ranks the outcomes so that sorting by outcome
// puts what needs attention first (not revoked, failed, unknown, not attempted, revoked).
class TokenOutcomeModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenOutcomeModel)

public:
    enum Column { Name, Owner, Outcome, Reason, ColumnCount };
    Q_ENUM(Column)
    enum Role { RawValueRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;

    void setItems(QList<TokenSweep::Item> items);
    const TokenSweep::Item &itemAt(int row) const { return m_items.at(row); }

    // "revoked", "not revoked", "failed", "unknown", "not attempted".
    static QString outcomeText(TokenSweep::Outcome outcome);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<TokenSweep::Item> m_items;
};

} // namespace accessdesk
