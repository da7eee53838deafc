#include "DisplayText.h"

namespace accessdesk::displaytext {

namespace {

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

bool isEscaped(const QString &text, qsizetype i, Lines lines)
{
    const char16_t c = text.at(i).unicode();
    if (!isControl(c))
        return false;
    if (lines == Lines::Escape)
        return true;
    return !(c == u'\n' || (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n'));
}

} // namespace

bool hasControls(const QString &text, Lines lines)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (isEscaped(text, i, lines))
            return true;
    }
    return false;
}

QString withoutControls(const QString &text, Lines lines)
{
    if (!hasControls(text, lines))
        return text;
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!isEscaped(text, i, lines)) {
            out += c;
            continue;
        }
        out += QStringLiteral("\\x") +
               QString::number(c.unicode(), 16).rightJustified(2, QLatin1Char('0'));
    }
    return out;
}

QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return text;
    // "<p>" makes Qt take it as rich text; the escaped text inside then shows as typed.
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + text.toHtmlEscaped() +
           QStringLiteral("</p>");
}

} // namespace accessdesk::displaytext
