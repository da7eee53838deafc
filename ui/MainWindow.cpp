#include "MainWindow.h"

#include "DisplayText.h"
#include "MyAccessPage.h"
#include "PlainText.h"
#include "services/AppSession.h"
#include "services/MyAccessController.h"
#include "storage/ProfileStore.h"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

// What a switcher entry stands for: a saved profile (its name as data) or the --server one.
constexpr int kAdHocRole = Qt::UserRole + 1;

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
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Navigation"));
    // Same order as the Page enum, so a row is its page.
    m_navigation->addItems(
        {tr("My access"), tr("Administration"), tr("Activity"), tr("Connection")});
    m_navigation->setSpacing(4);
    m_navigation->setFixedWidth(m_navigation->sizeHintForColumn(0) + 40);
    // Hidden until the probe says the user administers this server.
    m_navigation->item(Administration)->setHidden(true);

    m_pages->setAccessibleName(tr("Page"));
    m_pages->addWidget(m_myAccess);
    m_pages->addWidget(placeholder(tr("Administration arrives in a later version.")));
    m_pages->addWidget(placeholder(tr("The activity log arrives in a later version.")));
    m_pages->addWidget(placeholder(tr("Connection settings arrive in a later version.")));
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->addWidget(m_navigation);
    auto *right = new QVBoxLayout;
    right->addWidget(buildBanner());
    right->addWidget(m_pages, 1);
    layout->addLayout(right, 1);
    setCentralWidget(central);
    buildToolBar();

    m_server->setAccessibleName(tr("Server"));
    m_user->setAccessibleName(tr("User"));
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
    showPage(MyAccess);
    renderStatus();
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
    m_toolBar->setVisible(true);
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
    m_pages->removeWidget(old);
    if (old == m_myAccess)
        m_myAccess = qobject_cast<MyAccessPage *>(widget);
    old->deleteLater();
    m_pages->setCurrentIndex(m_navigation->currentRow());
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(page);
}

void MainWindow::showConnectionProblem(const QString &message)
{
    m_problem = message;
    renderStatus();
    // One box at a time: a newer problem replaces the text of one still open.
    if (!m_problemBox) {
        m_problemBox =
            PlainText::messageBox(QMessageBox::Warning, tr("Could not connect"), QString(), this);
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
    const QString where = !who.profile.isEmpty() ? who.profile : who.serverUrl;
    setWindowTitle(where.isEmpty() ? tr("AccessDesk") : tr("%1 — AccessDesk").arg(where));
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
