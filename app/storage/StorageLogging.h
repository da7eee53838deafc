#pragma once

#include <QLoggingCategory>

namespace accessdesk {

// Messages here name tables, ids and SQL errors; never cached payloads or secrets.
Q_DECLARE_LOGGING_CATEGORY(lcStorage)

} // namespace accessdesk
