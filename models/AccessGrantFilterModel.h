#pragma once

#include "AccessGrant.h"
#include "TextFilterModel.h"

#include <QList>

namespace accessdesk {

// Sorting and filter-as-you-type over AccessGrantModel (TextFilterModel), and a choice of kinds.
// The text filter looks at application, kind, description and scopes.
class AccessGrantFilterModel final : public TextFilterModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessGrantFilterModel)

public:
    explicit AccessGrantFilterModel(QObject *parent = nullptr);

    // Empty: every kind.
    void setKinds(const QList<GrantKind> &kinds);
    QList<GrantKind> kinds() const { return m_kinds; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QList<GrantKind> m_kinds;
};

} // namespace accessdesk
