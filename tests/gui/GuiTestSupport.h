#pragma once

// What the widget tests share: reading tables and CSV, the app's frame around a page,
// screenshots, waiting on signals, answering the dialogs a click opens, and temporary homes for
// what the app writes (settings, SQLite). Server-side helpers live beside SimProcess.

#include "FindChild.h"
#include "storage/ActivityLog.h"
#include "storage/Database.h"
#include "storage/OfflineCache.h"
#include "storage/ProfileStore.h"
#include "ui/ConfirmationDialog.h"

#include <QByteArray>
#include <QList>
#include <QSettings>
#include <QSignalSpy>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QAbstractButton;
class QAbstractItemModel;
class QMainWindow;
class QWidget;

namespace accessdesk {

// RFC 4180 as CsvWriter writes it (quoted cells may hold commas, doubled quotes and line
// breaks); the byte order mark is dropped.
QList<QStringList> parseCsv(QByteArray data);

// The display texts of one column, top to bottom.
QStringList columnTexts(const QAbstractItemModel *model, int column);
// The first row whose column shows exactly text; -1 when none does.
int rowOf(const QAbstractItemModel *model, int column, const QString &text);

// The page as the app shows it: beside the navigation list, in a 1280×800 window.
std::unique_ptr<QMainWindow> frameFor(QWidget *page, int currentRow);

// With ACCESSDESK_SCREENSHOT_DIR set (run under Xvfb for real fonts), saves the widget there as
// <name>.png.
void saveScreenshot(QWidget *widget, const QString &name);

// Waits on the signal, never by the clock, until done() holds; false when the signal stopped
// coming first.
template<class Sender, class Signal>
bool waitUntil(Sender *sender, Signal signal, const std::function<bool()> &done,
               int timeoutMs = 30000)
{
    QSignalSpy spy(sender, signal);
    while (!done()) {
        if (!spy.wait(timeoutMs))
            return false;
    }
    return true;
}

// Stands in for the system browser in tests: QDesktopServices::setUrlHandler(scheme, this, "open")
// makes every QDesktopServices::openUrl() land here instead of opening a real browser.
class BrowserStandIn final : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public slots:
    void open(const QUrl &url) { opened.append(url); }
};

// Until the controller (MyAccessController, RequestForAccessController, …) is in state.
template<class Controller>
bool waitForState(Controller *controller, typename Controller::State state)
{
    return waitUntil(controller, &Controller::stateChanged,
                     [controller, state] { return controller->state() == state; });
}

// Clicks the button with the next confirmation pre-answered; the ConfirmationDialog that opened
// under owner, or nullptr when the button was disabled or nothing opened.
ConfirmationDialog *clickConfirmed(QAbstractButton *button, QObject *owner,
                                   ConfirmationDialog::Answer answer);
// What the dialog answered (a pre-set answer comes on the next event-loop turn, so its text can
// be read first); nullopt when no answer came.
std::optional<bool> answerOf(ConfirmationDialog *dialog, int timeoutMs = 30000);

// Clicks the button and, in the QFileDialog it opened under owner, saves to path as a user
// would; false when no file dialog opened.
bool saveThroughFileDialog(QAbstractButton *button, QObject *owner, const QString &path);

// A temporary data dir with a real SQLite database, the activity log and the offline cache on it.
class TempDatabase final
{
public:
    TempDatabase() = default;
    Q_DISABLE_COPY_MOVE(TempDatabase)

    bool open(); // false (see errorString()) when the dir or the database could not be made
    QString errorString() const;
    QString filePath(const QString &name) const { return m_dir.filePath(name); }
    Database &database() { return m_database; }
    ActivityLog *activityLog() { return &m_log; }
    OfflineCache *offlineCache() { return &m_cache; }

private:
    QTemporaryDir m_dir;
    Database m_database;
    ActivityLog m_log{m_database};
    OfflineCache m_cache{m_database};
};

// A temporary settings file with the profile store on it. XDG_CONFIG_HOME and XDG_DATA_HOME point
// into the same temporary dir, so nothing a test writes reaches the user's own.
class TempSettings final
{
public:
    TempSettings() = default;
    Q_DISABLE_COPY_MOVE(TempSettings)

    bool open();
    ProfileStore &profiles() { return *m_profiles; }
    // The file as written so far.
    QByteArray contents();

private:
    QTemporaryDir m_dir;
    std::optional<QSettings> m_settings;
    std::optional<ProfileStore> m_profiles;
};

} // namespace accessdesk
