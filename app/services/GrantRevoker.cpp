#include "services/GrantRevoker.h"

#include "api/AccessTokenJobs.h"
#include "api/PatJobs.h"
#include "services/GrantIds.h"
#include "storage/ActivityLog.h"

#include <QTimer>

namespace accessdesk {

RevokeGrantsJob::RevokeGrantsJob(ServerConnection *connection, QList<AccessGrant> grants,
                                 ActivityLog *log, ActivityContext who, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_grants(std::move(grants))
    , m_log(log)
    , m_who(std::move(who))
{}

QString RevokeGrantsJob::describe(const AccessGrant &grant)
{
    QString kind;
    switch (grant.kind) {
    case GrantKind::OAuth1:
        kind = QStringLiteral("OAuth 1.0a token of ");
        break;
    case GrantKind::OAuth2:
        kind = QStringLiteral("OAuth 2.0 authorisation of ");
        break;
    case GrantKind::PersonalToken:
        kind = QStringLiteral("personal access token ");
        break;
    }
    return kind + grant.application + QStringLiteral(" (") + grantids::publicId(grant) +
           QLatin1Char(')');
}

int RevokeGrantsJob::failureCount() const
{
    return int(std::count_if(m_outcomes.cbegin(), m_outcomes.cend(),
                             [](const Outcome &o) { return o.error.isError(); }));
}

void RevokeGrantsJob::start()
{
    QTimer::singleShot(0, this, &RevokeGrantsJob::next);
}

void RevokeGrantsJob::cancel()
{
    m_cancelled = true;
}

ApiJob *RevokeGrantsJob::jobFor(const AccessGrant &grant)
{
    switch (grant.kind) {
    case GrantKind::OAuth1:
        return new RevokeOAuth1Token(m_connection, grant.revokeKey, grant.revokeUrl.path(), this);
    case GrantKind::OAuth2:
        return new RevokeOAuth2Token(m_connection, grant.revokeKey, this);
    case GrantKind::PersonalToken:
        return new RevokePersonalToken(m_connection, grant.revokeKey.toLongLong(), this);
    }
    return nullptr;
}

void RevokeGrantsJob::next()
{
    const qsizetype index = m_outcomes.size();
    if (m_cancelled || index >= m_grants.size()) {
        emit finished();
        return;
    }
    const AccessGrant grant = m_grants.at(index);
    ActivityEntry entry;
    entry.profile = m_who.profile;
    entry.serverUrl = m_who.serverUrl;
    entry.user = m_who.user;
    entry.action = QStringLiteral("revoke-grant");
    entry.target = describe(grant);
    // Written before the request leaves: if we die mid-way, the log says so.
    const qint64 logId = m_log ? m_log->begin(entry) : -1;

    ApiJob *job = jobFor(grant);
    m_current = job;
    connect(job, &ApiJob::finished, this, [this, job, grant, logId] {
        job->deleteLater();
        const ApiError error = job->error();
        if (m_log && logId > 0)
            m_log->complete(logId,
                            error.isError() ? ActivityOutcome::Failed : ActivityOutcome::Succeeded,
                            error.isError() ? error.userMessage() : QString());
        m_outcomes.append(Outcome{grant, error});
        emit progress(int(m_outcomes.size()), int(m_grants.size()));
        next();
    });
    job->start();
}

} // namespace accessdesk
