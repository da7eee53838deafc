#pragma once

#include <QString>

namespace trackersim {

class Store;

// Fills a new database: "none" (just the three users), "demo" (the README's demo world) or
// "scale:N" (demo plus N personal access tokens spread over many users).
namespace seed {

bool apply(Store &store, const QString &kind, qint64 nowMs, QString *error);

} // namespace seed
} // namespace trackersim
