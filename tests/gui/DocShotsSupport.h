#pragma once

// The plumbing of docshots (tests/gui/docshots.cpp): waiting on signals, finding controls and
// rows, drawing a dialog over its window, and the outside parties of the story (trackersim's
// faults, the Python consumer, the keychain).

#include "FindChild.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPalette>
#include <QSignalSpy>
#include <QString>
#include <QStringList>

#include <functional>

class QAbstractItemModel;
class QNetworkAccessManager;
class QPixmap;
class QWidget;

namespace accessdesk {
class SecretStore;
}

namespace docshots {

constexpr int kWaitMs = 60000;

// A dark palette as a dark desktop theme gives Fusion (set programmatically, so the picture does
// not depend on the desktop's theme).
QPalette darkPalette();

// Prints what went wrong; false, for `return fail(…)`.
bool fail(const QString &what);

// Waits for the sender's signal until done() holds; no fixed sleeps.
template<typename Object, typename Signal>
bool waitUntil(Object *sender, Signal signal, const std::function<bool()> &done)
{
    QSignalSpy spy(sender, signal);
    while (!done()) {
        if (!spy.wait(kWaitMs))
            return false;
    }
    return true;
}

// The first row whose cell in column contains text; -1 when none does.
int rowOf(const QAbstractItemModel *model, int column, const QString &text);

// Draws dialog where it stands over window, whose picture is windowPicture. Under a bare Xvfb a
// dialog has no window-manager frame: it gets a plain title bar and a soft shadow, so the
// picture reads as a dialog over the window.
void drawDialog(QPixmap &windowPicture, QWidget *window, QWidget *dialog);

// trackersim's fault injection (README "Fault injection").
bool addFault(QNetworkAccessManager &network, const QString &serverUrl, const QJsonObject &fault);
bool clearFaults(QNetworkAccessManager &network, const QString &serverUrl);

// One step of tests/gui/story_consumer.py: its JSON answer, or an object with "error".
QJsonObject runConsumer(const QStringList &arguments, const QByteArray &input = {});

// The password of a saved profile in the keychain; false when there is no real keychain.
bool storePassword(accessdesk::SecretStore &secrets, const QString &profile,
                   const QByteArray &password);
void forgetSecrets(const QStringList &profiles);

} // namespace docshots
