#include "services/AppLinksController.h"

#include "api/CoreJobs.h"
#include "services/AppLinkCreator.h"

#include <algorithm>
#include <memory>

namespace accessdesk {

AppLinksController::AppLinksController(ServerConnection *connection, ActivityLog *log,
                                       ActivityContext who, QObject *parent)
    : AdminListController(AdminListState::Feature::AppLinks, connection, log, std::move(who),
                          parent)
{}

AppLinksController::~AppLinksController() = default;

QList<AppLink> AppLinksController::links() const
{
    return AppLinkListing::linksOf(m_entries);
}

std::optional<AppLink> AppLinksController::link(const QString &id) const
{
    for (const AppLinkEntry &entry : m_entries) {
        if (entry.link.id == id && !entry.oauth2Client)
            return entry.link;
    }
    return std::nullopt;
}

int AppLinksController::oauth2ClientCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const AppLinkEntry &entry) { return entry.oauth2Client; }));
}

void AppLinksController::clear()
{
    // Everything below holds the old connection: none of it may outlive the switch.
    delete m_listing.data();
    delete m_check.data();
    const QList<QPointer<QObject>> changes = std::exchange(m_changes, {});
    for (const QPointer<QObject> &change : changes)
        delete change.data();
    m_entries.clear();
    m_health.clear();
    m_checking.clear();
    m_checkDone = m_checkTotal = 0;
    m_sysadmin.reset();
    m_readingPermissions = false;
    m_refreshAgain = false;
}

void AppLinksController::load()
{
    auto *listing = new AppLinkListing(m_connection, this);
    m_listing = listing;
    connect(listing, &AppLinkListing::finished, this, [this, listing] { listed(listing); });
    listing->start();
    readPermissions();
}

void AppLinksController::listed(AppLinkListing *listing)
{
    listing->deleteLater();
    m_listing = nullptr;
    if (listing->error().isError()) {
        fail(listing->error());
        if (std::exchange(m_refreshAgain, false))
            refresh();
        return;
    }
    m_entries = listing->entries();
    // A link that is gone takes its health with it.
    QSet<QString> ids;
    for (const AppLinkEntry &entry : std::as_const(m_entries))
        ids.insert(entry.link.id);
    for (auto it = m_health.begin(); it != m_health.end();) {
        if (ids.contains(it.key()))
            ++it;
        else
            it = m_health.erase(it);
    }
    succeed();
    checkUnchecked();
    if (std::exchange(m_refreshAgain, false))
        refresh();
}

void AppLinksController::readPermissions()
{
    if (m_sysadmin || m_readingPermissions)
        return;
    m_readingPermissions = true;
    auto *job = new GetMyPermissions(m_connection, this);
    track(job);
    connect(job, &ApiJob::finished, this, [this, job] {
        m_readingPermissions = false;
        // Unknown stays unknown: the server then decides, and its refusal is shown.
        if (job->succeeded()) {
            m_sysadmin = job->result().isSysadmin();
            emit changed();
        }
    });
    job->start();
}

void AppLinksController::checkUnchecked()
{
    QList<AppLink> unchecked;
    for (const AppLink &link : links()) {
        if (!m_health.contains(link.id))
            unchecked.append(link);
    }
    if (!unchecked.isEmpty())
        check(unchecked);
}

void AppLinksController::check(const QList<AppLink> &links)
{
    if (m_check || links.isEmpty() || !m_connection)
        return;
    auto *check =
        new AppLinkHealthCheck(m_connection, links, AppLinkHealthCheck::kDefaultMaxInFlight, this);
    m_check = check;
    for (const AppLink &link : links)
        m_checking.insert(link.id);
    m_checkDone = 0;
    m_checkTotal = int(links.size());
    connect(check, &AppLinkHealthCheck::linkChecked, this, [this, check](int index) {
        const AppLinkHealth &health = check->results().at(index);
        m_health.insert(health.link.id, {health, QDateTime::currentDateTime()});
        m_checking.remove(health.link.id);
        emit changed();
    });
    connect(check, &AppLinkHealthCheck::progress, this, [this](int done, int total) {
        m_checkDone = done;
        emit checkProgress(done, total);
    });
    connect(check, &AppLinkHealthCheck::finished, this, [this, check] {
        check->deleteLater();
        m_check = nullptr;  // the next check may start at once
        m_checking.clear(); // what a cancel left out keeps its last result
        emit changed();
    });
    emit changed();
    check->start();
}

void AppLinksController::cancelCheck()
{
    if (m_check)
        m_check->cancel();
}

template<class Change> Change *AppLinksController::adopt(Change *change)
{
    m_changes.append(change);
    connect(change, &AppLinkChange::finished, this, [this, change] {
        if (change->outcome().result == AppLinkOutcome::Result::NeedsConfirmation)
            return; // nothing changed yet; the front end asks
        m_changes.removeAll(change);
        change->deleteLater();
        // Refused before anything was sent (a field the check turned down): nothing to fetch.
        const AppLinkOutcome &outcome = change->outcome();
        if (outcome.changed() || outcome.result == AppLinkOutcome::Result::Unknown ||
            outcome.error.isError())
            changeEnded(change->link().id);
    });
    return change;
}

AppLinkCreator *AppLinksController::newCreator()
{
    auto *creator = new AppLinkCreator(m_connection, m_log, m_who, this);
    // Its caller deletes it: forget the creators gone since.
    m_changes.removeAll(QPointer<QObject>());
    m_changes.append(creator);
    // Only a create that got as far as sending changes anything (and writes a log row).
    auto sent = std::make_shared<bool>(false);
    connect(creator, &AppLinkCreator::stepChanged, this, [sent](AppLinkOutcome::Step step) {
        *sent = *sent || step >= AppLinkOutcome::Step::Create;
    });
    connect(creator, &AppLinkCreator::finished, this, [this, creator, sent] {
        if (std::exchange(*sent, false))
            changeEnded(creator->createdLink().id);
    });
    return creator;
}

AppLinkUpdater *AppLinksController::updater(const AppLink &link, const AppLinkEdit &edit)
{
    return adopt(new AppLinkUpdater(m_connection, link, edit, m_log, m_who, this));
}

AppLinkRelocator *AppLinksController::relocator(const AppLink &link, const QString &newUrl)
{
    return adopt(new AppLinkRelocator(m_connection, link, newUrl, m_log, m_who, this));
}

AppLinkPrimaryMaker *AppLinksController::primaryMaker(const AppLink &link)
{
    return adopt(new AppLinkPrimaryMaker(m_connection, link, m_log, m_who, this));
}

AppLinkRemover *AppLinksController::remover(const AppLink &link, AppLinkDeletion scope)
{
    return adopt(new AppLinkRemover(m_connection, link, scope, m_log, m_who, this));
}

void AppLinksController::discard(AppLinkChange *change)
{
    if (!change || !m_changes.removeAll(change))
        return;
    change->deleteLater();
}

void AppLinksController::changeEnded(const QString &linkId)
{
    // The changed link is checked afresh once the list is back; the others keep their results.
    m_health.remove(linkId);
    emit linksChanged();
    // A load under way may have left before the change: it is followed by another.
    if (state().loading)
        m_refreshAgain = true;
    else
        refresh();
}

} // namespace accessdesk
