#pragma once

#include "AccessGrant.h"
#include "GrantRows.h"

#include <QTimeZone>
#include <QUrl>

// Reads one access-tokens page row into an AccessGrant (internal to models/).
namespace accessdesk::html {

AccessGrant readGrantRow(const GrantRow &row, const Labels &labels, const QTimeZone &userZone,
                         const QUrl &pageUrl);

} // namespace accessdesk::html
