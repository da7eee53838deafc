#pragma once

#include "services/ExpiryNotice.h"

#include <QObject>

#include <optional>

class QSystemTrayIcon;

namespace accessdesk {

class ExpiryWatch;

// The desktop notification for grants that expire soon: on each ExpiryWatch::announced(), a
// tray message (QSystemTrayIcon::showMessage) with the application icon, where the desktop has a
// system tray; elsewhere the banner in My access is the only news. The tray icon stays while
// grants are pending and goes when the banner is dismissed. Clicking the message or the icon
// asks for My access (openRequested()).
class ExpiryTray final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpiryTray)

public:
    explicit ExpiryTray(ExpiryWatch *watch, QObject *parent = nullptr);
    ~ExpiryTray() override;

    // What the last announcement said, whether or not a tray could show it.
    const std::optional<ExpiryNotice> &lastNotice() const { return m_lastNotice; }
    // Whether it reached a tray (false without one, e.g. on the offscreen platform).
    bool lastNoticeShown() const { return m_lastShown; }

signals:
    void openRequested();

private:
    void announce(const QList<AccessGrant> &grants);
    QSystemTrayIcon *trayIcon();

    ExpiryWatch *m_watch;
    QSystemTrayIcon *m_icon = nullptr;
    std::optional<ExpiryNotice> m_lastNotice;
    bool m_lastShown = false;
};

} // namespace accessdesk
