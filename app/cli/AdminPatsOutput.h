#pragma once

#include "PersonalToken.h"
#include "cli/OutputTable.h"
#include "storage/CsvWriter.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QTextStream>

// What admin-pats prints (README "admin-pats"): the token shape in JSON and tables, search results
// as they arrive, progress on a terminal.
namespace accessdesk::cli {

// {"id", "name", "owner", "createdAt", "expiresAt", "lastUsedAt"}: the JSON shape of admin-pats
// search and sweep --dry-run; times ISO 8601 UTC or null.
QJsonObject adminTokenJson(const PersonalToken &token);
// id, name, owner, created, expires, last used — for tables and CSV.
QStringList adminTokenRow(const PersonalToken &token);
// "  personal access token “reporting” (pat:201) of bob" lines, at most `limit`, then "… and N
// more".
QString adminTokenLines(const QList<PersonalToken> &tokens, int limit);

// UTF-8 as it is, past QTextStream (after what that holds): at 100,000 tokens a detour through
// QString would hold the document three times over.
void writeStdout(QTextStream &out, const QByteArray &bytes);

// One line on stderr, rewritten in place while work goes on; nothing unless stderr is a terminal.
class ProgressLine final
{
public:
    explicit ProgressLine(QTextStream &err);
    Q_DISABLE_COPY_MOVE(ProgressLine)

    void show(const QString &text);
    void clear();

private:
    QTextStream &m_err;
    bool m_enabled;
    bool m_shown = false;
};

// Prints search results as pages arrive. A table streams, its column widths taken from the first
// rows; JSON and CSV are kept — compactly, one copy — until the search has completed, so that a
// failed search leaves stdout empty and JSON is always one whole document.
class TokenListPrinter final
{
public:
    TokenListPrinter(QTextStream &out, OutputFormat format);
    Q_DISABLE_COPY_MOVE(TokenListPrinter)

    void add(const QList<PersonalToken> &tokens);
    void finish(); // the whole document, or the table's "no match" line

private:
    static QStringList columns();
    void flushTable();
    void printLine(const QStringList &cells);

    QTextStream &m_out;
    OutputFormat m_format;
    qint64 m_rows = 0;
    QByteArray m_json;
    CsvWriter m_csv{columns()};
    QList<QStringList> m_table; // rows of the current page, until printed
    QList<qsizetype> m_widths;
};

} // namespace accessdesk::cli
