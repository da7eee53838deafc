#include "AppLinkWizardPages.h"

#include "AdminRows.h"
#include "AppLinkWizard.h"
#include "DialogParts.h"
#include "services/AppLinkCreator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

using Kind = AppLinkProbeResult::Kind;
using Step = AppLinkOutcome::Step;

QLineEdit *lineEdit(const char *objectName, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setAccessibleName(accessibleName);
    return edit;
}

QCheckBox *checkBox(const QString &text, const char *objectName, const QString &accessibleName,
                    QWidget *parent)
{
    auto *box = new QCheckBox(text, parent);
    box->setObjectName(QLatin1String(objectName));
    box->setAccessibleName(accessibleName);
    return box;
}

} // namespace

// --- AppLinkWizardPage -----------------------------------------------------------------------

AppLinkWizardPage::AppLinkWizardPage(QWidget *parent)
    : QWizardPage(parent)
    , m_problem(DialogParts::errorLabel(this))
{
    m_problem->setObjectName(QStringLiteral("pageProblem"));
    m_problem->setAccessibleName(tr("Problem"));
    m_problem->hide();
}

AppLinkWizard *AppLinkWizardPage::linkWizard() const
{
    return qobject_cast<AppLinkWizard *>(wizard());
}

void AppLinkWizardPage::addField(QFormLayout *form, const QString &label, QWidget *field,
                                 const QString &key, const QString &problemName)
{
    auto *buddy = new QLabel(label, this);
    buddy->setBuddy(field);
    form->addRow(buddy, field);
    m_messages.addRow(form, key, field, problemName);
}

void AppLinkWizardPage::showOutcome(const AppLinkOutcome &outcome)
{
    AppLinkOutcome here = outcome;
    here.field = keyFor(outcome);
    m_messages.showOutcome(here, m_problem);
}

void AppLinkWizardPage::clearMessages()
{
    m_messages.clear();
    m_problem->clear();
    m_problem->hide();
}

// --- 1. AppLinkAddressPage -------------------------------------------------------------------

