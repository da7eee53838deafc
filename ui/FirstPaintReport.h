#pragma once

class QAbstractItemView;

namespace accessdesk::firstpaint {

// For scripts/bench.sh, which times a cold start to the first painted My access: with the
// environment variable ACCESSDESK_REPORT_FIRST_PAINT set, the first paint of the view that shows
// rows writes one line to stderr ("accessdesk: first paint of My access with N rows after M ms",
// M counted from this call). Without the variable it does nothing and costs nothing.
void reportFirstRowsPainted(QAbstractItemView *view);

} // namespace accessdesk::firstpaint
