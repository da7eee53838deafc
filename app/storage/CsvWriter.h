#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace accessdesk {

// Every CSV export goes through here: RFC 4180 (CRLF line ends, cells with a comma, quote, CR or
// LF are quoted and quotes doubled), UTF-8, a header row first.
//
// Cells that a spreadsheet would run as a formula (starting with = + - @, or a tab or CR, as
// OWASP lists them) get a leading apostrophe, because exported names and descriptions come from
// the server and anyone can choose them. The cost: "-5" is exported as "'-5".
class CsvWriter final
{
public:
    explicit CsvWriter(const QStringList &header);

    void addRow(const QStringList &cells);

    // The document so far, UTF-8, optionally with a byte order mark (spreadsheet programs need
    // it to read UTF-8; scripts usually do not want it).
    QByteArray data() const;
    void setByteOrderMark(bool enabled) { m_byteOrderMark = enabled; }

    // One cell as written: neutralised, then quoted when needed.
    static QString encodeCell(const QString &cell);

private:
    void appendRow(const QStringList &cells);

    QString m_text;
    bool m_byteOrderMark = false;
};

} // namespace accessdesk
