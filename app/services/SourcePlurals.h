#pragma once

namespace accessdesk {

// English source strings write counts as "%n grant(s)"; Qt chooses "1 grant" or "2 grants" only
// from a translation. The English numerus forms (translations/accessdesk_en.ts) are compiled into
// this library, and this installs them on the running application. Call once, after the
// QCoreApplication exists; false when the embedded file is missing (the "(s)" text then shows).
bool installSourcePlurals();

} // namespace accessdesk
