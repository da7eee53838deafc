#pragma once

#include <QString>

#include <chrono>
#include <optional>

class QColor;
class QDialog;
class QLabel;
class QLineEdit;
class QPalette;
class QPushButton;
class QStackedWidget;
class QWidget;

namespace accessdesk {

// The pieces the app's dialogs are built from, so each looks and behaves the same everywhere.
namespace DialogParts {

// Word-wrapped labels make the height depend on the width: keeps the width, fits the height.
// (adjustSize() would measure the height at the narrower size hint and leave a gap.)
void fitHeight(QWidget *dialog);

// Shows page index of a multi-step dialog. A QStackedWidget is as tall as its tallest page; only
// the page shown counts here.
void showPage(QStackedWidget *pages, int index);

// A plain-text label that wraps.
QLabel *wrappedLabel(const QString &text, QWidget *parent);
// Makes label a step's heading: bold and a little larger.
void makeTitle(QLabel *label);
// Where a dialog says what went wrong: wrapped, red, selectable (to copy into a report).
QLabel *errorLabel(QWidget *parent);
// The red of a problem that reads on this palette: darker on a light window colour, lighter on a
// dark one (a fixed red is unreadable on one of them).
QColor problemColor(const QPalette &palette);
// The label's text in problemColor(), or back in the palette's own text colour.
void showAsProblem(QLabel *label, bool problem);

// A read-only field for something to copy (a token, a code), in a fixed-width font so look-alike
// characters stay apart, and its "Copy" button.
QLineEdit *codeField(const QString &accessibleName, QWidget *parent);
QPushButton *copyButton(const QString &accessibleName, QWidget *parent);
// Puts text on the clipboard and says so on button ("Copied").
void copyToClipboard(const QString &text, QPushButton *button);
// The same for a secret, through SecretClipboard: marked for password managers, wiped after
// clearAfter and on quit if the clipboard still holds it (the user may have copied something
// else since). The wiping outlives the dialog: users copy, close the dialog and then paste.
void copySecretToClipboard(const QString &secret, QPushButton *button,
                           std::chrono::milliseconds clearAfter);

// Test hook of the app's questions (ConfirmationDialog, TlsTrustDialog): called from open(),
// answers dialog with the answer a test set beforehand, if any, and uses it up. The answer comes
// on the next event-loop turn, so the test can read the dialog before it goes.
void answerSoon(QDialog *dialog, bool accept);
template<typename Answer>
void answerIfPreset(QDialog *dialog, std::optional<Answer> &preset, Answer accepting)
{
    if (!preset)
        return;
    const bool accept = *preset == accepting;
    preset.reset();
    answerSoon(dialog, accept);
}

} // namespace DialogParts

} // namespace accessdesk
