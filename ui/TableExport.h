#pragma once

#include <QByteArray>
#include <QString>

class QAbstractItemModel;
class QWidget;

namespace accessdesk {

// "Export any table": every table in the app is written to CSV by these two functions, so all
// exports share one format (CsvWriter: RFC 4180, UTF-8 with a byte order mark for spreadsheets,
// formula-looking cells neutralised).
//
// What is exported is what the model shows: its rows (so a filter proxy exports the filtered
// rows, in their sorted order) and its columns with their header texts. A model may answer
// TableExport::ExportRole with a better value than its display text — a QDateTime is written as
// ISO 8601 UTC, so a spreadsheet reads dates without guessing the user's locale.
namespace TableExport {

inline constexpr int ExportRole = 0x0100 + 99; // Qt::UserRole + 99

QByteArray toCsv(const QAbstractItemModel &model);

// Writes toCsv(model) to path (replacing the file). False with *error in plain words.
bool writeCsv(const QAbstractItemModel &model, const QString &path, QString *error);

// Asks for a file name (without blocking), writes the file and tells the user how it went.
// suggestedName is a file name such as "my-access.csv".
void exportWithDialog(const QAbstractItemModel &model, const QString &suggestedName,
                      QWidget *parent);

} // namespace TableExport

} // namespace accessdesk
