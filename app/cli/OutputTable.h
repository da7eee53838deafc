#pragma once

#include <QJsonDocument>
#include <QList>
#include <QStringList>
#include <QTextStream>

namespace accessdesk::cli {

enum class OutputFormat { Table, Json, Csv };

// What a command prints: rows for table and CSV output, and the JSON document for --format json
// (the JSON shape is part of the CLI contract, so commands build it themselves).
struct CommandOutput
{
    QStringList columns;
    QList<QStringList> rows;
    QJsonDocument json;
    QString emptyMessage; // said instead of an empty table
};

void printOutput(QTextStream &out, const CommandOutput &output, OutputFormat format);
// A table's header row for people, in the user's language. CommandOutput::columns stay English:
// they are also the CSV header, which scripts read by name.
QStringList tableHeaders(const QStringList &columns);
// Table cells are printed with every control character escaped (displaytext::withoutControls).
QString renderTable(const QStringList &columns, const QList<QStringList> &rows);
// Server text on its way to a terminal: control characters escaped, a CSV's line breaks kept.
QStringList terminalRow(const QStringList &cells);
QString terminalCsv(const QByteArray &csv);

} // namespace accessdesk::cli
