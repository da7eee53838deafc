#pragma once

#include "services/OAuth2ClientJob.h"

namespace accessdesk {

// Registers an OAuth 2.0 client (name, redirect URLs, scope): checked as Jira checks it
// (OAuth2ClientRules, a taken name included) before anything is sent, recorded in the activity
// log, then read back. The server shows the client secret only in its answer; it reaches the
// caller through takeSecret(), once, and is kept nowhere else — also when reading back failed
// (Unconfirmed), because the client exists and its secret would otherwise be lost.
class OAuth2ClientCreator final : public OAuth2ClientJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2ClientCreator)

public:
    // draft: name, redirects (lines as entered; blank ones are skipped) and scope.
    OAuth2ClientCreator(ServerConnection *connection, OAuth2Client draft, ActivityLog *log,
                        ActivityContext who, QObject *parent = nullptr);
    void start() override;

    // The new client's secret the first time; empty afterwards, and when none was created.
    QString takeSecret();

protected:
    QString notDone() const override;

private:
    void create(const OAuth2Client &client);

    OAuth2Client m_draft;
    QString m_secret;
};

} // namespace accessdesk
