#include "AppLinkWizardPages.h"

#include "AdminRows.h"
#include "AppLinkWizard.h"
#include "DialogParts.h"
#include "services/AppLinkCreator.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

// The create wizard's shared page frame and its first two pages; the authentication and create
// pages have files of their own.
namespace accessdesk {

namespace {

using Kind = AppLinkProbeResult::Kind;

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

QLineEdit *AppLinkWizardPage::lineEdit(const char *objectName, const QString &accessibleName,
                                       QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setAccessibleName(accessibleName);
    return edit;
}

QCheckBox *AppLinkWizardPage::checkBox(const QString &text, const char *objectName,
                                       const QString &accessibleName, QWidget *parent)
{
    auto *box = new QCheckBox(text, parent);
    box->setObjectName(QLatin1String(objectName));
    box->setAccessibleName(accessibleName);
    return box;
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
    // Palette roles (as the banners of My access), so it reads with a dark palette too.
    m_found->setFrameShape(QFrame::StyledPanel);
    m_found->setAutoFillBackground(true);
    m_found->setBackgroundRole(QPalette::ToolTipBase);
    m_found->setForegroundRole(QPalette::ToolTipText);
    m_found->setMargin(6);
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
} // namespace accessdesk
