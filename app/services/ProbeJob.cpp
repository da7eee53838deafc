#include "services/ProbeJob.h"

#include "api/CoreJobs.h"

namespace accessdesk {

ProbeJob::ProbeJob(ServerConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{}

void ProbeJob::start()
{
    auto *serverInfo = new GetServerInfo(m_connection, this);
    auto *myself = new GetMyself(m_connection, this);
    auto *permissions = new GetMyPermissions(m_connection, this);
    auto *pat = new ProbeFeature(m_connection, QStringLiteral("/rest/pat/latest/tokens"), this);
    auto *oauth2 = new ProbeFeature(
        m_connection, QStringLiteral("/rest/oauth2/latest/.well-known/oauth-authorization-server"),
        this);
    auto *applinks =
        new ProbeFeature(m_connection, QStringLiteral("/rest/applinks/3.0/capabilities"), this);

    // The first error of the essential parts wins; feature probes only ever say yes or no.
    auto essential = [this](auto *job, auto take) {
        connect(job, &ApiJob::finished, this, [this, job, take] {
            if (job->succeeded())
                take(job->result());
            else if (!m_error.isError())
                m_error = job->error();
            job->deleteLater();
            onPartFinished();
        });
    };
    essential(serverInfo, [this](const ServerInfo &info) { m_report.server = info; });
    essential(myself, [this](const UserInfo &user) { m_report.user = user; });
    essential(permissions, [this](const PermissionSet &set) {
        m_report.admin = set.isAdmin();
        m_report.sysadmin = set.isSysadmin();
    });
    auto feature = [this](ProbeFeature *job, bool *flag) {
        connect(job, &ApiJob::finished, this, [this, job, flag] {
            *flag = job->succeeded() && job->present();
            job->deleteLater();
            onPartFinished();
        });
    };
    feature(pat, &m_report.personalTokens);
    feature(oauth2, &m_report.oauth2);
    feature(applinks, &m_report.appLinksV3);

    const QList<ApiJob *> parts{serverInfo, myself, permissions, pat, oauth2, applinks};
    m_pending = int(parts.size());
    for (ApiJob *part : parts)
        part->start();
}

void ProbeJob::onPartFinished()
{
    if (--m_pending == 0)
        emit finished();
}

} // namespace accessdesk
