#include "auth/AuthLogging.h"

namespace accessdesk {

Q_LOGGING_CATEGORY(lcAuth, "accessdesk.auth", QtWarningMsg)

} // namespace accessdesk
