#pragma once

#include "AccessGrant.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class QSettings;

namespace accessdesk {

class Database;
class ExpiryAnnouncements;
class MyAccessController;

// Announces grants that expire soon, once per grant. After each list the server sends for My
// access, the grants that expire within the warning window (Preferences::expiryWarningDays) and
// have not been announced before are announced: announced() carries them, for the tray, and
// they join pending(), for the banner, until the user dismisses it. Which grants were announced
// is kept per server, user and grant id in the local database (ExpiryAnnouncements), so a
// restart does not announce them again; a grant whose expiry changed is announced again.
//
// Watched: personal access tokens and OAuth 2.0 authorisations that carry an expiry. OAuth 1.0a
// tokens are left out: Jira gives them five years and their expiry is not what users act on.
//
// No widgets: the CLI can use the same rule.
class ExpiryWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpiryWatch)

public:
    using Clock = std::function<QDateTime()>; // UTC
    using WindowDays = std::function<int()>;

    // store may be null (no database): then grants are announced once per run only.
    explicit ExpiryWatch(ExpiryAnnouncements *store, QObject *parent = nullptr);
    // As the app and the CLI use it: announcements kept in their database (may be null), the
    // window read from the settings file's Preferences (may be null: the default window).
    ExpiryWatch(Database *database, QSettings *settings, QObject *parent = nullptr);
    ~ExpiryWatch() override;

    // Tests fix "now"; the app reads the clock.
    void setClock(Clock clock);
    // Read at every check, so a changed preference applies to the next list.
    void setWindowDays(WindowDays windowDays);
    int windowDays() const;

    // Whether the grant is one whose expiry is announced at all.
    static bool isWatched(const AccessGrant &grant);
    // Expires after now and at most days × 24 hours from now (an expired grant is not "soon").
    static bool expiresWithin(const AccessGrant &grant, const QDateTime &now, int days);

    // The grants of the list, as the server sent it to user on serverUrl, that are due and were
    // not announced before; they are remembered as announced, added to pending(), and reported
    // by announced() (not emitted when there are none).
    QList<AccessGrant> check(const QString &serverUrl, const QString &user,
                             const QList<AccessGrant> &grants);

    // Checks every list the controller gets from the server (not the cached one shown at
    // start), once the user is known. A switch to another server clears pending().
    void watch(MyAccessController *controller);

    // Announced during this run, not dismissed, and still in the last list (as listed there),
    // soonest expiry first.
    const QList<AccessGrant> &pending() const { return m_pending; }
    // The banner was closed: pending() empties; nothing is announced again.
    void dismiss();

signals:
    void announced(const QList<accessdesk::AccessGrant> &grants);
    void pendingChanged();

private:
    struct Owner
    {
        QString serverUrl;
        QString user;
        QString key() const;
    };

    void controllerListed();
    bool wasAnnounced(const Owner &owner, const QString &grantId, const QDateTime &expiresAt) const;
    void remember(const Owner &owner, const QString &grantId, const QDateTime &expiresAt,
                  const QDateTime &now);

    std::unique_ptr<ExpiryAnnouncements> m_ownStore;
    ExpiryAnnouncements *m_store;
    Clock m_clock;
    WindowDays m_windowDays;
    QPointer<MyAccessController> m_controller;
    // Without a database, and as a guard when writing to it fails: owner key and grant id → the
    // expiry announced, in UTC milliseconds.
    QHash<QString, qint64> m_announcedThisRun;
    QString m_pendingFor; // server and user the pending grants belong to
    QList<AccessGrant> m_pending;
};

} // namespace accessdesk
