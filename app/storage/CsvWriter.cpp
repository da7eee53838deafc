#include "storage/CsvWriter.h"

namespace accessdesk {

namespace {

bool startsFormula(const QString &cell)
{
    if (cell.isEmpty())
        return false;
    switch (cell.front().unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r':
        return true;
    default:
        return false;
    }
}

bool needsQuotes(const QString &cell)
{
    for (const QChar c : cell) {
        if (c == u',' || c == u'"' || c == u'\r' || c == u'\n')
            return true;
    }
    return false;
}

} // namespace

CsvWriter::CsvWriter(const QStringList &header)
{
    appendRow(header);
}

void CsvWriter::addRow(const QStringList &cells)
{
    appendRow(cells);
}

QString CsvWriter::encodeCell(const QString &cell)
{
    QString text = startsFormula(cell) ? QString(QLatin1Char('\'') + cell) : cell;
    if (!needsQuotes(text))
        return text;
    text.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

void CsvWriter::appendRow(const QStringList &cells)
{
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            m_text += QLatin1Char(',');
        m_text += encodeCell(cells.at(i));
    }
    m_text += QLatin1String("\r\n");
}

QByteArray CsvWriter::data() const
{
    QByteArray bytes = m_text.toUtf8();
    if (m_byteOrderMark)
        bytes.prepend("\xEF\xBB\xBF");
    return bytes;
}

} // namespace accessdesk
