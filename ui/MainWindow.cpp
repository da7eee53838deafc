#include "MainWindow.h"

#include "MyAccessController.h"
#include "MyAccessPage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QStackedWidget>
#include <QStatusBar>

namespace accessdesk {

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
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_server->setAccessibleName(tr("Server"));
    m_user->setAccessibleName(tr("User"));
    m_state->setAccessibleName(tr("Connection state"));
    m_refreshed->setAccessibleName(tr("Last refresh"));
    for (QLabel *label : {m_server, m_user, m_state, m_refreshed})
        label->setContentsMargins(6, 0, 12, 0);
    statusBar()->addWidget(m_server);
    statusBar()->addWidget(m_user);
    statusBar()->addWidget(m_state);
    statusBar()->addPermanentWidget(m_refreshed);

    connect(m_controller, &MyAccessController::stateChanged, this, &MainWindow::renderStatus);
    connect(m_controller, &MyAccessController::probed, this, [this] {
        m_navigation->item(Administration)->setHidden(!m_controller->isAdmin());
        renderStatus();
    });
    showPage(MyAccess);
    renderStatus();
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(page);
}

QWidget *MainWindow::placeholder(const QString &text)
{
    auto *label = new QLabel(text, this);
    label->setAlignment(Qt::AlignCenter);
    label->setAccessibleName(text);
    return label;
}

void MainWindow::renderStatus()
{
    const ActivityContext &who = m_controller->who();
    m_server->setText(tr("Server: %1").arg(who.serverUrl));
    m_user->setText(tr("User: %1").arg(who.user.isEmpty() ? tr("unknown") : who.user));
    using State = MyAccessController::State;
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
        m_state->setText(m_controller->lastRefresh().isValid() ? tr("Connected")
                                                               : tr("Connecting…"));
        break;
    }
    const QDateTime refreshed = m_controller->lastRefresh();
    m_refreshed->setText(
        refreshed.isValid()
            ? tr("Last refresh: %1").arg(QLocale().toString(refreshed.time(), QLocale::ShortFormat))
            : tr("Not refreshed yet"));
}

} // namespace accessdesk
