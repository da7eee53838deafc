#include "PlainText.h"

#include "DisplayText.h"

#include <QLabel>
#include <QPushButton>

namespace accessdesk::PlainText {

QLabel *label(QLabel *label)
{
    label->setTextFormat(Qt::PlainText);
    return label;
}

void setToolTip(QWidget *widget, const QString &text)
{
    widget->setToolTip(displaytext::plainToolTip(text));
}

QMessageBox *messageBox(QMessageBox::Icon icon, const QString &title, const QString &text,
                        QWidget *parent)
{
    auto *box = new QMessageBox(icon, title, QString(), QMessageBox::Ok, parent);
    // Before any text: QMessageBox passes its format on to the label that shows the text.
    box->setTextFormat(Qt::PlainText);
    box->setText(text);
    // Found by name like every control of the app (tests, accessibility tools).
    box->button(QMessageBox::Ok)->setObjectName(QStringLiteral("messageOk"));
    return box;
}

QMessageBox *warning(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox *box = messageBox(QMessageBox::Warning, title, text, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return box;
}

} // namespace accessdesk::PlainText
