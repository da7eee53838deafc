#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace accessdesk {

// One step of the schema. Statements are fixed DDL/DML text with no values in them; a migration
// is applied in one transaction together with its schema_version row, so it happens entirely or
// not at all.
struct Migration
{
    int version = 0; // 1, 2, 3, … in order, no gaps
    QString description;
    QStringList statements;
};

// The schema AccessDesk uses. Append new migrations; never edit a released one.
QList<Migration> accessdeskMigrations();

} // namespace accessdesk
