#include "cli/OutputTable.h"

#include "DisplayText.h"
#include "storage/CsvWriter.h"

#include <algorithm>

namespace accessdesk::cli {

QStringList terminalRow(const QStringList &cells)
{
    QStringList safe;
    safe.reserve(cells.size());
    for (const QString &cell : cells)
        safe.append(displaytext::withoutControls(cell));
    return safe;
}

QString terminalCsv(const QByteArray &csv)
{
    return displaytext::withoutControls(QString::fromUtf8(csv), displaytext::Lines::Keep);
}

QString renderTable(const QStringList &columns, const QList<QStringList> &unsafeRows)
{
    // Cells hold server text: an ESC or a newline in a name must neither reach the terminal
    // nor break the table's lines.
    QList<QStringList> rows;
    rows.reserve(unsafeRows.size());
    for (const QStringList &row : unsafeRows)
        rows.append(terminalRow(row));
    QList<qsizetype> widths;
    for (const QString &column : columns)
        widths.append(column.size());
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }
    auto line = [&](const QStringList &cells) -> QString {
        QStringList padded;
        for (qsizetype i = 0; i < widths.size(); ++i)
            padded.append(cells.value(i).leftJustified(widths.at(i)));
        QString text = padded.join(QStringLiteral("  "));
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        return text + QLatin1Char('\n');
    };
    QString out = line(columns);
    for (const QStringList &row : rows)
        out += line(row);
    return out;
}

void printOutput(QTextStream &out, const CommandOutput &output, OutputFormat format)
{
    switch (format) {
    case OutputFormat::Json:
        out << output.json.toJson(QJsonDocument::Indented);
        break;
    case OutputFormat::Csv: {
        CsvWriter writer(output.columns);
        for (const QStringList &row : output.rows)
            writer.addRow(row);
        out << terminalCsv(writer.data());
    } break;
    case OutputFormat::Table:
        if (output.rows.isEmpty() && !output.emptyMessage.isEmpty())
            out << output.emptyMessage << '\n';
        else
            out << renderTable(output.columns, output.rows);
        break;
    }
    out.flush();
}

} // namespace accessdesk::cli
