#include "storage/StorageLogging.h"

namespace accessdesk {

Q_LOGGING_CATEGORY(lcStorage, "accessdesk.storage", QtWarningMsg)

} // namespace accessdesk
