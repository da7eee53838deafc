#include "ConnectionDialog.h"

#include "BrowserSignInPanel.h"
#include "ConfirmationDialog.h"
#include "DialogParts.h"
#include "DisplayText.h"
#include "TlsTrustDialog.h"
#include "services/PlainHttpRule.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

QLabel *notice(QWidget *parent, const QString &accessibleName)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setAccessibleName(accessibleName);
    label->setFrameShape(QFrame::StyledPanel);
    label->setMargin(6);
    label->setAutoFillBackground(true);
    label->setBackgroundRole(QPalette::ToolTipBase);
    label->setForegroundRole(QPalette::ToolTipText);
    label->hide();
    return label;
}

} // namespace

ConnectionDialog::ConnectionDialog(ProfileStore &profiles, SecretStore *secrets,
                                   QNetworkAccessManager *network, QWidget *parent)
    : QDialog(parent)
    , m_tester(new ConnectionTester(profiles, secrets, network, this))
    , m_intro(new QLabel(this))
    , m_keychain(notice(this, tr("Keychain notice")))
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_authKind(new QComboBox(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_browser(new BrowserSignInPanel(secrets, network, this))
    , m_timeout(new QSpinBox(this))
    , m_caFile(new QLineEdit(this))
    , m_pinned(new QLabel(this))
    , m_forget(new QPushButton(tr("Forget"), this))
    , m_chooseCa(new QPushButton(tr("Choose…"), this))
    , m_status(new QLabel(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Connect to a Jira server"));
    setAccessibleName(tr("Connection"));

    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setAccessibleName(tr("Welcome"));
    m_intro->setContentsMargins(0, 0, 0, 6);
    m_intro->hide();

    m_name->setObjectName(QStringLiteral("profileName"));
    m_name->setAccessibleName(tr("Profile name"));
    m_name->setPlaceholderText(tr("e.g. Work Jira"));
    m_url->setObjectName(QStringLiteral("serverAddress"));
    m_url->setAccessibleName(tr("Server address"));
    m_url->setPlaceholderText(tr("https://jira.example.com"));
    m_authKind->setObjectName(QStringLiteral("authKind"));
    m_authKind->setAccessibleName(tr("Sign in with"));
    m_authKind->addItem(tr("User name and password"), int(AuthKind::Basic));
    m_authKind->addItem(tr("Personal access token"), int(AuthKind::PersonalToken));
    m_authKind->addItem(tr("Session cookie (user name and password, signed in once)"),
                        int(AuthKind::Session));
    m_authKind->addItem(tr("OAuth 1.0a (application link, signed in in the browser)"),
                        int(AuthKind::OAuth1));
    m_authKind->addItem(tr("OAuth 2.0 (signed in in the browser)"), int(AuthKind::OAuth2));
    m_user->setObjectName(QStringLiteral("userName"));
    m_user->setAccessibleName(tr("User name"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_token->setObjectName(QStringLiteral("personalToken"));
    m_token->setAccessibleName(tr("Personal access token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setToolTip(tr("Create one in Jira under your profile → Personal Access Tokens."));

    auto *form = new QFormLayout;
    m_form = form;
    form->addRow(tr("Profile &name:"), m_name);
    addMessageRow(form, Field::Name, tr("Profile name problem"));
    form->addRow(tr("Server &address:"), m_url);
    addMessageRow(form, Field::BaseUrl, tr("Server address problem"));
    form->addRow(tr("&Sign in with:"), m_authKind);
    form->addRow(tr("&User name:"), m_user);
    addMessageRow(form, Field::UserName, tr("User name problem"));
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Token:"), m_token);
    form->addRow(m_browser);
    addMessageRow(form, Field::Secret, tr("Password or token problem"));
    connect(m_authKind, &QComboBox::currentIndexChanged, this, [this] {
        updateAuthRows();
        clearMessages();
    });
    connect(m_url, &QLineEdit::textChanged, this, &ConnectionDialog::updateSecretPrompt);
    // Tokens obtained in the browser belong to the address they were obtained from.
    connect(m_url, &QLineEdit::textChanged, m_browser, &BrowserSignInPanel::forgetSignIn);
    m_browser->setDraftSource([this] { return draft().profile; });
    // A new attempt makes the last one's complaints old news.
    connect(m_browser, &BrowserSignInPanel::started, this, &ConnectionDialog::clearMessages);
    connect(m_browser, &BrowserSignInPanel::signInChanged, this, [this] {
        clearMessages();
        fitToContents();
    });
    connect(m_browser, &BrowserSignInPanel::statusChanged, this, &ConnectionDialog::fitToContents);

    m_status->setObjectName(QStringLiteral("connectionResult"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(tr("Connection test result"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messages.insert(Field::None, MessageRow{nullptr, m_status});

    auto *buttons = new QDialogButtonBox(this);
    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setAutoDefault(false);
    m_save = buttons->addButton(QDialogButtonBox::Save);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_test->setObjectName(QStringLiteral("testConnection"));
    m_test->setAccessibleName(tr("Test connection"));
    m_save->setObjectName(QStringLiteral("saveProfile"));
    m_save->setAccessibleName(tr("Save"));
    m_save->setToolTip(tr("Tests the connection first and saves only when the server accepts "
                          "the sign-in."));
    m_cancel->setObjectName(QStringLiteral("cancelProfile"));
    m_cancel->setAccessibleName(tr("Cancel"));
    m_save->setDefault(true);
    connect(m_test, &QPushButton::clicked, this, [this] {
        m_saving = false;
        m_tester->test(draft());
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        m_saving = true;
        m_tester->save(draft());
    });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_tester, &ConnectionTester::busyChanged, this, &ConnectionDialog::onBusyChanged);
    connect(m_tester, &ConnectionTester::finished, this, &ConnectionDialog::onFinished);

    // Plain words in the dialog; what the keychain (D-Bus) said is in the tooltip.
    const auto showKeychainNotice = [this](const QString &notice, const QString &details) {
        m_keychain->setText(notice);
        m_keychain->setToolTip(displaytext::plainToolTip(details));
        m_keychain->show();
    };
    if (const QString notice = m_tester->keychainNotice(); !notice.isEmpty())
        showKeychainNotice(notice, m_tester->keychainDetails());
    connect(m_tester, &ConnectionTester::keychainUnavailable, this, showKeychainNotice);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_keychain);
    layout->addLayout(form);
    layout->addWidget(buildAdvanced());
    layout->addWidget(m_status);
    layout->addStretch();
    // Testing is a step on the way, apart from the buttons that end the dialog.
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_test);
    bottom->addStretch();
    bottom->addWidget(buttons);
    layout->addLayout(bottom);

    setPin({});
    updateAuthRows();
    clearMessages();
    setMinimumWidth(600);
}

QWidget *ConnectionDialog::buildAdvanced()
{
    auto *group = new QGroupBox(tr("Advanced"), this);
    group->setAccessibleName(tr("Advanced settings"));
    m_timeout->setRange(1, 600);
    m_timeout->setValue(ConnectionProfile().timeoutSeconds);
    m_timeout->setSuffix(tr(" seconds"));
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setAccessibleName(tr("Timeout"));
    m_timeout->setToolTip(tr("How long to wait for an answer before giving up."));
    // A number of seconds needs no full-width field.
    m_timeout->setSizePolicy(QSizePolicy::Fixed, m_timeout->sizePolicy().verticalPolicy());
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setAccessibleName(tr("CA certificate file"));
    // Short enough to show whole in the field; the tooltip says the rest.
    m_caFile->setPlaceholderText(tr("Needed only if your company has its own CA"));
    m_caFile->setToolTip(tr("A PEM file with your company's own certificate authority (CA), for "
                            "a server whose certificate it signed. Leave empty otherwise."));
    m_chooseCa->setObjectName(QStringLiteral("chooseCaFile"));
    m_chooseCa->setAccessibleName(tr("Choose a CA certificate file"));
    connect(m_chooseCa, &QPushButton::clicked, this, &ConnectionDialog::chooseCaFile);
    m_pinned->setObjectName(QStringLiteral("pinnedCertificate"));
    m_pinned->setAccessibleName(tr("Pinned certificate"));
    m_pinned->setTextFormat(Qt::PlainText);
    m_pinned->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_forget->setObjectName(QStringLiteral("forgetPinnedCertificate"));
    m_forget->setAccessibleName(tr("Forget the pinned certificate"));
    m_forget->setToolTip(tr("Stop trusting this certificate; the next test asks again."));
    connect(m_forget, &QPushButton::clicked, this, [this] { setPin({}); });

    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_chooseCa);
    auto *pinRow = new QHBoxLayout;
    pinRow->addWidget(m_pinned, 1);
    pinRow->addWidget(m_forget, 0, Qt::AlignTop);

    auto *form = new QFormLayout(group);
    form->addRow(tr("T&imeout:"), m_timeout);
    addMessageRow(form, Field::Timeout, tr("Timeout problem"));
    auto *caLabel = new QLabel(tr("&CA certificate file:"), group);
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);
    addMessageRow(form, Field::CaFile, tr("CA certificate file problem"));
    form->addRow(tr("Trusted certificate:"), pinRow);
    // The fingerprint is text; the row's control is Forget, which the label speaks for.
    if (auto *pinLabel = qobject_cast<QLabel *>(form->labelForField(pinRow)))
        pinLabel->setBuddy(m_forget);
    return group;
}

QLabel *ConnectionDialog::addMessageRow(QFormLayout *form, Field field,
                                        const QString &accessibleName)
{
    auto *label = new QLabel(this);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setAccessibleName(accessibleName);
    // Named after the field it is about, so tests and tools find it.
    const char *name = "";
    switch (field) {
    case Field::Name:
        name = "profileNameProblem";
        break;
    case Field::BaseUrl:
        name = "serverAddressProblem";
        break;
    case Field::UserName:
        name = "userNameProblem";
        break;
    case Field::Secret:
        name = "passwordOrTokenProblem";
        break;
    case Field::Timeout:
        name = "timeoutProblem";
        break;
    case Field::CaFile:
        name = "caFileProblem";
        break;
    case Field::None:
        break;
    }
    label->setObjectName(QLatin1String(name));
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    DialogParts::showAsProblem(label, true);
    form->addRow(QString(), label);
    m_messages.insert(field, MessageRow{form, label});
    return label;
}

void ConnectionDialog::setProfile(const ConnectionProfile &profile)
{
    m_base = profile;
    m_editing = true;
    setWindowTitle(tr("Edit connection “%1”").arg(profile.name));
    m_name->setText(profile.name);
    // The name is the profile's id (settings group, keychain entries): it stays.
    m_name->setReadOnly(true);
    m_name->setToolTip(tr("To use another name, add a new profile and remove this one."));
    m_url->setText(profile.baseUrl.toString());
    m_authKind->setCurrentIndex(std::max(0, m_authKind->findData(int(profile.authKind))));
    m_user->setText(profile.username);
    m_browser->setProfile(profile);
    // Never read back into the field: left empty, the stored secret is kept.
    QLineEdit *stored = profile.authKind == AuthKind::PersonalToken ? m_token : m_password;
    stored->clear();
    updateSecretPrompt();
    m_timeout->setValue(profile.timeoutSeconds);
    m_caFile->setText(profile.caFile);
    setPin(profile.pinnedCertificateSha256);
    updateAuthRows();
    clearMessages();
}

void ConnectionDialog::setIntroText(const QString &text)
{
    m_intro->setText(text);
    m_intro->setVisible(!text.isEmpty());
}

ConnectionDraft ConnectionDialog::draft() const
{
    ConnectionDraft out;
    out.editing = m_editing;
    out.profile = m_base;
    out.profile.name = m_name->text().trimmed();
    out.profile.baseUrl = QUrl(m_url->text().trimmed(), QUrl::StrictMode);
    out.profile.authKind = AuthKind(m_authKind->currentData().toInt());
    const AuthKind kind = out.profile.authKind;
    const bool password = kind == AuthKind::Basic || kind == AuthKind::Session;
    // A token names its user by itself; the tester records who the server says it is.
    out.profile.username = password ? m_user->text().trimmed() : QString();
    out.secret = password                          ? m_password->text()
                 : kind == AuthKind::PersonalToken ? m_token->text()
                                                   : QString();
    m_browser->applyTo(out.profile);
    out.browserSecrets = m_browser->secrets();
    out.profile.timeoutSeconds = m_timeout->value();
    out.profile.caFile = m_caFile->text().trimmed();
    out.profile.pinnedCertificateSha256 = m_pin;
    if (m_editing)
        out.storedBaseUrl = m_base.baseUrl;
    return out;
}

QString ConnectionDialog::messageFor(Field field) const
{
    const auto it = m_messages.constFind(field);
    return it == m_messages.constEnd() ? QString() : it->label->text();
}

QString ConnectionDialog::keychainNotice() const
{
    return m_keychain->isHidden() ? QString() : m_keychain->text();
}

QWidget *ConnectionDialog::fieldWidget(Field field) const
{
    switch (field) {
    case Field::Name:
        return m_name;
    case Field::BaseUrl:
        return m_url;
    case Field::UserName:
        return m_user;
    case Field::Secret:
        return m_authKind->currentData().toInt() == int(AuthKind::PersonalToken) ? m_token
                                                                                 : m_password;
    case Field::Timeout:
        return m_timeout;
    case Field::CaFile:
        return m_caFile;
    case Field::None:
        break;
    }
    return nullptr;
}

void ConnectionDialog::showMessage(Field field, const QString &text)
{
    const MessageRow row = m_messages.value(field, m_messages.value(Field::None));
    row.label->setText(text);
    if (row.form)
        row.form->setRowVisible(row.label, !text.isEmpty());
    else
        row.label->setVisible(!text.isEmpty());
    fitToContents();
}

void ConnectionDialog::fitToContents()
{
    // Wrapped messages need more height than the dialog had when it opened; grow, never clip.
    QLayout *top = layout();
    if (!top || !isVisible())
        return;
    top->activate();
    const int needed = top->hasHeightForWidth() ? top->totalHeightForWidth(width())
                                                : top->totalSizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

void ConnectionDialog::clearMessages()
{
    for (auto it = m_messages.cbegin(); it != m_messages.cend(); ++it)
        showMessage(it.key(), QString());
}

void ConnectionDialog::updateAuthRows()
{
    const AuthKind kind = AuthKind(m_authKind->currentData().toInt());
    const bool password = kind == AuthKind::Basic || kind == AuthKind::Session;
    const bool browser = kind == AuthKind::OAuth1 || kind == AuthKind::OAuth2;
    m_form->setRowVisible(m_user, password);
    m_form->setRowVisible(m_password, password);
    m_form->setRowVisible(m_token, kind == AuthKind::PersonalToken);
    if (browser)
        m_browser->setKind(kind);
    else
        m_browser->forgetSignIn();
    m_form->setRowVisible(m_browser, browser);
    fitToContents();
}

void ConnectionDialog::updateSecretPrompt()
{
    if (!m_editing)
        return;
    // The stored secret belongs to the stored address: another scheme, host or port asks for
    // it again (the tester refuses to send the stored one there).
    const bool sameServer =
        plainhttp::sameOrigin(m_base.baseUrl, QUrl(m_url->text().trimmed(), QUrl::StrictMode));
    QLineEdit *stored = m_base.authKind == AuthKind::PersonalToken ? m_token : m_password;
    stored->setPlaceholderText(sameServer ? tr("unchanged")
                                          : tr("enter it again for the new address"));
}

void ConnectionDialog::setPin(const QString &sha256)
{
    m_pin = normalisedSha256(sha256);
    m_pinned->setText(m_pin.isEmpty() ? tr("None: only certificates this computer trusts")
                                      : TlsTrustDialog::groupedFingerprint(m_pin));
    m_pinned->setFont(m_pin.isEmpty() ? font()
                                      : QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_forget->setEnabled(!m_pin.isEmpty());
    fitToContents();
}

void ConnectionDialog::chooseCaFile()
{
    auto *chooser = new QFileDialog(this, tr("Choose the CA certificate file"),
                                    QFileInfo(m_caFile->text()).absolutePath(),
                                    tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setAccessibleName(tr("Choose the CA certificate file"));
    connect(chooser, &QFileDialog::fileSelected, this,
            [this](const QString &file) { m_caFile->setText(file); });
    chooser->open();
}

void ConnectionDialog::onBusyChanged(bool busy)
{
    m_test->setEnabled(!busy);
    m_save->setEnabled(!busy);
    if (busy) {
        clearMessages();
        DialogParts::showAsProblem(m_status, false);
        showMessage(Field::None, m_saving ? tr("Testing the connection, then saving…")
                                          : tr("Testing the connection…"));
    }
}

void ConnectionDialog::onFinished()
{
    const ConnectionCheck &check = m_tester->result();
    clearMessages();
    DialogParts::showAsProblem(m_status, !check.accepted);
    showMessage(check.field, check.message);
    if (check.needsPlainHttpConsent) {
        askPlainHttp();
        return;
    }
    if (check.canTrustCertificate()) {
        askTrust(check);
        return;
    }
    if (!check.accepted) {
        // The user fixes the field at fault next: put the cursor there.
        if (QWidget *field = fieldWidget(check.field); field && field->isVisibleTo(this)) {
            field->setFocus(Qt::OtherFocusReason);
            if (auto *edit = qobject_cast<QLineEdit *>(field))
                edit->selectAll();
        }
    }
    if (!check.saved)
        return;
    const QString name = m_tester->draft().profile.name;
    emit profileSaved(name);
    if (check.notice.isEmpty()) {
        accept();
        return;
    }
    // Saved, but the secret lives only until the app quits: say so before the dialog goes.
    m_keychain->setText(check.notice);
    m_keychain->show();
    fitToContents();
    m_test->setEnabled(false);
    m_save->setEnabled(false);
    m_cancel->setText(tr("Close"));
}

void ConnectionDialog::askTrust(const ConnectionCheck &check)
{
    const CertificateInfo certificate = check.error.certificate();
    auto *dialog = new TlsTrustDialog(certificate, m_tester->draft().profile.baseUrl.host(), this);
    connect(dialog, &TlsTrustDialog::answered, this, [this, certificate](bool trusted) {
        if (!trusted) {
            showMessage(Field::BaseUrl,
                        m_saving ? tr("The certificate was not trusted, so nothing was saved.")
                                 : tr("The certificate was not trusted, so no connection was "
                                      "made."));
            return;
        }
        setPin(certificate.sha256);
        m_tester->trustCertificate(certificate);
    });
    dialog->open();
}

void ConnectionDialog::askPlainHttp()
{
    const ConnectionDraft asked = draft();
    const bool token =
        asked.profile.authKind != AuthKind::Basic && asked.profile.authKind != AuthKind::Session;
    const QString host = asked.profile.baseUrl.host();
    const QString message =
        token ? tr("%1 is reached over plain http://. Your personal access token would be sent "
                   "unencrypted with every request, and anyone on the network path (the Wi-Fi, a "
                   "proxy, the provider) could read it and act as you.\n\nUse https:// if the "
                   "server offers it. Send it unencrypted only if you trust every network in "
                   "between.")
                    .arg(host)
              : tr("%1 is reached over plain http://. Your password would be sent unencrypted "
                   "with every request, and anyone on the network path (the Wi-Fi, a proxy, the "
                   "provider) could read it and act as you.\n\nUse https:// if the server "
                   "offers it. Send it unencrypted only if you trust every network in between.")
                    .arg(host);
    auto *dialog = new ConfirmationDialog(
        tr("Send unencrypted?"), message,
        token ? tr("Send my token unencrypted") : tr("Send my password unencrypted"), this);
    dialog->setObjectName(QStringLiteral("plainHttpConfirmation"));
    connect(dialog, &ConfirmationDialog::answered, this, [this, asked](bool accepted) {
        if (!accepted)
            return; // the explanation stays next to the address
        // Consent for exactly this address; the profile keeps it (PlainHttpRule).
        ConnectionProfile consented = asked.profile;
        plainhttp::setConsent(consented, true);
        m_base.options = consented.options;
        if (m_saving)
            m_tester->save(draft());
        else
            m_tester->test(draft());
    });
    dialog->open();
}

} // namespace accessdesk
