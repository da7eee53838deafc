#pragma once

#include <QLoggingCategory>

namespace accessdesk {

// Messages in this category name kinds, hosts and failures, never a password, token, code,
// state, nonce or key.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)

} // namespace accessdesk
