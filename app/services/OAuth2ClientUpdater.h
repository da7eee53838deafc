#pragma once

#include "services/OAuth2ClientJob.h"

namespace accessdesk {

// Changes an OAuth 2.0 client with Jira's partial update (spec 6.1): a blank name or scope and no
// redirect URLs keep what the client has; what is given is checked as Jira checks it (a name
// another client has included), recorded, sent, then read back and compared.
class OAuth2ClientUpdater final : public OAuth2ClientJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2ClientUpdater)

public:
    // idOrClientId: the client's id (UUID) or its client id. changes: the new name, redirects
    // (the whole new list) and scope; leave out what stays.
    OAuth2ClientUpdater(ServerConnection *connection, QString idOrClientId, OAuth2Client changes,
                        ActivityLog *log, ActivityContext who, QObject *parent = nullptr);
    void start() override;

protected:
    QString notDone() const override;

private:
    void update(const OAuth2Client &target, const OAuth2Client &changes);

    QString m_idOrClientId;
    OAuth2Client m_changes;
};

} // namespace accessdesk
