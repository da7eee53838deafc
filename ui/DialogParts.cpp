#include "DialogParts.h"

#include "SecretClipboard.h"

#include <QApplication>
#include <QClipboard>
#include <QColor>
#include <QDialog>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>

namespace accessdesk::DialogParts {

void fitHeight(QWidget *dialog)
{
    const int width = qMax(dialog->width(), dialog->minimumWidth());
    const int height = dialog->heightForWidth(width);
    dialog->resize(width, height > 0 ? qMax(height, dialog->minimumSizeHint().height())
                                     : dialog->sizeHint().height());
}

void showPage(QStackedWidget *pages, int index)
{
    for (int i = 0; i < pages->count(); ++i) {
        const auto policy = i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored;
        pages->widget(i)->setSizePolicy(policy, policy);
    }
    pages->setCurrentIndex(index);
}

QLabel *wrappedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

void makeTitle(QLabel *label)
{
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    label->setFont(font);
}

QLabel *errorLabel(QWidget *parent)
{
    QLabel *label = wrappedLabel(QString(), parent);
    label->setAccessibleName(QCoreApplication::translate("DialogParts", "Error"));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    showAsProblem(label, true);
    return label;
}

QColor problemColor(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
}

void showAsProblem(QLabel *label, bool problem)
{
    // The parent's palette says what "normal" is (the label's own may be red already).
    const QPalette normal =
        label->parentWidget() ? label->parentWidget()->palette() : QApplication::palette(label);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText,
                     problem ? problemColor(normal) : normal.color(QPalette::WindowText));
    label->setPalette(palette);
}

QLineEdit *codeField(const QString &accessibleName, QWidget *parent)
{
    auto *field = new QLineEdit(parent);
    field->setReadOnly(true);
    field->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    field->setAccessibleName(accessibleName);
    return field;
}

QPushButton *copyButton(const QString &accessibleName, QWidget *parent)
{
    auto *button = new QPushButton(QCoreApplication::translate("DialogParts", "&Copy"), parent);
    button->setAccessibleName(accessibleName);
    return button;
}

void copyToClipboard(const QString &text, QPushButton *button)
{
    QApplication::clipboard()->setText(text);
    button->setText(QCoreApplication::translate("DialogParts", "Copied"));
}

void copySecretToClipboard(const QString &secret, QPushButton *button,
                           std::chrono::milliseconds clearAfter)
{
    SecretClipboard::copy(secret, clearAfter);
    button->setText(QCoreApplication::translate("DialogParts", "Copied"));
}

void answerSoon(QDialog *dialog, bool accept)
{
    QTimer::singleShot(0, dialog, [dialog, accept] {
        if (accept)
            dialog->accept();
        else
            dialog->reject();
    });
}

} // namespace accessdesk::DialogParts
