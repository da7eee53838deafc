#pragma once

#include <QLoggingCategory>

namespace accessdesk {

// Messages in this category name keys and errors, never secret values.
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

} // namespace accessdesk
