#pragma once

// What the application-link widget tests share: driving the create wizard and the tab's buttons
// as a user would (widgets found by objectName), waiting on the controller's signals, and reading
// what the server holds over plain HTTP, past the code under test.

#include "FindChild.h"
#include "SimClient.h"
#include "services/ActivityRecord.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

class QMainWindow;
class QWidget;

namespace accessdesk {

class ActivityLog;
class AdminController;
class AdminListTab;
class AdministrationPage;
class AppLinksController;
class AppLinkWizard;
class ServerConnection;

// The Administration page as the app shows it (in its frame, on screen), on a controller of its
// own for connection; showing it starts loading the lists.
class AdminPageUnderTest final
{
public:
    AdminPageUnderTest(ServerConnection *connection, ActivityLog *log, ActivityContext who);
    ~AdminPageUnderTest();
    Q_DISABLE_COPY_MOVE(AdminPageUnderTest)

    AdminController &controller() const { return *m_controller; }
    AppLinksController *links() const;
    AdministrationPage *page() const { return m_page; }
    QWidget *tab() const;       // the application links tab, with its buttons
    AdminListTab *list() const; // its list

private:
    std::unique_ptr<AdminController> m_controller;
    std::unique_ptr<QMainWindow> m_window;
    AdministrationPage *m_page;
};

// An http://127.0.0.1:PORT address where nothing listens right now.
QString silentLoopbackUrl();

// Until the list is loaded (or failed) and no health check runs.
bool waitSettled(AppLinksController *links);
// Until the list holds a link called name (fetched again after a change).
bool waitForLink(AppLinksController *links, const QString &name);

// Clicks the tab's "New link…" and returns the wizard it opened (nullptr when none did).
AppLinkWizard *openWizard(QWidget *tab);
// Types url on the first page and presses Next until the probe has answered; true when the
// wizard moved on to the details page.
bool enterAddress(AppLinkWizard *wizard, const QString &url);
// Presses Next (or Create on the last page) and, for Create, waits until Jira has answered.
void pressNext(AppLinkWizard *wizard);
bool pressCreate(AppLinkWizard *wizard);
// Closes the wizard and lets it be deleted.
void closeWizard(AppLinkWizard *wizard);

// Selects the row whose name is name; false when there is none.
bool selectLink(AdminListTab *list, const QString &name);
QString detailsText(AdminListTab *list);
// Clicks "Check" for the selected link and waits for the answer.
bool checkSelected(QWidget *tab, AppLinksController *links);

// The server's own view (admin, basic auth).
QJsonObject serverLinkNamed(const SimClient &server, const QString &name);
std::optional<QJsonObject> serverLink(const SimClient &server, const QString &id);
QJsonObject serverStatus(const SimClient &server, const QString &id);
// Creates a generic link through the REST API (v2), as another admin would; its id.
QString createGenericLink(const SimClient &server, const QString &name, const QString &url);

} // namespace accessdesk
