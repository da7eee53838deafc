#include "AccessGrantFilterModel.h"

#include "AccessGrantModel.h"

namespace accessdesk {

AccessGrantFilterModel::AccessGrantFilterModel(QObject *parent)
    : TextFilterModel(AccessGrantModel::RawValueRole, parent)
{
    setFilterColumns({AccessGrantModel::Application, AccessGrantModel::Kind,
                      AccessGrantModel::Description, AccessGrantModel::Scopes});
}

void AccessGrantFilterModel::setKinds(const QList<GrantKind> &kinds)
{
    if (kinds == m_kinds)
        return;
    m_kinds = kinds;
    invalidateFilter();
}

bool AccessGrantFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_kinds.isEmpty()) {
        const auto kind = GrantKind(sourceModel()
                                        ->index(sourceRow, AccessGrantModel::Kind, sourceParent)
                                        .data(AccessGrantModel::KindRole)
                                        .toInt());
        if (!m_kinds.contains(kind))
            return false;
    }
    return TextFilterModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace accessdesk
