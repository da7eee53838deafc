#include "AppLinkWizard.h"

#include "AppLinkWizardPages.h"
#include "services/AppLinkCreator.h"
#include "services/AppLinksController.h"

#include <QAbstractButton>
#include <QLineEdit>

namespace accessdesk {

namespace {

using Result = AppLinkOutcome::Result;

void nameButton(QAbstractButton *button, const char *objectName)
{
    if (!button)
        return;
    button->setObjectName(QLatin1String(objectName));
    // Its text, without the mnemonic, is what it does.
    button->setAccessibleName(button->text().remove(QLatin1Char('&')));
}

} // namespace

AppLinkWizard::AppLinkWizard(AppLinksController *links, QWidget *parent)
    : QWizard(parent)
    , m_links(links)
    , m_creator(links->newCreator())
    , m_address(new AppLinkAddressPage(this))
    , m_details(new AppLinkDetailsPage(this))
    , m_authentication(new AppLinkAuthenticationPage(this))
    , m_create(new AppLinkCreatePage(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("appLinkWizard"));
    setWindowTitle(tr("New application link"));
    setAccessibleName(tr("New application link"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setPage(AddressPage, m_address);
    setPage(DetailsPage, m_details);
    setPage(AuthenticationPage, m_authentication);
    setPage(CreatePage, m_create);
    nameButton(button(QWizard::BackButton), "back");
    nameButton(button(QWizard::NextButton), "next");
    nameButton(button(QWizard::FinishButton), "finish");
    nameButton(button(QWizard::CancelButton), "cancel");
    setMinimumSize(680, 460);

    connect(m_creator, &AppLinkCreator::stepChanged, this, [this](AppLinkOutcome::Step step) {
        if (m_creating)
            m_create->showStep(step);
    });
    connect(m_creator, &AppLinkCreator::finished, this, [this] {
        if (m_creating) {
            onCreatorFinished();
            return;
        }
        m_address->onProbeFinished();
        emit probeFinished();
    });
    // The app switched to another server: this link would be made on the wrong one.
    connect(m_creator, &QObject::destroyed, this, &QWizard::close);
}

AppLinkWizard::~AppLinkWizard()
{
    if (m_creator) {
        m_creator->disconnect(this);
        delete m_creator.data(); // with it goes any remote password it still holds
    }
}

AppLinkCreator *AppLinkWizard::creator() const
{
    return m_creator;
}

std::optional<bool> AppLinkWizard::callerIsSysadmin() const
{
    return m_links->callerIsSysadmin();
}

bool AppLinkWizard::isBusy() const
{
    return m_creator && m_creator->isBusy();
}

void AppLinkWizard::probe(const QString &url)
{
    if (!m_creator || isBusy())
        return;
    NewAppLinkDraft &draft = m_creator->draft();
    draft.url = url;
    // What the previous address's manifest said goes; what the user typed stays.
    draft.typeId.clear();
    draft.createAnyway = false;
    draft.name = m_details->nameTyped() ? m_details->nameEdit()->text() : QString();
    draft.displayUrl =
        m_details->displayUrlTyped() ? m_details->displayUrlEdit()->text().trimmed() : QString();
    m_creating = false;
    m_creator->probe();
}

void AppLinkWizard::syncDraft()
{
    if (!m_creator)
        return;
    NewAppLinkDraft &draft = m_creator->draft();
    m_address->writeTo(draft);
    m_details->writeTo(draft);
    // Only Atlassian applications come past the authentication page.
    if (NewAppLinkRules::isAtlassianType(draft.typeId))
        m_authentication->writeTo(draft);
    else
        draft.twoWay = false;
}

void AppLinkWizard::create()
{
    if (!m_creator || isBusy() || m_done)
        return;
    syncDraft();
    // The password leaves its field now, whatever comes next; the creator forgets it after use.
    QString password = m_authentication->takePassword();
    if (m_creator->draft().twoWay && !password.isEmpty())
        m_creator->setRemotePassword(password);
    password.fill(QChar(0));
    for (AppLinkWizardPage *page :
         {static_cast<AppLinkWizardPage *>(m_address), static_cast<AppLinkWizardPage *>(m_details),
          static_cast<AppLinkWizardPage *>(m_authentication),
          static_cast<AppLinkWizardPage *>(m_create)})
        page->clearMessages();
    m_create->initializePage();
    m_creating = true;
    m_creator->create();
    updateButtons();
}

void AppLinkWizard::updateButtons()
{
    emit m_create->completeChanged();
    // Going back while Jira works would leave the steps' progress behind; Cancel stops it.
    if (isBusy())
        button(QWizard::BackButton)->setEnabled(false);
}

void AppLinkWizard::onCreatorFinished()
{
    m_creating = false;
    const AppLinkOutcome outcome = m_creator->outcome();
    updateButtons();
    if (outcome.changed() || outcome.result == Result::Unknown) {
        // The link exists (or may): creating it again would make a second one.
        m_done = true;
        const QString done =
            tr("The link “%1” was created. It is in the list of links now, where its health is "
               "checked.")
                .arg(m_creator->createdLink().name);
        m_create->showResult(outcome, done);
        m_create->setButtonText(QWizard::FinishButton, tr("&Close"));
        setOption(QWizard::NoBackButtonOnLastPage, true);
        setOption(QWizard::NoCancelButtonOnLastPage, true);
    } else {
        m_create->showResult(outcome, {});
        showCreateFailure(outcome);
    }
    emit createFinished();
}

AppLinkWizardPage *AppLinkWizard::pageFor(const QString &field) const
{
    if (field == QLatin1String("url"))
        return m_address;
    if (field == QLatin1String("name") || field == QLatin1String("displayUrl") ||
        field == QLatin1String("type"))
        return m_details;
    const bool atlassian = m_creator && NewAppLinkRules::isAtlassianType(m_creator->draft().typeId);
    if (atlassian &&
        (field == QLatin1String("twoWay") || field == QLatin1String("remoteUser") ||
         field == QLatin1String("remotePassword") || field == QLatin1String("impersonation") ||
         field == QLatin1String("localUrlForRemote")))
        return m_authentication;
    return m_create;
}

void AppLinkWizard::showCreateFailure(const AppLinkOutcome &outcome)
{
    AppLinkWizardPage *page = pageFor(outcome.field);
    if (page == m_create)
        return; // said in the result line under the steps
    // Back to the page with the field, as the user left it.
    while (currentPage() != page && currentId() != startId())
        back();
    page->showOutcome(outcome);
}

void AppLinkWizard::reject()
{
    // Cancel while Jira works stops that work; the page then says what it left behind.
    if (isBusy()) {
        m_creator->cancel();
        return;
    }
    QWizard::reject();
}

} // namespace accessdesk
