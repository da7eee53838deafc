#include "services/GrantRevoker.h"

#include "api/AccessTokenJobs.h"
#include "api/PatJobs.h"
#include "services/GrantIds.h"

#include <QTimer>

namespace accessdesk {

RevokeGrantsJob::RevokeGrantsJob(ServerConnection *connection, QList<AccessGrant> grants,
                                 ActivityLog *log, ActivityContext who, QObject *parent)
    : RecordedJob(connection, log, std::move(who), parent)
    , m_grants(std::move(grants))
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
        return new RevokeOAuth1Token(m_connection, grant.revokeKey, grant.revokeUrl, this);
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
    const auto record = beginRecord(QStringLiteral("revoke-grant"), describe(grant));

    ApiJob *job = jobFor(grant);
    m_current = job;
    connect(job, &ApiJob::finished, this, [this, job, grant, record] {
        job->deleteLater();
        const ApiError error = job->error();
        record.complete(error);
        m_outcomes.append(Outcome{grant, error});
        emit progress(int(m_outcomes.size()), int(m_grants.size()));
        next();
    });
    job->start();
}

} // namespace accessdesk
