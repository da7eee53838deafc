#include "cli/AdminPatsOutput.h"

#include "services/AdminTokenRevoker.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

namespace accessdesk::cli {

namespace {

QJsonValue jsonTime(const std::optional<QDateTime> &time)
{
    if (!time || !time->isValid())
        return QJsonValue(QJsonValue::Null);
    return time->toUTC().toString(Qt::ISODateWithMs);
}

QString tableTime(const std::optional<QDateTime> &time, const QString &none)
{
    if (!time || !time->isValid())
        return none;
    return time->toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

QJsonObject adminTokenJson(const PersonalToken &token)
{
    return QJsonObject{{QStringLiteral("id"), token.id},
                       {QStringLiteral("name"), token.name},
                       {QStringLiteral("owner"), token.owner ? QJsonValue(token.owner->username)
                                                             : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("createdAt"), jsonTime(token.createdAt)},
                       {QStringLiteral("expiresAt"), jsonTime(token.expiresAt)},
                       {QStringLiteral("lastUsedAt"), jsonTime(token.lastUsedAt)}};
}

QStringList adminTokenRow(const PersonalToken &token)
{
    const QString never = QStringLiteral("never");
    return {QString::number(token.id),
            token.name,
            token.owner ? token.owner->username : QStringLiteral("-"),
            tableTime(token.createdAt, QStringLiteral("-")),
            tableTime(token.expiresAt, never),
            tableTime(token.lastUsedAt, never)};
}

QString adminTokenLines(const QList<PersonalToken> &tokens, int limit)
{
    QStringList lines;
    for (const PersonalToken &token : tokens.mid(0, limit))
        lines.append(QStringLiteral("  ") + AdminTokenRevoker::describe(token));
    if (tokens.size() > limit)
        lines.append(QStringLiteral("  ") +
                     QCoreApplication::translate("accessdesk::cli::CliAdminPats", "… and %n more",
                                                 nullptr, int(tokens.size() - limit)));
    return lines.join(QLatin1Char('\n'));
}

void writeStdout(QTextStream &out, const QByteArray &bytes)
{
    out.flush();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

ProgressLine::ProgressLine(QTextStream &err)
    : m_err(err)
    , m_enabled(::isatty(STDERR_FILENO) != 0)
{}

void ProgressLine::show(const QString &text)
{
    if (!m_enabled)
        return;
    m_err << "\r\x1b[K" << text;
    m_err.flush();
    m_shown = true;
}

void ProgressLine::clear()
{
    if (!m_shown)
        return;
    m_err << "\r\x1b[K";
    m_err.flush();
    m_shown = false;
}

TokenListPrinter::TokenListPrinter(QTextStream &out, OutputFormat format)
    : m_out(out)
    , m_format(format)
{}

QStringList TokenListPrinter::columns()
{
    return {QStringLiteral("id"),      QStringLiteral("name"),    QStringLiteral("owner"),
            QStringLiteral("created"), QStringLiteral("expires"), QStringLiteral("last used")};
}

void TokenListPrinter::add(const QList<PersonalToken> &tokens)
{
    for (const PersonalToken &token : tokens) {
        switch (m_format) {
        case OutputFormat::Json:
            m_json += (m_rows == 0 ? "  " : ",\n  ") +
                      QJsonDocument(adminTokenJson(token)).toJson(QJsonDocument::Compact);
            break;
        case OutputFormat::Csv:
            m_csv.addRow(adminTokenRow(token));
            break;
        case OutputFormat::Table:
            m_table.append(terminalRow(adminTokenRow(token)));
            break;
        }
        ++m_rows;
    }
    if (m_format == OutputFormat::Table)
        flushTable();
}

void TokenListPrinter::finish()
{
    switch (m_format) {
    case OutputFormat::Json:
        if (m_rows == 0) {
            m_out << "[]\n";
            break;
        }
        writeStdout(m_out, "[\n");
        writeStdout(m_out, m_json);
        writeStdout(m_out, "\n]\n");
        break;
    case OutputFormat::Csv:
        writeStdout(m_out, terminalCsv(m_csv.data()).toUtf8());
        break;
    case OutputFormat::Table:
        if (m_rows == 0)
            m_out << QCoreApplication::translate("accessdesk::cli::CliAdminPats",
                                                 "No personal access token matches.")
                  << '\n';
        break;
    }
    m_out.flush();
}

void TokenListPrinter::flushTable()
{
    if (m_table.isEmpty())
        return;
    if (m_widths.isEmpty()) {
        const QStringList headers = tableHeaders(columns());
        for (const QString &column : headers)
            m_widths.append(column.size());
        for (const QStringList &row : std::as_const(m_table)) {
            for (qsizetype i = 0; i < m_widths.size(); ++i)
                m_widths[i] = qMax(m_widths[i], row.at(i).size());
        }
        printLine(headers);
    }
    for (const QStringList &row : std::as_const(m_table))
        printLine(row);
    m_table.clear();
    m_out.flush();
}

void TokenListPrinter::printLine(const QStringList &cells)
{
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += QStringLiteral("  ");
        // Later rows wider than the first page's push their own line out, never get cut.
        line += i + 1 < cells.size() ? cells.at(i).leftJustified(m_widths.at(i)) : cells.at(i);
    }
    m_out << line << '\n';
}

} // namespace accessdesk::cli
