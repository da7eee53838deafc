#include "MainWindow.h"

#include "AppIcons.h"
#include "DialogParts.h"
#include "DisplayText.h"
#include "MyAccessPage.h"
#include "PlainText.h"
#include "PreferencesDialog.h"
#include "ShortcutsDialog.h"
#include "ViewState.h"
#include "services/AppSession.h"
#include "services/MyAccessController.h"
#include "storage/Preferences.h"
#include "storage/ProfileStore.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace accessdesk {

namespace {

// What a switcher entry stands for: a saved profile (its name as data) or the --server one.
constexpr int kAdHocRole = Qt::UserRole + 1;

// The licence the About box names (SPDX identifier and its full name).
constexpr char kLicence[] = "GNU General Public License, version 3 or later (GPL-3.0-or-later)";

// The settings group of a page's view state ("view/<key>/…").
QString pageKey(MainWindow::Page page)
{
    switch (page) {
    case MainWindow::MyAccess:
        return QStringLiteral("my-access");
    case MainWindow::Administration:
        return QStringLiteral("administration");
    case MainWindow::Activity:
        return QStringLiteral("activity");
    case MainWindow::Connection:
        return QStringLiteral("connection");
    }
    return {};
}

constexpr MainWindow::Page kPages[] = {MainWindow::MyAccess, MainWindow::Administration,
                                       MainWindow::Activity, MainWindow::Connection};

} // namespace

MainWindow::MainWindow(MyAccessController *controller, QWidget *parent)
    : QMainWindow(parent)
    , m_controller(controller)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_myAccess(new MyAccessPage(controller, this))
    , m_server(new QLabel(this))
    , m_user(new QLabel(this))
    , m_state(new QLabel(this))
    , m_refreshed(new QLabel(this))
{
    setWindowTitle(tr("AccessDesk"));
    setWindowIcon(AppIcons::icon(AppIcons::Icon::Application));
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Navigation"));
    // Same order as the Page enum, so a row is its page.
    for (const Page page : kPages)
        m_navigation->addItem(pageName(page));
    m_navigation->item(MyAccess)->setIcon(AppIcons::icon(AppIcons::Icon::MyAccess));
    m_navigation->item(Administration)->setIcon(AppIcons::icon(AppIcons::Icon::Administration));
    m_navigation->item(Activity)->setIcon(AppIcons::icon(AppIcons::Icon::Activity));
    m_navigation->item(Connection)->setIcon(AppIcons::icon(AppIcons::Icon::Connection));
    // As wide as the longest entry with its icon when there is room; in a narrow window (800×600,
    // a long translation) it gives way down to the icons, the names elided and whole in tooltips.
    const int chrome = 2 * m_navigation->frameWidth() + 2 * m_navigation->spacing() + 12;
    m_navigation->setMaximumWidth(m_navigation->sizeHintForColumn(0) + chrome);
    m_navigation->setMinimumWidth(m_navigation->iconSize().width() + 24 + chrome);
    m_navigation->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (int row = 0; row < m_navigation->count(); ++row)
        m_navigation->item(row)->setToolTip(m_navigation->item(row)->text());
    m_navigation->setSpacing(4);
    // Hidden until the probe says the user administers this server.
    m_navigation->item(Administration)->setHidden(true);

    m_pages->setAccessibleName(tr("Page"));
    m_pages->addWidget(m_myAccess);
    m_pages->addWidget(placeholder(tr("Administration arrives in a later version.")));
    m_pages->addWidget(placeholder(tr("The activity log arrives in a later version.")));
    m_pages->addWidget(placeholder(tr("Connection settings arrive in a later version.")));
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            builtPage(Page(row));
        m_pages->setCurrentIndex(row);
    });
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        // Only the page shown asks for room: a wide page the user is not looking at must not
        // keep the window from 800×600 (hidden pages are Ignored by the stack's minimum size).
        for (int i = 0; i < m_pages->count(); ++i) {
            const auto policy = i == row ? QSizePolicy::Preferred : QSizePolicy::Ignored;
            m_pages->widget(i)->setSizePolicy(policy, policy);
        }
        m_pages->updateGeometry();
        renderTitle();
        renderActions();
    });

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->addWidget(m_navigation);
    auto *right = new QVBoxLayout;
    right->addWidget(buildBanner());
    m_storageProblem = new QLabel(this);
    m_storageProblem->setObjectName(QStringLiteral("storageProblem"));
    m_storageProblem->setAccessibleName(tr("Local database problem"));
    m_storageProblem->setWordWrap(true);
    m_storageProblem->setFrameShape(QFrame::StyledPanel);
    m_storageProblem->setMargin(6);
    PlainText::label(m_storageProblem); // carries SQLite's own words
    DialogParts::showAsProblem(m_storageProblem, true);
    m_storageProblem->hide();
    right->addWidget(m_storageProblem);
    right->addWidget(m_pages, 1);
    layout->addLayout(right, 1);
    setCentralWidget(central);
    buildActions();
    buildMenus();
    buildToolBar();
    // The page's own buttons get the same icons as the menu's actions.
    m_myAccess->refreshButton()->setIcon(AppIcons::icon(AppIcons::Icon::Refresh));
    m_myAccess->exportButton()->setIcon(AppIcons::icon(AppIcons::Icon::Export));
    m_myAccess->revokeButton()->setIcon(AppIcons::icon(AppIcons::Icon::Revoke));

    m_server->setAccessibleName(tr("Server"));
    m_user->setAccessibleName(tr("User"));
    m_state->setObjectName(QStringLiteral("connectionState"));
    m_state->setAccessibleName(tr("Connection state"));
    m_refreshed->setAccessibleName(tr("Last refresh"));
    for (QLabel *label : {m_server, m_user, m_state, m_refreshed}) {
        label->setContentsMargins(6, 0, 12, 0);
        PlainText::label(label); // server names, usernames and server error text
    }
    statusBar()->addWidget(m_server);
    statusBar()->addWidget(m_user);
    statusBar()->addWidget(m_state, 1);
    statusBar()->addPermanentWidget(m_refreshed);

    connect(m_controller, &MyAccessController::stateChanged, this, &MainWindow::renderStatus);
    connect(m_controller, &MyAccessController::probed, this, [this] {
        m_navigation->item(Administration)->setHidden(!m_controller->isAdmin());
        renderStatus();
    });
    connect(m_controller, &MyAccessController::grantsChanged, this, &MainWindow::renderActions);
    showPage(MyAccess);
    renderStatus();
}

