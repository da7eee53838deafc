#pragma once

#include "OAuthConsumer.h"
#include "api/ConsumerJobs.h"
#include "auth/RsaPublicKey.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace accessdesk {

// What is wrong with an incoming consumer an administrator is about to approve, and the public
// key when it is usable: ConsumerRules' field checks with RsaPublicKey's verdict on the key, and
// the one permission rule a form can know up front (impersonation is for system administrators).
struct ConsumerDraftVerdict
{
    // Keyed like ConsumerEntity's fields: key, name, description, publicKey, callback,
    // executingTwoLOUser, twoLOImpersonationAllowed.
    QMap<QString, QString> fieldErrors;
    std::optional<RsaPublicKey> publicKey; // set whenever the key field holds a usable key
    // Only the permission rule failed: the user may not allow impersonation.
    bool impersonationNotAllowed = false;

    bool ok() const { return fieldErrors.isEmpty(); }
};

// Pure (no network): a form can run it as the admin types, and the CLI before it connects.
class ConsumerDraftCheck
{
    Q_DECLARE_TR_FUNCTIONS(ConsumerDraftCheck)

public:
    // draft.publicKey holds the key as pasted or loaded (PEM, PKCS#1, a certificate or bare
    // base64). callerIsSysadmin comes from the probe; unknown (nullopt) skips the permission rule.
    static ConsumerDraftVerdict check(const OAuthConsumer &draft,
                                      std::optional<bool> callerIsSysadmin = std::nullopt);
    // The refusal shown at the impersonation field when the user is no system administrator.
    static QString impersonationRefusal();

    // The body PutIncomingConsumer sends: trimmed values, the key as bare base64 of its
    // SubjectPublicKeyInfo (what Jira stores, whatever form it was given in).
    static IncomingConsumerDraft toRequest(const OAuthConsumer &draft, const RsaPublicKey &key);

    // Jira's application ids are UUIDs: anything else names no link (and is never put in a path).
    static bool isLinkId(const QString &id);
    // The link's incoming consumer among those Jira lists for it (a generic link may also list
    // outgoing HMAC consumers); with key, only a consumer of that key.
    static std::optional<OAuthConsumer> incomingOf(const QList<OAuthConsumer> &consumers,
                                                   const QString &key = {});
};

} // namespace accessdesk
