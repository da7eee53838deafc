#pragma once

#include "AccessGrant.h"
#include "GrantRows.h"

#include <QTimeZone>
#include <QUrl>

#include <optional>

// Reads one access-tokens page row into an AccessGrant (internal to models/).
namespace accessdesk::html {

// Where the page came from, against which its addresses are resolved once, and the server's base
// URL (with its context path), under which a revoke address must lie.
struct PageOrigin
{
    QUrl pageUrl;
    QUrl serverBase;
};

// A grant, or why the row cannot be one (short, in English).
struct ReadRow
{
    std::optional<AccessGrant> grant;
    QString problem;
};

ReadRow readGrantRow(const GrantRow &row, const Labels &labels, const QTimeZone &userZone,
                     const PageOrigin &origin);

} // namespace accessdesk::html
