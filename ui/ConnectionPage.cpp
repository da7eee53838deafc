#include "ConnectionPage.h"

#include "ConfirmationDialog.h"
#include "ConnectionDialog.h"
#include "DialogParts.h"
#include "TableViews.h"
#include "services/ConnectionTester.h"
#include "services/ProfileRemoval.h"
#include "storage/OfflineCache.h"
#include "storage/ProfileStore.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

QLabel *valueLabel(const QString &accessibleName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAccessibleName(accessibleName);
    return label;
}

const QString kNothing = QStringLiteral("—");

} // namespace

ConnectionPage::ConnectionPage(ProfileStore &profiles, SecretStore *secrets,
                               QNetworkAccessManager *network, OfflineCache *cache, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_network(network)
    , m_cache(cache)
    , m_tester(new ConnectionTester(profiles, secrets, network, this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_add(new QPushButton(tr("Add…"), this))
    , m_edit(new QPushButton(tr("Edit…"), this))
    , m_remove(new QPushButton(tr("Remove…"), this))
    , m_test(new QPushButton(tr("Test"), this))
    , m_connect(new QPushButton(tr("Connect"), this))
    , m_status(new QLabel(this))
    , m_currentProfile(valueLabel(tr("Current profile"), this))
    , m_currentServer(valueLabel(tr("Current server"), this))
    , m_currentVersion(valueLabel(tr("Current Jira version"), this))
    , m_currentAddress(valueLabel(tr("Current server address"), this))
    , m_currentUser(valueLabel(tr("Signed in as"), this))
    , m_currentAdmin(valueLabel(tr("Jira administrator"), this))
{
    setAccessibleName(tr("Connection"));
    m_table->setObjectName(QStringLiteral("profileTable"));
    m_table->setAccessibleName(tr("Connection profiles"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Server"), tr("Sign-in"), tr("User"), tr("Certificate pinned")});
    TableViews::setUpRowTable(m_table, QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(Server, QHeaderView::Stretch);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ConnectionPage::updateButtons);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] {
        if (!selectedProfile().isEmpty())
            emit connectRequested(selectedProfile());
    });

    m_add->setObjectName(QStringLiteral("addProfile"));
    m_add->setAccessibleName(tr("Add a connection profile"));
    m_edit->setObjectName(QStringLiteral("editProfile"));
    m_edit->setAccessibleName(tr("Edit the selected profile"));
    m_remove->setObjectName(QStringLiteral("removeProfile"));
    m_remove->setAccessibleName(tr("Remove the selected profile"));
    m_test->setObjectName(QStringLiteral("testProfile"));
    m_test->setAccessibleName(tr("Test the selected profile"));
    m_connect->setObjectName(QStringLiteral("connectProfile"));
    m_connect->setAccessibleName(tr("Connect with the selected profile"));
    m_connect->setToolTip(tr("Switch the app to this server."));
    connect(m_add, &QPushButton::clicked, this, [this] { openAddDialog(); });
    connect(m_edit, &QPushButton::clicked, this, [this] { openEditDialog(selectedProfile()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeProfile(selectedProfile()); });
    connect(m_test, &QPushButton::clicked, this, [this] { testProfile(selectedProfile()); });
    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (!selectedProfile().isEmpty())
            emit connectRequested(selectedProfile());
    });
    connect(m_tester, &ConnectionTester::finished, this, &ConnectionPage::onTested);
    connect(m_tester, &ConnectionTester::busyChanged, this, &ConnectionPage::updateButtons);

    m_status->setObjectName(QStringLiteral("profileStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(tr("Profile status"));

    auto *current = new QGroupBox(tr("Current connection"), this);
    current->setAccessibleName(tr("Current connection"));
    auto *details = new QFormLayout(current);
    details->addRow(tr("Profile:"), m_currentProfile);
    details->addRow(tr("Server:"), m_currentServer);
    details->addRow(tr("Jira version:"), m_currentVersion);
    details->addRow(tr("Address:"), m_currentAddress);
    details->addRow(tr("Signed in as:"), m_currentUser);
    details->addRow(tr("Administrator:"), m_currentAdmin);

    // Adding and changing on the left, taking away apart, using on the right.
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addSpacing(16);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    buttons->addWidget(m_test);
    buttons->addWidget(m_connect);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0); // the window's margins frame the page
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(current);

    setCurrent({}, nullptr);
    reload();
}

ConnectionPage::~ConnectionPage()
{
    // Children go before this object's connections do: no slot may run on a half-gone page.
    m_table->disconnect(this);
    m_tester->disconnect(this);
}

void ConnectionPage::reload()
{
    const QString selected = selectedProfile();
    const QList<ConnectionProfile> profiles = m_profiles.profiles();
    m_table->setRowCount(0);
    m_table->setRowCount(int(profiles.size()));
    for (int row = 0; row < profiles.size(); ++row) {
        const ConnectionProfile &profile = profiles.at(row);
        const bool pinned = !profile.pinnedCertificateSha256.isEmpty();
        const QStringList cells{profile.name, profile.baseUrl.toString(),
                                authKindText(profile.authKind),
                                profile.username.isEmpty() ? kNothing : profile.username,
                                pinned ? tr("Yes") : tr("No")};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (profile.name == m_current) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            m_table->setItem(row, column, item);
        }
        if (pinned)
            m_table->item(row, Pinned)->setToolTip(profile.pinnedCertificateSha256);
    }
    m_table->resizeColumnsToContents();
    for (int column = 0; column < ColumnCount; ++column) {
        if (column != Server) // room to breathe; the server column takes what is left
            m_table->setColumnWidth(column, m_table->columnWidth(column) + 24);
    }
    m_table->horizontalHeader()->setSectionResizeMode(Server, QHeaderView::Stretch);
    if (!selectProfile(selected) && !profiles.isEmpty())
        selectProfile(m_current.isEmpty() ? profiles.first().name : m_current);
    // The hint for an empty list goes once there is something listed; other news stays.
    const QString none = tr("No connection profiles yet. Use Add… to connect to your Jira server.");
    if (profiles.isEmpty())
        setStatus(none, false);
    else if (m_status->text() == none)
        setStatus(QString(), false);
    updateButtons();
}

void ConnectionPage::setCurrent(const QString &profileName, const ProbeReport *report)
{
    m_current = profileName;
    const std::optional<ConnectionProfile> profile =
        profileName.isEmpty() ? std::nullopt : m_profiles.find(profileName);
    m_currentProfile->setText(profileName.isEmpty() ? tr("Not connected") : profileName);
    m_currentServer->setText(
        report && !report->server.serverTitle.isEmpty() ? report->server.serverTitle : kNothing);
    m_currentVersion->setText(report && !report->server.version.isEmpty() ? report->server.version
                                                                          : kNothing);
    QString address = profile ? profile->baseUrl.toString() : QString();
    if (address.isEmpty() && report)
        address = report->server.baseUrl;
    m_currentAddress->setText(address.isEmpty() ? kNothing : address);
    QString user = kNothing;
    if (report && !report->user.name.isEmpty())
        user = report->user.displayName.isEmpty()
                   ? report->user.name
                   : tr("%1 (%2)").arg(report->user.displayName, report->user.name);
    m_currentUser->setText(user);
    m_currentAdmin->setText(!report ? kNothing : (report->admin ? tr("Yes") : tr("No")));
    reload();
}

ConnectionDialog *ConnectionPage::newDialog()
{
    auto *dialog = new ConnectionDialog(m_profiles, m_secrets, m_network, this);
    connect(dialog, &ConnectionDialog::profileSaved, this, [this](const QString &name) {
        reload();
        selectProfile(name);
        setStatus(tr("Saved “%1”.").arg(name), false);
        emit profileSaved(name);
    });
    return dialog;
}

ConnectionDialog *ConnectionPage::openFirstRunDialog()
{
    ConnectionDialog *dialog = newDialog();
    dialog->setIntroText(tr("Welcome to AccessDesk. Connect to your Jira server to see every "
                            "application and token that can act as you, and revoke what you no "
                            "longer use."));
    dialog->open();
    return dialog;
}

ConnectionDialog *ConnectionPage::openAddDialog()
{
    ConnectionDialog *dialog = newDialog();
    dialog->open();
    return dialog;
}

ConnectionDialog *ConnectionPage::openEditDialog(const QString &name)
{
    const std::optional<ConnectionProfile> profile = m_profiles.find(name);
    if (!profile)
        return nullptr;
    ConnectionDialog *dialog = newDialog();
    dialog->setProfile(*profile);
    dialog->open();
    return dialog;
}

void ConnectionPage::removeProfile(const QString &name)
{
    if (name.isEmpty() || !m_profiles.find(name))
        return;
    auto *confirm = new ConfirmationDialog(
        tr("Remove connection profile"),
        tr("Remove the connection profile “%1”?\n\nIts stored password or token is deleted from "
           "the keychain and its saved lists from this computer. Nothing changes on the server; "
           "you can add the profile again later.")
            .arg(name),
        tr("Remove profile"), this);
    connect(confirm, &ConfirmationDialog::answered, this, [this, name](bool accepted) {
        if (!accepted)
            return;
        auto *removal = new ProfileRemoval(name, m_profiles, m_secrets, m_cache, this);
        connect(removal, &ProfileRemoval::finished, this, [this, removal] {
            removal->deleteLater();
            onRemoved(*removal);
        });
        removal->start();
    });
    confirm->open();
}

void ConnectionPage::onRemoved(const ProfileRemoval &removal)
{
    const QString &name = removal.name();
    switch (removal.error()) {
    case ProfileRemoval::Error::None:
        reload();
        setStatus(tr("Removed “%1”.").arg(name), false);
        emit profileRemoved(name);
        return;
    case ProfileRemoval::Error::UnknownProfile:
        reload();
        setStatus(tr("“%1” was already removed.").arg(name), false);
        return;
    case ProfileRemoval::Error::KeychainRefused:
        setStatus(tr("“%1” was kept: the keychain refused to delete its password or token (%2). "
                     "Try again once the keychain is unlocked.")
                      .arg(name, removal.keychainError()),
                  true);
        return;
    case ProfileRemoval::Error::SettingsNotWritten:
        setStatus(tr("“%1” could not be removed from the settings.").arg(name), true);
        return;
    }
}

void ConnectionPage::testProfile(const QString &name)
{
    const std::optional<ConnectionProfile> profile = m_profiles.find(name);
    if (!profile)
        return;
    setStatus(tr("Testing “%1”…").arg(name), false);
    m_tester->test(ConnectionDraft{*profile, QString(), true, profile->baseUrl});
}

void ConnectionPage::onTested()
{
    const ConnectionCheck &check = m_tester->result();
    QString text = check.message;
    if (check.canTrustCertificate())
        text += QLatin1Char(' ') + tr("Use Edit… to look at the certificate and decide.");
    else if (check.needsPlainHttpConsent)
        text += QLatin1Char(' ') + tr("Use Edit… to decide whether to send it unencrypted.");
    else if (check.field == ConnectionCheck::Field::Secret)
        text += QLatin1Char(' ') + tr("Use Edit… to enter it again.");
    setStatus(text, !check.accepted);
}

QString ConnectionPage::selectedProfile() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return {};
    const QTableWidgetItem *name = m_table->item(selected.first()->row(), Name);
    return name ? name->text() : QString();
}

bool ConnectionPage::selectProfile(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, Name)->text() == name) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

