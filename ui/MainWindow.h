#pragma once

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>

#include <functional>
#include <map>

class QAction;
class QActionGroup;
class QComboBox;
class QLabel;
class QSettings;
class QListWidget;
class QStackedWidget;
class QToolBar;

namespace accessdesk {

class AppSession;
class MyAccessController;
class MyAccessPage;

// The app's window: a menu bar (File, Edit, View, Help), a toolbar with the server switcher, a
// navigation list on the left, the chosen page on the right, and a status bar with server, user,
// connection state and the time of the last refresh. Renders state and forwards intent: switching
// servers goes to AppSession, refreshing and exporting pages other than My access to DesktopApp.
// Every action has an object name ("action" + what it does) for tests and the shortcuts overview.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Page { MyAccess, Administration, Activity, Connection };
    Q_ENUM(Page)

    explicit MainWindow(MyAccessController *controller, QWidget *parent = nullptr);

    // Shows the server switcher and follows the session's connection. Without a session (widget
    // tests of one page) the window shows the controller's connection only.
    void setSession(AppSession *session);
    // Puts widget in place of the page's current one (a placeholder until the lead plugs the
    // Activity, Administration and Connection pages in); the window takes ownership.
    void setPage(Page page, QWidget *widget);
    // Like setPage, but make() is called when the page is first shown (or asked for by
    // builtPage()), and its splitters and columns are then restored as restoreViewState() would
    // have. For the Administration page: its four tabs were a fifth of building the window at every
    // start, and most starts never open it.
    void setPageOnFirstShow(Page page, std::function<QWidget *()> make);
    // The page's widget, made now if it was waiting for its first show.
    QWidget *builtPage(Page page);

    void showPage(Page page);
    Page currentPage() const;
    // "My access", "Administration", …: the navigation's and the window title's name of page.
    QString pageName(Page page) const;

    // Window geometry and state, and per page its splitters, column widths and sort order, in
    // settings under "view/…". restoreViewState() before the window is shown; false when nothing
    // was saved yet (the caller then picks a size).
    void saveViewState(QSettings &settings) const;
    bool restoreViewState(QSettings &settings);
    MyAccessPage *myAccessPage() const { return m_myAccess; }

public slots:
    // In the status bar and a message box that does not block: a profile that could not be
    // opened, a secret that is missing, an unusable command-line option.
    void showConnectionProblem(const QString &message);

signals:
    // The user wants to add a server (the "Add server…" button, the not-connected banner).
    void addServerRequested();
    // View ▸ Refresh and File ▸ Export… on a page other than My access (which the window serves
    // itself, so that it works without DesktopApp too).
    void refreshRequested(accessdesk::MainWindow::Page page);
    void exportRequested(accessdesk::MainWindow::Page page);
    // Edit ▸ Preferences… without a session to read them from (with one, the window opens the
    // dialog itself).
    void preferencesRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void refreshCurrentPage();
    void exportCurrentPage();
    void findOnCurrentPage();
    void openPreferences();
    void openShortcuts();
    void showAbout();
    void focusServerSwitch();
    void renderActions();
    QWidget *buildBanner();
    void fillServerSwitch();
    void switchServer(int index);
    void renderStatus();
    void renderTitle();
    QWidget *placeholder(const QString &text);

    MyAccessController *m_controller;
    AppSession *m_session = nullptr;
    QToolBar *m_toolBar = nullptr;
    QAction *m_addServerAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_switchServerAction = nullptr;
    QActionGroup *m_pageActions = nullptr;
    QComboBox *m_serverSwitch = nullptr;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    // Pages made on their first show (setPageOnFirstShow), and the settings that
    // restoreViewState() read, for restoring them then.
    std::map<Page, std::function<QWidget *()>> m_pagesToMake;
    QPointer<QSettings> m_viewSettings;
    MyAccessPage *m_myAccess;
    QWidget *m_banner = nullptr;
    QLabel *m_storageProblem = nullptr; // the local database could not be opened
    QLabel *m_server;
    QLabel *m_user;
    QLabel *m_state;
    QLabel *m_refreshed;
    QString m_problem; // the last connection problem, until a connection succeeds
    QPointer<QMessageBox> m_problemBox;
};

} // namespace accessdesk
