#include "DesktopApp.h"

#include "ActivityPage.h"
#include "AdministrationPage.h"
#include "AppIcons.h"
#include "ConnectionDialog.h"
#include "ConnectionPage.h"
#include "CreateTokenDialog.h"
#include "ExpiryBanner.h"
#include "ExpiryTray.h"
#include "FirstPaintReport.h"
#include "MainWindow.h"
#include "MyAccessPage.h"
#include "RequestForAccessDialog.h"
#include "SecretPromptDialog.h"
#include "services/AdminController.h"
#include "services/AdminTokenController.h"
#include "services/AppLinksController.h"
#include "services/ConsumersController.h"
#include "services/ExpiryWatch.h"
#include "services/MyAccessController.h"
#include "services/OAuth2ClientsController.h"
#include "services/PersonalTokenController.h"
#include "services/RequestForAccessController.h"

#include "storage/Preferences.h"
#include <QApplication>
#include <QPushButton>
#include <QScreen>
#include <QTableView>

#include <utility>

namespace accessdesk {

DesktopApp::DesktopApp(AppSession::Paths paths, QObject *parent)
    : QObject(parent)
    , m_session(std::make_unique<AppSession>(std::move(paths)))
{
    // Nothing is connected yet: every controller gets the connection when AppSession has one.
    ActivityLog *log = m_session->activityLog();
    m_myAccess = std::make_unique<MyAccessController>(nullptr, log, ActivityContext{});
    m_myAccess->setOfflineCache(m_session->offlineCache());
    m_admin = std::make_unique<AdminController>(nullptr, log, ActivityContext{});
    m_personalTokens = std::make_unique<PersonalTokenController>(nullptr, log, ActivityContext{});
    m_accessRequests =
        std::make_unique<RequestForAccessController>(nullptr, log, ActivityContext{});
    // Dialogs and the task switcher show the same icon as the window.
    QApplication::setWindowIcon(AppIcons::icon(AppIcons::Icon::Application));
    m_window = std::make_unique<MainWindow>(m_myAccess.get());
    firstpaint::reportFirstRowsPainted(m_window->myAccessPage()->table());
    m_window->setSession(m_session.get());
    buildPages();
    wireMenus();
    wireConnection();
    wireProfiles();
    wireRecordKeeping();
}

AdministrationPage &DesktopApp::administrationPage()
{
    m_window->builtPage(MainWindow::Administration);
    return *m_administrationPage;
}

DesktopApp::~DesktopApp()
{
    // What the user arranged is kept also when the app ends without closing the window.
    m_window->saveViewState(m_session->settings());
}

void DesktopApp::wireMenus()
{
    // View ▸ Refresh and File ▸ Export… on the pages the window does not serve itself.
    connect(m_window.get(), &MainWindow::refreshRequested, this, [this](MainWindow::Page page) {
        if (page == MainWindow::Administration && m_session->connection())
            m_admin->refreshAll();
        else if (page == MainWindow::Activity)
            m_activityPage->reload();
    });
    connect(m_window.get(), &MainWindow::exportRequested, this, [this](MainWindow::Page page) {
        if (page == MainWindow::Activity && m_activityPage->exportButton()->isEnabled())
            m_activityPage->exportButton()->click();
    });
}

void DesktopApp::buildPages()
{
    // The badge "expires soon" uses the window the expiry announcements use.
    m_window->myAccessPage()->setExpiryWarningDays(
        Preferences(m_session->settings()).expiryWarningDays());
    m_connectionPage =
        new ConnectionPage(m_session->profiles(), m_session->secrets(), m_session->network(),
                           m_session->offlineCache(), m_window.get());
    m_activityPage = new ActivityPage(m_window.get());
    m_activityPage->setActivityLog(m_session->activityLog());
    m_window->setPage(MainWindow::Connection, m_connectionPage);
    m_window->setPage(MainWindow::Activity, m_activityPage);
    // Its lists load when it is shown anyway; built then too, it costs a start nothing.
    m_window->setPageOnFirstShow(MainWindow::Administration, [this] {
        m_administrationPage = new AdministrationPage(m_admin.get(), m_window.get());
        return m_administrationPage;
    });

    MyAccessPage *myAccess = m_window->myAccessPage();
    connect(myAccess, &MyAccessPage::createTokenRequested, this,
            &DesktopApp::openCreateTokenDialog);
    connect(myAccess, &MyAccessPage::answerRequestRequested, this,
            &DesktopApp::openRequestForAccessDialog);
    wireExpiry();
}

void DesktopApp::wireExpiry()
{
    // Announced grants are kept in the app's database; the window is the user's preference.
    m_expiryWatch = std::make_unique<ExpiryWatch>(m_session->database(), &m_session->settings());
    m_expiryWatch->watch(m_myAccess.get());
    m_expiryTray = std::make_unique<ExpiryTray>(m_expiryWatch.get());
    MyAccessPage *page = m_window->myAccessPage();
    page->addBanner(
        new ExpiryBanner(m_expiryWatch.get(), m_myAccess.get(), m_personalTokens.get(), page));
    connect(m_expiryTray.get(), &ExpiryTray::openRequested, this, [this] {
        m_window->showPage(MainWindow::MyAccess);
        if (m_window->isMinimized())
            m_window->showNormal(); // a maximised window stays maximised
        m_window->raise();
        m_window->activateWindow();
    });
}

void DesktopApp::wireConnection()
{
    AppSession *session = m_session.get();
    connect(session, &AppSession::connectionChanged, this, [this, session] {
        ServerConnection *connection = session->connection();
        const ActivityContext &who = session->who();
        m_myAccess->setActivityLog(session->activityLog());
        m_myAccess->setConnection(connection, who);
        m_admin->setConnection(connection, who);
        m_personalTokens->setConnection(connection, who);
        m_accessRequests->setConnection(connection, who);
        m_connectionPage->setCurrent(session->profileName(), nullptr);
        m_myAccess->probe();
        m_myAccess->refresh();
        // A question for another server's password, left open, is answered by this choice.
        if (m_secretPrompt) {
            disconnect(m_secretPrompt, nullptr, m_session.get(), nullptr);
            m_secretPrompt->close();
        }
        // The first server of a first run is connected: what the user came for is My access.
        if (std::exchange(m_firstRun, false))
            m_window->showPage(MainWindow::MyAccess);
    });
    // The probe says who the user is and whether they administer the server.
    connect(m_myAccess.get(), &MyAccessController::probed, this, [this, session] {
        const auto &report = m_myAccess->probeReport();
        m_connectionPage->setCurrent(session->profileName(), report ? &*report : nullptr);
    });
    connect(m_connectionPage, &ConnectionPage::connectRequested, session,
            &AppSession::switchToProfile);
    connect(session, &AppSession::secretNeeded, this, &DesktopApp::askForSecret);
}

void DesktopApp::askForSecret()
{
    const auto &request = m_session->secretRequest();
    if (!request)
        return;
    // Before the first connection, the list seen last time is something to read meanwhile.
    if (!m_session->connection())
        m_myAccess->setConnection(nullptr, request->who);
    // One question at a time: a newer one replaces a dialog still open.
    if (m_secretPrompt) {
        disconnect(m_secretPrompt, nullptr, m_session.get(), nullptr);
        m_secretPrompt->close();
    }
    auto *dialog = new SecretPromptDialog(*request, m_window.get());
    m_secretPrompt = dialog;
    connect(dialog, &SecretPromptDialog::secretGiven, m_session.get(),
            &AppSession::connectWithSecret);
    connect(dialog, &SecretPromptDialog::declined, m_session.get(), &AppSession::declineSecret);
    dialog->open();
}

void DesktopApp::wireProfiles()
{
    AppSession *session = m_session.get();
    connect(m_window.get(), &MainWindow::addServerRequested, this, [this] {
        m_window->showPage(MainWindow::Connection);
        m_connectionPage->openAddDialog();
    });
    connect(m_connectionPage, &ConnectionPage::profileSaved, this, [session](const QString &name) {
        session->notifyProfilesChanged();
        // A new first server, or new settings for the current one, take effect at once;
        // any other saved server waits in the switcher until the user picks it.
        if (!session->connection() || name == session->profileName())
            session->switchToProfile(name);
    });
    connect(m_connectionPage, &ConnectionPage::profileRemoved, session,
            &AppSession::notifyProfilesChanged);
}

void DesktopApp::wireRecordKeeping()
{
    // Every change lands in the activity log; the Activity page shows it at once, and the lists
    // that changed are fetched again so what is shown is what the server holds.
    ActivityPage *activity = m_activityPage;
    connect(m_myAccess.get(), &MyAccessController::revokeFinished, activity, &ActivityPage::reload);
    connect(m_admin->tokens(), &AdminTokenController::revokeFinished, activity,
            &ActivityPage::reload);
    // Consumers and OAuth 2.0 clients fetch their lists again by themselves after a change.
    connect(m_admin->consumers(), &ConsumersController::approvalFinished, activity,
            &ActivityPage::reload);
    connect(m_admin->consumers(), &ConsumersController::removalFinished, activity,
            &ActivityPage::reload);
    connect(m_admin->clients(), &OAuth2ClientsController::changeFinished, activity,
            &ActivityPage::reload);
    connect(m_admin->links(), &AppLinksController::linksChanged, activity, &ActivityPage::reload);
    connect(m_personalTokens.get(), &PersonalTokenController::created, this, [this] {
        m_activityPage->reload();
        m_myAccess->refresh();
    });
    connect(m_accessRequests.get(), &RequestForAccessController::stateChanged, this, [this] {
        if (m_accessRequests->state() != RequestForAccessController::State::Answered)
            return;
        m_activityPage->reload();
        m_myAccess->refresh();
    });
}

void DesktopApp::openCreateTokenDialog()
{
    (new CreateTokenDialog(m_personalTokens.get(), m_window.get()))->open();
}

void DesktopApp::openRequestForAccessDialog()
{
    m_accessRequests->reset();
    auto *dialog = new RequestForAccessDialog(m_accessRequests.get(), m_window.get());
    connect(dialog, &RequestForAccessDialog::closedAfterAnswer, m_myAccess.get(),
            &MyAccessController::refresh);
    dialog->open();
}

void DesktopApp::start(const std::optional<ConnectionOptions> &options,
                       const QString &optionProblem)
{
    // The size and arrangement of the last run; the first run gets 1280×800, the size the
    // screenshots and the layout are checked at (smaller screens get less).
    if (!m_window->restoreViewState(m_session->settings()))
        m_window->resize(m_window->screen()->availableSize().boundedTo(QSize(1280, 800)));
    m_window->show();
    if (!options) {
        m_window->showConnectionProblem(
            tr("The command line cannot be used: %1.").arg(optionProblem));
        return;
    }
    if (!m_session->start(*options)) {
        // Nothing to connect to: the first run. The dialog explains what to enter.
        m_firstRun = true;
        m_window->showPage(MainWindow::Connection);
        m_connectionPage->openFirstRunDialog();
    }
}

} // namespace accessdesk
