#pragma once

// Made-up grants in the mix a busy user might have: OAuth 1.0a consumers, OAuth 2.0 clients with
// scopes and personal tokens, under a few dozen application names, with every date kind.

#include "AccessGrant.h"

#include <QList>
#include <QString>

namespace bench {

QList<accessdesk::AccessGrant> makeGrants(int count);

// The user types this into the filter field, one key at a time (then deletes it again).
QString typedFilter();

} // namespace bench
