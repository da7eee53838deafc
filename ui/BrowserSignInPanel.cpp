#include "BrowserSignInPanel.h"

#include "DialogParts.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace accessdesk {

namespace {

// A row of controls the form can show or hide as one field.
QWidget *rowOf(QWidget *parent, std::initializer_list<QWidget *> widgets, bool stretchFirst)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    bool first = true;
    for (QWidget *widget : widgets) {
        layout->addWidget(widget, first && stretchFirst ? 1 : 0);
        first = false;
    }
    if (!stretchFirst)
        layout->addStretch();
    return row;
}

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

BrowserSignInPanel::BrowserSignInPanel(SecretStore *secrets, QNetworkAccessManager *network,
                                       QWidget *parent)
    : QWidget(parent)
    , m_signIn(new BrowserSignIn(secrets, network, this))
    , m_form(new QFormLayout(this))
    , m_consumerKey(new QLineEdit(this))
    , m_privateKey(new QLineEdit(this))
    , m_choosePrivateKey(new QPushButton(tr("Choose…"), this))
    , m_clientId(new QLineEdit(this))
    , m_clientSecret(new QLineEdit(this))
    , m_redirectPort(new QSpinBox(this))
    , m_scope(new QComboBox(this))
    , m_start(new QPushButton(tr("Sign in in &browser…"), this))
    , m_cancel(new QPushButton(tr("Cancel sign-in"), this))
    , m_verifier(new QLineEdit(this))
    , m_finish(new QPushButton(tr("&Finish sign-in"), this))
    , m_status(new QLabel(this))
{
    setAccessibleName(tr("Sign in in the browser"));
    m_form->setContentsMargins(0, 0, 0, 0);

    m_consumerKey->setObjectName(QStringLiteral("consumerKey"));
    m_consumerKey->setAccessibleName(tr("Consumer key"));
    m_consumerKey->setToolTip(tr("The consumer key of the application link your Jira "
                                 "administrator set up for AccessDesk."));
    m_privateKey->setObjectName(QStringLiteral("privateKeyFile"));
    m_privateKey->setAccessibleName(tr("Private key file"));
    m_privateKey->setPlaceholderText(tr("The PEM file of the consumer's private key"));
    m_choosePrivateKey->setObjectName(QStringLiteral("choosePrivateKeyFile"));
    m_choosePrivateKey->setAccessibleName(tr("Choose the private key file"));
    m_choosePrivateKey->setAutoDefault(false);
    connect(m_choosePrivateKey, &QPushButton::clicked, this, &BrowserSignInPanel::choosePrivateKey);
    m_privateKeyRow = rowOf(this, {m_privateKey, m_choosePrivateKey}, true);

    m_clientId->setObjectName(QStringLiteral("clientId"));
    m_clientId->setAccessibleName(tr("Client ID"));
    m_clientId->setToolTip(tr("The client ID of the OAuth 2.0 application your Jira "
                              "administrator created for AccessDesk."));
    m_clientSecret->setObjectName(QStringLiteral("clientSecret"));
    m_clientSecret->setAccessibleName(tr("Client secret"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_clientSecret->setPlaceholderText(tr("Only if the application has one"));
    m_redirectPort->setObjectName(QStringLiteral("redirectPort"));
    m_redirectPort->setAccessibleName(tr("Redirect port"));
    m_redirectPort->setRange(0, 65535);
    m_redirectPort->setSpecialValueText(tr("Any free port"));
    m_redirectPort->setToolTip(tr("The port of the redirect address the application was "
                                  "registered with in Jira (http://127.0.0.1:PORT/callback)."));
    m_redirectPort->setSizePolicy(QSizePolicy::Fixed,
                                  m_redirectPort->sizePolicy().verticalPolicy());

    m_scope->setObjectName(QStringLiteral("scope"));
    m_scope->setAccessibleName(tr("Access to allow"));
    // Jira's scopes; the item data is the value sent. At most what the application may have.
    m_scope->addItem(tr("Read only"), QStringLiteral("READ"));
    m_scope->addItem(tr("Read and write"), QStringLiteral("WRITE"));
    m_scope->addItem(tr("Administer projects", "OAuth 2.0 scope ADMIN"), QStringLiteral("ADMIN"));
    m_scope->addItem(tr("Administer Jira", "OAuth 2.0 scope SYSTEM_ADMIN"),
                     QStringLiteral("SYSTEM_ADMIN"));
    m_scope->setCurrentIndex(1);
    m_scope->setToolTip(tr("What AccessDesk may do as you. Revoking your own tokens needs "
                           "“Read and write”; the administration pages need more."));

    m_start->setObjectName(QStringLiteral("browserSignIn"));
    m_start->setAccessibleName(tr("Sign in in browser"));
    m_start->setAutoDefault(false);
    m_start->setToolTip(tr("Opens Jira in your web browser, where you sign in and allow "
                           "AccessDesk access."));
    m_cancel->setObjectName(QStringLiteral("cancelBrowserSignIn"));
    m_cancel->setAccessibleName(tr("Cancel sign-in"));
    m_cancel->setAutoDefault(false);
    m_cancel->setEnabled(false);
    m_buttonsRow = rowOf(this, {m_start, m_cancel}, false);

    m_verifier->setObjectName(QStringLiteral("verificationCode"));
    m_verifier->setAccessibleName(tr("Verification code"));
    m_verifier->setPlaceholderText(tr("The code the browser shows after you allow access"));
    m_finish->setObjectName(QStringLiteral("finishBrowserSignIn"));
    m_finish->setAccessibleName(tr("Finish sign-in"));
    m_finish->setAutoDefault(false);
    m_verifierRow = rowOf(this, {m_verifier, m_finish}, true);

    m_status->setObjectName(QStringLiteral("browserSignInStatus"));
    m_status->setAccessibleName(tr("Browser sign-in status"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_form->addRow(tr("Consumer &key:"), m_consumerKey);
    m_form->addRow(buddyLabel(tr("Private &key file:"), m_privateKey, this), m_privateKeyRow);
    m_form->addRow(tr("Client &ID:"), m_clientId);
    m_form->addRow(tr("Client s&ecret:"), m_clientSecret);
    m_form->addRow(tr("&Redirect port:"), m_redirectPort);
    m_form->addRow(tr("A&ccess to allow:"), m_scope);
    m_form->addRow(QString(), m_buttonsRow);
    m_form->addRow(buddyLabel(tr("&Verification code:"), m_verifier, this), m_verifierRow);
    m_form->addRow(QString(), m_status);

    connect(m_start, &QPushButton::clicked, this, &BrowserSignInPanel::start);
    connect(m_cancel, &QPushButton::clicked, m_signIn, &BrowserSignIn::cancel);
    connect(m_finish, &QPushButton::clicked, this, [this] {
        m_finish->setEnabled(false);
        setStatus(tr("Checking the verification code…"));
        m_signIn->submitVerifier(m_verifier->text());
    });
    connect(m_verifier, &QLineEdit::returnPressed, m_finish, &QPushButton::click);
    connect(m_signIn, &BrowserSignIn::authorizeUrlReady, this, &BrowserSignInPanel::onAuthorizeUrl);
    connect(m_signIn, &BrowserSignIn::finished, this, &BrowserSignInPanel::onFinished);
    setStatus(QString());
    updateRows();
}

void BrowserSignInPanel::setKind(AuthKind kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    forgetSignIn();
    updateRows();
}

void BrowserSignInPanel::setProfile(const ConnectionProfile &profile)
{
    m_consumerKey->setText(profile.consumerKey);
    m_privateKey->setText(profile.privateKeyFile);
    m_clientId->setText(profile.oauth2ClientId);
}

void BrowserSignInPanel::applyTo(ConnectionProfile &profile) const
{
    if (profile.authKind == AuthKind::OAuth1) {
        profile.consumerKey = m_consumerKey->text().trimmed();
        const QString file = m_privateKey->text().trimmed();
        profile.privateKeyFile = file.isEmpty() ? file : QFileInfo(file).absoluteFilePath();
    }
    if (profile.authKind == AuthKind::OAuth2)
        profile.oauth2ClientId = m_clientId->text().trimmed();
}

void BrowserSignInPanel::forgetSignIn()
{
    const bool had = !m_secrets.isEmpty() || m_signIn->isRunning();
    m_signIn->cancel();
    m_secrets.clear();
    if (had) {
        setStatus(QString());
        emit signInChanged();
    }
}

QString BrowserSignInPanel::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void BrowserSignInPanel::start()
{
    ConnectionProfile profile = m_source ? m_source() : ConnectionProfile();
    profile.authKind = m_kind;
    applyTo(profile);
    BrowserSignInRequest request;
    request.profile = profile;
    request.clientSecret = m_clientSecret->text();
    request.redirectPort = quint16(m_redirectPort->value());
    request.scope = m_scope->currentData().toString();
    m_secrets.clear();
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    setStatus(tr("Asking the server to start the sign-in…"));
    m_signIn->start(request);
    updateRows();
    emit started();
}

void BrowserSignInPanel::onAuthorizeUrl(const QUrl &url)
{
    const QString address = url.toString(QUrl::FullyEncoded);
    const bool opened = QDesktopServices::openUrl(url);
    if (m_kind == AuthKind::OAuth1) {
        setStatus(opened ? tr("Sign in and allow access in the browser, then enter the "
                              "verification code it shows here.")
                         : tr("Open this address in a web browser, sign in and allow access, "
                              "then enter the verification code it shows here: %1")
                               .arg(address));
        m_finish->setEnabled(true);
        updateRows();
        m_verifier->setFocus();
        return;
    }
    setStatus(opened ? tr("Sign in and allow access in the browser. AccessDesk goes on as soon "
                          "as the browser comes back.")
                     : tr("Open this address in a web browser, sign in and allow access. "
                          "AccessDesk goes on as soon as the browser comes back: %1")
                           .arg(address));
}

void BrowserSignInPanel::onFinished()
{
    m_start->setEnabled(true);
    m_cancel->setEnabled(false);
    m_verifier->clear();
    if (m_signIn->succeeded()) {
        m_secrets = m_signIn->secrets();
        setStatus(tr("Signed in. Test the connection, or save it."));
    } else if (m_signIn->isCancelled()) {
        setStatus(tr("The sign-in was cancelled."));
    } else {
        setStatus(m_signIn->problem(), true);
    }
    updateRows();
    emit signInChanged();
}

void BrowserSignInPanel::choosePrivateKey()
{
    auto *chooser = new QFileDialog(this, tr("Choose the private key file"),
                                    QFileInfo(m_privateKey->text()).absolutePath(),
                                    tr("PEM private keys (*.pem *.key);;All files (*)"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setAccessibleName(tr("Choose the private key file"));
    connect(chooser, &QFileDialog::fileSelected, this,
            [this](const QString &file) { m_privateKey->setText(file); });
    chooser->open();
}

void BrowserSignInPanel::setStatus(const QString &text, bool problem)
{
    DialogParts::showAsProblem(m_status, problem);
    m_status->setText(text);
    m_form->setRowVisible(m_status, !text.isEmpty());
    emit statusChanged();
}

void BrowserSignInPanel::updateRows()
{
    const bool oauth1 = m_kind == AuthKind::OAuth1;
    m_form->setRowVisible(m_consumerKey, oauth1);
    m_form->setRowVisible(m_privateKeyRow, oauth1);
    m_form->setRowVisible(m_clientId, !oauth1);
    m_form->setRowVisible(m_clientSecret, !oauth1);
    m_form->setRowVisible(m_redirectPort, !oauth1);
    m_form->setRowVisible(m_scope, !oauth1);
    m_form->setRowVisible(m_verifierRow, oauth1 && m_signIn->isWaitingForVerifier());
    emit statusChanged();
}

} // namespace accessdesk
