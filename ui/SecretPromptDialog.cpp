#include "SecretPromptDialog.h"

#include "DisplayText.h"
#include "PlainText.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace accessdesk {

SecretPromptDialog::SecretPromptDialog(const AppSession::SecretRequest &request, QWidget *parent)
    : QDialog(parent)
    , m_notice(PlainText::label(new QLabel(request.notice, this)))
    , m_secret(new QLineEdit(this))
    , m_connect(new QPushButton(tr("&Connect"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("secretPromptDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    const bool token = request.kind == SecretKind::PersonalToken;
    setWindowTitle(token ? tr("Personal access token for %1").arg(request.profile)
                         : tr("Password for %1").arg(request.profile));
    setAccessibleName(windowTitle());

    m_notice->setObjectName(QStringLiteral("keychainNotice"));
    m_notice->setAccessibleName(tr("No password store"));
    m_notice->setWordWrap(true);
    m_notice->setToolTip(displaytext::plainToolTip(request.keychainDetails));

    // Server text (the address, the user name) goes in as plain text via the label helper.
    auto *question = PlainText::label(new QLabel(
        token ? tr("Enter the personal access token for %1 on %2. It is used for this "
                   "connection only and is not stored.")
                    .arg(request.profile, request.who.serverUrl)
              : tr("Enter the password of %1 on %2. It is used for this connection only and is "
                   "not stored.")
                    .arg(request.who.user, request.who.serverUrl),
        this));
    question->setWordWrap(true);

    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setAccessibleName(token ? tr("Personal access token") : tr("Password"));
    auto *fieldLabel = new QLabel(token ? tr("&Token:") : tr("&Password:"), this);
    fieldLabel->setBuddy(m_secret);

    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setAccessibleName(tr("Connect"));
    m_connect->setDefault(true);
    m_connect->setEnabled(false);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAccessibleName(tr("Cancel"));
    connect(m_secret, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_connect->setEnabled(!text.isEmpty()); });
    connect(m_connect, &QPushButton::clicked, this, [this] {
        m_answered = true;
        emit secretGiven(m_secret->text());
        accept();
    });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(fieldLabel, m_secret);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_connect, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_notice);
    layout->addWidget(question);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

SecretPromptDialog::~SecretPromptDialog()
{
    // The QLineEdit's own buffer cannot be wiped; clearing drops the text it shows.
    m_secret->clear();
}

void SecretPromptDialog::done(int result)
{
    // Escape and the window's close button end here too: both are a "no".
    if (!m_answered) {
        m_answered = true;
        emit declined();
    }
    m_secret->clear();
    QDialog::done(result);
}

} // namespace accessdesk
