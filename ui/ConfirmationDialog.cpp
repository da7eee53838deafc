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
    , m_note(new QLabel(this))
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
    m_accept->setObjectName(QStringLiteral("confirmAccept"));
    m_cancel->setObjectName(QStringLiteral("confirmCancel"));
    m_message->setObjectName(QStringLiteral("confirmMessage"));
    m_accept->setAccessibleName(acceptText);
    m_cancel->setAccessibleName(tr("Cancel"));
    // A destructive action must never be one stray Enter away: Cancel is the default and has the
    // focus. But a user who moved the focus to the destructive button and presses Enter means
    // that button (as with Space): auto-default makes the focused button the default while it has
    // the focus, and Cancel the default again when it leaves.
    m_accept->setAutoDefault(true);
    m_cancel->setAutoDefault(true);
    m_cancel->setDefault(true);
    m_cancel->setFocus();
    connect(m_accept, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(this, &QDialog::finished, this,
            [this](int result) { emit answered(result == QDialog::Accepted); });

    m_note->setObjectName(QStringLiteral("confirmNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setAccessibleName(tr("Note on the confirmation"));
    m_note->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_note);
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

void ConfirmationDialog::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

QString ConfirmationDialog::note() const
{
    return m_note->text();
}

QString ConfirmationDialog::message() const
{
    return m_message->text();
}

} // namespace accessdesk
