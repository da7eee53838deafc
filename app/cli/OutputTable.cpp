#include "cli/OutputTable.h"

#include "storage/CsvWriter.h"

#include <algorithm>

namespace accessdesk::cli {

QString renderTable(const QStringList &columns, const QList<QStringList> &rows)
{
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
        out << QString::fromUtf8(writer.data());
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