AppLinkAddressPage::AppLinkAddressPage(QWidget *parent)
    : AppLinkWizardPage(parent)
    , m_url(lineEdit("linkUrl", tr("Address of the application"), this))
    , m_probeLabel(DialogParts::wrappedLabel(QString(), this))
    , m_createAnyway(checkBox(tr("Create a &generic link to it anyway: it works once the "
                                 "application answers there"),
                              "createAnyway", tr("Create a generic link anyway"), this))
{
    setTitle(tr("Which application?"));
    setSubTitle(tr("Enter the address of the application to link Jira with. Jira then asks "
                   "what answers there, and fills in its type and name."));
    m_url->setPlaceholderText(tr("For example: https://confluence.example.com"));
    m_probeLabel->setObjectName(QStringLiteral("probeResult"));
    m_probeLabel->setAccessibleName(tr("What Jira found at the address"));
    m_createAnyway->hide();

    auto *form = new QFormLayout;
    addField(form, tr("Application &URL:"), m_url, QStringLiteral("url"), tr("Address problem"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_createAnyway);
    layout->addWidget(m_probeLabel);
    layout->addWidget(m_problem);
    layout->addStretch();

    // A new address is a new question: what was said about the old one no longer holds.
    connect(m_url, &QLineEdit::textEdited, this, [this] {
        clearMessages();
        m_probeLabel->clear();
        m_createAnyway->setChecked(false);
        m_createAnyway->hide();
        emit completeChanged();
    });
}

bool AppLinkAddressPage::isComplete() const
{
    return !m_url->text().trimmed().isEmpty() && !(linkWizard() && linkWizard()->isBusy());
}

bool AppLinkAddressPage::probedAsTyped() const
{
    const AppLinkCreator *creator = linkWizard()->creator();
    return creator && m_probedUrl == m_url->text().trimmed() &&
           NewAppLinkRules::sameUrl(creator->probeResult().url, m_probedUrl);
}

bool AppLinkAddressPage::validatePage()
{
    AppLinkWizard *wizard = linkWizard();
    if (!wizard->creator() || wizard->isBusy())
        return false;
    if (probedAsTyped()) {
        const Kind kind = wizard->creator()->probeResult().kind;
        const bool insisted = (kind == Kind::NoAnswer || kind == Kind::Redirected) &&
                              m_createAnyway->isVisible() && m_createAnyway->isChecked();
        if (kind == Kind::Atlassian || kind == Kind::NotAtlassian || insisted) {
            writeTo(wizard->creator()->draft());
            return true;
        }
    }
    clearMessages();
    m_probedUrl = m_url->text().trimmed();
    m_probeLabel->setText(tr("Asking Jira what answers at %1…").arg(m_probedUrl));
    m_leaveAfterProbe = true;
    wizard->probe(m_probedUrl);
    emit completeChanged();
    return false;
}

void AppLinkAddressPage::onProbeFinished()
{
    const bool leave = std::exchange(m_leaveAfterProbe, false);
    emit completeChanged();
    const AppLinkProbeResult &probe = linkWizard()->creator()->probeResult();
    m_probeLabel->clear();
    switch (probe.kind) {
    case Kind::Atlassian:
    case Kind::NotAtlassian:
        if (leave)
            linkWizard()->next();
        return;
    case Kind::NoAnswer:
    case Kind::Redirected:
        showOutcome(probe.outcome);
        m_createAnyway->setChecked(false);
        m_createAnyway->show();
        return;
    case Kind::None:
    case Kind::AlreadyLinked:
    case Kind::ThisServer:
    case Kind::Failed:
        showOutcome(probe.outcome);
        return;
    }
}

void AppLinkAddressPage::writeTo(NewAppLinkDraft &draft) const
{
    draft.url = m_url->text().trimmed();
    const Kind kind = linkWizard()->creator()->probeResult().kind;
    draft.createAnyway =
        (kind == Kind::NoAnswer || kind == Kind::Redirected) && m_createAnyway->isChecked();
    // Nothing answered, so nothing said what it is: a generic link is all Jira can make.
    if (draft.createAnyway)
        draft.typeId = QStringLiteral("generic");
}

// --- 2. AppLinkDetailsPage -------------------------------------------------------------------

AppLinkDetailsPage::AppLinkDetailsPage(QWidget *parent)
    : AppLinkWizardPage(parent)
    , m_found(DialogParts::wrappedLabel(QString(), this))
    , m_type(new QLabel(this))
    , m_name(lineEdit("linkName", tr("Link name"), this))
    , m_displayUrl(lineEdit("linkDisplayUrl", tr("Display URL"), this))
    , m_primary(checkBox(tr("Make it the &primary link to this type of application"), "linkPrimary",
                         tr("Primary link"), this))
{
    setTitle(tr("Name the link"));
    setSubTitle(tr("How the link appears in Jira, and whether Jira uses it first for its type "
                   "of application."));
    m_found->setObjectName(QStringLiteral("probeSummary"));
    m_found->setAccessibleName(tr("What Jira found at the address"));
    // What the probe found is this page's news: set apart from the form.
    m_found->setStyleSheet(
        QStringLiteral("QLabel { background: #eef4fb; color: #1d3a5c; border: 1px solid #b8cde6;"
                       " border-radius: 3px; padding: 6px; }"));
    m_type->setObjectName(QStringLiteral("linkType"));
    m_type->setAccessibleName(tr("Type of application"));
    m_type->setTextFormat(Qt::PlainText);
    m_primary->setToolTip(tr("Jira uses the primary link first when several link to the same "
                             "type of application."));

    auto *form = new QFormLayout;
    addField(form, tr("Type:"), m_type, QStringLiteral("type"), tr("Type problem"));
    addField(form, tr("&Name:"), m_name, QStringLiteral("name"), tr("Link name problem"));
    addField(form, tr("&Display URL:"), m_displayUrl, QStringLiteral("displayUrl"),
             tr("Display URL problem"));
    form->addRow(QString(), m_primary);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_found);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch();

    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameTyped = true;
        emit completeChanged();
    });
    connect(m_displayUrl, &QLineEdit::textEdited, this, [this] { m_displayUrlTyped = true; });
}

