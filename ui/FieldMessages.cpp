#include "FieldMessages.h"

#include "DialogParts.h"
#include "services/AppLinkOutcome.h"

#include <QFormLayout>
#include <QLabel>

namespace accessdesk {

QLabel *FieldMessages::addRow(QFormLayout *form, const QString &key, QWidget *field,
                              const QString &accessibleName)
{
    QLabel *label = DialogParts::errorLabel(form->parentWidget());
    label->setObjectName(key + QStringLiteral("Problem"));
    label->setAccessibleName(accessibleName);
    form->addRow(QString(), label);
    form->setRowVisible(label, false);
    m_rows.insert(key, Row{form, label, field});
    return label;
}

bool FieldMessages::show(const QString &key, const QString &text)
{
    const auto row = m_rows.constFind(key);
    if (row == m_rows.cend())
        return false;
    row->label->setText(text);
    row->form->setRowVisible(row->label, true);
    if (row->field && row->field->isEnabled())
        row->field->setFocus();
    return true;
}

QString FieldMessages::describe(const AppLinkOutcome &outcome)
{
    return outcome.advice.isEmpty() ? outcome.message
                                    : outcome.message + QLatin1Char('\n') + outcome.advice;
}

QString FieldMessages::showOutcome(const AppLinkOutcome &outcome, QLabel *elsewhere)
{
    const QString text = describe(outcome);
    if (show(outcome.field, text))
        return outcome.field;
    elsewhere->setText(text);
    elsewhere->show();
    return {};
}

void FieldMessages::clear()
{
    for (const Row &row : std::as_const(m_rows)) {
        row.label->clear();
        row.form->setRowVisible(row.label, false);
    }
}

QString FieldMessages::text(const QString &key) const
{
    const QLabel *shown = label(key);
    return shown ? shown->text() : QString();
}

QLabel *FieldMessages::label(const QString &key) const
{
    const auto row = m_rows.constFind(key);
    return row == m_rows.cend() ? nullptr : row->label;
}

} // namespace accessdesk
