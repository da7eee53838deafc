#pragma once

#include "AccessGrant.h"

#include <QCollator>
#include <QList>
#include <QSortFilterProxyModel>

namespace accessdesk {

// Sorting and filter-as-you-type over AccessGrantModel. Text sorts the way people read it
// (QCollator, numbers as numbers); dates sort by time, and "none" sorts after every date.
class AccessGrantFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessGrantFilterModel)

public:
    explicit AccessGrantFilterModel(QObject *parent = nullptr);

    // Case-insensitive substring over application, kind, description and scopes.
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_text; }
    // Empty: every kind.
    void setKinds(const QList<GrantKind> &kinds);
    QList<GrantKind> kinds() const { return m_kinds; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QList<GrantKind> m_kinds;
    QCollator m_collator;
};

} // namespace accessdesk
