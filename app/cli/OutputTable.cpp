#include "cli/OutputTable.h"

#include "DisplayText.h"
#include "storage/CsvWriter.h"

#include <QCoreApplication>

#include <algorithm>

namespace accessdesk::cli {

namespace {

// Every column name of the CLI's tables, for lupdate: tableHeaders() translates them by their
// English text in this context. A column missing here stays English in every language.
[[maybe_unused]] constexpr const char *kColumnNames[] = {
    QT_TRANSLATE_NOOP("CliTable", "action"),
    QT_TRANSLATE_NOOP("CliTable", "application"),
    QT_TRANSLATE_NOOP("CliTable", "application URL"),
    QT_TRANSLATE_NOOP("CliTable", "auth"),
    QT_TRANSLATE_NOOP("CliTable", "client id"),
    QT_TRANSLATE_NOOP("CliTable", "client secret"),
    QT_TRANSLATE_NOOP("CliTable", "created"),
    QT_TRANSLATE_NOOP("CliTable", "error"),
    QT_TRANSLATE_NOOP("CliTable", "expires"),
    QT_TRANSLATE_NOOP("CliTable", "field"),
    QT_TRANSLATE_NOOP("CliTable", "id"),
    QT_TRANSLATE_NOOP("CliTable", "incoming"),
    QT_TRANSLATE_NOOP("CliTable", "issued"),
    QT_TRANSLATE_NOOP("CliTable", "kind"),
    QT_TRANSLATE_NOOP("CliTable", "last used"),
    QT_TRANSLATE_NOOP("CliTable", "name"),
    QT_TRANSLATE_NOOP("CliTable", "outcome"),
    QT_TRANSLATE_NOOP("CliTable", "outgoing"),
    QT_TRANSLATE_NOOP("CliTable", "owner"),
    QT_TRANSLATE_NOOP("CliTable", "pinned certificate"),
    //: Table column: whether the link is the primary one of its type
    QT_TRANSLATE_NOOP("CliTable", "primary"),
    QT_TRANSLATE_NOOP("CliTable", "profile"),
    QT_TRANSLATE_NOOP("CliTable", "redirects"),
    QT_TRANSLATE_NOOP("CliTable", "result"),
    QT_TRANSLATE_NOOP("CliTable", "scope"),
    QT_TRANSLATE_NOOP("CliTable", "scopes"),
    QT_TRANSLATE_NOOP("CliTable", "server"),
    QT_TRANSLATE_NOOP("CliTable", "status"),
    //: Table column: whether the secret was stored in the keychain
    QT_TRANSLATE_NOOP("CliTable", "stored"),
    QT_TRANSLATE_NOOP("CliTable", "system"),
    QT_TRANSLATE_NOOP("CliTable", "target"),
    QT_TRANSLATE_NOOP("CliTable", "time"),
    QT_TRANSLATE_NOOP("CliTable", "token"),
    QT_TRANSLATE_NOOP("CliTable", "type"),
    QT_TRANSLATE_NOOP("CliTable", "user"),
    QT_TRANSLATE_NOOP("CliTable", "value"),
    QT_TRANSLATE_NOOP("CliTable", "what is wrong"),
    QT_TRANSLATE_NOOP("CliTable", "what to do"),
};

} // namespace

QStringList tableHeaders(const QStringList &columns)
{
    QStringList headers;
    headers.reserve(columns.size());
    for (const QString &column : columns)
        headers.append(QCoreApplication::translate("CliTable", column.toUtf8().constData()));
    return headers;
}

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

QString renderTable(const QStringList &englishColumns, const QList<QStringList> &unsafeRows)
{
    const QStringList columns = tableHeaders(englishColumns);
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
