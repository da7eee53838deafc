#include "ConfirmationDialog.h"

#include "DialogParts.h"
#include "services/RevokeWording.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace accessdesk {

std::optional<ConfirmationDialog::Answer> ConfirmationDialog::s_nextAnswer;

ConfirmationDialog::ConfirmationDialog(const QString &title, const QString &message,
                                       const QString &acceptText, QWidget *parent)
    : QDialog(parent)
    , m_message(new QLabel(message, this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(title);
    setAccessibleName(title);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setAccessibleName(tr("Confirmation message"));

    auto *buttons = new QDialogButtonBox(this);
    m_accept = buttons->addButton(acceptText, QDialogButtonBox::DestructiveRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_accept->setAccessibleName(acceptText);
    m_cancel->setAccessibleName(tr("Cancel"));
    // A destructive action must never be one stray Enter away.
    m_accept->setAutoDefault(false);
    m_cancel->setDefault(true);
    m_cancel->setFocus();
    connect(m_accept, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(this, &QDialog::finished, this,
            [this](int result) { emit answered(result == QDialog::Accepted); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString ConfirmationDialog::revokeMessage(const QList<AccessGrant> &grants)
{
    // The wording depends on the kind of grant and is shared with the CLI's prompt.
    return RevokeWording::message(grants);
}

ConfirmationDialog *ConfirmationDialog::askRevoke(const QList<AccessGrant> &grants, QWidget *parent)
{
    const QString accept =
        grants.size() == 1 ? tr("Revoke access") : tr("Revoke %1 grants").arg(grants.size());
    return new ConfirmationDialog(tr("Revoke access"), revokeMessage(grants), accept, parent);
}

void ConfirmationDialog::setNextAnswer(Answer answer)
{
    s_nextAnswer = answer;
}

void ConfirmationDialog::open()
{
    QDialog::open();
    m_cancel->setFocus();
    DialogParts::answerIfPreset(this, s_nextAnswer, Answer::Accept);
}

QString ConfirmationDialog::message() const
{
    return m_message->text();
}

} // namespace accessdesk