void AppLinkDetailsPage::initializePage()
{
    const AppLinkCreator *creator = linkWizard()->creator();
    if (!creator)
        return;
    const NewAppLinkDraft &draft = creator->draft();
    const AppLinkProbeResult &probe = creator->probeResult();
    const QString type = AdminRows::typeLabel(draft.typeId);
    QStringList found;
    if (probe.kind == Kind::Atlassian && probe.manifest) {
        const AppManifest &manifest = *probe.manifest;
        found << (manifest.version.isEmpty()
                      ? tr("Jira found %1 at %2, called “%3”.").arg(type, draft.url, manifest.name)
                      : tr("Jira found %1 %2 at %3, called “%4”.")
                            .arg(type, manifest.version, draft.url, manifest.name));
    } else if (draft.createAnyway) {
        found << tr("Nothing answers at %1 yet: the link will be a generic one, and it works "
                    "once the application answers there.")
                     .arg(draft.url);
    }
    if (!probe.warning.isEmpty())
        found << probe.warning;
    m_found->setText(found.join(QLatin1Char('\n')));
    m_type->setText(type);
    if (!m_nameTyped)
        m_name->setText(draft.name);
    if (!m_displayUrlTyped)
        m_displayUrl->setText(draft.displayUrl.isEmpty() ? draft.url : draft.displayUrl);
}

void AppLinkDetailsPage::writeTo(NewAppLinkDraft &draft) const
{
    draft.name = m_name->text();
    draft.displayUrl = m_displayUrl->text().trimmed();
    draft.primary = m_primary->isChecked();
}

bool AppLinkDetailsPage::isComplete() const
{
    return !m_name->text().trimmed().isEmpty();
}

int AppLinkDetailsPage::nextId() const
{
    const AppLinkCreator *creator = linkWizard() ? linkWizard()->creator() : nullptr;
    const bool atlassian = creator && NewAppLinkRules::isAtlassianType(creator->draft().typeId);
    return atlassian ? AppLinkWizard::AuthenticationPage : AppLinkWizard::CreatePage;
}

// --- 3. AppLinkAuthenticationPage ------------------------------------------------------------

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

// --- 4. AppLinkCreatePage --------------------------------------------------------------------

AppLinkCreatePage::AppLinkCreatePage(QWidget *parent)
    : AppLinkWizardPage(parent)
    , m_summary(DialogParts::wrappedLabel(QString(), this))
    , m_steps(new QListWidget(this))
    , m_result(DialogParts::wrappedLabel(QString(), this))
{
    setTitle(tr("Create the link"));
    setSubTitle(tr("Check what Jira will create, then press Create."));
    setButtonText(QWizard::FinishButton, tr("&Create"));
    m_summary->setObjectName(QStringLiteral("createSummary"));
    m_summary->setAccessibleName(tr("What will be created"));
    m_steps->setObjectName(QStringLiteral("createSteps"));
    m_steps->setAccessibleName(tr("Steps of the creation"));
    m_steps->setFocusPolicy(Qt::NoFocus);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_result->setObjectName(QStringLiteral("createResult"));
    m_result->setAccessibleName(tr("Result"));
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for every step, and no more: the result below it is what the user reads next.
    m_steps->setMaximumHeight(m_steps->fontMetrics().lineSpacing() * 6 + 8);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_steps);
    layout->addWidget(m_result);
    layout->addWidget(m_problem);
    layout->addStretch();
}

