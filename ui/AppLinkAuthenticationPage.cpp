#include "AppLinkWizardPages.h"

#include "AppLinkWizard.h"
#include "DialogParts.h"
#include "services/AppLinkCreator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace accessdesk {

AppLinkAuthenticationPage::AppLinkAuthenticationPage(QWidget *parent)
    : AppLinkWizardPage(parent)
    , m_twoWay(new QGroupBox(this))
    , m_remoteUser(lineEdit("remoteUser", tr("Remote administrator's user name"), m_twoWay))
    , m_remotePassword(lineEdit("remotePassword", tr("Remote administrator's password"), m_twoWay))
    , m_shareUsers(checkBox(tr("The two applications have the &same users (OAuth with "
                               "impersonation)"),
                            "shareUsers", tr("Share users"), m_twoWay))
    , m_localUrl(lineEdit("localUrlForRemote", tr("Address the remote application reaches Jira at"),
                          m_twoWay))
    , m_oneWay(new QGroupBox(tr("OAuth on this end"), this))
    , m_incoming(oauthBox("incomingOAuth", tr("Incoming OAuth")))
    , m_outgoing(oauthBox("outgoingOAuth", tr("Outgoing OAuth")))
{
    setTitle(tr("Authentication"));
    setSubTitle(tr("How the two applications trust each other: with OAuth each can act for the "
                   "other's users."));
    m_twoWay->setObjectName(QStringLiteral("twoWay"));
    m_twoWay->setCheckable(true);
    m_twoWay->setChecked(false);
    m_oneWay->setObjectName(QStringLiteral("oneWay"));
    m_oneWay->setAccessibleName(tr("OAuth on this end"));
    m_remotePassword->setEchoMode(QLineEdit::Password);
    m_localUrl->setPlaceholderText(tr("Jira's base URL"));

    auto *twoWayForm = new QFormLayout(m_twoWay);
    twoWayForm->addRow(DialogParts::wrappedLabel(
        tr("Jira creates the link on the remote application too, and sets up OAuth on both "
           "ends. It needs an administrator account there: the password is used once for this "
           "and never stored."),
        m_twoWay));
    addField(twoWayForm, tr("Remote &user name:"), m_remoteUser, QStringLiteral("remoteUser"),
             tr("Remote user name problem"));
    addField(twoWayForm, tr("Remote pass&word:"), m_remotePassword,
             QStringLiteral("remotePassword"), tr("Remote password problem"));
    twoWayForm->addRow(QString(), m_shareUsers);
    m_messages.addRow(twoWayForm, QStringLiteral("impersonation"), m_shareUsers,
                      tr("Share users problem"));
    addField(twoWayForm, tr("Jira's address for &it:"), m_localUrl,
             QStringLiteral("localUrlForRemote"), tr("Jira's address problem"));

    auto *oneWayForm = new QFormLayout(m_oneWay);
    addField(oneWayForm, tr("&Incoming (the application acts in Jira):"), m_incoming,
             QStringLiteral("oauth"), tr("Incoming OAuth problem"));
    auto *outgoingLabel = new QLabel(tr("&Outgoing (Jira acts in the application):"), m_oneWay);
    outgoingLabel->setBuddy(m_outgoing);
    oneWayForm->addRow(outgoingLabel, m_outgoing);

    auto *outer = new QFormLayout;
    outer->addRow(m_twoWay);
    m_messages.addRow(outer, QStringLiteral("twoWay"), m_twoWay, tr("Two-way link problem"));
    outer->addRow(m_oneWay);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(outer);
    layout->addWidget(m_problem);
    layout->addStretch();
    connect(m_twoWay, &QGroupBox::toggled, this, &AppLinkAuthenticationPage::updateOneWay);
    updateOneWay();
}

QComboBox *AppLinkAuthenticationPage::oauthBox(const char *objectName,
                                               const QString &accessibleName)
{
    auto *box = new QComboBox(this);
    box->setObjectName(QLatin1String(objectName));
    box->setAccessibleName(accessibleName);
    box->addItem(tr("Off"), int(LinkOAuth::Off));
    box->addItem(tr("OAuth"), int(LinkOAuth::OAuth));
    box->addItem(tr("OAuth with impersonation"), int(LinkOAuth::OAuthWithImpersonation));
    box->setCurrentIndex(1);
    return box;
}

void AppLinkAuthenticationPage::initializePage()
{
    const AppLinkCreator *creator = linkWizard()->creator();
    const QString url = creator ? creator->draft().url : QString();
    m_twoWay->setTitle(tr("Also create the other end on %1 (two-way link)").arg(url));
    m_twoWay->setAccessibleName(tr("Two-way link"));
    // Impersonation needs a system administrator; when that is unknown, the server decides.
    const bool mayImpersonate = linkWizard()->callerIsSysadmin().value_or(true);
    const QString onlySysadmins = tr("Only system administrators may link with impersonation.");
    m_shareUsers->setEnabled(mayImpersonate);
    m_shareUsers->setToolTip(mayImpersonate ? tr("Users of one application act as the same "
                                                 "users in the other.")
                                            : onlySysadmins);
    if (!mayImpersonate)
        m_shareUsers->setChecked(false);
    for (QComboBox *box : {m_incoming, m_outgoing}) {
        auto *model = qobject_cast<QStandardItemModel *>(box->model());
        if (QStandardItem *item = model ? model->item(2) : nullptr) {
            item->setEnabled(mayImpersonate);
            item->setToolTip(mayImpersonate ? QString() : onlySysadmins);
        }
        if (!mayImpersonate && box->currentIndex() == 2)
            box->setCurrentIndex(1);
    }
}

void AppLinkAuthenticationPage::updateOneWay()
{
    const bool twoWay = m_twoWay->isChecked();
    m_oneWay->setEnabled(!twoWay);
    m_oneWay->setToolTip(twoWay ? tr("A two-way link sets up OAuth on both ends itself.")
                                : QString());
}

QString AppLinkAuthenticationPage::keyFor(const AppLinkOutcome &outcome) const
{
    // One-way links ask for impersonation in the OAuth boxes, two-way ones with "same users".
    if (outcome.field == QLatin1String("impersonation") && !m_twoWay->isChecked())
        return QStringLiteral("oauth");
    return outcome.field;
}

void AppLinkAuthenticationPage::writeTo(NewAppLinkDraft &draft) const
{
    draft.twoWay = m_twoWay->isChecked();
    draft.remoteUser = m_remoteUser->text().trimmed();
    draft.impersonation = m_shareUsers->isChecked();
    draft.localUrlForRemote = m_localUrl->text().trimmed();
    draft.incoming = LinkOAuth(m_incoming->currentData().toInt());
    draft.outgoing = LinkOAuth(m_outgoing->currentData().toInt());
}

QString AppLinkAuthenticationPage::takePassword()
{
    const QString password = m_remotePassword->text();
    m_remotePassword->clear();
    return password;
}
} // namespace accessdesk
