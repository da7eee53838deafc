#pragma once

#include <QList>
#include <QStringList>

namespace trackersim::schema {

// One migration: the statements that move the schema from version (index) to (index + 1).
// Each runs in its own transaction; append new ones, never edit a released one.
QList<QStringList> migrations();

} // namespace trackersim::schema
