#pragma once

#include "AppLink.h"
#include "OAuthConsumer.h"
#include "auth/RsaPublicKey.h"
#include "services/AdminJob.h"

#include <optional>

namespace accessdesk {

// Approves an application link's incoming OAuth 1.0a consumer (spec 4.1), for the consumer form
// and `consumers approve` alike:
//  1. checks the draft (ConsumerDraftCheck): nothing is sent for a wrong key, a private key, a
//     key under 2048 bits, a bad callback… (Invalid, with the fields at fault);
//  2. impersonation is for system administrators: refused up front when the probe says the user
//     is none, and asked from the server (mypermissions) when the caller does not know;
//  3. reads the link (NotFound when there is none), writes the activity record, sends the
//     consumer (PutIncomingConsumer; websudo is the REST layer's business);
//  4. reads the consumer back and succeeds only when the server shows the same key with the same
//     public key (by SHA-256 fingerprint); otherwise Unconfirmed — a write it did not see is
//     never reported as done.
class ConsumerApproval final : public AdminJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumerApproval)

public:
    struct Request
    {
        QString linkId;
        OAuthConsumer draft; // publicKey: the text as pasted or loaded
        // From the probe; nullopt when not known (the server is then asked, if it matters).
        std::optional<bool> callerIsSysadmin;
    };

    ConsumerApproval(ServerConnection *connection, Request request, ActivityLog *log,
                     ActivityContext who, QObject *parent = nullptr);

    void start() override;

    // After success: the link, and the consumer and its key as the server now holds them.
    const AppLink &link() const { return m_link; }
    const OAuthConsumer &stored() const { return m_stored; }
    const std::optional<RsaPublicKey> &storedKey() const { return m_storedKey; }

    // "OAuth consumer “release-radar” on application link “Release Radar” (id)": the activity
    // log's target.
    static QString describe(const QString &key, const AppLink &link);

private:
    void askPermission();
    void readLink();
    void send(const RsaPublicKey &key);
    void readBack(const ActivityRecord &record, const RsaPublicKey &sent);
    QString notDone() const;
    AdminOutcome noSuchLink() const;

    Request m_request;
    std::optional<RsaPublicKey> m_key; // the draft's, once checked
    AppLink m_link;
    OAuthConsumer m_stored;
    std::optional<RsaPublicKey> m_storedKey;
};

} // namespace accessdesk