QString ConnectionPage::statusText() const
{
    return m_status->text();
}

QString ConnectionPage::currentText() const
{
    const QStringList lines{m_currentProfile->text(), m_currentServer->text(),
                            m_currentVersion->text(), m_currentAddress->text(),
                            m_currentUser->text(),    m_currentAdmin->text()};
    return lines.join(QLatin1Char('\n'));
}

QString ConnectionPage::authKindText(AuthKind kind)
{
    switch (kind) {
    case AuthKind::Basic:
        return tr("User name and password");
    case AuthKind::PersonalToken:
        return tr("Personal access token");
    case AuthKind::Session:
        return tr("Session (password, cookie)");
    case AuthKind::OAuth1:
        return tr("OAuth 1.0a");
    case AuthKind::OAuth2:
        return tr("OAuth 2.0");
    }
    return {};
}

void ConnectionPage::updateButtons()
{
    const bool selected = !selectedProfile().isEmpty();
    m_edit->setEnabled(selected);
    m_remove->setEnabled(selected);
    m_test->setEnabled(selected && !m_tester->isBusy());
    m_connect->setEnabled(selected);
}

void ConnectionPage::setStatus(const QString &text, bool problem)
{
    DialogParts::showAsProblem(m_status, problem);
    m_status->setText(text);
}

} // namespace accessdesk
