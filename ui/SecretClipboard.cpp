#include "SecretClipboard.h"

#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QMimeData>
#include <QSet>
#include <QTimer>

namespace accessdesk::SecretClipboard {

namespace {

QByteArray fingerprint(const QString &text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}

QList<QClipboard::Mode> modesOf(const QClipboard *clipboard)
{
    QList<QClipboard::Mode> modes{QClipboard::Clipboard};
    if (clipboard->supportsSelection())
        modes.append(QClipboard::Selection);
    return modes;
}

// Remembers (as hashes) the secrets copied this run and wipes them on quit. One per clipboard,
// found by its object name.
class Keeper final : public QObject
{
public:
    explicit Keeper(QClipboard *clipboard)
        : QObject(clipboard)
        , m_clipboard(clipboard)
    {
        setObjectName(QStringLiteral("accessdesk-secret-clipboard"));
        // Also when the app quits before a wipe is due: the secret must not outlive the run in
        // a clipboard manager that takes over the clipboard of a program that exits.
        connect(qApp, &QCoreApplication::aboutToQuit, this, &Keeper::wipeAll);
    }

    static Keeper *of(QClipboard *clipboard)
    {
        auto *keeper =
            clipboard->findChild<Keeper *>(QStringLiteral("accessdesk-secret-clipboard"));
        return keeper ? keeper : new Keeper(clipboard);
    }

    void remember(const QByteArray &hash) { m_hashes.insert(hash); }

    bool holds(QClipboard::Mode mode) const
    {
        const QString text = m_clipboard->text(mode);
        return !text.isEmpty() && m_hashes.contains(fingerprint(text));
    }

    void wipe(const QByteArray &hash)
    {
        for (const QClipboard::Mode mode : modesOf(m_clipboard)) {
            if (fingerprint(m_clipboard->text(mode)) == hash)
                m_clipboard->clear(mode);
        }
        m_hashes.remove(hash);
    }

    void wipeAll()
    {
        for (const QClipboard::Mode mode : modesOf(m_clipboard)) {
            if (holds(mode))
                m_clipboard->clear(mode);
        }
        m_hashes.clear();
    }

private:
    QClipboard *m_clipboard;
    QSet<QByteArray> m_hashes;
};

} // namespace

void copy(const QString &secret, std::chrono::milliseconds clearAfter)
{
    QClipboard *clipboard = QApplication::clipboard();
    auto *data = new QMimeData;
    data->setText(secret);
    data->setData(QString::fromLatin1(kHintFormat), QByteArray(kHintValue));
    clipboard->setMimeData(data); // the clipboard owns it

    Keeper *keeper = Keeper::of(clipboard);
    const QByteArray hash = fingerprint(secret);
    keeper->remember(hash);
    // Owned by the clipboard, not by a dialog: users copy, close the dialog and then paste.
    auto *timer = new QTimer(clipboard);
    timer->setObjectName(QStringLiteral("accessdesk-clipboard-wiper")); // tests wait for it to go
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, keeper, [keeper, timer, hash] {
        keeper->wipe(hash);
        timer->deleteLater();
    });
    timer->start(clearAfter);
}

bool holdsSecret()
{
    QClipboard *clipboard = QApplication::clipboard();
    const Keeper *keeper =
        clipboard->findChild<Keeper *>(QStringLiteral("accessdesk-secret-clipboard"));
    if (!keeper)
        return false;
    for (const QClipboard::Mode mode : modesOf(clipboard)) {
        if (keeper->holds(mode))
            return true;
    }
    return false;
}

void wipe()
{
    QClipboard *clipboard = QApplication::clipboard();
    if (auto *keeper =
            clipboard->findChild<Keeper *>(QStringLiteral("accessdesk-secret-clipboard")))
        keeper->wipeAll();
}

} // namespace accessdesk::SecretClipboard
