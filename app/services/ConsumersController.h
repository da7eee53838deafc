#pragma once

#include "AppLink.h"
#include "OAuthConsumer.h"
#include "services/AdminListController.h"
#include "services/AdminOutcome.h"
#include "services/ConsumerDraftCheck.h"

#include <QPointer>

#include <optional>

namespace accessdesk {

class AdminJob;
class AppLinkListing;
class ConsumerKeyGenerator;

// An application link's incoming OAuth 1.0a consumer, with the link it belongs to and what
// AccessDesk reads from its public key (empty when Jira holds one AccessDesk cannot read).
struct AdminConsumer
{
    OAuthConsumer consumer;
    QString linkId;
    QString linkName;
    int publicKeyBits = 0;
    QString publicKeySha256; // "3F:A0:…", as RsaPublicKey::sha256Fingerprint()
};

// The Administration page's OAuth consumers: the incoming consumer of every application link,
// and the changes an administrator makes to them (approve, remove), with the form's helpers
// (fetch from the remote, generate a key pair). They hang off the links, so the links are read
// afresh first; a list that could be read only in part is not shown (half a list would read as
// "the others are gone"): the last whole one stays. After each change the list loads again.
//
// One change at a time: approve() and remove() are ignored while one runs (isChanging()).
class ConsumersController final : public AdminListController
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumersController)

public:
    ConsumersController(ServerConnection *connection, ActivityLog *log, ActivityContext who,
                        QObject *parent = nullptr);
    ~ConsumersController() override;

    const QList<AdminConsumer> &consumers() const { return m_consumers; }
    // The real application links (no OAuth 2.0 pseudo-links), for the form's choice of link.
    const QList<AppLink> &links() const { return m_links; }
    // Whether the user is a Jira system administrator; nullopt until the server said.
    std::optional<bool> callerIsSysadmin() const { return m_sysadmin; }

    // The form's live check: the fields at fault, and the public key when it is usable.
    ConsumerDraftVerdict check(const OAuthConsumer &draft) const;
    // Whether text (a file the admin loads as the public key) holds a private key: the form then
    // refuses it without showing it.
    static bool holdsPrivateKey(const QString &text);

    void approve(const QString &linkId, const OAuthConsumer &draft);
    void remove(const AdminConsumer &consumer);
    bool isChanging() const;
    // The confirmation's text: what stops working when the consumer goes.
    static QString removalConsequences(const AdminConsumer &consumer);

    // Reads the consumer another application publishes (its base URL, or the consumer-info
    // address); infoFetched() follows.
    void fetchInfo(const QString &remote);
    bool isFetching() const;
    // Makes a key pair whose private half goes to path (mode 0600; an existing file only when
    // replace); keyPairMade() follows.
    void generateKeyPair(const QString &path, bool replace);
    bool isGenerating() const;

signals:
    // After an approval or a removal, whatever came of it (the activity log has a new row unless
    // nothing was sent). The list is loading again meanwhile.
    void approvalFinished(const accessdesk::AdminOutcome &outcome);
    void removalFinished(const accessdesk::AdminOutcome &outcome);
    // filled: key, name, description, callback and public key (PEM when readable) as the remote
    // published them; the outcome's message says when that public key cannot be approved.
    void infoFetched(const accessdesk::AdminOutcome &outcome,
                     const accessdesk::OAuthConsumer &filled);
    // publicKeyPem: the new public key for the form (empty on failure).
    void keyPairMade(const accessdesk::AdminOutcome &outcome, const QString &publicKeyPem);

protected:
    void load() override;
    void clear() override;

private:
    void readPermissions();
    void fetchConsumers(const QList<AppLink> &links);
    // Starts the change and reports it through report once it finished; then loads again.
    void runChange(AdminJob *job,
                   void (ConsumersController::*report)(const accessdesk::AdminOutcome &));

    QList<AdminConsumer> m_consumers;
    QList<AdminConsumer> m_loading;
    QList<AppLink> m_links;
    std::optional<bool> m_sysadmin;
    ApiError m_firstError; // the first real failure among the links' consumer requests
    int m_pending = 0;
    QPointer<AppLinkListing> m_listing;
    QPointer<AdminJob> m_change;
    QPointer<AdminJob> m_fetch;
    QPointer<ConsumerKeyGenerator> m_keys;
};

} // namespace accessdesk
