#include "CreateTokenDialog.h"

#include "DialogParts.h"
#include "services/PersonalTokenController.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyle>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace accessdesk {

using DialogParts::fitHeight;
using DialogParts::showPage;
using DialogParts::wrappedLabel;

namespace {

constexpr int kDefaultDays = 90;
// Jira's default limit (atlassian.pats.max.tokens.expiry.days, spec section on PATs): used until
// the server states its own, which it does only when refusing a longer expiry.
constexpr int kJiraMaxDays = 365;

QString serverName(const QString &serverUrl)
{
    const QUrl url(serverUrl);
    if (url.host().isEmpty())
        return serverUrl;
    return url.port() > 0 ? QString(url.host() + QLatin1Char(':') + QString::number(url.port()))
                          : url.host();
}

} // namespace

CreateTokenDialog::CreateTokenDialog(PersonalTokenController *controller, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_pages(new QStackedWidget(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("New personal access token"));
    setAccessibleName(tr("New personal access token"));
    m_pages->addWidget(buildForm());
    m_pages->addWidget(buildTokenView());
    showPage(m_pages, 0);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    setMinimumWidth(560);

    connect(m_controller, &PersonalTokenController::created, this,
            [this](const PersonalToken &token) {
                if (!m_waiting)
                    return; // another dialog's token
                m_waiting = false;
                showToken(token);
                emit tokenCreated();
            });
    connect(m_controller, &PersonalTokenController::failed, this, [this](const QString &message) {
        if (!m_waiting)
            return;
        m_waiting = false;
        showError(message);
    });
    connect(m_controller, &PersonalTokenController::busyChanged, this, [this](bool busy) {
        if (!busy && m_waiting) { // dropped by a profile switch: nothing will come
            m_waiting = false;
            showError(tr("The connection changed before the server answered. Try again; if "
                         "My access then lists two tokens of this name, revoke one."));
        }
        updateCreateButton();
    });
    updateCreateButton();
    fitHeight(this);
}

CreateTokenDialog::~CreateTokenDialog()
{
    forgetToken();
}

QWidget *CreateTokenDialog::buildForm()
{
    auto *page = new QWidget(m_pages);
    const QString server = serverName(m_controller->who().serverUrl);
    auto *intro = wrappedLabel(
        tr("A personal access token lets a script or tool act as you on %1, with everything you "
           "are allowed to do there. Use it instead of your password; revoke it in My access when "
           "you no longer need it.")
            .arg(server),
        page);

    m_name = new QLineEdit(page);
    m_name->setPlaceholderText(tr("For example: laptop-cli"));
    m_name->setObjectName(QStringLiteral("tokenName"));
    m_name->setAccessibleName(tr("Token name"));
    m_name->setToolTip(tr("A name that reminds you where the token is used."));

    m_expires = new QRadioButton(tr("Expires after"), page);
    m_expires->setObjectName(QStringLiteral("tokenExpires"));
    m_expires->setAccessibleName(tr("Token expires"));
    m_expires->setChecked(true);
    m_days = new QSpinBox(page);
    m_days->setRange(1, kJiraMaxDays);
    m_days->setValue(kDefaultDays);
    m_days->setSuffix(tr(" days"));
    m_days->setObjectName(QStringLiteral("tokenDays"));
    m_days->setAccessibleName(tr("Days until the token expires"));
    m_never = new QRadioButton(tr("Never expires"), page);
    m_never->setObjectName(QStringLiteral("tokenNeverExpires"));
    m_never->setAccessibleName(tr("Token never expires"));
    connect(m_expires, &QRadioButton::toggled, m_days, &QSpinBox::setEnabled);

    m_limitHint = wrappedLabel(QString(), page);
    m_limitHint->setAccessibleName(tr("Expiry limit"));
    applyExpiryLimit();

    auto *expiryRow = new QHBoxLayout;
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_days);
    expiryRow->addSpacing(12);
    expiryRow->addWidget(m_never);
    expiryRow->addStretch();

    m_error = DialogParts::errorLabel(page);
    m_error->setObjectName(QStringLiteral("tokenError"));
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Expiry:"), expiryRow);
    // The label speaks for the row's first control (a screen reader reads it there).
    if (auto *expiryLabel = qobject_cast<QLabel *>(form->labelForField(expiryRow)))
        expiryLabel->setBuddy(m_expires);
    form->addRow(QString(), m_limitHint);

    auto *buttons = new QDialogButtonBox(page);
    m_create = buttons->addButton(tr("Create token"), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_create->setObjectName(QStringLiteral("createToken"));
    m_cancel->setObjectName(QStringLiteral("cancelToken"));
    m_create->setAccessibleName(tr("Create token"));
    m_cancel->setAccessibleName(tr("Cancel"));
    m_create->setDefault(true);
    connect(m_create, &QPushButton::clicked, this, &CreateTokenDialog::submit);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &CreateTokenDialog::updateCreateButton);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);
    return page;
}