void AppLinkCreatePage::initializePage()
{
    AppLinkWizard *wizard = linkWizard();
    if (!wizard->creator())
        return;
    wizard->syncDraft();
    const NewAppLinkDraft &draft = wizard->creator()->draft();
    const QString type = AdminRows::typeLabel(draft.typeId);
    const bool atlassian = NewAppLinkRules::isAtlassianType(draft.typeId);
    QStringList summary;
    summary
        << tr("Jira creates the link “%1” to %2 (%3).").arg(draft.name.trimmed(), draft.url, type);
    if (draft.primary)
        summary << tr("It becomes the primary link to %1.").arg(type);
    if (draft.twoWay && !draft.remoteUser.isEmpty())
        summary << tr("It also creates the other end on %1 with the administrator account "
                      "“%2”, and sets up OAuth on both ends.")
                       .arg(draft.url, draft.remoteUser);
    else if (draft.twoWay)
        summary << tr("It also creates the other end on %1 with an administrator account there, "
                      "and sets up OAuth on both ends.")
                       .arg(draft.url);
    else if (atlassian)
        summary << tr("OAuth on this end: incoming %1, outgoing %2.")
                       .arg(AdminRows::oauthText(oauthConfigFor(draft.incoming)),
                            AdminRows::oauthText(oauthConfigFor(draft.outgoing)));
    else
        summary << tr("A generic link has no OAuth of its own: to let the application act for "
                      "Jira's users, approve its consumer on the OAuth consumers tab afterwards.");
    m_summary->setText(summary.join(QLatin1Char(' ')));

    m_stepOrder = {Step::Check, Step::Create, Step::Confirm};
    if (draft.primary)
        m_stepOrder << Step::MakePrimary;
    const bool oauth = !draft.twoWay && atlassian &&
                       !(draft.incoming == LinkOAuth::Off && draft.outgoing == LinkOAuth::Off);
    if (oauth)
        m_stepOrder << Step::ConfigureOAuth;
    m_steps->clear();
    for (const Step step : std::as_const(m_stepOrder)) {
        switch (step) {
        case Step::Check:
            m_steps->addItem(tr("Check the name and address against Jira's links"));
            break;
        case Step::Create:
            m_steps->addItem(draft.twoWay ? tr("Create both ends of the link")
                                          : tr("Create the link"));
            break;
        case Step::Confirm:
            m_steps->addItem(tr("Read the new link back from Jira"));
            break;
        case Step::MakePrimary:
            m_steps->addItem(tr("Make it the primary link"));
            break;
        default:
            m_steps->addItem(tr("Set up OAuth on this end"));
            break;
        }
        mark(m_steps->count() - 1, Mark::Pending);
    }
    m_result->clear();
    clearMessages();
}

void AppLinkCreatePage::mark(int row, Mark state)
{
    QListWidgetItem *item = m_steps->item(row);
    if (!item)
        return;
    QString text = item->data(Qt::UserRole).toString();
    if (text.isEmpty()) {
        text = item->text();
        item->setData(Qt::UserRole, text);
    }
    // Words as well as marks, so a screen reader says how each step stands.
    switch (state) {
    case Mark::Pending:
        item->setText(tr("○  %1").arg(text));
        break;
    case Mark::Running:
        item->setText(tr("…  %1 (under way)").arg(text));
        break;
    case Mark::Done:
        item->setText(tr("✓  %1 (done)").arg(text));
        break;
    case Mark::Failed:
        item->setText(tr("✗  %1 (failed)").arg(text));
        break;
    }
}

void AppLinkCreatePage::showStep(Step step)
{
    const int at = int(m_stepOrder.indexOf(step));
    if (at < 0)
        return;
    for (int row = 0; row < m_steps->count(); ++row)
        mark(row, row < at ? Mark::Done : row == at ? Mark::Running : Mark::Pending);
}

void AppLinkCreatePage::showResult(const AppLinkOutcome &outcome, const QString &doneText)
{
    if (outcome.succeeded()) {
        for (int row = 0; row < m_steps->count(); ++row)
            mark(row, Mark::Done);
        m_result->setText(doneText);
        return;
    }
    const int at = int(m_stepOrder.indexOf(outcome.step));
    for (int row = 0; row < m_steps->count(); ++row)
        mark(row, at < 0 || row > at ? Mark::Pending : row < at ? Mark::Done : Mark::Failed);
    m_result->setText(FieldMessages::describe(outcome));
}

bool AppLinkCreatePage::isComplete() const
{
    return linkWizard() && !linkWizard()->isBusy() && linkWizard()->creator();
}

bool AppLinkCreatePage::validatePage()
{
    AppLinkWizard *wizard = linkWizard();
    if (wizard->isDone())
        return true;
    wizard->create();
    return false;
}

} // namespace accessdesk
