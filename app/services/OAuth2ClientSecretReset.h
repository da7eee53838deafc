#pragma once

#include "services/OAuth2ClientJob.h"

namespace accessdesk {

// Gives an OAuth 2.0 client a new secret (PUT …/client/reset/{clientId}): the old one stops
// working at once. The new secret is checked against what the server then holds and reaches the
// caller through takeSecret(), once; the old one is never kept. Callers confirm first
// (consequences()).
class OAuth2ClientSecretReset final : public OAuth2ClientJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2ClientSecretReset)

public:
    OAuth2ClientSecretReset(ServerConnection *connection, QString idOrClientId, ActivityLog *log,
                            ActivityContext who, QObject *parent = nullptr);
    void start() override;

    // The new secret the first time; empty afterwards, and when none was made.
    QString takeSecret();

    // What resetting means, for the confirmation.
    static QString consequences(const OAuth2Client &client);

protected:
    QString notDone() const override;

private:
    void reset(const OAuth2Client &target);

    QString m_idOrClientId;
    QString m_secret;
};

} // namespace accessdesk
