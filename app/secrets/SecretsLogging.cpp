#include "secrets/SecretsLogging.h"

namespace accessdesk {

Q_LOGGING_CATEGORY(lcSecrets, "accessdesk.secrets", QtWarningMsg)

} // namespace accessdesk
