#include "services/ExpiryWatch.h"

#include "services/GrantIds.h"
#include "services/MyAccessController.h"
#include "storage/ExpiryAnnouncements.h"
#include "storage/Preferences.h"

#include <QSettings>

#include <algorithm>

namespace accessdesk {

QString ExpiryWatch::Owner::key() const
{
    // Neither a URL nor a user name holds a line break, so no two pairs give one key.
    return serverUrl + QLatin1Char('\n') + user;
}

ExpiryWatch::ExpiryWatch(ExpiryAnnouncements *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_windowDays([] { return Preferences::defaultExpiryWarningDays; })
{}

ExpiryWatch::ExpiryWatch(Database *database, QSettings *settings, QObject *parent)
    : ExpiryWatch(static_cast<ExpiryAnnouncements *>(nullptr), parent)
{
    if (database) {
        m_ownStore = std::make_unique<ExpiryAnnouncements>(*database);
        m_store = m_ownStore.get();
    }
    // Read at every check, so a preference changed meanwhile applies to the next list.
    if (settings)
        m_windowDays = [settings] { return Preferences(*settings).expiryWarningDays(); };
}

ExpiryWatch::~ExpiryWatch() = default;

void ExpiryWatch::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void ExpiryWatch::setWindowDays(WindowDays windowDays)
{
    m_windowDays = std::move(windowDays);
}

int ExpiryWatch::windowDays() const
{
    return std::clamp(m_windowDays(), 1, Preferences::maxExpiryWarningDays);
}

bool ExpiryWatch::isWatched(const AccessGrant &grant)
{
    return (grant.kind == GrantKind::PersonalToken || grant.kind == GrantKind::OAuth2) &&
           grant.expiresAt && grant.expiresAt->isValid() && !grant.revokeKey.isEmpty();
}

bool ExpiryWatch::expiresWithin(const AccessGrant &grant, const QDateTime &now, int days)
{
    if (!isWatched(grant))
        return false;
    const qint64 left = now.msecsTo(*grant.expiresAt);
    return left > 0 && left <= qint64(days) * 24 * 3600 * 1000;
}

bool ExpiryWatch::wasAnnounced(const Owner &owner, const QString &grantId,
                               const QDateTime &expiresAt) const
{
    const auto seen = m_announcedThisRun.constFind(owner.key() + QLatin1Char('\n') + grantId);
    if (seen != m_announcedThisRun.cend() && *seen == expiresAt.toMSecsSinceEpoch())
        return true;
    return m_store && m_store->wasAnnounced(owner.serverUrl, owner.user, grantId, expiresAt);
}

void ExpiryWatch::remember(const Owner &owner, const QString &grantId, const QDateTime &expiresAt,
                           const QDateTime &now)
{
    m_announcedThisRun.insert(owner.key() + QLatin1Char('\n') + grantId,
                              expiresAt.toMSecsSinceEpoch());
    // A failed write is logged by the store; this run still remembers it.
    if (m_store)
        m_store->markAnnounced(owner.serverUrl, owner.user, grantId, expiresAt, now);
}

QList<AccessGrant> ExpiryWatch::check(const QString &serverUrl, const QString &user,
                                      const QList<AccessGrant> &grants)
{
    const QDateTime now = m_clock().toUTC();
    const int days = windowDays();
    const Owner owner{serverUrl, user};
    const QString key = owner.key();

    // What the banner shows follows the list: a revoked grant leaves it, a listed one is kept as
    // the server sent it now (its revoke key is the current one).
    QList<AccessGrant> stillPending;
    if (m_pendingFor == key) {
        for (const AccessGrant &old : std::as_const(m_pending)) {
            const auto listed = std::find_if(grants.cbegin(), grants.cend(), [&old](const auto &g) {
                return grantids::publicId(g) == grantids::publicId(old);
            });
            if (listed != grants.cend() && expiresWithin(*listed, now, days))
                stillPending << *listed;
        }
    }

    QList<AccessGrant> fresh;
    for (const AccessGrant &grant : grants) {
        if (!expiresWithin(grant, now, days))
            continue;
        const QString id = grantids::publicId(grant);
        if (wasAnnounced(owner, id, *grant.expiresAt))
            continue;
        remember(owner, id, *grant.expiresAt, now);
        fresh << grant;
        // A grant announced again (its expiry changed) is shown once, as it is now.
        stillPending.removeIf([&id](const AccessGrant &g) { return grantids::publicId(g) == id; });
        stillPending << grant;
    }
    if (m_store)
        m_store->forgetExpiredBefore(now);
    // The one that ends first comes first.
    std::stable_sort(
        stillPending.begin(), stillPending.end(),
        [](const AccessGrant &a, const AccessGrant &b) { return *a.expiresAt < *b.expiresAt; });

    const bool changed = m_pendingFor != key || stillPending != m_pending;
    m_pendingFor = key;
    m_pending = stillPending;
    if (changed)
        emit pendingChanged();
    if (!fresh.isEmpty())
        emit announced(fresh);
    return fresh;
}

void ExpiryWatch::watch(MyAccessController *controller)
{
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    if (!controller)
        return;
    connect(controller, &MyAccessController::grantsChanged, this, &ExpiryWatch::controllerListed);
    // With a personal access token the user's name is learned from the server.
    connect(controller, &MyAccessController::probed, this, &ExpiryWatch::controllerListed);
}

void ExpiryWatch::controllerListed()
{
    const MyAccessController *controller = m_controller;
    const QString server = controller->who().serverUrl;
    const QString user = controller->who().user;
    if (!m_pendingFor.isEmpty() && m_pendingFor != Owner{server, user}.key()) {
        // Another server or user: what was pending belongs to the one left.
        m_pendingFor.clear();
        m_pending.clear();
        emit pendingChanged();
    }
    // A cached list has no revoke keys and may be old: wait for the server's.
    if (controller->showsCachedList() || !controller->lastRefresh().isValid())
        return;
    if (server.isEmpty() || user.isEmpty())
        return; // who would be told is not known yet; the probe brings the name
    check(server, user, controller->grants());
}

void ExpiryWatch::dismiss()
{
    if (m_pending.isEmpty())
        return;
    m_pending.clear();
    emit pendingChanged();
}

} // namespace accessdesk