void MainWindow::buildActions()
{
    const auto action = [this](const char *name, const QString &text, const QString &what) {
        auto *a = new QAction(text, this);
        a->setObjectName(QLatin1String(name));
        // Menus read an action's text; the status tip (in the status bar) says what it does.
        a->setStatusTip(what);
        return a;
    };
    m_addServerAction = action("actionAddServer", tr("&Add server…"),
                               tr("Add a Jira server and the way to sign in to it."));
    m_addServerAction->setIcon(AppIcons::icon(AppIcons::Icon::AddServer));
    connect(m_addServerAction, &QAction::triggered, this, &MainWindow::addServerRequested);

    m_exportAction = action("actionExport", tr("&Export…"),
                            tr("Save the rows the current page shows as a CSV file."));
    m_exportAction->setIcon(AppIcons::icon(AppIcons::Icon::Export));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportCurrentPage);

    m_findAction =
        action("actionFind", tr("&Find"), tr("Put the cursor in the current page's filter."));
    m_findAction->setIcon(AppIcons::icon(AppIcons::Icon::Find));
    m_findAction->setShortcut(QKeySequence::Find);
    // Each page owns Ctrl+F inside itself (TableViews::setUpFilterField); the window's action
    // answers it only where no page would (the navigation list), so the two never compete.
    m_findAction->setShortcutContext(Qt::WidgetShortcut);
    m_navigation->addAction(m_findAction);
    connect(m_findAction, &QAction::triggered, this, &MainWindow::findOnCurrentPage);

    m_refreshAction =
        action("actionRefresh", tr("&Refresh"), tr("Ask the server for the current page again."));
    m_refreshAction->setIcon(AppIcons::icon(AppIcons::Icon::Refresh));
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshCurrentPage);

    m_switchServerAction =
        action("actionSwitchServer", tr("&Switch server…"), tr("Open the list of saved servers."));
    m_switchServerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_switchServerAction->setEnabled(false); // until there is a session with servers
    connect(m_switchServerAction, &QAction::triggered, this, &MainWindow::focusServerSwitch);

    m_pageActions = new QActionGroup(this);
    m_pageActions->setExclusive(true);
    const std::pair<Page, const char *> pages[] = {{MyAccess, "actionPageMyAccess"},
                                                   {Administration, "actionPageAdministration"},
                                                   {Activity, "actionPageActivity"},
                                                   {Connection, "actionPageConnection"}};
    for (const auto &[page, name] : pages) {
        QAction *show = action(name, pageName(page), tr("Show the page %1.").arg(pageName(page)));
        show->setIcon(m_navigation->item(page)->icon());
        show->setCheckable(true);
        show->setData(int(page));
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + int(page))));
        m_pageActions->addAction(show);
        connect(show, &QAction::triggered, this, [this, page] { showPage(page); });
    }
    // Keys 1 to 4 follow the navigation's order even while Administration is hidden.
    m_pageActions->actions().at(Administration)->setVisible(false);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_addServerAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    // Spelled out: some platform themes (offscreen among them) bind nothing to QKeySequence::Quit.
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setStatusTip(tr("Close AccessDesk."));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addAction(m_findAction);
    edit->addSeparator();
    QAction *preferences = edit->addAction(tr("&Preferences…"), this, &MainWindow::openPreferences);
    preferences->setObjectName(QStringLiteral("actionPreferences"));
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setStatusTip(tr("Choose the language and when to warn about expiring grants."));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_refreshAction);
    view->addSeparator();
    view->addActions(m_pageActions->actions());
    view->addSeparator();
    view->addAction(m_switchServerAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *shortcuts =
        help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::openShortcuts);
    shortcuts->setObjectName(QStringLiteral("actionShortcuts"));
    shortcuts->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(QStringLiteral("Ctrl+?"))});
    shortcuts->setStatusTip(tr("List every keyboard shortcut of the window."));
    help->addSeparator();
    QAction *about = help->addAction(tr("&About AccessDesk"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    QAction *aboutQt = help->addAction(tr("About &Qt"), this,
                                       [this] { QMessageBox::aboutQt(this, tr("About Qt")); });
    aboutQt->setObjectName(QStringLiteral("actionAboutQt"));
    // The window's actions work from anywhere in it, also while the menu bar is hidden.
    for (QMenu *menu : {file, edit, view, help})
        for (QAction *a : menu->actions())
            if (a != m_findAction)
                addAction(a);
}

void MainWindow::buildToolBar()
{
    m_toolBar = addToolBar(tr("Server"));
    m_toolBar->setObjectName(QStringLiteral("serverToolBar"));
    m_toolBar->setMovable(false);
    auto *label = new QLabel(tr("&Server:"), m_toolBar);
    label->setContentsMargins(6, 0, 6, 0);
    m_serverSwitch = new QComboBox(m_toolBar);
    m_serverSwitch->setObjectName(QStringLiteral("serverSwitch"));
    m_serverSwitch->setAccessibleName(tr("Server to connect to"));
    m_serverSwitch->setToolTip(tr("Switch to another saved server"));
    m_serverSwitch->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_serverSwitch->setMinimumWidth(260);
    label->setBuddy(m_serverSwitch);
    auto *add = new QPushButton(tr("Add server…"), m_toolBar);
    add->setObjectName(QStringLiteral("addServer"));
    add->setAccessibleName(tr("Add server"));
    m_toolBar->addWidget(label);
    m_toolBar->addWidget(m_serverSwitch);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(add);
    connect(m_serverSwitch, &QComboBox::activated, this, &MainWindow::switchServer);
    connect(add, &QPushButton::clicked, this, &MainWindow::addServerRequested);
    // Only an app session has servers to switch between.
    m_toolBar->setVisible(false);
}

QWidget *MainWindow::buildBanner()
{
    auto *banner = new QFrame(this);
    banner->setObjectName(QStringLiteral("notConnectedBanner"));
    banner->setAccessibleName(tr("Not connected"));
    banner->setFrameShape(QFrame::StyledPanel);
    m_banner = banner;
    auto *text = new QLabel(tr("Not connected — add a server on the Connection page."), m_banner);
    text->setWordWrap(true);
    auto *add = new QPushButton(tr("Add a server…"), m_banner);
    add->setObjectName(QStringLiteral("bannerAddServer"));
    add->setAccessibleName(tr("Add a server"));
    auto *layout = new QHBoxLayout(m_banner);
    layout->addWidget(text, 1);
    layout->addWidget(add);
    connect(add, &QPushButton::clicked, this, &MainWindow::addServerRequested);
    m_banner->setVisible(false);
    return m_banner;
}

void MainWindow::setSession(AppSession *session)
{
    m_session = session;
    m_storageProblem->setText(session->storageProblem());
    m_storageProblem->setVisible(!m_storageProblem->text().isEmpty());
    m_toolBar->setVisible(true);
    m_switchServerAction->setEnabled(true);
    connect(session, &AppSession::connectingStarted, this, &MainWindow::renderStatus);
    connect(session, &AppSession::connectionChanged, this, [this] {
        // A problem of an earlier attempt is not about the server now connected.
        m_problem.clear();
        if (m_problemBox)
            m_problemBox->close();
        fillServerSwitch();
        renderStatus();
    });
    // The switcher goes back to the server still connected.
    connect(session, &AppSession::connectionFailed, this, [this](const QString &message) {
        fillServerSwitch();
        showConnectionProblem(message);
    });
    connect(session, &AppSession::profilesChanged, this, &MainWindow::fillServerSwitch);
    connect(session, &AppSession::secretNeeded, this, &MainWindow::renderStatus);
    fillServerSwitch();
    renderStatus();
}

void MainWindow::fillServerSwitch()
{
    const QSignalBlocker blocker(m_serverSwitch);
    m_serverSwitch->clear();
    if (!m_session)
        return;
    int current = -1;
    const bool connected = m_session->connection() != nullptr;
    for (const ConnectionProfile &profile : m_session->profiles().profiles()) {
        m_serverSwitch->addItem(profile.name, profile.name);
        const int index = m_serverSwitch->count() - 1;
        m_serverSwitch->setItemData(
            index,
            displaytext::plainToolTip(
                profile.username.isEmpty()
                    ? profile.baseUrl.toString()
                    : tr("%1 as %2").arg(profile.baseUrl.toString(), profile.username)),
            Qt::ToolTipRole);
        if (connected && profile.name == m_session->profileName())
            current = index;
    }
    if (const auto &adHoc = m_session->adHocOptions()) {
        m_serverSwitch->addItem(tr("%1 (from the command line)").arg(adHoc->server));
        const int index = m_serverSwitch->count() - 1;
        m_serverSwitch->setItemData(index, true, kAdHocRole);
        if (connected && m_session->profileName().isEmpty())
            current = index;
    }
    m_serverSwitch->setPlaceholderText(m_serverSwitch->count() == 0 ? tr("No server saved yet")
                                                                    : tr("Choose a server"));
    // The placeholder counts for no size hint: room for it, in whatever language it is.
    m_serverSwitch->setMinimumWidth(std::max(
        260,
        m_serverSwitch->fontMetrics().horizontalAdvance(m_serverSwitch->placeholderText()) + 60));
    m_serverSwitch->setEnabled(m_serverSwitch->count() > 0);
    m_serverSwitch->setCurrentIndex(current);
}

void MainWindow::switchServer(int index)
{
    if (!m_session || index < 0)
        return;
    if (m_serverSwitch->itemData(index, kAdHocRole).toBool()) {
        m_session->switchToAdHoc();
        return;
    }
    m_session->switchToProfile(m_serverSwitch->itemData(index).toString());
}

void MainWindow::setPage(Page page, QWidget *widget)
{
    QWidget *old = m_pages->widget(page);
    if (old == widget)
        return;
    m_pages->insertWidget(page, widget);
    if (page != currentPage())
        widget->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_pages->removeWidget(old);
    if (old == m_myAccess)
        m_myAccess = qobject_cast<MyAccessPage *>(widget);
    old->deleteLater();
    m_pages->setCurrentIndex(m_navigation->currentRow());
}

void MainWindow::setPageOnFirstShow(Page page, std::function<QWidget *()> make)
{
    m_pagesToMake[page] = std::move(make);
    if (page == currentPage())
        builtPage(page);
}

QWidget *MainWindow::builtPage(Page page)
{
    const auto waiting = m_pagesToMake.find(page);
    if (waiting != m_pagesToMake.end()) {
        const std::function<QWidget *()> make = std::move(waiting->second);
        m_pagesToMake.erase(waiting);
        setPage(page, make());
        if (m_viewSettings)
            ViewState::restore(*m_viewSettings, pageKey(page), m_pages->widget(page));
    }
    return m_pages->widget(page);
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(page);
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(std::max(0, m_navigation->currentRow()));
}

QString MainWindow::pageName(Page page) const
{
    switch (page) {
    case MyAccess:
        return tr("My access");
    case Administration:
        return tr("Administration");
    case Activity:
        return tr("Activity");
    case Connection:
        return tr("Connection");
    }
    return {};
}

void MainWindow::refreshCurrentPage()
{
    const Page page = currentPage();
    if (page != MyAccess) {
        emit refreshRequested(page);
        return;
    }
    // The page's button knows whether a refresh may start now (not while one runs or revokes).
    if (m_myAccess && m_myAccess->refreshButton()->isEnabled())
        m_controller->refresh();
}

void MainWindow::exportCurrentPage()
{
    const Page page = currentPage();
    if (page != MyAccess) {
        emit exportRequested(page);
        return;
    }
    if (m_myAccess && m_myAccess->exportButton()->isEnabled())
        m_myAccess->exportCsv();
}

void MainWindow::findOnCurrentPage()
{
    // The page's own Find action (the filter field's, or its visible tab's) does the work.
    QWidget *page = m_pages->currentWidget();
    QList<QWidget *> widgets{page};
    widgets += page->findChildren<QWidget *>();
    for (QWidget *widget : std::as_const(widgets)) {
        if (!widget->isVisible())
            continue;
        for (QAction *action : widget->actions()) {
            if (action != m_findAction && action->shortcut() == QKeySequence(QKeySequence::Find)) {
                action->trigger();
                return;
            }
        }
    }
}

void MainWindow::openPreferences()
{
    if (!m_session) {
        emit preferencesRequested();
        return;
    }
    auto *dialog = new PreferencesDialog(m_session->settings(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // A new warning window shows in the badges at once (the announcements read it on refresh).
    connect(dialog, &QDialog::accepted, this, [this] {
        myAccessPage()->setExpiryWarningDays(
            Preferences(m_session->settings()).expiryWarningDays());
    });
    dialog->open();
}

void MainWindow::openShortcuts()
{
    (new ShortcutsDialog(this, this))->open();
}

void MainWindow::showAbout()
{
    const QStringList lines{
        tr("AccessDesk %1")
            .arg(QCoreApplication::applicationVersion().isEmpty()
                     ? QStringLiteral(ACCESSDESK_VERSION)
                     : QCoreApplication::applicationVersion()),
        tr("See and revoke what can act as you on Jira Server and Data Center."),
        tr("Qt version: %1 (built with %2).")
            .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
        tr("Licence: %1.").arg(QLatin1String(kLicence)),
    };
    auto *box = PlainText::messageBox(QMessageBox::NoIcon, tr("About AccessDesk"),
                                      lines.join(QStringLiteral("\n\n")), this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAccessibleName(tr("About AccessDesk"));
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    if (QAbstractButton *ok = box->button(QMessageBox::Ok)) {
        ok->setObjectName(QStringLiteral("ok"));
        ok->setAccessibleName(tr("Close"));
    }
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::focusServerSwitch()
{
    if (!m_session || !m_serverSwitch->isEnabled())
        return;
    m_serverSwitch->setFocus(Qt::ShortcutFocusReason);
    m_serverSwitch->showPopup();
}

void MainWindow::renderActions()
{
    const Page page = currentPage();
    if (QAction *shown = m_pageActions->actions().value(page))
        shown->setChecked(true);
    m_pageActions->actions()
        .at(Administration)
        ->setVisible(!m_navigation->item(Administration)->isHidden());
    m_refreshAction->setEnabled(page != Connection);
    m_exportAction->setEnabled(page == Activity || (page == MyAccess && m_myAccess &&
                                                    m_myAccess->exportButton()->isEnabled()));
}

void MainWindow::saveViewState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("view/window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("view/window/state"), saveState());
    for (const Page page : kPages)
        ViewState::save(settings, pageKey(page), m_pages->widget(page));
    settings.sync();
}

bool MainWindow::restoreViewState(QSettings &settings)
{
    m_viewSettings = &settings;
    for (const Page page : kPages)
        ViewState::restore(settings, pageKey(page), m_pages->widget(page));
    const QByteArray geometry =
        settings.value(QStringLiteral("view/window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        return false;
    restoreState(settings.value(QStringLiteral("view/window/state")).toByteArray());
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_session)
        saveViewState(m_session->settings());
    QMainWindow::closeEvent(event);
}

void MainWindow::showConnectionProblem(const QString &message)
{
    m_problem = message;
    renderStatus();
    // One box at a time: a newer problem replaces the text of one still open.
    if (!m_problemBox) {
        m_problemBox =
            PlainText::messageBox(QMessageBox::Warning, tr("Could not connect"), QString(), this);
        m_problemBox->setObjectName(QStringLiteral("connectionProblem"));
        m_problemBox->setAccessibleName(tr("Connection problem"));
        m_problemBox->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_problemBox->setText(message);
    m_problemBox->open();
}

QWidget *MainWindow::placeholder(const QString &text)
{
    auto *label = PlainText::label(new QLabel(text, this));
    label->setAlignment(Qt::AlignCenter);
    label->setAccessibleName(text);
    return label;
}

void MainWindow::renderTitle()
{
    const ActivityContext &who = m_controller->who();
    const bool connected = !m_session || m_session->connection();
    const QString where = !connected               ? QString()
                          : !who.profile.isEmpty() ? who.profile
                                                   : who.serverUrl;
    const QString page = pageName(currentPage());
    setWindowTitle(where.isEmpty()
                       ? tr("%1 — AccessDesk", "window title: the page").arg(page)
                       : tr("%1 — %2 — AccessDesk", "window title: the page, then the server")
                             .arg(page, where));
}

void MainWindow::renderStatus()
{
    const bool connected = !m_session || m_session->connection();
    const bool asked = !connected && m_session->secretRequest().has_value();
    m_banner->setVisible(!connected && !m_session->isConnecting() && !asked);
    // Without a server there is nothing to list or revoke; the local pages stay usable, and so
    // does the list seen last time (read-only: MyAccessController::canChange()).
    m_pages->widget(MyAccess)->setEnabled(connected || m_controller->showsCachedList());
    renderTitle();
    renderActions();
    if (!connected) {
        m_server->setText(tr("Server: none"));
        m_user->setText(tr("User: none"));
        if (m_session->isConnecting())
            m_state->setText(tr("Connecting to %1…").arg(m_session->connectingTo()));
        else if (asked)
            m_state->setText(tr("Not connected: waiting for the password or token of %1.")
                                 .arg(m_session->secretRequest()->profile));
        else if (!m_problem.isEmpty())
            m_state->setText(tr("Not connected: %1").arg(m_problem));
        else
            m_state->setText(tr("Not connected — add a server on the Connection page"));
        m_refreshed->setText(tr("Not refreshed yet"));
        return;
    }
    const ActivityContext &who = m_controller->who();
    m_server->setText(tr("Server: %1").arg(who.serverUrl));
    m_user->setText(tr("User: %1").arg(who.user.isEmpty() ? tr("unknown") : who.user));
    using State = MyAccessController::State;
    if (m_session && m_session->isConnecting()) {
        m_state->setText(tr("Connecting to %1…").arg(m_session->connectingTo()));
    } else {
        switch (m_controller->state()) {
        case State::Loading:
            m_state->setText(tr("Refreshing…"));
            break;
        case State::Revoking:
            m_state->setText(tr("Revoking…"));
            break;
        case State::Failed:
            m_state->setText(tr("Not connected: %1").arg(m_controller->lastError()));
            break;
        case State::Idle:
            if (!m_problem.isEmpty()) // a switch failed; the server shown is still connected
                m_state->setText(tr("Connected; could not switch: %1").arg(m_problem));
            else
                m_state->setText(m_controller->lastRefresh().isValid() ? tr("Connected")
                                                                       : tr("Connecting…"));
            break;
        }
    }
    const QDateTime refreshed = m_controller->lastRefresh();
    // Hours and minutes: the C locale's short time has seconds, which say nothing useful here.
    m_refreshed->setText(
        refreshed.isValid()
            ? tr("Last refresh: %1")
                  .arg(QLocale().toString(refreshed.toLocalTime().time(), QStringLiteral("HH:mm")))
            : tr("Not refreshed yet"));
}

} // namespace accessdesk
