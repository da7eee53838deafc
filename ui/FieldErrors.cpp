#include "FieldErrors.h"

#include "DialogParts.h"
#include "services/AdminOutcome.h"

#include <QLabel>
#include <QVBoxLayout>

namespace accessdesk {

QVBoxLayout *FieldErrors::wrap(const QString &key, QWidget *field)
{
    QLabel *label = DialogParts::errorLabel(field->parentWidget());
    label->setObjectName(key + QStringLiteral("Error"));
    label->hide();
    m_order << key;
    m_labels.insert(key, label);
    m_fields.insert(key, field);
    auto *layout = new QVBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(label);
    return layout;
}

void FieldErrors::show(const QMap<QString, QString> &errors)
{
    for (const QString &key : std::as_const(m_order)) {
        const QString text = errors.value(key);
        QLabel *label = m_labels.value(key);
        label->setText(text);
        label->setVisible(!text.isEmpty());
        m_fields.value(key)->setAccessibleDescription(text);
    }
}

QString FieldErrors::text(const QString &key) const
{
    const QLabel *label = m_labels.value(key);
    return label && !label->isHidden() ? label->text() : QString();
}

QWidget *FieldErrors::firstAtFault() const
{
    for (const QString &key : m_order) {
        if (!text(key).isEmpty())
            return m_fields.value(key);
    }
    return nullptr;
}

void FieldErrors::focusFirstAtFault() const
{
    if (QWidget *field = firstAtFault())
        field->setFocus();
}

QString FieldErrors::refusal(const AdminOutcome &outcome) const
{
    QStringList sentences{outcome.message};
    sentences << unplaced(outcome.fieldErrors);
    if (!outcome.nextStep.isEmpty())
        sentences << outcome.nextStep;
    return sentences.join(QLatin1Char(' '));
}

QStringList FieldErrors::unplaced(const QMap<QString, QString> &errors) const
{
    QStringList sentences;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
        if (!m_labels.contains(it.key()) && !it.value().isEmpty())
            sentences << it.value();
    }
    return sentences;
}

} // namespace accessdesk
