#pragma once

#include "services/OAuth2ClientJob.h"

namespace accessdesk {

// Lists the server's OAuth 2.0 clients for the OAuth 2.0 page and `oauth2-clients list`. Jira
// sends every client's secret with the list (spec 6.1); they are dropped here, so no list, cache
// or table ever holds one. NotAvailable when the server has no OAuth 2.0 provider.
class OAuth2ClientList final : public OAuth2ClientJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2ClientList)

public:
    explicit OAuth2ClientList(ServerConnection *connection, QObject *parent = nullptr);
    void start() override;

    // After success, in the server's order, without secrets.
    const QList<OAuth2Client> &clients() const { return m_clients; }

protected:
    QString notDone() const override;

private:
    QList<OAuth2Client> m_clients;
};

} // namespace accessdesk
