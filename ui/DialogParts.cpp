#include "DialogParts.h"

#include "SecretClipboard.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
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
    label->setStyleSheet(QStringLiteral("color: #b3261e;"));
    return label;
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
