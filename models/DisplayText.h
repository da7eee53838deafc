#pragma once

#include <QString>

// Text from the server (names, descriptions, error messages) is data, never markup or terminal
// commands. These two functions make it safe where a display would otherwise interpret it.
namespace accessdesk::displaytext {

enum class Lines {
    Escape, // one line: \n, \r and \t are escaped too (table cells, one-line messages)
    Keep,   // several lines (messages, CSV): \n and \r\n are kept, every other control
            // character (a lone \r too, which would let text overwrite its line) is escaped
};

// Every C0 control character (U+0000–U+001F), DEL and every C1 control character
// (U+0080–U+009F) replaced by a visible escape such as "\x1b", so that an ESC or CSI in a name
// cannot move the cursor, recolour or retitle the user's terminal.
QString withoutControls(const QString &text, Lines lines = Lines::Escape);
bool hasControls(const QString &text, Lines lines = Lines::Escape);

// A tooltip shows its text as rich text whenever Qt::mightBeRichText() guesses so ("<b>…");
// this returns a tooltip that always shows text literally (escaped inside a rich-text paragraph
// that keeps its line breaks). Empty stays empty: no tooltip.
QString plainToolTip(const QString &text);

} // namespace accessdesk::displaytext
