#pragma once

#include "AccessGrant.h"
#include "AccessTokensPage.h"
#include "api/ApiError.h"

#include <QList>
#include <QObject>
#include <QUrl>

namespace accessdesk {

class ServerConnection;

// Every grant that can act as the current user, from the two places Jira keeps them: the
// access-tokens page (OAuth 1.0a and OAuth 2.0, HTML only) and the PAT REST resource.
// A server without personal access tokens (404) simply contributes none.
class ListGrantsJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListGrantsJob)

public:
    explicit ListGrantsJob(ServerConnection *connection, QObject *parent = nullptr);
    void start();
    const ApiError &error() const { return m_error; }
    // Sorted by application name, then issue date.
    const QList<AccessGrant> &grants() const { return m_grants; }
    // Rows of the access-tokens page that look like grants but could not be read, in page order,
    // and the page's address, for the user to open in a browser. The list above lacks them.
    const QList<UnreadableGrantRow> &unreadableRows() const { return m_unreadable; }
    const QUrl &accessTokensPageUrl() const { return m_pageUrl; }

signals:
    void finished();

private:
    void fetch(const QTimeZone &userZone);
    void partDone();

    ServerConnection *m_connection;
    QList<AccessGrant> m_grants;
    QList<UnreadableGrantRow> m_unreadable;
    QUrl m_pageUrl;
    ApiError m_error;
    int m_pending = 0;
};

} // namespace accessdesk