QWidget *CreateTokenDialog::buildTokenView()
{
    auto *page = new QWidget(m_pages);
    m_tokenTitle = new QLabel(page);
    m_tokenTitle->setTextFormat(Qt::PlainText);
    DialogParts::makeTitle(m_tokenTitle);

    auto *warningIcon = new QLabel(page);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    warningIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));
    warningIcon->setAlignment(Qt::AlignTop);
    auto *warning = wrappedLabel(
        tr("Copy the token now and keep it somewhere safe. It will not be shown again: once you "
           "close this window, neither AccessDesk nor the server can show it to you."),
        page);
    warning->setAccessibleName(tr("Warning"));
    auto *warningRow = new QHBoxLayout;
    warningRow->addWidget(warningIcon);
    warningRow->addWidget(warning, 1);

    m_token = DialogParts::codeField(tr("New token"), page);
    m_copy = DialogParts::copyButton(tr("Copy token"), page);
    m_token->setObjectName(QStringLiteral("newToken"));
    m_copy->setObjectName(QStringLiteral("copyToken"));
    connect(m_copy, &QPushButton::clicked, this, &CreateTokenDialog::copyToken);
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_copy);

    m_copyNote = wrappedLabel(
        tr("Copy puts the token on the clipboard; AccessDesk clears the clipboard after a minute "
           "if the token is still on it."),
        page);
    m_copyNote->setAccessibleName(tr("Clipboard note"));

    m_tokenExpiry = wrappedLabel(QString(), page);
    m_tokenExpiry->setAccessibleName(tr("Token expiry"));
    auto *usage =
        wrappedLabel(tr("Tools send it in the header “Authorization: Bearer <token>”."), page);

    auto *buttons = new QDialogButtonBox(page);
    m_done = buttons->addButton(tr("I have copied it, close"), QDialogButtonBox::AcceptRole);
    m_done->setObjectName(QStringLiteral("tokenDone"));
    m_done->setAccessibleName(tr("Close"));
    connect(m_done, &QPushButton::clicked, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_tokenTitle);
    layout->addLayout(warningRow);
    layout->addLayout(tokenRow);
    layout->addWidget(m_copyNote);
    layout->addSpacing(6);
    layout->addWidget(m_tokenExpiry);
    layout->addWidget(usage);
    layout->addStretch();
    layout->addWidget(buttons);
    return page;
}

void CreateTokenDialog::updateCreateButton()
{
    const bool busy = m_waiting || m_controller->isBusy();
    m_create->setEnabled(!busy && !m_name->text().trimmed().isEmpty());
    m_create->setText(m_waiting ? tr("Creating…") : tr("Create token"));
    m_name->setReadOnly(m_waiting);
}

void CreateTokenDialog::submit()
{
    if (m_waiting || m_name->text().trimmed().isEmpty() || m_controller->isBusy())
        return;
    m_error->hide();
    m_waiting = true;
    updateCreateButton();
    m_controller->create(m_name->text(),
                         m_never->isChecked() ? std::nullopt : std::optional<int>(m_days->value()));
}

void CreateTokenDialog::applyExpiryLimit()
{
    const auto known = m_controller->serverMaxDays();
    const int most = known.value_or(kJiraMaxDays);
    // A longer value typed before the limit was learned stays until the user changes it, so the
    // error can be read next to it; the spin box cannot go past the limit from then on.
    m_days->setMaximum(m_waitingShown ? std::max(most, m_days->value()) : most);
    m_limitHint->setText(
        known ? tr("This server lets a token last at most %1 days.").arg(*known)
              : tr("Jira allows at most 365 days unless its administrator chose another limit. "
                   "Some servers do not allow tokens that never expire."));
    m_days->setToolTip(m_limitHint->text());
}

void CreateTokenDialog::showError(const QString &message)
{
    m_waitingShown = true;
    applyExpiryLimit();
    m_waitingShown = false;
    // What was typed stays, so a fix is one change away.
    m_error->setText(message);
    m_error->show();
    fitHeight(this); // grow for the message instead of squeezing the hints
    updateCreateButton();
    if (m_controller->serverMaxDays() && m_expires->isChecked())
        m_days->setFocus();
}

void CreateTokenDialog::showToken(const PersonalToken &token)
{
    m_tokenTitle->setText(tr("Your new token “%1”").arg(token.name));
    m_token->setText(token.rawToken);
    m_token->setCursorPosition(0);
    const QLocale locale;
    m_tokenExpiry->setText(
        token.expiresAt
            ? tr("It expires on %1.")
                  .arg(locale.toString(token.expiresAt->toLocalTime().date(), QLocale::LongFormat))
            : tr("It never expires; revoke it in My access when you no longer need it."));
    showPage(m_pages, 1);
    fitHeight(this);
    m_copy->setFocus();
    m_done->setDefault(true);
}

void CreateTokenDialog::copyToken()
{
    const QString token = m_token->text();
    if (token.isEmpty())
        return;
    DialogParts::copySecretToClipboard(token, m_copy, m_clearDelay);
}

bool CreateTokenDialog::isShowingToken() const
{
    return m_pages->currentIndex() == 1 && !m_token->text().isEmpty();
}

bool CreateTokenDialog::holdsToken() const
{
    return !m_token->text().isEmpty() || m_token->isUndoAvailable();
}

void CreateTokenDialog::forgetToken()
{
    // setText() also drops the undo history; clear() would keep the token there.
    m_token->setText(QString());
    m_tokenTitle->clear();
    m_tokenExpiry->clear();
}

void CreateTokenDialog::done(int result)
{
    forgetToken();
    showPage(m_pages, 0);
    QDialog::done(result);
}

} // namespace accessdesk
