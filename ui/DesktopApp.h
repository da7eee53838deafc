#pragma once

#include "services/AppSession.h"
#include "services/ConnectionOptions.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace accessdesk {

class ActivityPage;
class AdminController;
class AdministrationPage;
class ConnectionPage;
class ExpiryTray;
class ExpiryWatch;
class MainWindow;
class MyAccessController;
class PersonalTokenController;
class RequestForAccessController;
class SecretPromptDialog;

// The desktop app put together: one AppSession, the controllers that work on its current
// connection, the window with its pages, and the wiring between them. main() only parses the
// command line; tests build this with their own settings file and data directory.
class DesktopApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopApp)

public:
    explicit DesktopApp(AppSession::Paths paths = {}, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Shows the window and connects: with the command line's server or profile, else with the
    // last used profile; with none stored, the first-run connection dialog opens. optionProblem
    // (when options is empty) is what was wrong with the command line, said in the window.
    void start(const std::optional<ConnectionOptions> &options, const QString &optionProblem);

    AppSession &session() { return *m_session; }
    MainWindow &window() { return *m_window; }
    MyAccessController &myAccess() { return *m_myAccess; }
    ExpiryWatch &expiryWatch() { return *m_expiryWatch; }
    ExpiryTray &expiryTray() { return *m_expiryTray; }
    ConnectionPage &connectionPage() { return *m_connectionPage; }
    ActivityPage &activityPage() { return *m_activityPage; }
    // Made on its first show; asking for it makes it.
    AdministrationPage &administrationPage();
    AdminController &admin() { return *m_admin; }
    PersonalTokenController &personalTokens() { return *m_personalTokens; }
    RequestForAccessController &accessRequests() { return *m_accessRequests; }

private:
    void buildPages();
    void wireMenus();
    void wireConnection();
    void wireProfiles();
    void wireExpiry();
    void wireRecordKeeping();
    void openCreateTokenDialog();
    void openRequestForAccessDialog();
    void askForSecret();

    // Declared in the order they must be built; destroyed in reverse, window first.
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<MyAccessController> m_myAccess;
    std::unique_ptr<AdminController> m_admin;
    std::unique_ptr<PersonalTokenController> m_personalTokens;
    std::unique_ptr<RequestForAccessController> m_accessRequests;
    std::unique_ptr<ExpiryWatch> m_expiryWatch; // before the window: its banner uses it
    std::unique_ptr<ExpiryTray> m_expiryTray;
    std::unique_ptr<MainWindow> m_window;
    ConnectionPage *m_connectionPage = nullptr;         // owned by the window
    ActivityPage *m_activityPage = nullptr;             // owned by the window
    AdministrationPage *m_administrationPage = nullptr; // owned by the window; made when shown
    QPointer<SecretPromptDialog> m_secretPrompt;        // owned by the window
    bool m_firstRun = false; // started without any server; cleared by the first connection
};

} // namespace accessdesk
