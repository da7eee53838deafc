#include "ClientSecretDialog.h"

#include "CreateTokenDialog.h"
#include "DialogParts.h"
#include "OAuth2Client.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace accessdesk {

using DialogParts::wrappedLabel;

ClientSecretDialog::ClientSecretDialog(Occasion occasion, const OAuth2Client &client,
                                       const QString &secret, const QString &note, QWidget *parent)
    : QDialog(parent)
    , m_clearDelay(CreateTokenDialog::kClipboardClearDelay)
    , m_clientId(DialogParts::codeField(tr("Client ID"), this))
    , m_secret(DialogParts::codeField(tr("Client secret"), this))
    , m_copyId(DialogParts::copyButton(tr("Copy client ID"), this))
    , m_copySecret(DialogParts::copyButton(tr("Copy client secret"), this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("clientSecretDialog"));
    const QString title =
        occasion == Occasion::Created ? tr("New OAuth 2.0 client") : tr("New client secret");
    setWindowTitle(title);
    setAccessibleName(title);

    auto *heading = new QLabel(occasion == Occasion::Created
                                   ? tr("The OAuth 2.0 client “%1” is registered").arg(client.name)
                                   : tr("“%1” has a new client secret").arg(client.name),
                               this);
    heading->setTextFormat(Qt::PlainText);
    heading->setWordWrap(true);
    DialogParts::makeTitle(heading);

    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));
    icon->setAlignment(Qt::AlignTop);
    auto *warning = wrappedLabel(
        tr("Copy the client secret now and give it to the application. It will not be shown "
           "again: AccessDesk keeps no copy, and its lists never show it. If it is lost, reset "
           "the secret."),
        this);
    warning->setAccessibleName(tr("Warning"));
    auto *warningRow = new QHBoxLayout;
    warningRow->addWidget(icon);
    warningRow->addWidget(warning, 1);

    m_clientId->setObjectName(QStringLiteral("clientId"));
    m_clientId->setText(client.clientId);
    m_secret->setObjectName(QStringLiteral("clientSecret"));
    m_secret->setText(secret);
    m_secret->setCursorPosition(0);
    m_copyId->setObjectName(QStringLiteral("copyClientId"));
    m_copyId->setText(tr("Cop&y")); // Alt+C copies the secret, the one that matters
    m_copySecret->setObjectName(QStringLiteral("copyClientSecret"));
    connect(m_copyId, &QPushButton::clicked, this,
            [this] { DialogParts::copyToClipboard(m_clientId->text(), m_copyId); });
    connect(m_copySecret, &QPushButton::clicked, this, [this] {
        if (!m_secret->text().isEmpty())
            DialogParts::copySecretToClipboard(m_secret->text(), m_copySecret, m_clearDelay);
    });

    auto *idLabel = new QLabel(tr("Client &ID:"), this);
    idLabel->setBuddy(m_clientId);
    auto *secretLabel = new QLabel(tr("Client &secret:"), this);
    secretLabel->setBuddy(m_secret);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_clientId, 1);
    idRow->addWidget(m_copyId);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_copySecret);
    auto *form = new QFormLayout;
    form->addRow(idLabel, idRow);
    form->addRow(secretLabel, secretRow);

    auto *copyNote = wrappedLabel(
        tr("Copy puts the secret on the clipboard; AccessDesk clears the clipboard after a "
           "minute if the secret is still on it."),
        this);
    copyNote->setAccessibleName(tr("Clipboard note"));
    auto *usage = wrappedLabel(
        tr("The application sends both with its token requests (client_id and client_secret)."),
        this);

    auto *buttons = new QDialogButtonBox(this);
    m_done = buttons->addButton(tr("I have copied it, close"), QDialogButtonBox::AcceptRole);
    m_done->setObjectName(QStringLiteral("done"));
    m_done->setAccessibleName(tr("Close"));
    m_done->setDefault(true);
    connect(m_done, &QPushButton::clicked, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    if (!note.isEmpty()) {
        auto *noteLabel = wrappedLabel(note, this);
        noteLabel->setObjectName(QStringLiteral("note"));
        noteLabel->setAccessibleName(tr("Note"));
        layout->addWidget(noteLabel);
    }
    layout->addLayout(warningRow);
    layout->addLayout(form);
    layout->addWidget(copyNote);
    layout->addWidget(usage);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(760);
    DialogParts::fitHeight(this);
    m_copySecret->setFocus();
}

ClientSecretDialog::~ClientSecretDialog()
{
    forgetSecret();
}

bool ClientSecretDialog::holdsSecret() const
{
    return !m_secret->text().isEmpty() || m_secret->isUndoAvailable();
}

void ClientSecretDialog::forgetSecret()
{
    // setText() also drops the undo history; clear() would keep the secret there.
    m_secret->setText(QString());
}

void ClientSecretDialog::done(int result)
{
    forgetSecret();
    QDialog::done(result);
}

} // namespace accessdesk
