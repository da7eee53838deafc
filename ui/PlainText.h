#pragma once

#include <QMessageBox>
#include <QString>

class QLabel;
class QWidget;

namespace accessdesk {

// Server text (application and consumer names, descriptions, usernames, token and link names,
// the server's error messages) is shown as typed, never as markup: a name like
// "<b>x</b><img src=…>" must neither format nor load anything. Labels and message boxes guess
// "rich text" from a leading tag (Qt::AutoText); these helpers switch the guess off where server
// text can appear. Item views already show DisplayRole as plain text; tooltips do not (see
// displaytext::plainToolTip).
namespace PlainText {

// Makes label show its text literally and returns it (for chaining in constructors).
QLabel *label(QLabel *label);

// widget->setToolTip(text) with text shown literally.
void setToolTip(QWidget *widget, const QString &text);

// A message box whose text and informative text are plain; not shown yet (open() it).
QMessageBox *messageBox(QMessageBox::Icon icon, const QString &title, const QString &text,
                        QWidget *parent);

// A warning with an OK button, opened without blocking and deleted on close.
QMessageBox *warning(QWidget *parent, const QString &title, const QString &text);

} // namespace PlainText

} // namespace accessdesk
