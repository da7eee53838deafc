#pragma once

#include "services/OAuth2ClientJob.h"

namespace accessdesk {

// Deletes an OAuth 2.0 client; every authorisation made through it ends with it. Recorded, then
// confirmed by reading the client back (gone: 404). Callers confirm first (consequences()).
class OAuth2ClientRemoval final : public OAuth2ClientJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2ClientRemoval)

public:
    OAuth2ClientRemoval(ServerConnection *connection, QString idOrClientId, ActivityLog *log,
                        ActivityContext who, QObject *parent = nullptr);
    void start() override;

    // What deleting means, for the confirmation.
    static QString consequences(const OAuth2Client &client);

protected:
    QString notDone() const override;

private:
    void remove(const OAuth2Client &target);

    QString m_idOrClientId;
};

} // namespace accessdesk
