#include "ExpiryTray.h"

#include "services/ExpiryWatch.h"

#include <QApplication>
#include <QIcon>
#include <QSystemTrayIcon>

#include <chrono>

namespace accessdesk {

namespace {
// Long enough to read two sentences; the desktop may keep it in its notification list longer.
constexpr std::chrono::milliseconds kMessageTime{15000};
} // namespace

ExpiryTray::ExpiryTray(ExpiryWatch *watch, QObject *parent)
    : QObject(parent)
    , m_watch(watch)
{
    connect(m_watch, &ExpiryWatch::announced, this, &ExpiryTray::announce);
    connect(m_watch, &ExpiryWatch::pendingChanged, this, [this] {
        if (m_icon && m_watch->pending().isEmpty())
            m_icon->hide(); // dismissed, or all replaced and revoked: nothing left to point at
    });
}

ExpiryTray::~ExpiryTray()
{
    delete m_icon;
}

QSystemTrayIcon *ExpiryTray::trayIcon()
{
    if (m_icon)
        return m_icon;
    // The window icon when the app has set one, else the bundled SVG (resources/icons).
    QIcon icon = QApplication::windowIcon();
    if (icon.isNull())
        icon = QIcon(QStringLiteral(":/icons/accessdesk.svg"));
    m_icon = new QSystemTrayIcon(icon);
    m_icon->setToolTip(tr("AccessDesk: grants expire soon"));
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, &ExpiryTray::openRequested);
    connect(m_icon, &QSystemTrayIcon::activated, this, &ExpiryTray::openRequested);
    return m_icon;
}

void ExpiryTray::announce(const QList<AccessGrant> &grants)
{
    m_lastNotice = ExpiryNotice::forAnnounced(grants, m_watch->windowDays());
    m_lastShown = false;
    if (m_lastNotice->title.isEmpty() || !QSystemTrayIcon::isSystemTrayAvailable())
        return;
    QSystemTrayIcon *icon = trayIcon();
    icon->show();
    icon->showMessage(m_lastNotice->title, m_lastNotice->message, icon->icon(),
                      int(kMessageTime.count()));
    m_lastShown = true;
}

} // namespace accessdesk
