#include "services/ConsumersController.h"

#include "api/ConsumerJobs.h"
#include "api/CoreJobs.h"
#include "api/ServerConnection.h"
#include "services/AppLinkListing.h"
#include "services/ConsumerApproval.h"
#include "services/ConsumerInfoFetcher.h"
#include "services/ConsumerKeyGenerator.h"
#include "services/ConsumerRemoval.h"

namespace accessdesk {

namespace {

AdminOutcome droppedBySwitch()
{
    return AdminOutcome::local(
        AdminOutcome::Status::Cancelled,
        ConsumersController::tr("The connection changed to another server before the answer "
                                "came."),
        ConsumersController::tr("Look at the list of consumers, then try again if needed."));
}

} // namespace

ConsumersController::ConsumersController(ServerConnection *connection, ActivityLog *log,
                                         ActivityContext who, QObject *parent)
    : AdminListController(AdminListState::Feature::Consumers, connection, log, std::move(who),
                          parent)
{}

ConsumersController::~ConsumersController() = default;

bool ConsumersController::isChanging() const
{
    return !m_change.isNull();
}

bool ConsumersController::isFetching() const
{
    return !m_fetch.isNull();
}

bool ConsumersController::isGenerating() const
{
    return !m_keys.isNull();
}

void ConsumersController::clear()
{
    m_consumers.clear();
    m_loading.clear();
    m_links.clear();
    m_sysadmin.reset();
    m_pending = 0;
    delete m_listing.data();
    // What still runs was about the old server: its dialog hears that it will not come.
    if (AdminJob *change = m_change.data()) {
        const bool removal = qobject_cast<ConsumerRemoval *>(change) != nullptr;
        delete change;
        if (removal)
            emit removalFinished(droppedBySwitch());
        else
            emit approvalFinished(droppedBySwitch());
    }
    if (AdminJob *fetch = m_fetch.data()) {
        delete fetch;
        emit infoFetched(droppedBySwitch(), {});
    }
}

void ConsumersController::load()
{
    // Consumers hang off the links, so the links are read afresh first; the listing leaves out
    // the OAuth 2.0 pseudo-links, which have no consumer.
    delete m_listing.data();
    auto *listing = new AppLinkListing(m_connection, this);
    listing->setReadOAuth(false);
    m_listing = listing;
    connect(listing, &AppLinkListing::finished, this, [this, listing] {
        listing->deleteLater();
        if (listing->error().isError()) {
            fail(listing->error());
            return;
        }
        fetchConsumers(listing->links());
    });
    listing->start();
    if (!m_sysadmin)
        readPermissions();
}

void ConsumersController::readPermissions()
{
    // Only impersonation needs it; when the server does not say, the approval asks again.
    auto *job = new GetMyPermissions(m_connection, this);
    track(job);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->error().isError())
            return;
        m_sysadmin = job->result().isSysadmin();
        emit changed();
    });
    job->start();
}

void ConsumersController::fetchConsumers(const QList<AppLink> &links)
{
    m_loading.clear();
    m_firstError = ApiError();
    m_pending = int(links.size());
    if (links.isEmpty()) {
        m_links.clear();
        m_consumers.clear();
        succeed();
        return;
    }
    for (const AppLink &link : links) {
        auto *job = new GetIncomingConsumer(m_connection, link.id, this);
        track(job);
        connect(job, &ApiJob::finished, this, [this, job, link, links] {
            const ApiError &error = job->error();
            if (!error.isError()) {
                if (const auto consumer = ConsumerDraftCheck::incomingOf(job->result())) {
                    AdminConsumer entry{*consumer, link.id, link.name, 0, {}};
                    QString unreadable;
                    if (const auto key = RsaPublicKey::read(consumer->publicKey, &unreadable)) {
                        entry.publicKeyBits = key->bits();
                        entry.publicKeySha256 = key->sha256Fingerprint();
                    }
                    m_loading.append(entry);
                }
            } else if (error.kind() != ApiError::Kind::NotFound && !m_firstError.isError()) {
                m_firstError = error; // NotFound only says this link has no consumer
            }
            if (--m_pending > 0)
                return;
            if (m_firstError.isError()) {
                fail(m_firstError);
                return;
            }
            m_links = links;
            m_consumers = m_loading;
            succeed();
        });
        job->start();
    }
}

ConsumerDraftVerdict ConsumersController::check(const OAuthConsumer &draft) const
{
    return ConsumerDraftCheck::check(draft, m_sysadmin);
}

bool ConsumersController::holdsPrivateKey(const QString &text)
{
    QString reason;
    RsaPublicKey::Refusal refusal = RsaPublicKey::Refusal::Empty;
    return !RsaPublicKey::read(text, &reason, &refusal) &&
           refusal == RsaPublicKey::Refusal::PrivateKey;
}

QString ConsumersController::removalConsequences(const AdminConsumer &consumer)
{
    AppLink link;
    link.id = consumer.linkId;
    link.name = consumer.linkName;
    return ConsumerRemoval::consequences(consumer.consumer, link);
}

void ConsumersController::approve(const QString &linkId, const OAuthConsumer &draft)
{
    if (m_change || !m_connection)
        return;
    runChange(new ConsumerApproval(m_connection, {linkId, draft, m_sysadmin}, m_log, m_who, this),
              &ConsumersController::approvalFinished);
}

void ConsumersController::remove(const AdminConsumer &consumer)
{
    if (m_change || !m_connection)
        return;
    runChange(new ConsumerRemoval(m_connection, consumer.linkId, consumer.consumer.key, m_log,
                                  m_who, this),
              &ConsumersController::removalFinished);
}

void ConsumersController::runChange(
    AdminJob *job, void (ConsumersController::*report)(const accessdesk::AdminOutcome &))
{
    m_change = job;
    connect(job, &AdminJob::finished, this, [this, job, report] {
        job->deleteLater();
        m_change = nullptr;
        const AdminOutcome outcome = job->outcome();
        // What the server holds now, whatever came of it: a failed change may have half-happened.
        refresh();
        emit(this->*report)(outcome);
    });
    emit changed();
    job->start();
}

void ConsumersController::fetchInfo(const QString &remote)
{
    if (m_fetch || !m_connection)
        return;
    // The remote is another server: only the timeout and the trusted CAs carry over.
    ConnectionSettings settings;
    settings.timeoutMs = m_connection->settings().timeoutMs;
    settings.caCertificates = m_connection->settings().caCertificates;
    auto *job = new ConsumerInfoFetcher(m_connection->network(), remote, settings, this);
    m_fetch = job;
    connect(job, &AdminJob::finished, this, [this, job] {
        job->deleteLater();
        m_fetch = nullptr;
        emit infoFetched(job->outcome(), job->succeeded() ? job->asDraft() : OAuthConsumer());
    });
    job->start();
}

void ConsumersController::generateKeyPair(const QString &path, bool replace)
{
    if (m_keys)
        return;
    // Not bound to a server: a profile switch does not stop it.
    auto *job = new ConsumerKeyGenerator(
        path, RsaKeyPairFile::kDefaultBits,
        replace ? PrivateKeyFile::Existing::Replace : PrivateKeyFile::Existing::Refuse, this);
    m_keys = job;
    connect(job, &ConsumerKeyGenerator::finished, this, [this, job] {
        job->deleteLater();
        m_keys = nullptr;
        emit keyPairMade(job->outcome(), job->publicKey()
                                             ? QString::fromLatin1(job->publicKey()->pem())
                                             : QString());
    });
    job->start();
}

} // namespace accessdesk
