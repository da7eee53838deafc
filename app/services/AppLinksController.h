#pragma once

#include "services/AdminListController.h"
#include "services/AppLinkChanges.h"
#include "services/AppLinkHealthCheck.h"
#include "services/AppLinkListing.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <optional>

namespace accessdesk {

class AppLinkCreator;

// The last health check of one link, and when it ran.
struct AppLinkHealthRecord
{
    AppLinkHealth health;
    QDateTime checkedAt;
};

// The server's application links for the Administration page: the list with each link's OAuth
// levels (AppLinkListing), their health (AppLinkHealthCheck: every link not checked yet is
// checked after a load, "Check all" checks them all again), and the changes an administrator
// makes (create, edit, relocate, make primary, delete), each fetched again from the server once
// it is done so the list shows what the server holds.
//
// Changes are made by service objects this controller hands out, not yet started, so the front
// end can first ask (describe()) and then start() them. The controller owns them: it deletes
// each after it finished (a relocation waiting for the user's word stays until moveAnyway() or
// discard()), and deletes every one still around when the app switches to another server. A
// creator lives until its caller deletes it or the server switches.
class AppLinksController final : public AdminListController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLinksController)

public:
    AppLinksController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                       QObject *parent = nullptr);
    ~AppLinksController() override;

    // Every entry of the server's list, OAuth 2.0 pseudo-links included (entry.oauth2Client).
    const QList<AppLinkEntry> &entries() const { return m_entries; }
    // The real application links, in the server's order.
    QList<AppLink> links() const;
    std::optional<AppLink> link(const QString &id) const;
    int oauth2ClientCount() const;
    // Whether the signed-in user is a system administrator (impersonation needs one); empty
    // while unknown.
    std::optional<bool> callerIsSysadmin() const { return m_sysadmin; }

    // Health: the last check of each link by id; the ids being checked now.
    const QHash<QString, AppLinkHealthRecord> &health() const { return m_health; }
    const QSet<QString> &checking() const { return m_checking; }
    bool isChecking() const { return !m_check.isNull(); }
    int checkedCount() const { return m_checkDone; }
    int checkTotal() const { return m_checkTotal; }
    // Checks these links (one check at a time: ignored while one runs); cancelCheck() leaves the
    // rest as they were.
    void check(const QList<AppLink> &links);
    void checkAll() { check(links()); }
    void cancelCheck();

    // The changes (see the class comment). Each is parented to this controller.
    AppLinkCreator *newCreator();
    AppLinkUpdater *updater(const AppLink &link, const AppLinkEdit &edit);
    AppLinkRelocator *relocator(const AppLink &link, const QString &newUrl);
    AppLinkPrimaryMaker *primaryMaker(const AppLink &link);
    AppLinkRemover *remover(const AppLink &link, AppLinkDeletion scope);
    // Drops a change that was never started, or waits for the user's word no longer.
    void discard(AppLinkChange *change);

signals:
    // A change the server answered has ended (its activity-log row is complete); the list is
    // being fetched again.
    void linksChanged();
    void checkProgress(int done, int total);

protected:
    void load() override;
    void clear() override;

private:
    void listed(AppLinkListing *listing);
    void readPermissions();
    void checkUnchecked();
    template<class Change> Change *adopt(Change *change);
    void changeEnded(const QString &linkId);

    QPointer<AppLinkListing> m_listing;
    QPointer<AppLinkHealthCheck> m_check;
    QList<AppLinkEntry> m_entries;
    QHash<QString, AppLinkHealthRecord> m_health;
    QSet<QString> m_checking;
    int m_checkDone = 0;
    int m_checkTotal = 0;
    std::optional<bool> m_sysadmin;
    bool m_readingPermissions = false;
    bool m_refreshAgain = false;
    QList<QPointer<QObject>> m_changes; // changes and creators handed out
};

} // namespace accessdesk
